"""Mediation of a neighbour dispute: its parties, sessions and agreement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.cases.models.case import Case
from linli.cases.models.parts import CasePart


class MediationParty(CasePart):
    """A party to a neighbours' dispute."""

    class Side(models.TextChoices):
        APPLICANT = "applicant", _("申请方")
        RESPONDENT = "respondent", _("被申请方")
        OTHER = "other", _("其他相关方")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mediation_parties")
    side = models.CharField(_("身份"), max_length=12, choices=Side.choices)
    name = models.CharField(_("姓名"), max_length=50)
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    address = models.CharField(_("住址"), max_length=100, blank=True)

    class Meta(CasePart.Meta):
        ordering = ["side", "pk"]

    def __str__(self) -> str:
        return self.name


class MediationSession(CasePart):
    """A mediation meeting or a follow-up visit after the agreement."""

    class Kind(models.TextChoices):
        SESSION = "session", _("调解会")
        FOLLOW_UP = "follow_up", _("回访")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mediation_sessions")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.SESSION)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    mediators = models.CharField(_("调解人"), max_length=200)
    notes = models.TextField(_("记录"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(CasePart.Meta):
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"


class MediationAgreement(CasePart):
    """What the parties agreed, printed for signing (人民调解协议书)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="agreement")
    dispute = models.TextField(_("纠纷事实"), max_length=4000)
    terms = models.TextField(_("协议内容"), max_length=4000)
    fulfilment = models.CharField(_("履行方式和期限"), max_length=300, blank=True)
    reached_on = models.DateField(_("达成日期"))
    mediators = models.CharField(_("调解人"), max_length=200)
    signed = models.BooleanField(_("已签字"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(CasePart.Meta):
        verbose_name = _("调解协议")

    def __str__(self) -> str:
        return f"{self.case_id} {self.reached_on}"
