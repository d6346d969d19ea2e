"""The project library: claims up to the cap (also at once), progress with photos, evaluation."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.core.tests.world import PNG
from linli.volunteering import services as v
from linli.volunteering.models import Claim, Project


def _project(world, **extra) -> Project:
    data = {"title": "楼道微改造", "need": "清理楼道杂物、刷墙", "capacity": 1, **extra}
    return v.project_save(actor=world.user("secretary"), community=world.a, data=v.ProjectInput(**data))


def test_claims_stop_at_the_cap_and_say_so(world):
    sec, vol = world.user("secretary"), world.vol
    project = vol.project  # cap 2, claimed by 王芳
    v.project_claim(actor=sec, project=project, team=vol.team)
    with pytest.raises(ConflictError, match="名额已满"):
        v.project_claim(actor=sec, project=project, volunteer=vol.guest)
    with pytest.raises(ConflictError, match="已经认领"):
        v.project_claim(actor=world.user("resident"), project=project, volunteer=vol.wang)
    with pytest.raises(PermissionDeniedError):
        v.project_claim(actor=world.user("resident"), project=project, volunteer=vol.guest)  # not herself
    v.claim_withdraw(actor=world.user("resident"), claim=vol.claim)
    v.project_claim(actor=sec, project=project, volunteer=vol.guest)  # the freed place
    assert Project.objects.unscoped().get(pk=project.pk).claim_count == 2
    with pytest.raises(DomainError, match="名额不能少于"):
        v.project_save(actor=sec, community=world.a, project=project, data=v.ProjectInput(
            title=project.title, need=project.need, capacity=1))  # fmt: skip


def test_progress_with_photos_and_evaluation_close_the_project(world):
    sec, vol = world.user("secretary"), world.vol
    photo = SimpleUploadedFile("入户.png", PNG, content_type="image/png")
    update = v.claim_report(actor=world.user("resident"), claim=vol.claim, text="已上门看望李奶奶两次", files=[photo])
    assert update.photos.get().content_type == "image/png"
    fake = SimpleUploadedFile("病毒.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    with pytest.raises(DomainError, match="不是照片"):
        v.claim_report(actor=world.user("resident"), claim=vol.claim, text="再报一次", files=[fake])
    with pytest.raises(DomainError, match="1到5星"):
        v.project_evaluate(actor=sec, project=vol.project, rating=9, text="")
    v.project_evaluate(actor=sec, project=vol.project, rating=5, text="老人很满意")
    done = Project.objects.unscoped().get(pk=vol.project.pk)
    assert (done.state, done.rating) == ("done", 5)
    with pytest.raises(ConflictError):
        v.project_claim(actor=sec, project=done, volunteer=vol.guest)
    with pytest.raises(DomainError, match="还没有人认领"):
        v.project_evaluate(actor=sec, project=_project(world), rating=4, text="")


@pytest.mark.django_db(transaction=True)
def test_five_claiming_the_last_two_places_at_once_two_get_them():
    from linli.core.tests.world import build_world

    world = build_world()
    sec = world.user("secretary")
    project = _project(world, capacity=2)
    people = [v.volunteer_save(actor=sec, community=world.a, data=v.VolunteerInput(name=f"志愿者{i}"))
              for i in range(5)]  # fmt: skip
    barrier, outcomes = threading.Barrier(5), []

    def claim(volunteer):
        try:
            barrier.wait(timeout=10)
            v.project_claim(actor=sec, project=project, volunteer=volunteer)
            outcomes.append("ok")
        except ConflictError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["full", "full", "full", "ok", "ok"], outcomes
    assert Claim.objects.unscoped().filter(project=project, status="active").count() == 2
    assert Project.objects.unscoped().get(pk=project.pk).claim_count == 2


def _events(subject_type: str, pk: int) -> list[str]:
    rows = Event.objects.filter(module="volunteering", subject_type=subject_type, subject_id=pk).order_by("pk")
    return list(rows.values_list("kind", flat=True))


def test_posting_claiming_withdrawing_and_closing_leave_rows_on_the_project(world):
    sec, project = world.user("secretary"), _project(world)
    claim = v.project_claim(actor=sec, project=project, volunteer=world.vol.guest)
    v.claim_withdraw(actor=sec, claim=claim)
    v.project_close(actor=sec, project=project)
    kinds = _events("volunteer_project", project.pk)
    assert kinds == ["project_posted", "project_claimed", "claim_withdrawn", "project_closed"]


def test_closing_twice_is_refused_and_leaves_one_row(world):
    sec, project = world.user("secretary"), _project(world)
    v.project_close(actor=sec, project=project)
    with pytest.raises(ConflictError):
        v.project_close(actor=sec, project=project)
    assert _events("volunteer_project", project.pk).count("project_closed") == 1
