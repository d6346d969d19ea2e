"""Every change of the party organisation leaves an event row (party/events.py); the node's rows are its
timeline on the org page; a refused change leaves neither a change nor a row."""

import pytest
from django.test import Client

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.party import services
from linli.party.models import PartyMember, PartyOrg, ReportIn


def _kinds(subject_type: str, pk: int) -> list[str]:
    return list(Event.objects.filter(subject_type=subject_type, subject_id=pk).values_list("kind", flat=True))


def test_creating_and_editing_a_node_are_recorded_and_an_unchanged_save_is_not(world):
    sec = world.user("secretary")
    group = services.org_save(actor=sec, community=world.a, org=None, name="1栋党小组", level="group",
                              parent=world.party_branch, place_id=world.building1.pk)  # fmt: skip
    services.org_save(actor=sec, community=world.a, org=group, name="1栋党小组", level="group",
                      parent=world.party_branch, place_id=world.building1.pk, leader="陈建国")  # fmt: skip
    services.org_save(actor=sec, community=world.a, org=group, name="1栋党小组", level="group",
                      parent=world.party_branch, place_id=world.building1.pk, leader="陈建国")  # fmt: skip
    assert _kinds("party_org", group.pk) == ["org_edited", "org_created"]
    edited = Event.objects.get(subject_id=group.pk, kind="org_edited")
    assert (edited.data["fields"], edited.actor, edited.community_id) == (["leader"], sec, world.a.pk)


def test_a_refused_edit_changes_nothing_and_records_nothing(world):
    branch, before = world.party_branch, Event.objects.count()
    with pytest.raises(PermissionDeniedError):
        services.org_save(actor=world.user("worker"), community=world.a, org=branch, name="改名", level="branch",
                          parent=branch.parent)  # fmt: skip
    assert PartyOrg.objects.in_community(world.a).get(pk=branch.pk).name == branch.name
    assert Event.objects.count() == before


def test_a_member_added_and_moved_out_shows_on_the_nodes_timeline(world):
    sec = world.user("secretary")
    member = services.member_add(actor=sec, org=world.party_branch, name="周明（住在外区）")
    services.member_leave(actor=sec, member=member)
    assert _kinds("party_org", world.party_branch.pk) == ["member_left", "member_added"]
    client = Client()
    client.force_login(sec)
    page = client.get(f"/party/orgs/{world.party_branch.pk}/").content.decode()
    assert "党员组织关系转出" in page and "添加了党员" in page and "周明（住在外区）" in page


def test_a_refused_member_change_records_nothing(world):
    with pytest.raises(PermissionDeniedError):
        services.member_add(actor=world.user("worker"), org=world.party_branch, name="某某")
    with pytest.raises(PermissionDeniedError):
        services.member_leave(actor=world.user("worker"), member=world.party_member)
    services.member_leave(actor=world.user("secretary"), member=world.party_member)
    with pytest.raises(DomainError, match="已转出"):
        services.member_leave(actor=world.user("secretary"), member=world.party_member)
    assert PartyMember.objects.in_community(world.a).filter(org=world.party_branch).count() == 1
    assert _kinds("party_org", world.party_branch.pk) == ["member_left"]


def test_a_report_in_is_recorded_from_submission_to_its_end(world):
    sec, row = world.user("secretary"), world.vol.report_in
    assert _kinds("report_in", row.pk) == ["report_in_submitted"]
    services.report_in_confirm(actor=sec, row=row)
    services.report_in_end(actor=sec, row=row)
    assert _kinds("report_in", row.pk) == ["report_in_ended", "report_in_confirmed", "report_in_submitted"]


def test_a_declined_report_in_keeps_its_reason_and_a_second_decision_changes_nothing(world):
    sec, row = world.user("secretary"), world.vol.report_in
    services.report_in_decline(actor=sec, row=row, reason="请先到社区登记住址")
    with pytest.raises(DomainError):
        services.report_in_confirm(actor=sec, row=row)
    with pytest.raises(PermissionDeniedError):
        services.report_in_end(actor=world.user("worker"), row=row)
    assert ReportIn.objects.in_community(world.a).get(pk=row.pk).status == ReportIn.Status.DECLINED
    declined = Event.objects.get(subject_type="report_in", subject_id=row.pk, kind="report_in_declined")
    assert declined.data["note"] == "请先到社区登记住址"
    assert _kinds("report_in", row.pk) == ["report_in_declined", "report_in_submitted"]
