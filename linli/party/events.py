"""party's events, one typed function per kind (labels: party/module.py `event_kinds`), written in the
same transaction as the change. A node's events are its timeline (the org page); a report-in's are
kept on the report-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.events import person, record
from linli.core.models import Event
from linli.party.models import PartyCandidate, PartyMember, PartyOrg, ReportIn

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _org_event(kind: str, *, org_id: int, community_id: int, actor: User, data: dict | None = None) -> Event:
    return record(
        module="party", kind=kind, subject=("party_org", org_id), community_id=community_id, actor=actor, data=data
    )


def org_created_event(*, org: PartyOrg, actor: User) -> Event:
    return _org_event("org_created", org_id=org.pk, community_id=org.community_id, actor=actor, data={"note": org.name})


def org_edited_event(*, org: PartyOrg, actor: User, changed: list[str]) -> Event:
    data = {"fields": changed}
    return _org_event("org_edited", org_id=org.pk, community_id=org.community_id, actor=actor, data=data)


def member_added_event(*, member: PartyMember, actor: User) -> Event:
    data = {"member": member.pk, "person": person("party_member", member.pk)}
    return _org_event("member_added", org_id=member.org_id, community_id=member.community_id, actor=actor, data=data)


def member_left_event(*, member: PartyMember, actor: User) -> Event:
    data = {
        "member": member.pk,
        "person": person("party_member", member.pk),
        "left_on": member.left_on.isoformat() if member.left_on else "",
    }
    return _org_event("member_left", org_id=member.org_id, community_id=member.community_id, actor=actor, data=data)


def _report_in_event(kind: str, *, row: ReportIn, actor: User, data: dict | None = None) -> Event:
    return record(
        module="party", kind=kind, subject=("report_in", row.pk), community_id=row.community_id, actor=actor, data=data
    )


def report_in_submitted_event(*, row: ReportIn, actor: User) -> Event:
    return _report_in_event("report_in_submitted", row=row, actor=actor)


def report_in_confirmed_event(*, row: ReportIn, actor: User) -> Event:
    return _report_in_event("report_in_confirmed", row=row, actor=actor, data={"volunteer": row.volunteer_id})


def report_in_declined_event(*, row: ReportIn, actor: User, reason: str) -> Event:
    return _report_in_event("report_in_declined", row=row, actor=actor, data={"note": reason})


def report_in_ended_event(*, row: ReportIn, actor: User) -> Event:
    return _report_in_event("report_in_ended", row=row, actor=actor)


def candidate_dismissed_event(*, candidate: PartyCandidate, actor: User) -> Event:
    return record(
        module="party", kind="candidate_dismissed", subject=("party_candidate", candidate.pk),
        community_id=candidate.community_id, actor=actor, data={"note": candidate.reason},
    )  # fmt: skip


def member_changed_event(*, member: PartyMember, actor: User, changed: list[str]) -> Event:
    data = {"member": member.pk, "person": person("party_member", member.pk), "fields": changed}
    return _org_event("member_changed", org_id=member.org_id, community_id=member.community_id, actor=actor, data=data)
