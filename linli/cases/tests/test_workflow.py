"""The life of a case: intake from each channel, routing, the atomic claim, progress, resolution,
the reporter's confirmation or reopening, merging, joint handling, mediation, and who may do what."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from linli.cases import services
from linli.cases.models import Case, CaseEvent, Channel, Notice, Status
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.models import AccessLog
from linli.core.tests.world import PNG, UserFactory
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role


def _file(world, actor="secretary", **data):
    data.setdefault("category_id", world.cases.env.pk)
    data.setdefault("description", "小区北门垃圾桶满了三天没人清")
    data.setdefault("building_id", world.building1.pk)
    case, _ = services.case_file(
        actor=world.user(actor), community=world.a, data=services.CaseInput(**data), channel=Channel.STAFF
    )
    return case


def _events(case) -> list[str]:
    return list(CaseEvent.objects.in_community(case.community_id).filter(case=case).values_list("kind", flat=True))


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


def test_staff_filing_accepts_at_once_and_routes_by_category(world):
    case = _file(world)
    assert case.status == Status.ACCEPTED and case.handler_org is None  # the staff team's pool
    repair = _file(world, category_id=world.cases.repair.pk, description="5栋电梯经常停在半层")
    assert repair.status == Status.ASSIGNED and repair.handler_org == world.cases.property_org


def test_on_behalf_of_a_resident_without_a_phone_is_recorded(world):
    case = _file(world, on_behalf=True, reporter_id=world.zhang.pk, contact_name="张三")
    assert case.on_behalf and case.reporter == world.zhang
    first = CaseEvent.objects.in_community(world.a).filter(case=case).first()
    assert "代居民登记" in first.note


def test_partner_sees_only_routed_cases_and_no_registry(world):
    client = Client()
    client.force_login(world.user("property"))
    inbox = client.get("/cases/?box=team").content.decode()
    assert world.cases.leak.title in inbox and world.cases.mediation.title not in inbox
    assert client.get(f"/cases/{world.cases.mediation.pk}/").status_code == 404
    assert client.get(f"/people/residents/{world.wang.pk}/").status_code == 404
    page = client.get(f"/cases/{world.cases.leak.pk}/").content.decode()
    assert "138****5678" in page and "13812345678" not in page
    hoa = Client()
    hoa.force_login(world.user("hoa"))
    assert hoa.get(f"/cases/{world.cases.leak.pk}/").status_code == 404


def test_the_handler_reveals_the_reporters_phone_with_a_reason_and_it_is_logged(world):
    leak = world.cases.leak
    with pytest.raises(DomainError):
        services.reveal_contact(actor=world.user("property"), case=leak, reason="")
    phone = services.reveal_contact(actor=world.user("property"), case=leak, reason="电话约上门维修时间")
    assert phone == "13812345678"
    log = AccessLog.objects.get(subject_type="case", subject_id=leak.pk)
    assert log.fields == "contact_phone" and "13812345678" not in log.reason
    with pytest.raises(PermissionDeniedError):
        services.reveal_contact(actor=world.user("resident"), case=leak, reason="想看看自己的号码")


def test_claiming_is_for_the_handling_organisation(world):
    leak = world.cases.leak
    with pytest.raises(PermissionDeniedError):
        services.case_claim(actor=world.user("hoa"), case=leak)
    services.case_claim(actor=world.user("property"), case=leak)
    other = UserFactory(username="property2")
    Membership.objects.create(user=other, role=Role.PROPERTY, community=world.a, partner_org=world.cases.property_org)
    with pytest.raises(ConflictError, match="已由"):
        services.case_claim(actor=other, case=Case.objects.in_community(world.a).get(pk=leak.pk))


@pytest.mark.django_db(transaction=True)
def test_two_handlers_claiming_at_once_one_gets_it():
    from linli.core.tests.world import build_world

    world = build_world()
    other = UserFactory(username="property2")
    Membership.objects.create(user=other, role=Role.PROPERTY, community=world.a, partner_org=world.cases.property_org)
    users = [world.user("property"), other]
    barrier = threading.Barrier(2)
    outcomes = []

    def claim(user):
        try:
            case = Case.objects.in_community(world.a).get(pk=world.cases.leak.pk)
            barrier.wait(timeout=10)
            services.case_claim(actor=user, case=case)
            outcomes.append(("ok", user.pk))
        except ConflictError as exc:
            outcomes.append(("taken", exc.message))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(o[0] for o in outcomes) == ["ok", "taken"], outcomes
    winner = next(o[1] for o in outcomes if o[0] == "ok")
    case = Case.objects.in_community(world.a).get(pk=world.cases.leak.pk)
    assert case.assignee_id == winner and case.status == Status.IN_PROGRESS
    assert CaseEvent.objects.in_community(world.a).filter(case=case, kind="claimed").count() == 1


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


def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(world):
    before = (Case.objects.unscoped().count(), CaseEvent.objects.unscoped().count())
    bad = [
        ({"category_id": 999999}, "类别"),
        ({"category_id": world.cases.env.pk, "building_id": world.dwelling_b.building_id}, "不在本社区"),
        ({"dwelling_id": world.dwelling_b.pk}, "不在本社区"),
        ({"description": "漏"}, "至少4个字"),
        ({"contact_phone": "12345"}, "电话号码"),
        ({"urgency": "very"}, "紧急程度"),
        ({"building_id": None, "address_text": ""}, "地点"),
        (
            {"files": [SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is an exe", content_type="image/jpeg")]},
            "不是照片",
        ),
        (
            {
                "files": [
                    SimpleUploadedFile(
                        "big.jpg", b"\xff\xd8\xff" + b"0" * (10 * 1024 * 1024), content_type="image/jpeg"
                    )
                ]
            },
            "10 MB",
        ),
    ]
    for data, message in bad:
        with pytest.raises(DomainError, match=message):
            _file(world, **data)
    assert (Case.objects.unscoped().count(), CaseEvent.objects.unscoped().count()) == before


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


def test_who_may_do_what(world):
    leak = world.cases.leak
    with pytest.raises(PermissionDeniedError):
        services.case_accept(actor=world.user("property"), case=leak)
    with pytest.raises(PermissionDeniedError):
        services.case_resolve(actor=world.user("resident"), case=leak, note="我自己修好了")
    with pytest.raises(PermissionDeniedError):
        services.case_escalate(actor=world.user("hoa"), case=leak, reason="越权上报试试")
    with pytest.raises(PermissionDeniedError):
        services.case_file(
            actor=world.user("supervisor"),
            community=world.a,
            channel=Channel.SELF,
            data=services.CaseInput(category_id=world.cases.env.pk, description="督导试登记", address_text="x"),
        )


def test_reassigning_needs_a_reason_and_names_the_new_handler(world):
    leak = world.cases.leak
    with pytest.raises(DomainError, match="改派原因"):
        services.case_assign(actor=world.user("secretary"), case=leak, handler_org_id=world.cases.hoa_org.pk)
    services.case_assign(
        actor=world.user("secretary"),
        case=leak,
        handler_org_id=world.cases.hoa_org.pk,
        reason="涉及公共维修基金，由业委会牵头",
    )
    leak.refresh_from_db()
    assert leak.handler_org == world.cases.hoa_org
    assert CaseEvent.objects.in_community(world.a).filter(case=leak, kind="reassigned").exists()
    with pytest.raises(DomainError, match="承办人不属于"):
        services.case_assign(
            actor=world.user("secretary"),
            case=leak,
            handler_org_id=world.cases.hoa_org.pk,
            assignee_id=world.user("property").pk,
            reason="指定到人",
        )


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


def test_joint_handling_closes_only_when_every_commitment_is_done(world):
    case = world.cases.joint
    parties = {p.party: p for p in case.parties.all()}
    assert set(parties) == {"community", "property", "hoa"}
    # Each party speaks for itself only.
    with pytest.raises(PermissionDeniedError):
        services.joint_position(actor=world.user("property"), party=parties["hoa"], position="同意", commitment="x")
    services.joint_position(
        actor=world.user("property"), party=parties["property"], position="同意拆除", commitment="一周内拆除占道雨棚"
    )
    services.joint_position(actor=world.user("hoa"), party=parties["hoa"], position="支持", commitment="通知业主")
    services.joint_position(
        actor=world.user("secretary"), party=parties["community"], position="牵头", commitment="上门做住户工作"
    )
    services.case_progress(actor=world.user("secretary"), case=case, note="三方已表态")
    with pytest.raises(DomainError, match="3项承诺"):
        services.case_resolve(actor=world.user("secretary"), case=case, note="已办理完毕")
    for party, user in (("property", "property"), ("hoa", "hoa"), ("community", "worker")):
        services.joint_done(actor=world.user(user), party=parties[party], note="已按承诺完成")
    with pytest.raises(ConflictError):
        services.joint_done(actor=world.user("hoa"), party=parties["hoa"], note="再确认一次")
    services.case_resolve(actor=world.user("secretary"), case=case, note="雨棚已拆除，通道恢复")
    assert case.status == Status.RESOLVED


def test_mediation_sessions_agreement_print_and_follow_up(world, today):
    case = world.cases.mediation
    services.mediation_record(
        actor=world.user("worker"),
        case=case,
        kind="session",
        held_on=today,
        place="调解室",
        mediators="李社工、王律师",
        notes="双方陈述，初步同意拆除雨棚外沿",
    )
    services.mediation_record(
        actor=world.user("worker"),
        case=case,
        kind="follow_up",
        held_on=today,
        place="上门",
        mediators="李社工",
        notes="雨棚已改，楼下不再滴水",
    )
    client = Client()
    client.force_login(world.user("worker"))
    page = client.get(f"/cases/{case.pk}/agreement/").content.decode()
    assert "人民调解协议书" in page and "张三拆除雨棚外沿" in page and "签名" in page
    with pytest.raises(DomainError, match="不是纠纷调解"):
        services.mediation_record(
            actor=world.user("worker"),
            case=world.cases.leak,
            kind="session",
            held_on=today,
            place="",
            mediators="x",
            notes="不该记在这里",
        )
    # The mediation is not public, and its parties never show on the residents' pages.
    resident = Client()
    resident.force_login(world.user("resident"))
    assert resident.get(f"/cases/public/{case.pk}/").status_code == 404


def test_residents_see_their_own_and_the_public_cases_without_personal_data(world):
    client = Client()
    client.force_login(world.user("resident"))
    mine = client.get("/cases/mine/").content.decode()
    assert world.cases.leak.title in mine
    other = _file(world, description="东门路灯不亮，晚上很黑", address_text="东门")
    public = client.get(f"/cases/public/{other.pk}/").content.decode()
    assert "东门路灯不亮" in public and "138" not in public
    assert client.get(f"/cases/{other.pk}/").status_code == 404  # not his: the full page is not for him


def test_the_case_page_renders_in_every_state_for_every_side(world):
    """Submitted, accepted, in progress, resolved, closed, rejected, merged, joint and mediation: the
    page answers 200 to staff, the handling partner and the reporter (no template surprises)."""
    sec = world.user("secretary")
    fresh, _ = services.case_file(
        actor=world.user("resident"), community=world.a, channel=Channel.SELF,
        data=services.CaseInput(category_id=world.cases.repair.pk, description="楼下路灯不亮了", address_text="东门"),
    )  # fmt: skip
    rejected, _ = services.case_file(
        actor=world.user("resident"), community=world.a, channel=Channel.SELF,
        data=services.CaseInput(category_id=world.cases.env.pk, description="想让社区帮忙搬家", address_text="家里"),
    )  # fmt: skip
    services.case_reject(actor=sec, case=rejected, reason="不属于社区职责，已告知可找搬家公司")
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_resolve(actor=world.user("property"), case=leak, note="已处理完毕")
    merged = _file(world, description="1栋3楼楼道漏水")
    services.case_merge(actor=sec, case=merged, into=world.cases.joint)
    for case in (fresh, rejected, leak, merged, world.cases.joint, world.cases.mediation):
        for role in ("secretary", "worker", "grid1", "property", "hoa", "resident"):
            client = Client()
            client.force_login(world.user(role))
            response = client.get(f"/cases/{case.pk}/")
            assert response.status_code in (200, 404), (case.status, role, response.status_code)
    client = Client()
    client.force_login(world.user("resident"))
    assert client.get(f"/cases/{leak.pk}/").status_code == 200  # his, awaiting his confirmation
    assert "确认办结" in client.get(f"/cases/{leak.pk}/").content.decode()


def test_malformed_ids_and_dates_in_forms_never_break_a_page(world):
    client = Client()
    client.force_login(world.user("secretary"))
    huge = "9" * 30
    assert client.get(f"/cases/?category={huge}&org=-1&compound=abc").status_code == 200
    assert client.get(f"/places/buildings/?compound={huge}&grid={huge}").status_code == 200
    party = world.cases.joint.parties.get(party="community")
    response = client.post(f"/cases/{world.cases.joint.pk}/joint/{party.pk}/",
                           {"position": "同意", "commitment": "上门沟通", "commitment_due": "2026-02-31"})  # fmt: skip
    assert response.status_code == 302
    assert client.post("/cases/bulk-assign/", {"case": [huge, "x"], "target": "org:" + huge}).status_code == 302
