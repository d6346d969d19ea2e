"""Taking a social worker off the roster: refused (nothing changed) while she holds open cases or
supervises someone, with how many to hand over; done, her row stays with its end date and her scope
loses the roster part (her menu no longer shows 我的个案)."""

from django.test import Client
from django.utils import timezone

from linli.core.models import AccessStamp
from linli.core.scoping import forget_scope, scope_for
from linli.socialwork import services as s
from linli.socialwork.models import Case, Practitioner
from linli.socialwork.scope import practitioner_scope


def test_a_social_worker_with_open_cases_is_not_taken_off(world, sw, refused):
    exc = refused(lambda: s.practitioner_end(actor=world.user("secretary"), practitioner=sw.worker), "1 个在案个案")
    assert exc.code == "open_cases" and "移交" in exc.message


def test_a_supervisor_of_someone_is_not_taken_off(world, sw, refused):
    exc = refused(lambda: s.practitioner_end(actor=world.user("secretary"), practitioner=sw.supervisor), "督导 1 位")
    assert exc.code == "supervises"


def test_only_the_secretary_takes_someone_off(world, sw, refused):
    refused(lambda: s.practitioner_end(actor=world.user("worker"), practitioner=sw.worker), "社区书记")


def test_taken_off_she_keeps_her_history_and_loses_the_roster_part(world, sw):
    worker = world.user("worker")
    assert world.a.pk in practitioner_scope(scope_for(worker)).community_ids
    Case.objects.in_community(world.a).filter(social_worker=sw.worker).update(status="closed")
    stamp = AccessStamp.objects.filter(user_id=worker.pk).values_list("token", flat=True).first()
    s.group_close(actor=worker, group=sw.group, evaluation="结束", post_scores={str(sw.group.members.get().pk): "6"})
    ended = s.practitioner_end(actor=world.user("secretary"), practitioner=sw.worker)
    row = Practitioner.objects.in_community(world.a).get(pk=sw.worker.pk)
    assert not row.active and row.ended_on == timezone.localdate() and ended.pk == row.pk
    assert Case.objects.in_community(world.a).filter(social_worker=row).count() == 1  # her case still names her
    # Her sessions' stamp was touched (they rebuild the scope on the next request); rebuilt, no roster part.
    assert AccessStamp.objects.get(user_id=worker.pk).token != stamp
    forget_scope(worker)
    assert world.a.pk not in practitioner_scope(scope_for(worker)).community_ids


def test_the_roster_page_shows_the_refusal_and_the_past(world, sw):
    client = Client()
    client.force_login(world.user("secretary"))
    page = client.post(f"/socialwork/roster/{sw.worker.pk}/end/").content.decode()
    assert "1 个在案个案" in page and Practitioner.objects.in_community(world.a).get(pk=sw.worker.pk).active
    Practitioner.objects.in_community(world.a).filter(pk=sw.worker.pk).update(active=False, ended_on="2026-01-05")
    page = client.get("/socialwork/roster/").content.decode()
    assert "已离开名册" in page and "2026-01-05 离开" in page
