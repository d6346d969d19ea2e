"""Compound deliberation meetings (小区议事, the "3+3" of 仙湖花园): agenda from cases, the parties
invited and present, minutes, resolutions with recorded votes, follow-up tasks tracked as cases,
and a public notice of the resolutions to the compound's residents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.deliberation.permissions import VIEW_MEETINGS


class Meeting(TenantModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("筹备中")
        HELD = "held", _("已召开")
        PUBLISHED = "published", _("决议已公示")

    compound = models.ForeignKey("places.Compound", on_delete=models.PROTECT, related_name="+", verbose_name=_("小区"))
    topic = models.CharField(_("议题"), max_length=100)
    held_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点"), max_length=100)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    quorum = models.PositiveSmallIntegerField(
        _("法定到会人数"), default=5, help_text=_("有表决权的参会人到会不少于此数，表决才有效。")
    )
    pass_percent = models.PositiveSmallIntegerField(
        _("通过比例（%）"),
        default=50,
        help_text=_("赞成票超过到会表决人数的这个比例即通过，如50为过半数、67为三分之二。"),
    )
    minutes = models.TextField(_("会议纪要"), blank=True, max_length=20000)
    notice = models.TextField(_("公示内容"), blank=True, max_length=4000)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("议事会议")
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return self.topic

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=[c for c, p in scope.perms.items() if VIEW_MEETINGS in p])

    @property
    def day_reached(self) -> bool:
        """Whether the meeting's day has come: attendance, minutes and votes are entered from then on."""
        return timezone.localdate(self.held_at) <= timezone.localdate()

    @property
    def stage(self) -> str:
        """What the page shows: the stored status, except that a meeting whose time has passed without
        minutes is 待录纪要 (held needs its minutes; it is never held before its time)."""
        if self.status == self.Status.PLANNED and self.held_at <= timezone.now():
            return "due"
        return self.status

    @property
    def stage_label(self) -> str:
        return str(_("待录纪要")) if self.stage == "due" else self.get_status_display()

    @property
    def voters_present(self) -> int:
        return sum(1 for a in self.attendees.all() if a.voting and a.present)

    @property
    def has_quorum(self) -> bool:
        return self.voters_present >= self.quorum


class MeetingPart(TenantModel):
    """A row of one meeting (an agenda item, an attendee, a resolution): seen with the meeting."""

    class Meta(TenantModel.Meta):
        abstract = True

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(meeting__in=Meeting.objects.visible_to(scope).values("pk"))


class AgendaItem(MeetingPart):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("议程"), max_length=200)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta(MeetingPart.Meta):
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Attendee(MeetingPart):
    class Party(models.TextChoices):
        PARTY_BRANCH = "party_branch", _("党支部")
        HOA = "hoa", _("业委会")
        PROPERTY = "property", _("物业")
        COMMUNITY = "community", _("社区居委会")
        RESIDENT_REP = "resident_rep", _("居民代表")
        BUILDING_HEAD = "building_head", _("楼长")
        OTHER = "other", _("其他")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    party = models.CharField(_("代表方"), max_length=16, choices=Party.choices)
    name = models.CharField(_("姓名"), max_length=50)
    voting = models.BooleanField(_("有表决权"), default=True)
    present = models.BooleanField(_("到会"), default=False)

    class Meta(MeetingPart.Meta):
        ordering = ["party", "pk"]

    def __str__(self) -> str:
        return self.name


class Resolution(MeetingPart):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="resolutions")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(_("决议内容"), max_length=2000)
    votes_for = models.PositiveSmallIntegerField(_("赞成"))
    votes_against = models.PositiveSmallIntegerField(_("反对"))
    votes_abstain = models.PositiveSmallIntegerField(_("弃权"))
    passed = models.BooleanField(_("通过"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(MeetingPart.Meta):
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:30]


class FollowUp(TenantModel):
    """A task a resolution gave someone: it is a case (channel 议事会议), so deadlines, the
    sweep, the inbox and the timeline apply to it as to any case."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="follow_ups")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.case_id)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(resolution__meeting__in=Meeting.objects.visible_to(scope).values("pk"))
