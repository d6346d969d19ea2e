"""The resident list as a spreadsheet, with the list page's filters. Numbers are masked unless the
actor may export them unmasked and gives a reason; either way the export is in the access log."""

from collections import defaultdict
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.exports import age_on
from linli.core.identity import mask_id_number, mask_phone
from linli.core.models import AccessLog
from linli.core.scoping import scope_for
from linli.people import selectors
from linli.people.errors import PeopleError
from linli.people.models import HouseholdMember, ResidentTag
from linli.people.services import resident_pii
from linli.tenancy.permissions import EXPORT_DATA, EXPORT_UNMASKED

BATCH = 2000
# The headers match the import template where they can, so an exported list can be edited and
# imported back (with full numbers, which only an unmasked export has).
HEADERS = [
    "姓名", "性别", "出生日期", "年龄", "民族", "身份证号", "联系电话", "人口类型", "小区", "楼栋", "单元", "房号",
    "户号", "与户主关系", "迁入日期", "状态", "工作单位", "标签", "备注",
]  # fmt: skip


def resident_export(*, actor, filters: selectors.ResidentFilters, unmasked: bool, reason: str = "", request=None):
    """(headers, rows) for the residents the filters select; logs the export first."""
    scope = scope_for(actor)
    community_id = filters.community_id
    if not scope.has(EXPORT_DATA, community_id):
        raise PeopleError(_("你没有导出名单的权限。"), code="forbidden")
    reason = (reason or "").strip()
    if unmasked:
        if not scope.has(EXPORT_UNMASKED, community_id):
            raise PeopleError(_("你没有导出完整身份证号和电话的权限，请导出脱敏名单。"), code="forbidden")
        if len(reason) < MIN_REASON_LENGTH:
            raise PeopleError(_("导出完整身份证号和电话须写明用途（至少4个字），将记入访问日志。"), field="reason")
    residents = selectors.resident_list(actor=actor, filters=filters)
    access_log_write(
        actor=actor,
        action=AccessLog.Action.EXPORT,
        community_id=community_id,
        subject_type="resident_list",
        subject_id=None,
        fields=["id_number", "phone"] if unmasked else ["masked"],
        reason=reason or _("导出脱敏名单"),
        request=request,
    )
    return HEADERS, _rows(residents, scope, community_id, unmasked)


def _rows(residents, scope, community_id: int, unmasked: bool) -> Iterator[list]:
    today = timezone.localdate()
    queryset = residents.select_related("dwelling__building__compound", "dwelling__unit").order_by("pk")
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1].pk
        ids = [r.pk for r in batch]
        households = {
            m.resident_id: m
            for m in HouseholdMember.objects.in_community(community_id)
            .filter(resident_id__in=ids, left_date__isnull=True)
            .select_related("household")
        }
        tags = defaultdict(list)
        for resident_id, name in (
            ResidentTag.objects.visible_to(scope).filter(resident_id__in=ids).values_list("resident_id", "tag__name")
        ):
            tags[resident_id].append(name)
        for r in batch:
            yield _row(r, households.get(r.pk), tags.get(r.pk, []), unmasked, today)


def _row(r, member, tags, unmasked: bool, today) -> list:
    id_number = resident_pii(r, "id_number")
    phone = resident_pii(r, "phone")
    if not unmasked:
        id_number = mask_id_number(id_number) if id_number else ""
        phone = mask_phone(phone) if phone else ""
    d = r.dwelling
    return [
        r.name,
        r.get_gender_display() if r.gender else "",
        r.birth_date,
        age_on(r.birth_date, today),
        r.ethnicity,
        id_number,
        phone,
        r.get_residence_display(),
        d.building.compound.name if d else "",
        d.building.name if d else "",
        d.unit.name if d and d.unit_id else "",
        d.room if d else "",
        member.household.number if member else "",
        member.get_relation_display() if member else "",
        r.moved_in_date,
        r.get_status_display(),
        r.occupation,
        "、".join(tags),
        r.notes,
    ]
