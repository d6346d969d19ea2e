"""Rooms, tables and equipment a community lends by the hour (the club's ping-pong tables, the 幸福院's
rooms), their opening hours and closures, bookings that never overlap, and the register of the
fitness equipment in front of the buildings with its inspections and repairs."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES
from linli.volunteering.scope import volunteer_scope


def _members_q(scope: Scope, prefix: str = "") -> Q:
    ids = [c for c, perms in scope.perms.items() if BOOK_VENUES in perms or MANAGE_VENUES in perms]
    return Q(**{f"{prefix}community_id__in": ids})


def _managers_q(scope: Scope, prefix: str = "") -> Q:
    ids = [c for c, perms in scope.perms.items() if MANAGE_VENUES in perms]
    return Q(**{f"{prefix}community_id__in": ids})


class Venue(TenantModel):
    """A place things stand in: the service centre, a compound's station, the club, the 幸福院."""

    class Kind(models.TextChoices):
        SERVICE_CENTRE = "service_centre", _("党群服务中心")
        STATION = "station", _("小区服务站")
        CLUB = "club", _("活动室/俱乐部")
        OTHER = "other", _("其他场所")

    name = models.CharField(_("场所名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.SERVICE_CENTRE)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("小区")
    )
    address = models.CharField(_("地址"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("场所")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="venue_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class Who(models.TextChoices):
    """Who may book a thing: each level includes those after it (staff may always book)."""

    RESIDENTS = "residents", _("居民、团队和工作人员")
    TEAMS = "teams", _("团队和工作人员")
    STAFF = "staff", _("仅工作人员")


def _photo_path(instance, filename):
    return f"venues/{instance.community_id}/{uuid.uuid4().hex}{instance.photo_extension}"


class Thing(TenantModel):
    """A bookable room, table or piece of equipment, with its booking rules."""

    class Kind(models.TextChoices):
        ROOM = "room", _("房间")
        PINGPONG = "pingpong", _("乒乓球台")
        BILLIARDS = "billiards", _("台球桌")
        CARDS = "cards", _("棋牌桌")
        EQUIPMENT = "equipment", _("设备")

    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="things", verbose_name=_("场所"))
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.ROOM)
    capacity = models.PositiveSmallIntegerField(_("容纳人数"), default=1)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    photo = models.FileField(upload_to=_photo_path, max_length=200, blank=True)
    photo_type = models.CharField(max_length=40, blank=True)
    who_may_book = models.CharField(_("谁可预约"), max_length=10, choices=Who.choices, default=Who.RESIDENTS)
    lead_hours = models.PositiveSmallIntegerField(_("至少提前（小时）"), default=0)
    horizon_days = models.PositiveSmallIntegerField(_("最多提前（天）"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("每次最长（分钟）"), default=120)
    weekly_limit = models.PositiveSmallIntegerField(_("每人每周最多（次）"), default=3)
    needs_approval = models.BooleanField(_("需要审批"), default=False)
    buffer_minutes = models.PositiveSmallIntegerField(_("两次预约间隔（分钟）"), default=0)
    out_of_service = models.BooleanField(_("暂停使用"), default=False)
    out_of_service_note = models.CharField(_("暂停原因"), max_length=100, blank=True)
    active = models.BooleanField(default=True)

    photo_extension = ""

    class Meta(TenantModel.Meta):
        verbose_name = _("可预约场地")
        ordering = ["venue_id", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "venue", "name"], name="thing_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class OpeningHours(TenantModel):
    """One opening interval of a venue on a weekday (0 Monday … 6 Sunday); a day may have several."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("星期"))
    opens_at = models.TimeField(_("开门"))
    closes_at = models.TimeField(_("关门"))

    class Meta(TenantModel.Meta):
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="openinghours_weekday"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="openinghours_order"),
        ]

    def __str__(self) -> str:
        return f"{self.weekday} {self.opens_at}-{self.closes_at}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class Closure(TenantModel):
    """An exception to the weekly hours on one date (a holiday, a closure): closed all day, or open
    only between `opens_at` and `closes_at` that day."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("日期"))
    opens_at = models.TimeField(_("当天开门"), null=True, blank=True)
    closes_at = models.TimeField(_("当天关门"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=60)

    class Meta(TenantModel.Meta):
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["community", "venue", "date"], name="closure_unique_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class BookerKind(models.TextChoices):
    RESIDENT = "resident", _("居民")
    TEAM = "team", _("团队")
    STAFF = "staff", _("工作人员")


def _own_q(scope: Scope) -> Q:
    return _managers_q(scope) | Q(booked_by_id=scope.user_id) | Q(team_id__in=volunteer_scope(scope).led_team_ids)


class Series(TenantModel):
    """A team's weekly booking (the choir every Wednesday 19:00–21:00 for N weeks)."""

    thing = models.ForeignKey(Thing, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("volunteering.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=10, choices=BookerKind.choices, default=BookerKind.TEAM)
    purpose = models.CharField(_("用途"), max_length=100)
    first_date = models.DateField()
    weeks = models.PositiveSmallIntegerField()
    starts_time = models.TimeField()
    ends_time = models.TimeField()
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.purpose

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _own_q(scope)


class Booking(TenantModel):
    """One use of a thing from `starts_at` to `ends_at`; `blocks_until` adds the thing's buffer. Two
    live bookings of a thing never overlap on [starts_at, blocks_until): the service checks it under
    a lock of the thing's row, and on PostgreSQL an exclusion constraint makes it a fact
    (migrations/0002_no_overlap.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        CONFIRMED = "confirmed", _("已预约")
        CHECKED_IN = "checked_in", _("已签到")
        NO_SHOW = "no_show", _("未到")
        CANCELLED = "cancelled", _("已取消")
        REFUSED = "refused", _("未批准")

    LIVE = (Status.PENDING, Status.CONFIRMED, Status.CHECKED_IN, Status.NO_SHOW)  # they hold the slot

    thing = models.ForeignKey(Thing, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(_("开始"))
    ends_at = models.DateTimeField(_("结束"))
    blocks_until = models.DateTimeField()
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    kind = models.CharField(_("预约方"), max_length=10, choices=BookerKind.choices, default=BookerKind.RESIDENT)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    team = models.ForeignKey("volunteering.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, null=True, blank=True, related_name="bookings")
    purpose = models.CharField(_("用途"), max_length=100, blank=True)
    people = models.PositiveSmallIntegerField(_("人数"), default=1)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("预约")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["community", "thing", "starts_at"], name="booking_thing_start"),
            models.Index(fields=["community", "booked_by", "starts_at"], name="booking_booker_start"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="booking_order"),
            models.CheckConstraint(condition=Q(blocks_until__gte=models.F("ends_at")), name="booking_buffer"),
        ]

    def __str__(self) -> str:
        return f"{self.thing_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _own_q(scope)

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def live(self) -> bool:
        return self.status in self.LIVE


class FitnessSet(TenantModel):
    """A set of outdoor fitness equipment (新源's 13 sets in front of buildings 3 and 4)."""

    name = models.CharField(_("器材名称"), max_length=60)
    building = models.ForeignKey(
        "places.Building", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("楼栋")
    )
    position = models.CharField(_("位置"), max_length=100)
    installed_date = models.DateField(_("安装日期"), null=True, blank=True)
    supplier = models.CharField(_("厂家"), max_length=60, blank=True)
    out_of_service = models.BooleanField(_("暂停使用"), default=False)
    out_of_service_note = models.CharField(_("暂停原因"), max_length=100, blank=True)
    last_inspected_date = models.DateField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("健身器材")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class Inspection(TenantModel):
    class Result(models.TextChoices):
        GOOD = "good", _("完好")
        WORN = "worn", _("有磨损，可用")
        UNSAFE = "unsafe", _("有安全隐患，停用")

    fitness_set = models.ForeignKey(FitnessSet, on_delete=models.CASCADE, related_name="inspections")
    inspected_date = models.DateField(_("检查日期"))
    result = models.CharField(_("结果"), max_length=8, choices=Result.choices)
    findings = models.CharField(_("发现的问题"), max_length=300, blank=True)
    inspected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["-inspected_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.inspected_date} {self.result}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _managers_q(scope)


class Repair(TenantModel):
    """A repair of a fitness set; `case_id` is the case it was raised as (cases' intake)."""

    fitness_set = models.ForeignKey(FitnessSet, on_delete=models.CASCADE, related_name="repairs")
    problem = models.CharField(_("问题"), max_length=300)
    reported_at = models.DateTimeField(default=timezone.now)
    repaired_date = models.DateField(_("修复日期"), null=True, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return self.problem[:30]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _managers_q(scope)
