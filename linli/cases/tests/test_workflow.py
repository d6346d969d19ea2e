"""A case worked to its end: progress, resolution, the reporter's confirmation or reopening,
escalation and merging, and steps out of turn refused (services/workflow.py)."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from linli.cases import services
from linli.cases.models import Case, CaseEvent, Channel, Notice, Status
from linli.cases.tests.helpers import events_of as _events
from linli.core.errors import ConflictError, DomainError
from linli.core.tests.world import PNG


def test_a_resident_files_and_follows_a_case_to_closed(world):
    leak = world.cases.leak  # filed by the resident, accepted by the secretary, routed to the property company
    assert leak.channel == Channel.SELF and leak.reporter == world.wang
    leak.refresh_from_db()
    assert leak.status == Status.ASSIGNED and leak.handler_org == world.cases.property_org
    assert leak.number.startswith(str(leak.created_at.year)) and leak.contact_phone_masked == "138****5678"
    assert "13812345678" not in leak.contact_phone_enc  # encrypted at rest
    # The property company was told, and takes it.
    assert Notice.objects.visible_to(world.user("property")).filter(case=leak).exists()
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_progress(actor=world.user("property"), case=leak, note="已联系防水班组，明天上门")
    services.case_resolve(
        actor=world.user("property"),
        case=leak,
        note="已重做楼顶防水层",
        files=[SimpleUploadedFile("完工.png", PNG, content_type="image/png")],
    )
    assert leak.status == Status.RESOLVED
    assert Notice.objects.visible_to(world.user("resident")).filter(case=leak, kind="resolved").exists()
    services.case_confirm(actor=world.user("resident"), case=leak, satisfaction=5, comment="修得很好")
    assert leak.status == Status.CLOSED and leak.satisfaction == 5 and leak.closed_at
    assert _events(leak) == ["submitted", "accepted", "assigned", "claimed", "progress", "resolved", "confirmed"]
    assert leak.attachments.count() == 2


def test_not_satisfied_reopens_to_the_same_handler(world):
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_resolve(actor=world.user("property"), case=leak, note="已处理完毕")
    services.case_reopen(actor=world.user("resident"), case=leak, reason="还是在漏水，昨天下雨又漏了", satisfaction=2)
    leak.refresh_from_db()
    assert leak.status == Status.IN_PROGRESS and leak.reopen_count == 1 and leak.assignee == world.user("property")
    assert Notice.objects.visible_to(world.user("property")).filter(case=leak, kind="reopened").exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_confirmation_sent_twice_at_once_closes_once():
    from linli.core.tests.world import build_world

    world = build_world()
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_resolve(actor=world.user("property"), case=leak, note="已处理完毕")
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            case = Case.objects.in_community(world.a).get(pk=leak.pk)
            barrier.wait(timeout=10)
            services.case_confirm(actor=world.user("resident"), case=case, satisfaction=4)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert CaseEvent.objects.in_community(world.a).filter(case=leak, kind="confirmed").count() == 1


def test_steps_out_of_turn_are_refused(world):
    leak = world.cases.leak
    with pytest.raises(ConflictError):  # not resolved yet
        services.case_confirm(actor=world.user("resident"), case=leak, satisfaction=5)
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_resolve(actor=world.user("property"), case=leak, note="已处理完毕")
    with pytest.raises(DomainError, match="1到5"):
        services.case_confirm(actor=world.user("resident"), case=leak, satisfaction=7)
    services.case_confirm(actor=world.user("resident"), case=leak, satisfaction="5")
    events = CaseEvent.objects.in_community(world.a).filter(case=leak).count()
    with pytest.raises(DomainError, match="已办结"):
        services.case_comment(actor=world.user("resident"), case=leak, note="再补充一句")
    with pytest.raises(DomainError, match="已办结"):
        services.case_progress(actor=world.user("property"), case=leak, note="补记")
    assert CaseEvent.objects.in_community(world.a).filter(case=leak).count() == events


def test_escalation_tells_the_secretary(world):
    leak = world.cases.leak
    services.case_escalate(actor=world.user("property"), case=leak, reason="需要业委会动用维修基金")
    assert Notice.objects.visible_to(world.user("secretary")).filter(case=leak, kind="escalated").exists()
    assert leak.escalation == 1


def test_a_duplicate_merges_and_its_reporter_follows_the_original(world):
    original = world.cases.leak
    dup, _ = services.case_file(
        actor=world.user("building"),
        community=world.a,
        channel=Channel.BUILDING_HEAD,
        data=services.CaseInput(
            category_id=world.cases.repair.pk, description="1栋3楼楼道天花板漏水", building_id=world.building1.pk
        ),
    )
    from linli.cases.selectors import similar_open_cases

    similar = similar_open_cases(
        actor=world.user("secretary"),
        community_id=world.a.pk,
        text=dup.description,
        building_id=world.building1.pk,
        exclude_pk=dup.pk,
    )
    assert [c.pk for c, _score in similar] == [original.pk]
    services.case_merge(actor=world.user("secretary"), case=dup, into=original)
    dup.refresh_from_db()
    assert dup.status == Status.MERGED and dup.merged_into == original
    # The building head filed the duplicate: he now follows the original.
    assert Case.objects.visible_to(world.user("building")).filter(pk=original.pk).exists()
    with pytest.raises(DomainError):
        services.case_merge(actor=world.user("secretary"), case=original, into=original)
