"""The demo's 新源: eleven staff, nine certified (computed, the seed only records certificates),
one certificate flagged for renewal; seeding twice adds nothing."""

import random

from linli.core import modules
from linli.core.tests.world import CommunityFactory
from linli.staff import demo
from linli.staff.models import Certificate
from linli.staff.selectors import CertifiedShare, community_certified_share
from linli.tenancy import demo as tenancy_demo
from linli.tenancy.models import Membership


def test_xinyuan_has_nine_of_eleven_certified(world):
    community = CommunityFactory(code="xinyuan", name="新源社区")
    admin = world.user("admin")
    ctx = modules.DemoContext(
        community=community, rng=random.Random(1), admin=admin, user=tenancy_demo.demo_user, say=print
    )
    tenancy_demo.seed_accounts(ctx)
    for suffix in ("socialworker", "swsupervisor"):  # the socialwork seed's two accounts
        user = tenancy_demo.demo_user(f"xinyuan.{suffix}", suffix)
        Membership.objects.create(user=user, role="worker", community=community)
    assert demo.seed(ctx) == 11
    share = community_certified_share(actor=admin, community_id=community.pk)
    assert share == CertifiedShare(certified=9, staff=11, expiring=1) and share.percent == 82
    assert demo.seed(ctx) == 0 and Certificate.objects.in_community(community).count() == 11
