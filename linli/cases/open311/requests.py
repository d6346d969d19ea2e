"""Service requests: listing the public ones, filing one (a case), one by id or by token."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from linli.cases import selectors_open311 as open311_reads
from linli.cases import services
from linli.cases.models import DONE_STATUSES, Case, Category, Channel, Status
from linli.cases.open311.catalogue import _filing_category
from linli.cases.open311.formats import DEFAULT_DAYS, MAX_RESULTS, Open311Error, _time, endpoint
from linli.cases.open311.keys import _community, _key, _key_with_community
from linli.core.ui import id_param


def _status_notes(case: Case) -> str:
    notes = str(case.get_status_display())
    if case.status == Status.REJECTED or case.status == Status.RESOLVED or case.status == Status.CLOSED:
        last = open311_reads.last_public_note(case)
        if last:
            notes += "：" + last[:300]
    elif case.status == Status.MERGED and case.merged_into_id:
        notes += _("，请关注 %(n)s") % {"n": case.merged_into_id}
    return notes


def _request_json(case: Case, with_notes: bool = True) -> dict:
    return {
        "service_request_id": str(case.pk),
        "status": "closed" if case.status in DONE_STATUSES else "open",
        "status_notes": _status_notes(case) if with_notes else str(case.get_status_display()),
        "service_name": case.category.name,
        "service_code": case.category.code,
        "description": case.description[:4000],
        "agency_responsible": str(case.handler_org) if case.handler_org_id else _("社区居委会"),
        "service_notice": None,
        "requested_datetime": _time(case.created_at),
        "updated_datetime": _time(case.closed_at or case.updated_at),
        "expected_datetime": _time(case.due_at),
        "address": case.public_place or case.address_text or None,
        "address_id": f"B{case.building_id}" if case.building_id else None,
        "zipcode": None,
        "lat": float(case.lat) if case.lat is not None else None,
        "long": float(case.long) if case.long is not None else None,
        "media_url": None,
    }


def _date(request, name: str) -> dt.datetime | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+"))  # a "+" in a query string arrives as a space
    except ValueError:  # well formed but impossible, e.g. 2026-02-31
        value = None
    if value is None:
        raise Open311Error(400, _("%(n)s 不是 W3C 日期时间格式（如 2026-11-01T00:00:00+08:00）。") % {"n": name})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


@endpoint
def requests_view(request, fmt):
    if request.method == "POST":
        return _post_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(400, _("只支持GET和POST。"))
    community = _community(request)
    key = _key(request, community, required=False)
    cases = open311_reads.community_cases(community)
    ids = (request.GET.get("service_request_id") or "").strip()
    if ids:
        wanted = [i.strip() for i in ids.split(",") if i.strip()]
        if not all(i.isascii() and i.isdigit() for i in wanted):
            raise Open311Error(400, _("service_request_id 应为数字，多个用逗号分隔。"))
        found = [
            c for c in cases.filter(pk__in=wanted[:MAX_RESULTS]) if c.public or (key and c.open311_key_id == key.pk)
        ]
        return [_request_json(c) for c in found], "service_requests", 200
    cases = cases.filter(public=True, merged_into__isnull=True)
    codes = [c.strip() for c in (request.GET.get("service_code") or "").split(",") if c.strip()]
    if codes:
        cases = cases.filter(category__code__in=codes)
    start, end = _date(request, "start_date"), _date(request, "end_date")
    if start is None and end is None:
        start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
    if start and end and end < start:
        raise Open311Error(400, _("end_date 早于 start_date。"))
    if start:
        cases = cases.filter(created_at__gte=start)
    if end:
        cases = cases.filter(created_at__lte=end)
    statuses = {s.strip() for s in (request.GET.get("status") or "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status 只能是 open 或 closed（可用逗号分隔）。"))
    if statuses == {"open"}:
        cases = cases.exclude(status__in=DONE_STATUSES)
    elif statuses == {"closed"}:
        cases = cases.filter(status__in=DONE_STATUSES)
    rows = list(cases.order_by("-created_at", "-pk")[:MAX_RESULTS])
    return [_request_json(c, with_notes=False) for c in rows], "service_requests", 200


def _decimal(value: str, name: str, low: int, high: int) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        raise Open311Error(400, _("%(n)s 不是有效的坐标。") % {"n": name})
    return number.quantize(Decimal("0.000001"))


def _address_id(raw: str) -> tuple[int | None, int | None]:
    """B<building id> or D<dwelling id> (as given in our requests' address_id)."""
    raw = raw.strip().upper()
    if len(raw) > 1 and raw[0] in "BD" and raw[1:].isascii() and raw[1:].isdigit():
        return (int(raw[1:]), None) if raw[0] == "B" else (None, int(raw[1:]))
    raise Open311Error(400, _("address_id 应为 B加楼栋号或 D加房屋号，如 B12。"))


def _attributes(request, category: Category) -> str:
    """Check attribute[code] values against the service definition; return them as text lines."""
    lines = []
    for attribute in category.attributes or []:
        code = str(attribute.get("code"))
        values = request.POST.getlist(f"attribute[{code}]")
        values = [v.strip() for v in values if v.strip()]
        if not values:
            if attribute.get("required"):
                raise Open311Error(400, _("缺少必填属性 attribute[%(c)s]。") % {"c": code})
            continue
        allowed = {str(v["key"]): str(v["name"]) for v in attribute.get("values") or []}
        if allowed:
            unknown = [v for v in values if v not in allowed]
            if unknown or (attribute.get("datatype") == "singlevaluelist" and len(values) > 1):
                raise Open311Error(400, _("attribute[%(c)s] 的取值不在可选范围内。") % {"c": code})
            values = [allowed[v] for v in values]
        lines.append(f"{attribute.get('description') or code}：{'、'.join(values)}")
    return "\n".join(lines)


def _post_request(request, fmt):
    key = _key_with_community(request)
    community = key.community
    code = (request.POST.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, _("缺少 service_code。"))
    category = _filing_category(community, code)
    if category is None:
        raise Open311Error(400, _("service_code “%(c)s” 不存在。") % {"c": code[:40]})
    lat = _decimal(request.POST.get("lat", "").strip(), "lat", -90, 90)
    long = _decimal(request.POST.get("long", "").strip(), "long", -180, 180)
    address = (request.POST.get("address_string") or "").strip()
    address_id = (request.POST.get("address_id") or "").strip()
    if (lat is None) != (long is None):
        raise Open311Error(400, _("lat 和 long 要同时提供。"))
    if lat is None and not address and not address_id:
        raise Open311Error(400, _("请提供地点：lat/long、address_string 或 address_id 之一。"))
    building_id, dwelling_id = _address_id(address_id) if address_id else (None, None)
    description = (request.POST.get("description") or "").strip()
    extra = _attributes(request, category)
    name = " ".join(
        x for x in [request.POST.get("last_name", "").strip(), request.POST.get("first_name", "").strip()] if x
    )
    # A client retrying the same POST (same key, same fields, same day) gets the case filed first.
    intake_key = services.intake_key_for(
        str(key.pk),
        str(timezone.localdate()),
        *(f"{k}={'|'.join(request.POST.getlist(k))}" for k in sorted(request.POST) if k != "api_key"),
    )
    data = services.CaseInput(
        category_id=category.pk,
        category=category,
        description="\n".join(x for x in [description, extra] if x) or category.name,
        building_id=building_id,
        dwelling_id=dwelling_id,
        address_text=address[:200],
        lat=lat,
        long=long,
        contact_name=name[:50],
        contact_phone=(request.POST.get("phone") or "").strip(),
        anonymous=not (name or request.POST.get("phone")),
        intake_key=intake_key,
    )
    case, _created = services.case_file(
        actor=None, community=community, data=data, channel=Channel.OPEN311, open311_key=key
    )
    data = [
        {
            "service_request_id": str(case.pk),
            "service_notice": _("已收到，编号%(n)s。") % {"n": case.number},
            "account_id": None,
        }
    ]
    return data, "service_requests", 201 if _created else 200


@endpoint
def request_detail(request, pk, fmt):
    community = _community(request)
    key = _key(request, community, required=False)
    case = open311_reads.case_in(community, pk)
    if case is None or not (case.public or (key and case.open311_key_id == key.pk)):
        raise Open311Error(404, _("service_request_id %(id)s 不存在。") % {"id": pk})
    return [_request_json(case)], "service_requests", 200


@endpoint
def token_detail(request, token, fmt):
    """We answer POSTs with the service_request_id at once, so a token is that id."""
    community = _community(request)
    case = open311_reads.case_in(community, id_param(token) or 0)
    if case is None:
        raise Open311Error(404, _("token %(t)s 不存在。") % {"t": token[:40]})
    return [{"service_request_id": str(case.pk), "token": token}], "service_requests", 200
