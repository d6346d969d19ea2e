"""The case (诉求): what, where, who reported it, who handles it, its deadline and status."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.models.categories import Category
from linli.cases.models.choices import (
    DONE_STATUSES,
    DUE_SOON_SHARE,
    LIVE_STATUSES,
    OPEN_STATUSES,
    Channel,
    Status,
    Urgency,
)
from linli.cases.scope import cases_scope
from linli.core.scoping import Scope, TenantModel
from linli.people.scope import people_scope
from linli.places.scope import places_scope
from linli.tenancy.permissions import Role


class Case(TenantModel):
    """One need or complaint, from whichever channel it came, until the reporter is satisfied."""

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    number = models.CharField(_("编号"), max_length=20, editable=False)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="cases", verbose_name=_("类别"))
    kind = models.CharField(max_length=12, choices=Category.Kind.choices, default=Category.Kind.ORDINARY)
    title = models.CharField(_("标题"), max_length=100)
    description = models.TextField(_("情况描述"), max_length=4000)
    channel = models.CharField(_("来源渠道"), max_length=16, choices=Channel.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # The 12345 hotline's work-order number (工单号), for cases it transferred: reported back to it.
    hotline_number = models.CharField(_("12345工单号"), max_length=32, blank=True)
    # Where: as precise as known.
    compound = models.ForeignKey("places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    building = models.ForeignKey("places.Building", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    address_text = models.CharField(_("地点说明"), max_length=200, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Who: a registered resident, or a contact (anonymous to the public in any case).
    reporter = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone_enc = models.TextField(blank=True, editable=False)
    contact_phone_masked = models.CharField(max_length=20, blank=True, editable=False)  # 138****5678
    on_behalf = models.BooleanField(_("代居民登记"), default=False)
    anonymous = models.BooleanField(_("匿名反映"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who handles it: the community's staff (handler_org empty) or a partner organisation.
    handler_org = models.ForeignKey(
        "tenancy.PartnerOrg", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("办理期限"), null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True, editable=False)  # from when it counts as due soon
    due_soon_at = models.DateTimeField(null=True, blank=True, editable=False)  # when the sweep warned
    overdue_at = models.DateTimeField(null=True, blank=True, editable=False)  # when the sweep escalated
    escalation = models.PositiveSmallIntegerField(default=0, editable=False)
    # Supervision: how often the community urged (催办) and the street supervised (督办) the case.
    urge_count = models.PositiveSmallIntegerField(default=0, editable=False)
    supervision_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # The new deadline the handler asked for (申请延期), until the community approves or refuses.
    extension_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    joint = models.BooleanField(_("三方联动"), default=False)
    public = models.BooleanField(_("对居民公开"), default=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged")
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    satisfaction_comment = models.CharField(_("评价"), max_length=500, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # Intake idempotency (Open311 retries): one case per key and community.
    intake_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    open311_key = models.ForeignKey("Open311Key", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="case_unique_number"),
            models.UniqueConstraint(fields=["community", "intake_key"], name="case_unique_intake_key"),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="case_satisfaction_1_to_5",
            ),
        ]
        # The inbox boxes read the newest live cases of a community, an organisation or a person:
        # partial indexes on the live cases (a few percent of all) in the order the boxes show.
        indexes = [
            models.Index(
                fields=["community", "-updated_at"], name="case_live_community", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(
                fields=["handler_org", "-updated_at"], name="case_live_partner", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(
                fields=["assignee", "-updated_at"], name="case_live_assignee", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(
                fields=["community", "due_at"], name="case_live_community_due", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(fields=["due_at"], name="case_live_due", condition=Q(status__in=LIVE_STATUSES)),
            models.Index(fields=["warn_at"], name="case_live_warn", condition=Q(status__in=LIVE_STATUSES)),
            models.Index(fields=["community", "-updated_at"], name="case_recent"),
            models.Index(fields=["community", "created_at"], name="case_created"),
            models.Index(
                fields=["community", "hotline_number"], name="case_hotline_number", condition=~Q(hotline_number="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        """Staff see their communities' cases (grid workers: their grids' and their own); partners
        the cases routed to their organisation; residents and building heads the ones they filed."""
        q = Q(community_id__in=scope.full_community_ids)
        grid_communities = [c for c, roles in scope.roles.items() if Role.GRID_WORKER in roles]
        if grid_communities:
            q |= Q(community_id__in=grid_communities) & (
                Q(building__grid_id__in=places_scope(scope).grid_ids) | Q(created_by_id=scope.user_id)
            )
        if scope.partner_org_ids:
            # JointParty through the relation: models/parts.py imports this module, not the reverse.
            joint_party = cls._meta.get_field("parties").related_model
            joint = joint_party.objects.unscoped().filter(org_id__in=scope.partner_org_ids).values("case_id")
            q |= Q(handler_org_id__in=scope.partner_org_ids) | Q(pk__in=joint)
        if scope.user_id:
            q |= Q(assignee_id=scope.user_id) | Q(reporter_user_id=scope.user_id) | Q(created_by_id=scope.user_id)
        if scope.supervised_community_ids:
            # The street's supervisor, for 督办 (the page masks the reporter); not disputes under
            # mediation, whose parties and sessions are the neighbours' own business.
            q |= Q(community_id__in=cases_scope(scope).supervise_community_ids) & ~Q(kind=Category.Kind.MEDIATION)
        # A reporter whose case was merged follows the original.
        own = Q(reporter_user_id=scope.user_id) | Q(created_by_id=scope.user_id) if scope.user_id else Q(pk__in=[])
        if people_scope(scope).resident_ids:
            q |= Q(reporter_id__in=people_scope(scope).resident_ids)
            own |= Q(reporter_id__in=people_scope(scope).resident_ids)
        if scope.user_id:
            q |= Q(Exists(_merged_into_this(own)))
        return q

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    def set_deadline(self, due_at: dt.datetime | None, start: dt.datetime | None = None) -> None:
        """The deadline, and from when the case counts as due soon: the last quarter of the time
        allowed, at least the last two hours."""
        self.due_at = due_at
        if due_at is None:
            self.warn_at = None
            return
        allowed = due_at - (start or self.created_at)
        self.warn_at = due_at - max(dt.timedelta(hours=2), allowed * DUE_SOON_SHARE)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    # The case page's wording follows these (which steps it offers is services.available_actions).
    @property
    def awaits_routing(self) -> bool:
        return self.status == Status.ACCEPTED

    @property
    def is_routed(self) -> bool:
        """Routed to someone already: routing it again is a reassignment, with a reason."""
        return self.status in (Status.ASSIGNED, Status.IN_PROGRESS)

    @property
    def is_in_progress(self) -> bool:
        return self.status == Status.IN_PROGRESS

    @property
    def awaits_confirmation(self) -> bool:
        return self.status == Status.RESOLVED

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_live and self.due_at is not None and self.due_at < timezone.now()

    @property
    def place_label(self) -> str:
        """Compound, building, room and the free text: for those who handle the case."""
        if self.dwelling_id:
            parts = [str(self.dwelling)]  # "仙湖花园 1栋 1单元 301"
        elif self.building_id:
            parts = [str(self.building)]
        else:
            parts = [self.compound.name] if self.compound_id else []
        if self.address_text:
            parts.append(self.address_text)
        return " ".join(parts)

    @property
    def public_place(self) -> str:
        """Compound and building only: a room number can identify the reporter."""
        if self.building_id:
            return str(self.building)
        return self.compound.name if self.compound_id else ""


def _merged_into_this(own: Q) -> "models.QuerySet[Case]":
    """His cases merged into the outer case: correlated on the case and its community (an original
    and the cases merged into it are of one community), so the read stays on that community's rows."""
    return Case.objects.unscoped().filter(own, merged_into_id=OuterRef("pk"), community_id=OuterRef("community_id"))
