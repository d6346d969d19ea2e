"""A volunteer's call on a care plan becomes his service hours, through volunteering's public
service (`record_add`: staff who log it vouch for it, so it is counted at once). The contact is
what matters to the person watched: when the hours cannot be taken (the volunteer has left, the
time overlaps another record of his, the one logging may not record volunteers' hours) the contact
stays logged and says why on `hours_problem`; the record's id on the contact keeps it once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from linli.care import events
from linli.care.errors import CareError
from linli.core.errors import DomainError, PermissionDeniedError
from linli.volunteering import selectors as volunteer_selectors
from linli.volunteering import services as volunteer_services

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.care.models import CareContact

DEFAULT_MINUTES = 15
MAX_MINUTES = 240


def clean_minutes(minutes: int | None) -> int:
    """The call's length in minutes: 15 unless given, 1 to 240."""
    if minutes is None:
        return DEFAULT_MINUTES
    if not 1 <= minutes <= MAX_MINUTES:
        raise CareError(_("通话时长须在1到240分钟之间。"), field="minutes")
    return minutes


def volunteer_hours_record(*, actor: User, contact: CareContact, volunteer_id: int) -> None:
    """Record the call's minutes as the volunteer's service (the caller is atomic and has just
    created the contact). A refusal leaves the contact logged, its reason on `hours_problem`."""
    from linli.care.models import CareContact

    contact.hours_problem = None  # type: ignore[attr-defined]
    if contact.service_record_id is not None:
        return
    minutes = contact.minutes or DEFAULT_MINUTES
    volunteer = volunteer_selectors.volunteer_in(contact.community_id, volunteer_id)
    if volunteer is None:
        contact.hours_problem = _("负责的志愿者已不在本社区名单中，时长没有登记。")  # type: ignore[attr-defined]
        return
    data = volunteer_services.RecordInput(
        title=_("关爱电话"), note=_("关爱计划的志愿者电话"),
        started_at=contact.contacted_at - dt.timedelta(minutes=minutes), ended_at=contact.contacted_at,
    )  # fmt: skip
    try:
        with transaction.atomic():
            record = volunteer_services.record_add(actor=actor, volunteer=volunteer, data=data)
    except PermissionDeniedError:
        contact.hours_problem = _(  # type: ignore[attr-defined]
            "志愿者时长没有登记：只有社区工作人员可以为志愿者登记时长，请工作人员在志愿服务中补登。"
        )
        return
    except DomainError as exc:
        contact.hours_problem = _("志愿者时长没有登记：%(why)s") % {"why": exc.message}  # type: ignore[attr-defined]
        return
    CareContact.objects.in_community(contact.community_id).filter(pk=contact.pk).update(service_record_id=record.pk)
    contact.service_record_id = record.pk
    events.volunteer_hours_event(contact=contact, actor=actor, minutes=minutes)
