"""The roll of a session: the lecturer (or staff) ticks who came, on the phone, one tap per name;
a walk-in is added at the door. The session counts as held once anyone is marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.college.models import Attendance, Session
from linli.college.permissions import MANAGE_COLLEGE
from linli.college.services.common import CollegeError
from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def may_take_roll(actor: User, session: Session) -> bool:
    return session.course.lecturer.user_id == actor.pk or scope_for(actor).has(MANAGE_COLLEGE, session.community_id)


def _open_for_roll(actor: User, session: Session) -> None:
    if not may_take_roll(actor, session):
        raise PermissionDeniedError(_("只有这门课的讲师和社区工作人员可以点名。"))
    if session.status == Session.Status.CANCELLED:
        raise CollegeError(_("这次课已取消，不能点名。"), code="cancelled")
    if session.date > timezone.localdate():
        raise CollegeError(
            _("这次课在%(date)s，还没到上课的日子，不能点名。") % {"date": session.date.isoformat()}, code="not_yet"
        )


@transaction.atomic
def mark(*, actor: User, session: Session, resident_id: int, present: bool, walk_in: bool = False) -> bool:
    """Mark one learner present or absent; returns whether he is now present. Marking twice is
    marking once (the unique row); unmarking a learner who was not marked changes nothing."""
    from linli.college.services import enrolment

    _open_for_roll(actor, session)
    resident = Resident.objects.in_community(session.community_id).filter(pk=resident_id).first()
    if resident is None:
        raise CollegeError(_("没有找到这名居民。"), code="resident")
    if not walk_in and resident.pk not in enrolment.enrolled_resident_ids(session.course):
        raise CollegeError(
            _("%(name)s没有报名这门课；如是现场来的，请用“现场加入”。") % {"name": resident.name}, code="not_enrolled"
        )
    rows = Attendance.objects.in_community(session.community_id).filter(session=session, resident=resident)
    if not present:
        rows.delete()
        return False
    if not rows.exists():
        try:
            with transaction.atomic():
                Attendance.objects.create(
                    community_id=session.community_id, session=session, course_id=session.course_id,
                    day=session.date, resident=resident, marked_by=actor, walk_in=walk_in,
                )  # fmt: skip
        except IntegrityError:
            pass  # a second tap that raced the first: already present
    if session.status == Session.Status.SCHEDULED:
        Session.objects.in_community(session.community_id).filter(pk=session.pk).update(status=Session.Status.HELD)
    return True
