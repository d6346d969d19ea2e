"""The participation engine's rows: an offering (what people take part in: an event, a course, one
session of a course, later a day-care class or a booking), the registrations for it (a place, or a
place on the waitlist) and the attendance at it (who was there, once each).

An offering belongs to its owner (`owner_type` "activities.event", `owner_id`), which keeps what the
owner shows; the offering keeps what the engine needs. A course is an offering whose sessions are
child offerings (`parent`): people register once, on the course, and attend each session."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.people.scope import people_scope


def _members_q(scope: Scope) -> Q:
    """Anyone with a role in the community (residents included) sees its offerings; the owner decides
    which of them it lists to whom (a draft event, a private class)."""
    return Q(community_id__in=scope.community_ids | scope.full_community_ids)


class Offering(TenantModel):
    owner_type = models.CharField(max_length=40)  # "activities.event", "college.course" …
    owner_id = models.PositiveIntegerField()
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="sessions")
    title = models.CharField(_("名称"), max_length=120)  # as the notices and refusals name it
    capacity = models.PositiveIntegerField(_("名额"), null=True, blank=True)  # None: no limit
    confirmed = models.PositiveIntegerField(default=0, editable=False)  # places taken, kept under the row lock
    next_seq = models.PositiveIntegerField(default=1, editable=False)  # arrival order of the next registration
    audience = models.JSONField(_("参加对象"), default=dict, blank=True)  # see participation.audiences
    opens_at = models.DateTimeField(_("报名开始"), null=True, blank=True)
    closes_at = models.DateTimeField(_("报名截止"), null=True, blank=True)
    cancel_until = models.DateTimeField(_("取消报名截止"), null=True, blank=True)
    doors_at = models.DateTimeField(_("开始签到"), null=True, blank=True)  # None: an hour before the start
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    series = models.CharField(_("同类活动"), max_length=40, blank=True)  # "haircut-2026-05" …
    series_limit = models.PositiveSmallIntegerField(_("每人限报"), null=True, blank=True)
    waitlist = models.BooleanField(_("满员后可候补"), default=True)
    hours_matter = models.BooleanField(_("签退计时长"), default=False)
    cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("报名项目")
        constraints = [
            models.UniqueConstraint(fields=["community", "owner_type", "owner_id"], name="offering_one_per_owner"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed__lte=F("capacity")), name="offering_never_oversold"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="offering_ends_after_start"),
        ]
        indexes = [models.Index(fields=["community", "starts_at"], name="offering_by_start")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)

    @property
    def checkin_opens_at(self):
        import datetime as dt

        return self.doors_at or self.starts_at - dt.timedelta(hours=1)

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def enrolment(self) -> "Offering":
        """The offering people register for: a session's course, else itself."""
        return self.parent if self.parent_id else self


class Registration(TenantModel):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已报名")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")
        NO_SHOW = "no_show", _("未到")
        ATTENDED = "attended", _("已参加")

    HOLDING = (Status.CONFIRMED, Status.WAITLISTED)  # a registration that is still alive
    PLACED = (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)  # one that took a place

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="registrations")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices)
    seq = models.PositiveIntegerField()  # arrival order within the offering (the waitlist's order)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    on_behalf = models.BooleanField(default=False)  # by staff, or by the head of the household
    registered_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("报名")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "offering", "resident"],
                condition=Q(status__in=["confirmed", "waitlisted", "attended", "no_show"]),
                name="registration_once_per_person",
            ),
            models.UniqueConstraint(fields=["community", "offering", "seq"], name="registration_unique_seq"),
        ]
        indexes = [
            models.Index(fields=["community", "offering", "status", "seq"], name="registration_roll"),
            models.Index(fields=["community", "resident", "status"], name="registration_mine"),
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {self.resident_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        q = Q(community_id__in=scope.full_community_ids) | Q(resident_id__in=people_scope(scope).resident_ids)
        return q | Q(registered_by_id=scope.user_id) if scope.user_id else q


class Attendance(TenantModel):
    """One person at one offering (an event, or one session of a course): person-times are these rows,
    distinct people their residents. A walk-in has no registration; one not on the register, no resident."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="attendance")
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("姓名"), max_length=50, blank=True)  # a walk-in not on the register
    compound_id = models.IntegerField(null=True, blank=True)  # where he lived then (the figures per compound)
    month = models.DateField()  # the first of the offering's month (the figures per month, on an index)
    checked_in_at = models.DateTimeField(default=timezone.now)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    walk_in = models.BooleanField(default=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("签到")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "offering", "resident"],
                condition=Q(resident__isnull=False),
                name="attendance_once_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["community", "month"], name="attendance_by_month"),
            models.Index(fields=["community", "offering"], name="attendance_by_offering"),
        ]

    def __str__(self) -> str:
        return f"{self.offering} · {self.resident_id or self.name}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.full_community_ids) | Q(resident_id__in=people_scope(scope).resident_ids)
