"""The time bank: the community's rate, its rewards, points earned when hours are verified and spent
at the counter. Never below zero: balances move by compare-and-set under the volunteer's row lock."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError
from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import PointEntry, Reward, ServiceRecord, TimeBank, Volunteer, star_for
from linli.volunteering.services.common import Actor, VolunteeringError, require_manage


def _whole(value: str | int | None, default: int) -> int:
    """A whole number from a form's text or an API's number; anything else is `default`."""
    try:
        return int(value) if value is not None else default
    except (TypeError, ValueError):
        return default


@transaction.atomic
def bank_rate_save(*, actor: Actor, community: Community, points_per_hour: str | int | None) -> TimeBank:
    require_manage(actor, community.pk)
    rate = _whole(points_per_hour, -1)
    if not 1 <= rate <= 1000:
        raise VolunteeringError(_("每小时积分请填1到1000之间的整数。"), field="points_per_hour")
    bank, _created = TimeBank.objects.in_community(community.pk).get_or_create(community=community)
    bank.points_per_hour, bank.updated_at = rate, timezone.now()
    bank.save()
    events.bank_rate_changed(actor=actor, bank=bank)
    return bank


@transaction.atomic
def reward_save(
    *,
    actor: Actor,
    community: Community,
    name: str,
    points: str | int | None,
    note: str = "",
    active: bool = True,
    reward: Reward | None = None,
) -> Reward:
    require_manage(actor, community.pk)
    name = (name or "").strip()
    if not name:
        raise VolunteeringError(_("请填写兑换项目的名称。"), field="name")
    cost = _whole(points, 0)
    if not 1 <= cost <= 100000:
        raise VolunteeringError(_("所需积分请填1到100000之间的整数。"), field="points")
    row = reward or Reward(community=community)
    row.name, row.points, row.note, row.active = name[:60], cost, (note or "").strip()[:200], active
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise VolunteeringError(_("已有同名的兑换项目。"), field="name", code="duplicate") from None
    events.reward_saved(actor=actor, reward=row, created=reward is None)
    return row


@transaction.atomic
def points_spend(*, actor: Actor, volunteer: Volunteer, reward: Reward, note: str = "") -> PointEntry:
    """Spend points on one of the community's rewards, at the counter. Never below zero: the balance
    is taken with a compare-and-set, so two spends at once cannot both pass."""
    require_manage(actor, volunteer.community_id)
    if reward.community_id != volunteer.community_id or not reward.active:
        raise VolunteeringError(_("这个兑换项目已停用或不属于本社区。"), field="reward")
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise VolunteeringError(_("这位志愿者已不在册，积分已随登记转出或封存。"))
    changed = (
        Volunteer.objects.in_community(volunteer.community_id)
        .filter(pk=volunteer.pk, points_balance__gte=reward.points)
        .update(points_balance=F("points_balance") - reward.points)
    )
    if not changed:
        balance = Volunteer.objects.in_community(volunteer.community_id).get(pk=volunteer.pk).points_balance
        raise ConflictError(
            _("积分不够：%(name)s现有%(have)d分，兑换“%(reward)s”需要%(need)d分。")
            % {"name": volunteer.name, "have": balance, "reward": reward.name, "need": reward.points},
            field="reward",
            code="not_enough_points",
        )
    entry = PointEntry.objects.create(
        community_id=volunteer.community_id,
        volunteer=volunteer,
        kind="spend",
        points=-reward.points,
        reward=reward,
        note=(note or "").strip()[:200],
        by=actor,
    )
    events.points_spent(actor=actor, volunteer=volunteer, reward=reward)
    return entry


def _points_rate(community_id: int) -> int:
    bank = TimeBank.objects.in_community(community_id).first()
    return bank.points_per_hour if bank else TimeBank._meta.get_field("points_per_hour").default


def credit(volunteer: Volunteer, record: ServiceRecord, actor: Actor) -> None:
    """Count a record that has just become verified: hours, star, points — on the registration it
    was served under and, if he has since moved, on the one he serves under now. Rows are locked."""
    points = record.minutes * _points_rate(record.community_id) // 60
    ServiceRecord.objects.in_community(record.community_id).filter(pk=record.pk).update(points=points)
    total = volunteer.total_minutes + record.minutes
    Volunteer.objects.in_community(volunteer.community_id).filter(pk=volunteer.pk).update(
        verified_minutes=F("verified_minutes") + record.minutes,
        star=star_for(total),
        points_balance=F("points_balance") + points,
    )
    PointEntry.objects.create(
        community_id=record.community_id, volunteer=volunteer, kind="earn", points=points, record=record, by=actor
    )
    if volunteer.status != Volunteer.Status.MOVED:
        return
    current = (
        Volunteer.objects.unscoped()
        .select_for_update()
        .filter(person=volunteer.person, status=Volunteer.Status.ACTIVE)
        .first()
    )
    if current is None:
        return
    Volunteer.objects.in_community(current.community_id).filter(pk=current.pk).update(
        carried_minutes=F("carried_minutes") + record.minutes,
        star=star_for(current.total_minutes + record.minutes),
        points_balance=F("points_balance") + points,
    )
    Volunteer.objects.in_community(volunteer.community_id).filter(pk=volunteer.pk).update(
        points_balance=F("points_balance") - points
    )
    if points:
        PointEntry.objects.create(
            community_id=volunteer.community_id,
            volunteer=volunteer,
            kind="out",
            points=-points,
            note=_("随本人转出"),
            by=actor,
        )
        PointEntry.objects.create(
            community_id=current.community_id,
            volunteer=current,
            kind="in",
            points=points,
            note=_("原社区补核实的服务"),
            by=actor,
        )
