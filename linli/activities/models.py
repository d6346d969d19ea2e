"""Events (活动) of a community: festivals, lectures, free clinics, haircuts, performances. Places,
the waitlist and attendance are the participation engine's (`offering`); an event keeps what it
shows: what, who organises, where, when, the poster, and afterwards the write-up and photos."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.activities.permissions import MANAGE_EVENTS
from linli.core.scoping import Scope, TenantModel

DEFAULT_CATEGORIES = ("节日活动", "讲座", "义诊", "义剪", "文艺演出", "亲子", "体育")


def _managers_q(scope: Scope) -> Q:
    return Q(community_id__in=[c for c, perms in scope.perms.items() if MANAGE_EVENTS in perms])


class Category(TenantModel):
    name = models.CharField(_("类别"), max_length=30)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(TenantModel.Meta):
        verbose_name = _("活动类别")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="activity_category_unique")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids) | _managers_q(scope)


def _upload_path(instance, filename):
    return f"activities/{instance.community_id}/{uuid.uuid4().hex}{getattr(instance, 'extension', '')}"


class Event(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        CANCELLED = "cancelled", _("已取消")

    title = models.CharField(_("活动名称"), max_length=100)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("类别"))
    organiser = models.CharField(_("主办"), max_length=100, blank=True)  # 社区党委, 星火驿站, 艺术团 …
    team = models.ForeignKey("volunteering.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    compound = models.ForeignKey("places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place = models.CharField(_("地点"), max_length=100, blank=True)
    room = models.ForeignKey(
        "venues.Thing", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("使用场地")
    )  # takes the room in venues' calendar (activities/occupancy.py)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    description = models.TextField(_("活动介绍"), blank=True)
    poster = models.FileField(upload_to=_upload_path, max_length=200, blank=True)
    poster_type = models.CharField(max_length=60, blank=True)
    public = models.BooleanField(_("公开（进入社区日历）"), default=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    offering = models.OneToOneField("participation.Offering", on_delete=models.PROTECT, related_name="+")
    writeup = models.TextField(_("活动小结"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("活动")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["community", "status", "starts_at"], name="event_by_start")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        """Managers see every event of their communities, anyone with a role there the published ones."""
        return _managers_q(scope) | Q(community_id__in=scope.community_ids, status="published")

    @property
    def where(self) -> str:
        return self.place or (self.compound.name if self.compound_id and self.compound else "")


class EventPhoto(TenantModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_upload_path, max_length=200)
    content_type = models.CharField(max_length=60)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    extension = ""

    class Meta(TenantModel.Meta):
        ordering = ["pk"]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _managers_q(scope) | Q(community_id__in=scope.community_ids, event__status="published")


class EventDuty(TenantModel):
    """A volunteering duty posted for the event (volunteers sign up for it in volunteering)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="duty_links")
    duty = models.ForeignKey("volunteering.Duty", on_delete=models.CASCADE, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "event", "duty"], name="event_duty_unique")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _managers_q(scope) | Q(community_id__in=scope.community_ids, event__status="published")
