import datetime as dt

import pytest
from django.utils import timezone

from linli.core.errors import DomainError
from linli.core.models import Event
from linli.socialwork import models as m


@pytest.fixture
def sw(world):
    """The socialwork part of the test world."""
    return world.socialwork


def snapshot(community_id):
    """Every socialwork row of the community and the module's event count."""
    tables = (m.Case, m.Assessment, m.Goal, m.Task, m.SessionNote, m.NoteAddendum, m.NoteComment, m.ReferralOut,
              m.CaseShare, m.Practitioner, m.Programme, m.ProgrammeGoal, m.ProgrammeLink, m.Group, m.GroupMember,
              m.GroupSession, m.Competition, m.Criterion, m.Proposal, m.Judge, m.Score)  # fmt: skip
    rows = [list(t.objects.in_community(community_id).order_by("pk").values()) for t in tables]
    return rows, Event.objects.filter(module="socialwork").count()


@pytest.fixture
def refused(world):
    def check(call, says: str, code: str | None = None):
        before = snapshot(world.a.pk)
        with pytest.raises(DomainError) as exc:
            call()
        assert says in str(exc.value.message), exc.value.message
        if code:
            assert exc.value.code == code
        assert snapshot(world.a.pk) == before
        return exc.value

    return check


@pytest.fixture
def today():
    return timezone.localdate()


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)
