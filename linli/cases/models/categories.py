"""A community's categories of cases, with their routing and deadline."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.cases.models.choices import Urgency
from linli.core.scoping import Scope, TenantModel


class Category(TenantModel):
    """A kind of need and where it goes: the default handler and the deadline (SLA)."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("一般诉求")
        MEDIATION = "mediation", _("矛盾纠纷调解")

    class Handler(models.TextChoices):
        STAFF = "staff", _("社区工作人员")
        PARTNER = "partner", _("合作单位（物业、业委会、党支部、职能部门）")

    name = models.CharField(_("类别名称"), max_length=50)
    code = models.SlugField(
        _("类别代码"), max_length=32, help_text=_("Open311 的 service_code，用小写字母、数字和短横线。")
    )
    kind = models.CharField(_("性质"), max_length=12, choices=Kind.choices, default=Kind.ORDINARY)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    handler = models.CharField(_("默认承办"), max_length=10, choices=Handler.choices, default=Handler.STAFF)
    handler_org = models.ForeignKey(
        "tenancy.PartnerOrg",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("默认承办单位"),
    )
    sla_hours = models.PositiveIntegerField(_("办理时限（小时）"), default=72)
    urgent_hours = models.PositiveIntegerField(_("紧急诉求时限（小时）"), default=24, help_text=_("不能长于一般时限。"))
    critical_hours = models.PositiveIntegerField(
        _("特急诉求时限（小时）"), default=2, help_text=_("不能长于紧急时限。")
    )
    safety = models.BooleanField(
        _("安全类"),
        default=False,
        help_text=_("火灾、燃气、漏电、电梯困人等安全隐患归入此类：提到这些的诉求一律推荐此类，并设为紧急或特急。"),
    )
    keywords = models.CharField(
        _("关键词"), max_length=300, blank=True, help_text=_("用逗号分隔，如：漏水,渗水,水管。用于自动推荐类别。")
    )
    public = models.BooleanField(
        _("对居民公开"), default=True, help_text=_("公开类别的诉求（不含个人信息）居民可查看。")
    )
    # Open311 attributes: [{"code", "description", "datatype", "required", "values": [{"key","name"}]}]
    attributes = models.JSONField(default=list, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta(TenantModel.Meta):
        verbose_name = _("诉求类别")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="category_unique_code"),
            models.UniqueConstraint(fields=["community", "name"], name="category_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def hours_for(self, urgency: str) -> int:
        """The time allowed for a case of this urgency: 特急 within 紧急 within the normal time, so a
        misconfigured shorter normal time never makes urgency slower."""
        hours = self.sla_hours
        if urgency in (Urgency.URGENT, Urgency.CRITICAL):
            hours = min(hours, self.urgent_hours or hours)
        if urgency == Urgency.CRITICAL:
            hours = min(hours, self.critical_hours or hours)
        return max(hours, 1)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)
