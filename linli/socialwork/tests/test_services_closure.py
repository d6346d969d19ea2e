"""Closure with ratings, the supervisor's sign-off, returning and reopening; the roster's rules."""

import pytest
from django.http import Http404

from linli.socialwork import services as s
from linli.socialwork.models import Case, Level, Practitioner
from linli.socialwork.selectors import case_file, get_case_for, supervision_list
from linli.socialwork.tests.world import add_staff


def _ask(world, sw, ratings=None):
    ratings = {str(sw.goal.pk): "met"} if ratings is None else ratings
    return s.closure_request(actor=world.user("worker"), case=sw.case, reason="目标达成", ratings=ratings)


def test_a_closure_without_a_rating_for_every_goal_is_refused(world, sw, refused):
    refused(lambda: _ask(world, sw, ratings={}), "请为每个服务目标评价成效", code="ratings")


def test_a_rating_outside_the_scale_is_refused(world, sw, refused):
    refused(lambda: _ask(world, sw, ratings={str(sw.goal.pk): "great"}), "请为每个服务目标评价成效")


def test_the_supervisor_signs_the_closure(world, sw):
    _ask(world, sw)
    case = s.closure_sign(actor=world.user("secretary"), case=sw.case)
    assert case.status == Case.Status.CLOSED and case.closed_by == world.user("secretary")
    assert case.goals.get().rating == "met"


def test_the_social_worker_cannot_sign_her_own_closure(world, sw, refused):
    _ask(world, sw)
    refused(lambda: s.closure_sign(actor=world.user("worker"), case=sw.case), "督导")


def test_a_returned_closure_reopens_service_and_a_closed_case_can_be_reopened(world, sw):
    _ask(world, sw)
    assert s.closure_return(actor=world.user("secretary"), case=sw.case, note="再观察一个月").status == "open"
    _ask(world, sw)
    s.closure_sign(actor=world.user("secretary"), case=sw.case)
    case = s.case_reopen(actor=world.user("worker"), case=sw.case, reason="又出现失眠")
    assert case.status == Case.Status.OPEN and case.closed_at is None


def test_other_staff_and_grid_workers_do_not_see_the_case_file(world, sw):
    other = add_staff(world, "worker2", "worker")
    for user in (other, world.user("grid1"), world.user("supervisor"), world.user("outsider")):
        with pytest.raises(Http404):
            case_file(actor=user, pk=sw.case.pk)


def test_a_supervisor_outside_the_team_does_not_see_the_case(world, sw, refused):
    other = add_staff(world, "boss2", "worker")
    Practitioner.objects.create(community=world.a, user=other, level=Level.SENIOR)
    with pytest.raises(Http404):
        get_case_for(other, sw.case.pk)
    refused(lambda: s.note_comment(actor=other, note=sw.note, text_="看看"), "找不到这个个案")


def test_a_colleague_the_file_is_shared_with_may_read_it(world, sw):
    other = add_staff(world, "doctor", "worker")
    s.case_share(actor=world.user("worker"), case=sw.case, user_id=other.pk, reason="家庭医生随访")
    assert case_file(actor=other, pk=sw.case.pk)["role"] == "shared"


def test_the_supervisors_list_puts_high_risk_and_overdue_reviews_first(world, sw):
    import datetime as dt

    from django.utils import timezone

    from linli.socialwork.models import Goal

    Case.objects.in_community(world.a).filter(pk=sw.referral.pk).update(
        status="open", social_worker=sw.worker, intake_date=timezone.localdate(), consent_how="verbal", risk="low"
    )
    Goal.objects.create(
        community=world.a, case=sw.referral, text="x", review_date=timezone.localdate() - dt.timedelta(days=2)
    )
    rows = list(supervision_list(actor=world.user("secretary"), community_id=world.a.pk))
    assert [(r.pk, r.overdue) for r in rows] == [(sw.case.pk, 0), (sw.referral.pk, 1)]  # medium before low
    Case.objects.in_community(world.a).filter(pk=sw.referral.pk).update(risk="medium")
    rows = list(supervision_list(actor=world.user("secretary"), community_id=world.a.pk))
    assert [r.pk for r in rows] == [sw.referral.pk, sw.case.pk]  # same risk: the overdue review first


def test_a_supervisor_needs_the_intermediate_certificate(world, sw, refused):
    junior = add_staff(world, "junior", "worker")
    low = Practitioner.objects.create(community=world.a, user=junior, level=Level.ASSISTANT)
    other = add_staff(world, "worker3", "worker")
    refused(lambda: s.practitioner_save(actor=world.user("secretary"), community_id=world.a.pk, user_id=other.pk,
                                        level=1, supervisor_id=low.pk), "督导须持社会工作师", code="level")  # fmt: skip


def test_only_staff_of_the_community_go_on_the_roster(world, refused):
    refused(lambda: s.practitioner_save(actor=world.user("secretary"), community_id=world.a.pk,
                                        user_id=world.user("resident").pk, level=2), "本社区的工作人员")  # fmt: skip


def test_a_worker_cannot_edit_the_roster(world, refused):
    refused(lambda: s.practitioner_save(actor=world.user("worker"), community_id=world.a.pk,
                                        user_id=world.user("worker").pk, level=3), "社区书记")  # fmt: skip
