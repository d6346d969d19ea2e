"""How a resident is shown: masked on the server, and less for those who see names and rooms only."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.identity import mask_id_number, mask_phone
from linli.core.permissions import REVEAL_PII
from linli.core.scoping import Scope, scope_for
from linli.people.models import Resident
from linli.people.permissions import VIEW_PEOPLE
from linli.people.services import resident_pii


def age_on(birth_date: dt.date | None, today: dt.date) -> int | None:
    if birth_date is None:
        return None
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def address_of(resident: Resident) -> str:
    return str(resident.dwelling) if resident.dwelling_id else ""


@dataclass
class ResidentView:
    resident: Resident
    full: bool  # may see the full (masked) record, not only name and room
    can_reveal: bool
    id_number_masked: str
    phone_masked: str
    age: int | None
    address: str
    tags: list

    @property
    def pk(self):
        return self.resident.pk


def present(resident: Resident, scope: Scope, today: dt.date | None = None) -> ResidentView:
    today = today or timezone.localdate()
    full = scope.has(VIEW_PEOPLE, resident.community_id)
    id_masked = phone_masked = ""
    if full:
        id_masked = mask_id_number(resident_pii(resident, "id_number")) if resident.id_number_enc else ""
        phone_masked = mask_phone(resident_pii(resident, "phone")) if resident.phone_enc else ""
    return ResidentView(
        resident=resident,
        full=full,
        can_reveal=full and scope.has(REVEAL_PII, resident.community_id),
        id_number_masked=id_masked,
        phone_masked=phone_masked,
        age=age_on(resident.birth_date, today) if full else None,
        address=address_of(resident),
        tags=[rt.tag for rt in getattr(resident, "visible_tags", [])] if full else [],
    )


def present_all(residents, scope: Scope) -> list[ResidentView]:
    today = timezone.localdate()
    return [present(r, scope, today) for r in residents]


def own_data(user) -> dict | None:
    """Everything the community holds about the user as a resident, for viewing and download."""
    resident = (
        Resident.objects.visible_to(user)
        .filter(user=user)
        .select_related("community", "dwelling__building__compound")
        .first()
    )
    if resident is None:
        return None
    scope = scope_for(user)
    id_number = resident_pii(resident, "id_number")
    phone = resident_pii(resident, "phone")
    tags = [rt.tag.name for rt in resident.resident_tags.select_related("tag").filter(tag__sensitive=False)]
    export = {  # labelled in the reader's language
        _("姓名"): resident.name,
        _("性别"): resident.get_gender_display(),
        _("出生日期"): resident.birth_date.isoformat() if resident.birth_date else "",
        _("民族"): resident.ethnicity,
        _("身份证号"): id_number,
        _("电话"): phone,
        _("人口类型"): resident.get_residence_display(),
        _("户籍地址"): resident.hukou_address,
        _("现住址"): address_of(resident),
        _("社区"): resident.community.name,
        _("迁入日期"): resident.moved_in_date.isoformat() if resident.moved_in_date else "",
        _("职业/工作单位"): resident.occupation,
        _("标签"): tags,
        _("特长"): [t.skill for t in resident.talents.all()],
    }
    return {
        "resident_id": resident.pk,
        "community_id": resident.community_id,
        "view": present(resident, scope),
        "export": export,
        "export_id": id_number or None,
        "export_phone": phone or None,
        "id_number_masked": mask_id_number(id_number) if id_number else "",
        "phone_masked": mask_phone(phone) if phone else "",
        "tags": tags,
    }
