"""The two communities of the seed articles and the regions above them."""

from typing import TypedDict

from linli.tenancy.models import Community, PartnerOrg, Region


class CommunitySpec(TypedDict):
    name: str
    path: list[tuple[str, str]]  # (name, level) from the province down to the street
    home_area_prefix: str
    property: str
    hoa: str


COMMUNITIES: dict[str, CommunitySpec] = {
    "xianhu": {
        "name": "仙湖社区",
        "path": [("广东省", "province"), ("佛山市", "city"), ("南海区", "district"), ("丹灶镇", "street")],
        "home_area_prefix": "4406",
        "property": "仙湖物业服务有限公司",
        "hoa": "仙湖花园业主委员会",
    },
    "xinyuan": {
        "name": "新源社区",
        "path": [("山西省", "province"), ("阳泉市", "city"), ("矿区", "district"), ("蔡洼街道", "street")],
        "home_area_prefix": "1403",
        "property": "辰光物业管理有限公司",
        "hoa": "辰光小区业主委员会",
    },
}


def region_path(path: list[tuple[str, str]]) -> Region:
    parent: Region | None = None
    for name, level in path:
        parent, _ = Region.objects.get_or_create(parent=parent, name=name, defaults={"level": level})
    if parent is None:
        raise ValueError("a region path names at least the street")
    return parent


def seed(code: str) -> Community:
    spec = COMMUNITIES[code]
    street = region_path(spec["path"])
    community, _ = Community.objects.get_or_create(
        code=code, defaults={"name": spec["name"], "street": street, "home_area_prefix": spec["home_area_prefix"]}
    )
    for kind, name in ((PartnerOrg.Kind.PROPERTY, spec["property"]), (PartnerOrg.Kind.HOA, spec["hoa"])):
        PartnerOrg.objects.in_community(community).get_or_create(
            community=community, name=name, defaults={"kind": kind}
        )
    return community


# -- demo accounts: one per role and community (password PASSWORD, demo only) -----------------------

PASSWORD = "demo-pass-2026"
STREET_SUPERVISORS = {"danzao.supervisor": "丹灶镇", "caiwa.supervisor": "蔡洼街道"}
STAFF = [
    ("secretary", "secretary", "书记"),
    ("worker", "worker", "社区工作者"),  # not 社工: the social workers of socialwork are others
    ("grid1", "grid_worker", "网格员一"),
    ("grid2", "grid_worker", "网格员二"),
    ("building", "building_head", "楼长"),
    ("property", "property", "物业"),
    ("hoa", "hoa", "业委会"),
    ("resident", "resident", "居民"),
]


def demo_user(username: str, display: str, **extra):
    """The demo's one way to make (or find) an account: every demo account has PASSWORD."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": display, **extra})
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def seed_accounts(ctx) -> None:
    """The community's staff, partner and resident accounts with their memberships."""
    from linli.tenancy.models import Membership

    community = ctx.community
    orgs = {o.kind: o for o in PartnerOrg.objects.in_community(community)}
    for suffix, role, label in STAFF:
        user = demo_user(f"{community.code}.{suffix}", f"{community.name}{label}")
        partner = (
            orgs.get(PartnerOrg.Kind.PROPERTY if role == "property" else PartnerOrg.Kind.HOA)
            if role in ("property", "hoa")
            else None
        )
        Membership.objects.get_or_create(user=user, role=role, community=community, defaults={"partner_org": partner})


def seed_supervisors(ctx) -> None:
    from linli.tenancy.models import Membership

    for username, street in STREET_SUPERVISORS.items():
        user = demo_user(username, f"{street}督导")
        region = Region.objects.get(name=street, level=Region.Level.STREET)
        Membership.objects.get_or_create(user=user, role="supervisor", region=region)
