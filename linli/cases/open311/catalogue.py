"""Discovery and the service list: a community's public categories as Open311 services."""

import time

from django.utils.translation import gettext as _

from linli.cases import selectors_open311 as open311_reads
from linli.cases.models import Category
from linli.cases.open311.formats import SPEC, Open311Error, endpoint
from linli.cases.open311.keys import _community
from linli.tenancy.models import Community

_CATEGORY_CACHE: dict[tuple[int, str], tuple[float, Category | None]] = {}


CATEGORY_CACHE_SECONDS = 30


def _filing_category(community: Community, code: str) -> Category | None:
    """The category a POST files under, remembered for half a minute per process: machine clients
    file many cases of few services, and a category changed in the console is seen within 30 s."""
    now = time.monotonic()
    cached = _CATEGORY_CACHE.get((community.pk, code))
    if cached is not None and cached[0] > now:
        return cached[1]
    category = _services(community).filter(code=code).first()
    if len(_CATEGORY_CACHE) > 10_000:
        _CATEGORY_CACHE.clear()
    _CATEGORY_CACHE[(community.pk, code)] = (now + CATEGORY_CACHE_SECONDS, category)
    return category


def forget_categories(**_kwargs) -> None:
    _CATEGORY_CACHE.clear()


def _services(community: Community):
    return open311_reads.public_services(community)


def _service_json(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or category.name,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": category.keywords.replace("，", ","),
        "group": category.handler_org.name if category.handler_org_id else _("社区居委会"),
    }


@endpoint
def discovery(request, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-11-23T00:00:00+08:00",
        "contact": _("请联系所在社区居委会。"),
        "key_service": _("Open311 密钥由社区在“诉求设置”中签发，或由管理员运行 manage.py open311_key。"),
        "endpoints": [
            {
                "specification": SPEC,
                "url": base,
                "changeset": "2026-11-23T00:00:00+08:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            },
        ],
    }
    return data, "discovery", 200


@endpoint
def service_list(request, fmt):
    community = _community(request)
    return [_service_json(c) for c in _services(community)], "services", 200


@endpoint
def service_definition(request, code, fmt):
    community = _community(request)
    category = _services(community).filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("service_code “%(c)s” 不存在。") % {"c": code[:40]})
    attributes = []
    for order, attribute in enumerate(category.attributes or [], start=1):
        item = {
            "variable": True,
            "code": str(attribute.get("code")),
            "datatype": attribute.get("datatype", "string"),
            "required": bool(attribute.get("required")),
            "datatype_description": attribute.get("datatype_description") or None,
            "order": order,
            "description": attribute.get("description") or str(attribute.get("code")),
        }
        if attribute.get("values"):
            item["values"] = [{"key": str(v["key"]), "name": str(v["name"])} for v in attribute["values"]]
        attributes.append(item)
    return {"service_code": category.code, "attributes": attributes}, "service_definition", 200
