"""What the engine's services share: its domain error and the locked read of an offering."""

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, DomainError
from linli.participation.models import Offering


class ParticipationError(DomainError):
    pass


def locked(offering: Offering) -> Offering:
    """The offering's row, locked until the transaction ends: every change of its places goes
    through here. PostgreSQL: SELECT … FOR UPDATE. SQLite: the settings open every transaction
    IMMEDIATE (config/settings/base.py), so writers are serialised before they read."""
    return Offering.objects.in_community(offering.community_id).select_for_update().get(pk=offering.pk)


def fmt(at) -> str:
    return timezone.localtime(at).strftime("%m月%d日 %H:%M")


def refuse_if_cancelled(row: Offering) -> None:
    if row.cancelled:
        raise ConflictError(_("“%(title)s”已取消。") % {"title": row.title}, code="cancelled")


def who_for(actor, offering: Offering, resident) -> str | None:
    """How the actor may act for this resident here: "self", "child" (he heads the household of a
    child), "staff" (he runs the offering), or None."""
    from linli.participation import owners

    if actor is None or not actor.is_authenticated:
        return None
    if resident.user_id == actor.pk:
        return "self"
    if owners.may_run(actor, offering):
        return "staff"
    return "child" if _heads_household_of_child(actor, resident, offering) else None


def _heads_household_of_child(actor, resident, offering: Offering) -> bool:
    from linli.participation.audiences import CHILD_AGE, age_on
    from linli.people.models import HouseholdMember

    age = age_on(resident.birth_date, timezone.localdate(offering.starts_at))
    if age is None or age >= CHILD_AGE:
        return False
    current = HouseholdMember.objects.in_community(offering.community_id).filter(left_date__isnull=True)
    household = current.filter(resident=resident).values_list("household_id", flat=True).first()
    return (
        household is not None
        and current.filter(household_id=household, relation="head", resident__user_id=actor.pk).exists()
    )
