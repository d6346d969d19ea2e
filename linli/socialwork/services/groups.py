"""Group work: a group (its enrolment row in the participation engine), members registered through
the engine with a pre measure, sessions as the engine's child offerings whose attendance the social
worker takes at the session, post measures and the closing evaluation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.socialwork.models.groups import OWNER, SCALE, SESSION_OWNER, Group, GroupMember, GroupSession
from linli.socialwork.services.common import SocialWorkError, a_date, require_practitioner, text


def may_run(scope, offering) -> bool:
    """The engine asks who runs a group's offering: the group's social worker."""
    return (
        Group.objects.in_community(offering.community_id)
        .filter(offering_id=offering.pk, worker__user_id=scope.user_id)
        .exists()
    )


def _score(value, field: str) -> int:
    if not str(value if value is not None else "").strip().isdigit() or not SCALE[0] <= int(value) <= SCALE[1]:
        raise SocialWorkError(_("测量分数须是%(a)d到%(b)d的整数。") % {"a": SCALE[0], "b": SCALE[1]}, field=field)
    return int(value)


def _engine(call):
    """A refusal of the engine is a refusal here, with its message."""
    try:
        return call()
    except DomainError as exc:
        raise SocialWorkError(exc.message, field=exc.field, code=exc.code) from None


def _locked(actor, group: Group) -> Group:
    row = Group.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=group.pk).first()
    if row is None:
        raise SocialWorkError(_("找不到这个小组，或您无权查看。"), code="not_found")
    if row.worker.user_id != actor.pk:
        raise PermissionDeniedError(_("只有带领本小组的社工可以这样做。"))
    if row.status != Group.Status.OPEN:
        raise SocialWorkError(_("小组已经结束。"), code="state")
    return row


def _aware(day: dt.date, clock: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, clock))


@transaction.atomic
def group_create(*, actor, community_id: int, name: str, aim: str, start_date, end_date) -> Group:
    from linli.participation.services import OfferingInput, offering_save

    me = require_practitioner(actor, community_id)
    clean_name = text(name, field="name", label=_("小组名称"), max_length=100)
    clean_aim = text(aim, field="aim", label=_("小组目标"), max_length=300)
    start = a_date(start_date, field="start_date", label=_("开始日期"))
    end = a_date(end_date, field="end_date", label=_("结束日期"))
    if end < start:
        raise SocialWorkError(_("结束日期不能早于开始日期。"), field="end_date")
    group = Group.objects.create(community_id=community_id, name=clean_name, aim=clean_aim, worker=me,
                                 start_date=start, end_date=end)  # fmt: skip
    starts, ends = _aware(start, dt.time.min), _aware(end, dt.time.max)
    offering = _engine(lambda: offering_save(
        actor=actor, community_id=community_id, owner_type=OWNER, owner_id=group.pk,
        data=OfferingInput(title=clean_name, starts_at=starts, ends_at=ends, closes_at=ends, waitlist=False),
    ))  # fmt: skip
    group.offering_id = offering.pk
    group.save(update_fields=["offering_id"])
    return group


def _offering(group: Group):
    from linli.participation.selectors import offering_by_id

    if group.offering_id is None:
        raise SocialWorkError(_("这个小组还没有活动安排。"), code="no_offering")
    return offering_by_id(group.community_id, group.offering_id)


@transaction.atomic
def group_member_add(*, actor, group: Group, resident_id, pre_score) -> GroupMember:
    from linli.participation.services import register
    from linli.people.models import Resident

    group = _locked(actor, group)
    score = _score(pre_score, "pre_score")
    resident = Resident.objects.in_community(group.community_id).filter(pk=resident_id).first()
    if resident is None:
        raise SocialWorkError(_("找不到这位居民。"), field="resident")
    if GroupMember.objects.in_community(group.community_id).filter(group=group, resident=resident).exists():
        raise SocialWorkError(_("%(name)s已经是组员。") % {"name": resident.name}, field="resident", code="duplicate")
    _engine(lambda: register(actor=actor, offering=_offering(group), resident=resident))
    return GroupMember.objects.create(community_id=group.community_id, group=group, resident=resident, pre_score=score)


@transaction.atomic
def group_session_add(*, actor, group: Group, topic: str, starts_at: dt.datetime, minutes: int = 90) -> GroupSession:
    from linli.participation.services import OfferingInput, offering_save

    group = _locked(actor, group)
    clean = text(topic, field="topic", label=_("主题"), max_length=100)
    if starts_at is None or not group.start_date <= timezone.localdate(starts_at) <= group.end_date:
        raise SocialWorkError(_("活动时间须在小组的起止日期之间。"), field="starts_at")
    parent = _offering(group)
    row = GroupSession.objects.create(community_id=group.community_id, group=group, offering_id=0, topic=clean,
                                      starts_at=starts_at)  # fmt: skip
    child = _engine(lambda: offering_save(
        actor=actor, community_id=group.community_id, owner_type=SESSION_OWNER, owner_id=row.pk, parent=parent,
        data=OfferingInput(title=f"{group.name}：{clean}", starts_at=starts_at,
                           ends_at=starts_at + dt.timedelta(minutes=minutes)),
    ))  # fmt: skip
    row.offering_id = child.pk
    row.save(update_fields=["offering_id"])
    return row


@transaction.atomic
def group_attend(*, actor, session: GroupSession, member_id) -> None:
    """A member present at the session, recorded in the engine (during the session, as its roll)."""
    from linli.participation.selectors import offering_by_id
    from linli.participation.services import walk_in

    group = _locked(actor, session.group)
    member = GroupMember.objects.in_community(group.community_id).filter(group=group, pk=member_id).first()
    if member is None:
        raise SocialWorkError(_("只有组员可以登记出席。"), field="member")
    offering = offering_by_id(group.community_id, session.offering_id) if session.offering_id else None
    if offering is None:
        raise SocialWorkError(_("这次小组活动没有签到安排。"), code="no_offering")
    _engine(lambda: walk_in(actor=actor, offering=offering, resident=member.resident))


@transaction.atomic
def group_close(*, actor, group: Group, evaluation: str, post_scores: dict) -> Group:
    """The post measure of every member and the closing evaluation (refused without either)."""
    group = _locked(actor, group)
    clean = text(evaluation, field="evaluation", label=_("结束评估"), max_length=3000)
    members = list(GroupMember.objects.in_community(group.community_id).filter(group=group).select_related("resident"))
    scores = {str(k): v for k, v in (post_scores or {}).items()}
    missing = [m.resident.name for m in members if not str(scores.get(str(m.pk), "")).strip()]
    if missing:
        raise SocialWorkError(_("请填写每位组员的后测：%(names)s") % {"names": "、".join(missing)}, field="post")
    for m in members:
        m.post_score = _score(scores[str(m.pk)], "post")
    for m in members:
        m.save(update_fields=["post_score"])
    group.status, group.evaluation = Group.Status.CLOSED, clean
    group.save(update_fields=["status", "evaluation"])
    return group
