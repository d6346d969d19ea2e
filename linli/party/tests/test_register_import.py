"""The register's 政治面貌: party members become 待确认党员 for staff, never members by themselves."""

import pytest
from django.urls import reverse

from linli.core.models import ImportJob
from linli.core.tests.world import ID_WANG
from linli.party.models import PartyCandidate, PartyMember, PartyOrg
from linli.people.models import Resident
from linli.people.tests.test_import import ID_CHEN, ID_LI, ID_SON, rows_of, run, xlsx

HEADER = ["姓名", "身份证号", "小区", "楼栋", "单元", "房号", "政治面貌"]


def _sheet(*rows):
    return xlsx([HEADER, *rows])


def _row(name, number, political):
    return [name, number, "仙湖花园", "1栋", "1单元", "301", political]


def pending(world):
    rows = PartyCandidate.objects.in_community(world.a).filter(status="pending")
    return dict(rows.values_list("name", "kind"))


@pytest.mark.django_db
def test_members_in_the_register_wait_as_candidates_not_on_the_roll(world):
    members = PartyMember.objects.unscoped().count()
    job = run(world, _sheet(_row("李明", ID_LI, "中共党员"), _row("陈静", ID_CHEN, "预备党员"),
                            _row("李小明", ID_SON, "共青团员")))  # fmt: skip
    assert job.mapping.get("political_status") == 6
    assert job.status == ImportJob.Status.DONE, job.message
    assert pending(world) == {"李明": "full", "陈静": "probationary", "张三": "full"}  # 张三: the world's
    assert PartyMember.objects.unscoped().count() == members
    candidate = PartyCandidate.objects.in_community(world.a).get(name="李明")
    assert candidate.resident == Resident.objects.in_community(world.a).get(name="李明")
    assert candidate.source == "导入“登记表.xlsx”第 3 行" and candidate.proposed_by == world.user("secretary")
    assert rows_of(job)[3].changes == "列入待确认党员"


@pytest.mark.django_db
def test_an_unknown_answer_is_reported_and_nothing_is_written(world):
    job = run(world, _sheet(_row("李明", ID_LI, "中共党原"), _row("陈静", ID_CHEN, "群众")))
    assert job.counts["error"] == 1 and job.status == ImportJob.Status.CHECKED
    (column, reason) = rows_of(job)[3].problems[0]
    assert column == "G列 政治面貌" and "中共党原" in reason and "群众" in reason
    assert pending(world) == {"张三": "full"}
    assert not Resident.objects.in_community(world.a).filter(name="陈静").exists()


@pytest.mark.django_db
def test_members_already_on_the_roll_and_re_imports_add_no_candidate(world):
    data = _sheet(_row("王芳", ID_WANG, "中共党员"), _row("李明", ID_LI, "党员"))
    run(world, data)
    second = run(world, data, name="再次.xlsx")
    assert second.counts["unchanged"] == 2, second.counts
    assert pending(world) == {"李明": "full", "张三": "full"}  # 王芳 is a member already


@pytest.mark.django_db
def test_secretary_confirms_a_candidate_onto_a_branch(world, client):
    client.force_login(world.user("secretary"))
    url = reverse("party:candidate_action", args=[world.party_candidate.pk, "confirm"])
    response = client.post(url, {"org": world.party_branch.pk, "joined_on": "2001-07-01"})
    assert response.status_code == 302
    member = PartyMember.objects.in_community(world.a).get(resident=world.zhang)
    assert member.org == world.party_branch and str(member.joined_on) == "2001-07-01"
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "confirmed" and world.party_candidate.member == member


@pytest.mark.django_db
def test_confirming_without_a_branch_or_dismissing_without_a_reason_changes_nothing(world, client):
    client.force_login(world.user("secretary"))
    client.post(reverse("party:candidate_action", args=[world.party_candidate.pk, "confirm"]), {"org": ""})
    client.post(reverse("party:candidate_action", args=[world.party_candidate.pk, "dismiss"]), {"reason": " "})
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "pending"
    assert not PartyMember.objects.in_community(world.a).filter(resident=world.zhang).exists()


@pytest.mark.django_db
def test_worker_sees_candidates_but_cannot_decide(world, client):
    client.force_login(world.user("worker"))
    page = client.get(reverse("party:candidates"))
    assert page.status_code == 200 and "张三" in page.content.decode() and "确认是党员" not in page.content.decode()
    response = client.post(reverse("party:candidate_action", args=[world.party_candidate.pk, "dismiss"]),
                           {"reason": "登记有误"})  # fmt: skip
    assert response.status_code == 404
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "pending"


@pytest.mark.django_db
def test_dismissed_candidate_keeps_the_reason(world, client):
    client.force_login(world.user("secretary"))
    client.post(reverse("party:candidate_action", args=[world.party_candidate.pk, "dismiss"]), {"reason": "登记有误"})
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "dismissed" and world.party_candidate.reason == "登记有误"
    tree = client.get(reverse("party:tree")).content.decode()
    assert "待确认是否列入党员名册" not in tree


@pytest.mark.django_db
def test_ticked_candidates_are_confirmed_onto_the_branch_of_their_grid(world, client):
    branch2 = PartyOrg.objects.create(
        community=world.a, name="第2网格党支部", level="branch", parent=world.party_branch.parent, grid=world.grid2
    )  # 张三 lives in grid 2
    client.force_login(world.user("secretary"))
    page = client.get(reverse("party:candidates")).content.decode()
    assert f'<option value="{branch2.pk}" selected>' in page
    response = client.post(reverse("party:candidates_confirm"), {"ids": [world.party_candidate.pk]})
    assert response.status_code == 302
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "confirmed" and world.party_candidate.member.org == branch2


@pytest.mark.django_db
def test_a_candidate_without_a_suggested_branch_is_left_for_a_choice(world, client):
    client.force_login(world.user("secretary"))
    client.post(reverse("party:candidates_confirm"), {"ids": [world.party_candidate.pk]})
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "pending"


@pytest.mark.django_db
def test_a_worker_cannot_confirm_ticked_candidates(world, client):
    client.force_login(world.user("worker"))
    response = client.post(reverse("party:candidates_confirm"), {"ids": [world.party_candidate.pk]})
    assert response.status_code in (403, 404)
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == "pending"
