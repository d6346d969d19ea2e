"""The resident list as a spreadsheet, with the list page's filters. Numbers are masked unless the
actor may export them unmasked and gives a reason; either way the export is in the access log."""

from collections import defaultdict
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core import crypto
from linli.core.audit import MIN_REASON_LENGTH, access_log_write
from linli.core.exports import age_on
from linli.core.identity import mask_id_number, mask_phone
from linli.core.models import AccessLog
from linli.core.permissions import EXPORT_DATA, EXPORT_UNMASKED
from linli.core.scoping import scope_for
from linli.people import selectors
from linli.people.errors import PeopleError
from linli.people.models import HouseholdMember, Relation, Resident, ResidentTag
from linli.people.services import TABLE

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


COLUMNS = (
    "pk", "uid", "name", "gender", "birth_date", "ethnicity", "id_number_enc", "phone_enc", "residence",
    "dwelling__building__compound__name", "dwelling__building__name", "dwelling__unit__name", "dwelling__room",
    "moved_in_date", "status", "occupation", "notes",
)  # fmt: skip


def _rows(residents, scope, community_id: int, unmasked: bool) -> Iterator[list]:
    """Plain values, a batch at a time (no model instances: a list of 100,000 is mostly this loop)."""
    today = timezone.localdate()
    labels = {
        "gender": {k: str(v) for k, v in Resident.Gender.choices},
        "residence": {k: str(v) for k, v in Resident.Residence.choices},
        "status": {k: str(v) for k, v in Resident.Status.choices},
        "relation": {k: str(v) for k, v in Relation.choices},
    }
    queryset = residents.order_by("pk").values_list(*COLUMNS)
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:BATCH])
        if not batch:
            return
        last = batch[-1][0]
        ids = [r[0] for r in batch]
        households = dict(
            (resident_id, (number, relation))
            for resident_id, number, relation in HouseholdMember.objects.in_community(community_id)
            .filter(resident_id__in=ids, left_date__isnull=True)
            .values_list("resident_id", "household__number", "relation")
        )
        tags = defaultdict(list)
        for resident_id, name in (
            ResidentTag.objects.visible_to(scope).filter(resident_id__in=ids).values_list("resident_id", "tag__name")
        ):
            tags[resident_id].append(name)
        for row in batch:
            yield _row(row, households.get(row[0]), tags.get(row[0], []), unmasked, today, labels)


def _row(r, household, tags, unmasked: bool, today, labels) -> list:
    (pk, uid, name, gender, birth, ethnicity, id_enc, phone_enc, residence, compound, building, unit, room,
     moved_in, status, occupation, notes) = r  # fmt: skip
    id_number = _plain(id_enc, uid, "id_number")
    phone = _plain(phone_enc, uid, "phone")
    if not unmasked:
        id_number = mask_id_number(id_number) if id_number else ""
        phone = mask_phone(phone) if phone else ""
    return [
        name, labels["gender"].get(gender, ""), birth, age_on(birth, today), ethnicity, id_number, phone,
        labels["residence"].get(residence, ""), compound or "", building or "", unit or "", room or "",
        household[0] if household else "", labels["relation"].get(household[1], "") if household else "",
        moved_in, labels["status"].get(status, ""), occupation, "、".join(tags), notes,
    ]  # fmt: skip


def _plain(stored: str, uid, column: str) -> str:
    return crypto.decrypt(stored, table=TABLE, column=column, row=str(uid)) if stored else ""


HOUSEHOLD_HEADERS = ["户号", "小区", "楼栋", "单元", "房号", "户主", "人数", "成员（与户主关系）", "状态", "备注"]


def household_export(*, actor, community_id: int, query: str = "", compound_id: int | None = None, request=None):
    """(headers, rows) for the household list as filtered; names only, no numbers; logged."""
    scope = scope_for(actor)
    if not scope.has(EXPORT_DATA, community_id):
        raise PeopleError(_("你没有导出名单的权限。"), code="forbidden")
    households = selectors.household_list(actor=actor, community_id=community_id, query=query, compound_id=compound_id)
    access_log_write(
        actor=actor, action=AccessLog.Action.EXPORT, community_id=community_id, subject_type="household_list",
        subject_id=None, fields=["names"], reason=_("导出户名单"), request=request,
    )  # fmt: skip
    return HOUSEHOLD_HEADERS, _household_rows(households)


def _household_rows(households) -> Iterator[list]:
    last = None
    while True:
        batch = list(
            households.filter(pk__gt=last).order_by("pk")[:BATCH] if last else households.order_by("pk")[:BATCH]
        )
        if not batch:
            return
        last = batch[-1].pk
        for h in batch:
            d = h.dwelling
            members = sorted(h.current_members, key=lambda m: (m.relation != "head", m.pk))
            head = next((m.resident.name for m in members if m.relation == "head"), "")
            yield [
                h.number,
                d.building.compound.name if d else "",
                d.building.name if d else "",
                d.unit.name if d and d.unit_id else "",
                d.room if d else "",
                head,
                h.member_count,
                "、".join(f"{m.resident.name}（{m.get_relation_display()}）" for m in members),
                h.get_status_display(),
                h.notes,
            ]
