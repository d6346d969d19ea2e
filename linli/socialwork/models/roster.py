"""The community's social workers (社工) with their certificate level and supervisor (督导).

linli/staff keeps accounts and roles but no certificate, so the level lives here (docs/DECISIONS.md):
the level decides who may take a high-risk case or supervise."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel


class Level(models.IntegerChoices):
    NONE = 0, _("无证书")
    ASSISTANT = 1, _("助理社会工作师")
    INTERMEDIATE = 2, _("社会工作师")
    SENIOR = 3, _("高级社会工作师")


# Certificate levels from which a practitioner may take high-risk cases, and supervise.
HIGH_RISK_LEVEL = Level.INTERMEDIATE
SUPERVISOR_LEVEL = Level.INTERMEDIATE


class Practitioner(TenantModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("证书等级"), choices=Level.choices, default=Level.NONE)
    certificate_no = models.CharField(_("证书编号"), max_length=40, blank=True)
    supervisor = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supervisees", verbose_name=_("督导")
    )
    education_hours = models.PositiveSmallIntegerField(_("今年继续教育学时"), default=0)
    active = models.BooleanField(default=True)
    ended_on = models.DateField(_("离开名册日期"), null=True, blank=True)  # off the roster: kept, not deleted

    class Meta(TenantModel.Meta):
        verbose_name = _("社工")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="practitioner_unique_user"),
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=3), name="practitioner_level_range"),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)

    @property
    def may_take_high_risk(self) -> bool:
        return self.level >= HIGH_RISK_LEVEL

    @property
    def may_supervise(self) -> bool:
        return self.level >= SUPERVISOR_LEVEL
