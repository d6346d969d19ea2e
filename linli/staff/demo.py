"""The demo's staff certificates. 新源 (seed 002): "如今11名工作人员中有9人持证上岗" — eleven staff,
nine holding the social-work certificate (the socialwork seed's two social workers among them), one
of those due for renewal within 60 days, one of the two others holding another certificate (which the
share does not count). 仙湖: three of its four."""

import datetime as dt

from django.utils import timezone

from linli.staff import certificates as services
from linli.staff.models import Certificate, CertificateKind
from linli.tenancy.models import Membership

A, S, H, OT = CertificateKind.ASSISTANT, CertificateKind.SOCIAL_WORKER, CertificateKind.SENIOR, CertificateKind.OTHER

# username suffix, display name, role (None: an earlier seed's account), certificates:
# (kind, title, issued years ago, valid-until in days from today or None)
XINYUAN = [
    ("secretary", None, None, [(S, "", 6, 400), (A, "", 8, None)]),
    ("worker", None, None, [(S, "", 4, 700)]),
    ("grid1", None, None, [(A, "", 3, 45)]),  # renewal due: flagged on the roster
    ("grid2", None, None, [(A, "", 2, 900)]),
    ("socialworker", None, None, [(S, "", 5, 600)]),  # the socialwork seed's 社会工作师
    ("swsupervisor", None, None, [(H, "", 3, 1000)]),  # and its supervisor, 高级社会工作师
    ("worker2", "李晓燕", "worker", [(S, "", 2, 1000)]),
    ("worker3", "王建国", "worker", [(A, "", 3, 500)]),
    ("grid3", "周海涛", "grid_worker", [(A, "", 1, 1100)]),
    ("worker4", "赵丽", "worker", [(OT, "心理咨询师", 5, None)]),  # not a social-work certificate
    ("grid4", "吴婷", "grid_worker", []),  # joined this year, preparing for the exam
]
XIANHU = [
    ("secretary", None, None, [(S, "", 5, 600)]),
    ("worker", None, None, [(S, "", 3, 300)]),
    ("grid1", None, None, [(A, "", 2, 50)]),
    ("grid2", None, None, []),
]


def _membership(ctx, suffix: str, display: str | None, role: str | None) -> Membership | None:
    community = ctx.community
    if role is None:  # an account an earlier seed made (tenancy's staff, socialwork's social workers)
        return Membership.objects.filter(user__username=f"{community.code}.{suffix}", community=community).first()
    user = ctx.user(f"{community.code}.{suffix}", display)
    membership, _ = Membership.objects.get_or_create(user=user, role=role, community=community)
    return membership


def seed(ctx) -> int:
    community = ctx.community
    roster = {"xinyuan": XINYUAN, "xianhu": XIANHU}.get(community.code)
    if roster is None or Certificate.objects.in_community(community).exists():
        return 0
    today = timezone.localdate()
    n = 0
    for i, (suffix, display, role, held) in enumerate(roster):
        membership = _membership(ctx, suffix, display, role)
        if membership is None:
            continue
        for j, (kind, title, years, days) in enumerate(held):
            issued = today.replace(year=today.year - years, day=1) - dt.timedelta(days=30 * j + i)
            prefix = "14" if community.code == "xinyuan" else "44"
            number = f"{issued.year}{prefix}03{kind[:1].upper()}{ctx.rng.randrange(10**5, 10**6)}"
            services.certificate_add(
                actor=ctx.admin, membership=membership, kind=kind, title=title, number=number, issued_on=issued,
                valid_until=today + dt.timedelta(days=days) if days is not None else None,
            )  # fmt: skip
            n += 1
    return n
