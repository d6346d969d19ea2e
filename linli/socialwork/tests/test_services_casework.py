"""Referral, intake, assessment, plan, sessions and their refusals; a refused action changes nothing."""

from linli.core.models import AccessLog
from linli.messaging.models import Message
from linli.socialwork import services as s
from linli.socialwork.models import Case, Level, SessionNote
from linli.socialwork.selectors import case_file
from linli.socialwork.tests.conftest import days

NEEDS = {"living": "自理", "health": "尚可", "economic": "低保", "support": "无子女", "safety": "燃气老化"}


def test_a_grid_worker_refers_a_resident_seen_on_her_visit(world, sw):
    case = sw.referral
    assert case.status == Case.Status.REFERRED and case.number.startswith("SW")
    assert world.socialwork.case.source == "visit" and world.socialwork.case.source_id == world.care.visit.pk


def test_referring_from_a_visit_someone_not_seen_there_is_refused(world, refused):
    refused(lambda: s.case_refer(actor=world.user("worker"), community_id=world.a.pk, client_id=world.zhang.pk,
                                  source="visit", source_id=world.care.visit.pk, reason="x"),
            "不在该次走访见到的人中")  # fmt: skip


def test_a_grid_worker_cannot_refer_a_resident_outside_her_grids(world, refused):
    refused(lambda: s.case_refer(actor=world.user("grid1"), community_id=world.a.pk, client_id=world.zhang.pk,
                                  source="self", reason="x"), "找不到这位居民")  # fmt: skip


def test_referring_a_client_who_has_an_open_case_is_refused(world, refused):
    refused(lambda: s.case_refer(actor=world.user("worker"), community_id=world.a.pk, client_id=world.wang.pk,
                                  source="self", reason="再次求助"), "已有未结的个案", code="duplicate")  # fmt: skip


def test_a_partner_referral_needs_the_partner_named(world, refused):
    Case.objects.in_community(world.a).filter(pk=world.socialwork.referral.pk).update(status="closed",
                                                                                     intake_date=days(0),
                                                                                     consent_how="signed")  # fmt: skip
    refused(lambda: s.case_refer(actor=world.user("worker"), community_id=world.a.pk, client_id=world.zhang.pk,
                                  source="partner", reason="医院转介"), "须写明转介单位")  # fmt: skip


def test_intake_without_consent_is_refused(world, sw, refused, today):
    refused(lambda: sw_intake(world, sw.referral, consent=""), "未记录服务对象的知情同意", code="consent")


def sw_intake(world, case, consent="verbal", when=None):
    return s.case_intake(actor=world.user("worker"), case=case, consent_how=consent, intake_date=when or days(0))


def test_intake_with_consent_opens_the_case_for_the_social_worker(world, sw):
    case = sw_intake(world, sw.referral)
    assert case.status == Case.Status.OPEN and case.social_worker == sw.worker and case.consent_how == "verbal"


def test_someone_not_on_the_roster_cannot_take_a_case(world, sw, refused):
    refused(lambda: s.case_intake(actor=world.user("grid1"), case=sw.referral, consent_how="signed",
                                   intake_date=days(0)), "登记在册的社工")  # fmt: skip


def test_an_assessment_needs_every_domain(world, sw, refused):
    partial = {**NEEDS, "safety": ""}
    refused(lambda: s.assessment_add(actor=world.user("worker"), case=sw.case, assessed_date=days(0), needs=partial,
                                      risk="low"), "居家安全")  # fmt: skip


def test_a_high_risk_case_needs_a_qualified_social_worker(world, sw, refused):
    from linli.socialwork.models import Practitioner

    Practitioner.objects.in_community(world.a).filter(pk=sw.worker.pk).update(level=Level.ASSISTANT)
    refused(lambda: s.assessment_add(actor=world.user("worker"), case=sw.case, assessed_date=days(0), needs=NEEDS,
                                      risk="high"), "高风险个案", code="level")  # fmt: skip


def test_a_high_risk_assessment_by_a_qualified_worker_marks_the_case(world, sw):
    s.assessment_add(actor=world.user("worker"), case=sw.case, assessed_date=days(0), needs=NEEDS, risk="high")
    assert Case.objects.in_community(world.a).get(pk=sw.case.pk).risk == "high"


def test_a_goal_without_a_review_date_is_refused(world, sw, refused):
    refused(lambda: s.goal_add(actor=world.user("worker"), case=sw.case, text_="按时服药", review_date=""),
            "检视日期", code="review_date")  # fmt: skip


def test_a_task_for_a_volunteer_needs_a_volunteer_of_the_community(world, sw, refused):
    refused(lambda: s.task_add(actor=world.user("worker"), case=sw.case, text_="陪同就医", doer="volunteer",
                                volunteer_id="999999"), "在册的志愿者")  # fmt: skip


def test_a_session_dated_before_intake_is_refused(world, sw, refused):
    refused(lambda: s.session_record(actor=world.user("worker"), case=sw.case, session_date=days(-3), kind="phone",
                                      content="电话"), "不能早于接案日期", code="before_intake")  # fmt: skip


def test_a_session_with_progress_on_another_cases_goal_is_refused(world, sw, refused):
    refused(lambda: s.session_record(actor=world.user("worker"), case=sw.case, session_date=days(0), kind="phone",
                                      content="电话", progress={"999999": "x"}), "不属于本个案")  # fmt: skip


def test_only_the_cases_social_worker_records_sessions(world, sw, refused):
    refused(lambda: s.session_record(actor=world.user("secretary"), case=sw.case, session_date=days(0),
                                      kind="phone", content="电话"), "只有本个案的社工")  # fmt: skip


def test_a_note_is_never_edited_an_addendum_keeps_what_was_written(world, sw):
    import pytest

    note = SessionNote.objects.in_community(world.a).get(pk=sw.note.pk)
    note.content = "改过的内容"
    with pytest.raises(RuntimeError):
        note.save()
    s.note_addendum(actor=world.user("worker"), note=sw.note, text_="日期应为周二")
    note.refresh_from_db()
    assert note.content == "家访，了解日常作息" and note.addenda.get().text == "日期应为周二"


def test_the_supervisor_comments_on_a_note_and_the_worker_cannot(world, sw, refused):
    refused(lambda: s.note_comment(actor=world.user("worker"), note=sw.note, text_="好"), "督导")
    comment = s.note_comment(actor=world.user("secretary"), note=sw.note, text_="注意观察情绪")
    assert comment.note_id == sw.note.pk


def test_a_referral_out_and_its_outcome(world, sw):
    ref = s.referral_out_add(actor=world.user("worker"), case=sw.case, to="hospital", to_name="社区卫生服务中心",
                              reason="睡眠障碍门诊", referred_date=days(0))  # fmt: skip
    s.referral_outcome(actor=world.user("worker"), referral=ref, outcome="accepted", note="已预约")
    ref.refresh_from_db()
    assert ref.outcome == "accepted" and ref.outcome_date == days(0)


def test_every_read_of_the_case_file_is_in_the_access_log(world, sw):
    case_file(actor=world.user("worker"), pk=sw.case.pk)
    case_file(actor=world.user("secretary"), pk=sw.case.pk)
    logged = AccessLog.objects.filter(subject_type="sw_case", subject_id=sw.case.pk, action="read")
    assert sorted(logged.values_list("actor__username", flat=True)) == ["secretary", "worker"]


def test_a_visit_refers_a_person_once_even_after_her_case_closed(world, sw, refused):
    Case.objects.in_community(world.a).filter(pk=sw.case.pk).update(status="closed")
    refused(lambda: s.case_refer(actor=world.user("grid1"), community_id=world.a.pk, client_id=world.wang.pk,
                                  source="visit", source_id=world.care.visit.pk, reason="再次转介"),
            f"个案{sw.case.number}，已结案", code="duplicate")  # fmt: skip


def test_a_case_is_shared_with_staff_only_never_the_property_company(world, sw, refused):
    from linli.socialwork.selectors import colleague_choices

    offered = {uid for uid, _name in colleague_choices(sw.case)}
    assert world.user("grid1").pk in offered
    assert not offered & {world.user(r).pk for r in ("property", "hoa", "building", "resident")}
    refused(lambda: s.case_share(actor=world.user("worker"), case=sw.case, user_id=world.user("property").pk,
                                  reason="协助"), "只能共享给本社区的书记、社区工作者和网格员")  # fmt: skip


def test_a_closure_request_comes_first_on_the_supervisors_list(world, sw):
    from linli.socialwork.selectors import supervision_list

    other = s.case_intake(actor=world.user("worker"), case=sw.referral, consent_how="verbal", intake_date=days(0))
    Case.objects.in_community(world.a).filter(pk=other.pk).update(risk="high")
    Case.objects.in_community(world.a).filter(pk=sw.case.pk).update(status="closing")
    rows = list(supervision_list(actor=world.user("secretary"), community_id=world.a.pk))
    assert [c.pk for c in rows] == [sw.case.pk, other.pk]


def test_a_social_worker_declines_a_referral_with_a_reason_and_it_may_come_again(world, sw, refused):
    refused(lambda: s.case_decline(actor=world.user("worker"), case=sw.referral, reason=""), "不予接案的原因")
    refused(lambda: s.case_decline(actor=world.user("grid1"), case=sw.referral, reason="不属于社工服务"),
            "登记在册的社工")  # fmt: skip
    done = s.case_decline(actor=world.user("worker"), case=sw.referral, reason="已转民政窗口办理")
    assert done.status == Case.Status.DECLINED and done.closed_by == world.user("worker")
    again = s.case_refer(actor=world.user("worker"), community_id=world.a.pk, client_id=world.zhang.pk,
                         source="self", reason="本人再次来访")  # fmt: skip
    assert again.status == Case.Status.REFERRED
    assert not Message.objects.filter(kind="socialwork_referral_declined").exists()  # he declined his own


def test_the_grid_worker_who_referred_is_told_why_it_was_declined(world, sw):
    from linli.people.services import ResidentInput, resident_create

    grid1 = world.user("grid1")
    client = resident_create(
        actor=world.user("secretary"),
        community=world.a,
        data=ResidentInput(name="赵六", phone="13700003333", dwelling_id=world.dwelling1.pk),
    )
    referral = s.case_refer(actor=grid1, community_id=world.a.pk, client_id=client.pk, source="self",
                            reason="入户走访时说想找人聊聊")  # fmt: skip
    s.case_decline(actor=world.user("worker"), case=referral, reason="已在区残联的项目中服务")
    (told,) = Message.objects.filter(recipient=grid1, kind="socialwork_referral_declined")
    assert told.context == {"number": referral.number, "reason": "已在区残联的项目中服务"}
    assert told.link == "/socialwork/refer/"
