"""The two communities of the seed articles and the regions above them."""

from linli.tenancy.models import Community, PartnerOrg, Region

COMMUNITIES = {
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
    parent = None
    for name, level in path:
        parent, _ = Region.objects.get_or_create(parent=parent, name=name, defaults={"level": level})
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
