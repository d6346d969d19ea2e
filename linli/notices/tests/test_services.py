"""Writing, targeting, approving and publishing notices; each refusal leaves nothing behind."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from linli.core.errors import PermissionDeniedError
from linli.messaging.models import Message
from linli.notices import services
from linli.notices.models import Notice, NoticeAttachment, NoticeRecipient
from linli.notices.services import NoticeInput
from linli.notices.services import common as msg
from linli.notices.tests.helpers import committed
from linli.people.models import Resident, ResidentTag

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _data(**kw) -> NoticeInput:
    return NoticeInput(**{"title": "停水通知", "body": "周三停水。", "audience": {"whole": True}} | kw)


def _publish(world, who="secretary", **kw):
    return committed(services.notice_publish, actor=world.user(who), community_id=world.a.pk, data=_data(**kw))


def _reached(notice) -> set[str]:
    rows = NoticeRecipient.objects.in_community(notice.community_id).filter(notice=notice)
    return set(rows.values_list("resident__name", flat=True))


def _count(world) -> tuple[int, int, int]:
    a = world.a
    return (Notice.objects.in_community(a).count(), NoticeAttachment.objects.in_community(a).count(),
            NoticeRecipient.objects.in_community(a).count())  # fmt: skip


def test_a_notice_to_a_building_reaches_its_residents_only(world):
    notice = _publish(world, audience={"buildings": [world.building1.pk]})
    assert notice.status == "published" and _reached(notice) == {"王芳"}


def test_a_notice_to_a_compound_reaches_every_building_of_it(world):
    assert _reached(_publish(world, audience={"compounds": [world.compound.pk]})) == {"王芳", "张三"}


def test_a_notice_to_a_grid_reaches_the_grids_buildings(world):
    assert _reached(_publish(world, audience={"grids": [world.grid2.pk]})) == {"张三"}


def test_a_tag_narrows_the_places_to_those_who_carry_it(world):
    ResidentTag.objects.create(community=world.a, resident=world.zhang, tag=world.plain_tag)
    both = _publish(world, audience={"compounds": [world.compound.pk], "tags": [world.plain_tag.pk]})
    assert _reached(both) == {"张三"}


def test_a_tag_alone_reaches_its_carriers_in_the_whole_community(world):
    ResidentTag.objects.create(community=world.a, resident=world.wang, tag=world.plain_tag)
    assert _reached(_publish(world, audience={"tags": [world.plain_tag.pk]})) == {"王芳"}


def test_residents_who_moved_out_are_not_reached(world):
    Resident.objects.in_community(world.a).filter(pk=world.zhang.pk).update(status="moved_out")
    assert _reached(_publish(world)) == {"王芳"}


def test_the_whole_community_reaches_no_other_community(world):
    assert _reached(_publish(world)) == {"王芳", "张三"}


@pytest.mark.parametrize(
    ("audience", "message"),
    [({}, msg.NO_TARGET), ({"whole": False, "buildings": []}, msg.NO_TARGET)],
)
def test_a_notice_to_nobody_is_refused_and_nothing_is_saved(world, audience, message):
    before = _count(world)
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, audience=audience)
    assert exc.value.message == message and _count(world) == before


def test_a_notice_whose_places_hold_no_residents_is_refused(world):
    from linli.places.models import Building

    empty = Building.objects.create(community=world.a, compound=world.compound, name="9栋")
    before = _count(world)
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, audience={"buildings": [empty.pk]})
    assert exc.value.code == "reaches_nobody" and _count(world) == before


def test_a_sensitive_tag_the_author_may_not_see_is_refused(world):
    before = _count(world)
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, "grid1", audience={"grids": [world.grid1.pk], "tags": [world.sensitive_tag.pk]})
    assert exc.value.message == msg.HIDDEN_TAG and _count(world) == before


def test_a_tag_of_another_community_is_refused(world):
    from linli.people.models import Tag

    theirs = Tag.objects.create(community=world.b, name="独居老人")
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, audience={"tags": [theirs.pk]})
    assert exc.value.code == "hidden_tag"


def test_the_secretary_may_target_a_sensitive_tag(world):
    ResidentTag.objects.create(community=world.a, resident=world.zhang, tag=world.sensitive_tag)
    assert _reached(_publish(world, audience={"tags": [world.sensitive_tag.pk]})) == {"张三"}


def test_an_oversized_attachment_is_refused_with_its_size_and_nothing_is_saved(world):
    big = SimpleUploadedFile("施工图.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024), content_type="application/pdf")
    before = _count(world)
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, files=[big])
    assert "施工图.pdf" in str(exc.value.message) and "5 MB" in str(exc.value.message)
    assert exc.value.code == "file_too_large" and _count(world) == before


def test_an_attachment_that_is_not_a_photo_or_pdf_is_refused(world):
    fake = SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, files=[fake])
    assert exc.value.code == "bad_file"


def test_a_photo_is_kept_with_the_notice(world):
    notice = _publish(world, files=[SimpleUploadedFile("范围.png", PNG, content_type="image/png")])
    row = NoticeAttachment.objects.in_community(world.a).get(notice=notice)
    assert (row.name, row.content_type) == ("范围.png", "image/png")


def test_an_expiry_before_the_publish_time_is_refused(world):
    now = timezone.now()
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, publish_at=now + dt.timedelta(days=2), expires_at=now + dt.timedelta(days=1))
    assert exc.value.field == "expires_at"


def test_a_grid_worker_posts_to_his_grid_but_not_to_another(world):
    assert _reached(_publish(world, "grid1", audience={"grids": [world.grid1.pk]})) == {"王芳"}
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, "grid1", audience={"buildings": [world.building2.pk]})
    assert exc.value.code == "outside_area"


def test_a_grid_worker_may_not_post_to_the_whole_community(world):
    with pytest.raises(services.NoticeError) as exc:
        _publish(world, "grid1")
    assert exc.value.message == msg.NOT_YOUR_AREA


def test_a_building_head_posts_to_his_building(world):
    notice = _publish(world, "building", audience={"buildings": [world.building1.pk]})
    assert notice.status == "published" and _reached(notice) == {"王芳"}
    with pytest.raises(services.NoticeError):
        _publish(world, "building", audience={"buildings": [world.building2.pk]})


@pytest.mark.parametrize("who", ["resident", "property", "outsider"])
def test_those_without_the_code_may_not_post(world, who):
    before = _count(world)
    with pytest.raises(PermissionDeniedError):
        _publish(world, who)
    assert _count(world) == before


def test_over_the_threshold_a_workers_notice_waits_for_the_secretary(world):
    notice = _publish(world, "worker")  # two residents, the world's threshold is one
    assert (notice.status, notice.reach, _reached(notice)) == ("pending", 2, set())
    told = Message.objects.filter(recipient=world.user("secretary"), kind="notice_pending", context__title="停水通知")
    assert told.count() == 1
    committed(services.notice_approve, actor=world.user("secretary"), notice=notice)
    notice.refresh_from_db()
    assert notice.status == "published" and _reached(notice) == {"王芳", "张三"}


def test_at_the_threshold_no_approval_is_needed(world):
    assert _publish(world, "worker", audience={"buildings": [world.building1.pk]}).status == "published"


def test_a_worker_may_not_approve_and_nothing_changes(world, nw):
    with pytest.raises(PermissionDeniedError):
        services.notice_approve(actor=world.user("worker"), notice=nw.pending)
    nw.pending.refresh_from_db()
    assert nw.pending.status == "pending" and nw.pending.decided_by is None


def test_a_refusal_needs_a_reason_and_sends_the_notice_back_to_its_author(world, nw):
    with pytest.raises(services.NoticeError):
        services.notice_refuse(actor=world.user("secretary"), notice=nw.pending, reason=" ")
    assert Notice.objects.in_community(world.a).get(pk=nw.pending.pk).status == "pending"
    services.notice_refuse(actor=world.user("secretary"), notice=nw.pending, reason="范围太大，请只发给1栋")
    nw.pending.refresh_from_db()
    assert (nw.pending.status, nw.pending.refusal) == ("draft", "范围太大，请只发给1栋")
    assert Message.objects.filter(recipient=world.user("worker"), kind="notice_refused").exists()


def test_approving_twice_is_a_conflict(world, nw):
    services.notice_approve(actor=world.user("secretary"), notice=nw.pending)
    with pytest.raises(services.NoticeConflict):
        services.notice_approve(actor=world.user("secretary"), notice=nw.pending)


def test_a_scheduled_notice_is_published_by_the_round_when_its_time_comes(world):
    later = timezone.now() + dt.timedelta(hours=2)
    notice = _publish(world, publish_at=later)
    assert notice.status == "scheduled" and _reached(notice) == set()
    assert services.publish_due(now=timezone.now()) == 0
    assert committed(services.publish_due, now=later + dt.timedelta(minutes=1)) == 1
    notice.refresh_from_db()
    assert notice.status == "published" and _reached(notice) == {"王芳", "张三"}


def test_messages_go_to_reached_accounts_when_asked(world):
    notice = _publish(world, send_messages=True)
    sent = Message.objects.filter(kind="notice_published", context__title=notice.title)
    assert list(sent.values_list("recipient__username", flat=True)) == ["resident"]  # 张三 has no account


def test_no_messages_unless_asked(world):
    _publish(world)
    assert not Message.objects.filter(kind="notice_published").exists()


def test_a_second_fan_out_of_the_same_notice_does_nothing(world, nw):
    assert services.fan_out(nw.water.pk) == 0
    assert NoticeRecipient.objects.in_community(world.a).filter(notice=nw.water).count() == 1


def test_opening_marks_read_once(world, nw):
    assert services.notice_mark_read(actor=world.user("resident"), notice_id=nw.water.pk) == 1
    assert services.notice_mark_read(actor=world.user("resident"), notice_id=nw.water.pk) == 0


def test_a_notice_that_did_not_reach_him_cannot_be_marked(world, nw):
    assert services.notice_mark_read(actor=world.user("resident"), notice_id=nw.pending.pk) == 0


def test_the_threshold_is_the_secretarys_and_must_be_a_count(world):
    with pytest.raises(services.NoticeError):
        services.threshold_save(actor=world.user("secretary"), community_id=world.a.pk, value="-3")
    with pytest.raises(PermissionDeniedError):
        services.threshold_save(actor=world.user("worker"), community_id=world.a.pk, value="10")
    assert services.threshold_of(world.a.pk) == 1
    services.threshold_save(actor=world.user("secretary"), community_id=world.a.pk, value="500")
    assert services.threshold_of(world.a.pk) == 500


def test_withdrawing_takes_it_off_the_residents_list(world, nw):
    from linli.notices.selectors import my_notices

    assert my_notices(actor=world.user("resident")).count() == 1
    services.notice_withdraw(actor=world.user("secretary"), notice=nw.water)
    assert my_notices(actor=world.user("resident")).count() == 0


def test_an_expired_notice_is_not_on_the_residents_list(world, nw):
    from linli.notices.selectors import my_notices

    past = timezone.now() - dt.timedelta(days=1)
    Notice.objects.in_community(world.a).filter(pk=nw.water.pk).update(
        publish_at=past - dt.timedelta(days=1), expires_at=past
    )
    assert my_notices(actor=world.user("resident")).count() == 0
