"""The roll of a session: the lecturer (or staff) ticks who came, on the phone, one tap per name,
during the class or afterwards from the paper list; a walk-in is added at the door. The ticks are
the engine's attendance at the session's offering. The session counts as held once anyone is marked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from linli.college.engine import offering_of
from linli.college.models import Session
from linli.college.services.common import CollegeError
from linli.core.errors import PermissionDeniedError
from linli.participation import selectors as engine_reads
from linli.participation import services as engine
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def may_take_roll(actor: User, session: Session) -> bool:
    return engine_reads.may_run(actor, offering_of(session))


@transaction.atomic
def mark(*, actor: User, session: Session, resident_id: int, present: bool, walk_in: bool = False) -> bool:
    """Mark one learner present or absent; returns whether he is now present. Marking twice is
    marking once; unmarking a learner who was not marked changes nothing."""
    if not may_take_roll(actor, session):
        raise PermissionDeniedError(_("只有这门课的讲师和社区工作人员可以点名。"))
    if session.status == Session.Status.CANCELLED:
        raise CollegeError(_("这次课已取消，不能点名。"), code="cancelled")
    resident = Resident.objects.in_community(session.community_id).filter(pk=resident_id).first()
    if resident is None:
        raise CollegeError(_("没有找到这名居民。"), code="resident")
    now = engine.roll_mark(
        actor=actor, offering=offering_of(session), resident=resident, present=present, walk_in=walk_in
    )
    if now and session.status == Session.Status.SCHEDULED:
        Session.objects.in_community(session.community_id).filter(pk=session.pk).update(status=Session.Status.HELD)
    return now


@transaction.atomic
def check_in_code(*, actor: User, session: Session, code: str) -> tuple[str, bool]:
    """A learner's code scanned at the door (the code of his enrolment in the course; a code of
    another course or community is refused by name). Returns his name and whether it was new: a
    second scan counts once."""
    if not may_take_roll(actor, session):
        raise PermissionDeniedError(_("只有这门课的讲师和社区工作人员可以点名。"))
    attendance, created = engine.check_in_code(actor=actor, offering=offering_of(session), code=code.strip())
    if session.status == Session.Status.SCHEDULED:
        Session.objects.in_community(session.community_id).filter(pk=session.pk).update(status=Session.Status.HELD)
    return attendance.name, created
