from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.core.scope_sources import StampedQuerySetMixin
from linli.core.scoping import TenantModel
from linli.tenancy.permissions import Role


class Region(models.Model):
    """A node of the administrative tree: province → city → district → street (街道/镇)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("省")
        CITY = "city", _("市")
        DISTRICT = "district", _("区/县")
        STREET = "street", _("街道/镇")

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    # Materialised path of ids ("/1/5/9/"), so "all below" is one indexed prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_per_parent")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            Region.objects.filter(pk=self.pk).update(path=path)


class Community(models.Model):
    """A residents' community (社区): the tenant."""

    code = models.SlugField(
        _("社区代码"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9-]*$", _("社区代码用小写字母、数字和短横线，以字母开头。"))],
    )
    name = models.CharField(_("社区名称"), max_length=100)
    street = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communities")
    # 新市民: household registration outside this city and moved in within this many years.
    newcomer_years = models.PositiveSmallIntegerField(_("新市民年限（年）"), default=5)
    home_area_prefix = models.CharField(
        _("本地户籍行政区划代码前缀"),
        max_length=6,
        blank=True,
        help_text=_("户籍地代码以此开头的居民不算新市民，如佛山市为4406。"),
    )

    class Meta:
        verbose_name = _("社区")
        verbose_name_plural = _("社区")

    def __str__(self) -> str:
        return self.name


class PartnerOrg(TenantModel):
    """A partner organisation working in a community: the property company, the HOA, a department."""

    class Kind(models.TextChoices):
        PROPERTY = "property", _("物业公司")
        HOA = "hoa", _("业主委员会")
        PARTY_BRANCH = "party_branch", _("党支部")
        DEPARTMENT = "department", _("职能部门")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="partnerorg_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope) -> Q:
        return Q(community_id__in=scope.full_community_ids) | Q(pk__in=scope.partner_org_ids)


class MembershipQuerySet(StampedQuerySetMixin, models.QuerySet):
    """Bulk writes of memberships move their users' access stamps too (core/scope_sources.py)."""


class Membership(models.Model):
    """A user's role and where it applies: a community (possibly narrowed by grid or building
    assignments in `places`), a region (supervisors), or a partner organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    community = models.ForeignKey(Community, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    partner_org = models.ForeignKey(PartnerOrg, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    sees_sensitive_tags = models.BooleanField(_("可见敏感标签"), default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(community__isnull=False, region__isnull=True) | Q(community__isnull=True, region__isnull=False)
                ),
                name="membership_community_xor_region",
            ),
            models.UniqueConstraint(fields=["user", "role", "community", "region"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.community or self.region}"
