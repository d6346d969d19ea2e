import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.scoping import Scope, TenantModel, nothing
from linli.people.permissions import VIEW_PEOPLE
from linli.people.scope import people_scope
from linli.places.scope import places_scope


def people_q(scope: Scope, *, prefix: str = "") -> Q:
    """Residents the scope may see, as a filter on `<prefix>` (empty for Resident itself)."""
    q = nothing()
    if scope.full_community_ids:
        q |= Q(**{f"{prefix}community_id__in": scope.full_community_ids})
    if places_scope(scope).grid_ids:
        q |= Q(**{f"{prefix}dwelling__building__grid_id__in": places_scope(scope).grid_ids})
    if places_scope(scope).building_ids:
        q |= Q(**{f"{prefix}dwelling__building_id__in": places_scope(scope).building_ids})
    if people_scope(scope).resident_ids:
        q |= Q(**{f"{prefix}pk__in": people_scope(scope).resident_ids})
    return q


class Resident(TenantModel):
    """A person registered in the community (居民). ID and phone numbers are stored encrypted."""

    class Gender(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    class Status(models.TextChoices):
        ACTIVE = "active", _("在住")
        MOVED_OUT = "moved_out", _("已迁出")
        DECEASED = "deceased", _("已故")

    class Residence(models.TextChoices):
        REGISTERED = "registered", _("户籍人口")
        PERMANENT = "permanent", _("常住人口（非户籍）")
        FLOATING = "floating", _("流动人口")

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = models.CharField(max_length=200, editable=False)
    name_abbr = models.CharField(max_length=50, editable=False)  # first letters: 张三 → zs
    name_shengmu = models.CharField(max_length=80, editable=False)  # initials: 张三 → zhs
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=20, blank=True, default="汉族")
    id_number_enc = models.TextField(blank=True, editable=False)
    id_number_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone_enc = models.TextField(blank=True, editable=False)
    phone_bidx = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)
    residence = models.CharField(_("人口类型"), max_length=12, choices=Residence.choices, default=Residence.REGISTERED)
    hukou_area_code = models.CharField(_("户籍地行政区划代码"), max_length=6, blank=True)
    hukou_address = models.CharField(_("户籍地址"), max_length=200, blank=True)
    dwelling = models.ForeignKey(
        "places.Dwelling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("现住房屋"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    moved_in_date = models.DateField(_("迁入日期"), null=True, blank=True)
    moved_out_date = models.DateField(_("迁出日期"), null=True, blank=True)
    occupation = models.CharField(_("职业/工作单位"), max_length=100, blank=True)
    free_time = models.CharField(_("空闲时间"), max_length=100, blank=True, help_text=_("如：周末上午、工作日晚上"))
    notes = models.TextField(_("备注"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="resident"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["name_pinyin", "name_abbr", "name_shengmu", "updated_at"])
    _history_user: Any  # who made the change: simple_history writes it into the history row
    skip_history_when_saving: bool  # set for one save that rewrites the history itself (erasure)

    class Meta(TenantModel.Meta):
        verbose_name = _("居民")
        verbose_name_plural = _("居民")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "id_number_bidx"],
                condition=~Q(id_number_bidx=""),
                name="resident_unique_id_number",
            ),
            models.UniqueConstraint(fields=["community", "uid"], name="resident_unique_uid"),
        ]
        indexes = [
            models.Index(fields=["community", "name"], name="resident_name"),
            models.Index(fields=["community", "name_pinyin"], name="resident_pinyin"),
            models.Index(fields=["community", "name_abbr"], name="resident_abbr"),
            models.Index(fields=["community", "name_shengmu"], name="resident_shengmu"),
            models.Index(fields=["community", "phone_last4"], name="resident_phone4"),
            models.Index(fields=["community", "status"], name="resident_status"),
            # The tenant-keyed joins from dwellings (core.scoping.tenant_join): without it SQLite takes
            # resident_status for them and reads the community's every resident per dwelling.
            models.Index(fields=["community", "dwelling", "status"], name="resident_dwelling"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return people_q(scope)


class ResidentNameKey(TenantModel):
    """Search keys of a name: every character and every pair of adjacent characters. Chinese names
    are mostly two or three characters, below what a trigram index can find (DESIGN.md)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=2)

    class Meta(TenantModel.Meta):
        indexes = [models.Index(fields=["community", "key", "resident"], name="namekey_lookup")]

    def __str__(self) -> str:
        return self.key


class Household(TenantModel):
    """A household (户): members with their relation to the head, usually living in one dwelling."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("在册")
        DISSOLVED = "dissolved", _("已注销")

    number = models.CharField(_("户号"), max_length=32)
    dwelling = models.ForeignKey(
        "places.Dwelling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("住址"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    notes = models.TextField(_("备注"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    _history_user: Any  # who made the change: simple_history writes it into the history row

    class Meta(TenantModel.Meta):
        verbose_name = _("户")
        constraints = [models.UniqueConstraint(fields=["community", "number"], name="household_unique_number")]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        q = nothing()
        if scope.full_community_ids:
            q |= Q(community_id__in=scope.full_community_ids)
        if places_scope(scope).grid_ids:
            q |= Q(dwelling__building__grid_id__in=places_scope(scope).grid_ids)
        if places_scope(scope).building_ids:
            q |= Q(dwelling__building_id__in=places_scope(scope).building_ids)
        return q


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    SON = "son", _("子")
    DAUGHTER = "daughter", _("女")
    FATHER = "father", _("父亲")
    MOTHER = "mother", _("母亲")
    GRANDCHILD = "grandchild", _("孙子女")
    GRANDPARENT = "grandparent", _("祖父母")
    SIBLING = "sibling", _("兄弟姐妹")
    CHILD_IN_LAW = "child_in_law", _("儿媳/女婿")
    PARENT_IN_LAW = "parent_in_law", _("公婆/岳父母")
    TENANT = "tenant", _("租户")
    OTHER = "other", _("其他")


class HouseholdMember(TenantModel):
    """A resident's membership in a household. A resident is in at most one current household."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="household_memberships")
    relation = models.CharField(_("与户主关系"), max_length=16, choices=Relation.choices)
    joined_date = models.DateField(_("入户日期"))
    left_date = models.DateField(_("离户日期"), null=True, blank=True)
    history = HistoricalRecords()
    _history_user: Any  # who made the change: simple_history writes it into the history row

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["community", "resident"],
                condition=Q(left_date__isnull=True),
                name="member_one_current_household",
            ),
            models.UniqueConstraint(
                fields=["community", "household"],
                condition=Q(left_date__isnull=True, relation="head"),
                name="member_one_head",
            ),
        ]
        # The current members of listed households (their counts and names): without it SQLite reads
        # every current member of the community through member_one_current_household per household.
        indexes = [
            models.Index(fields=["community", "household"], condition=Q(left_date__isnull=True), name="member_current")
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.get_relation_display()}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return people_q(scope, prefix="resident__")


class Tag(TenantModel):
    """A key group (独居老人, 高龄, 低保 …). Sensitive ones are seen only by roles granted them."""

    name = models.CharField(_("标签"), max_length=30)
    sensitive = models.BooleanField(_("敏感"), default=False)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("标签")
        ordering = ["sensitive", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="tag_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        readers = [cid for cid, perms in scope.perms.items() if VIEW_PEOPLE in perms]
        return Q(community_id__in=readers, sensitive=False) | Q(
            community_id__in=set(readers) & scope.sensitive_community_ids
        )


class ResidentTag(TenantModel):
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="resident_tags")
    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="resident_tags")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "resident", "tag"], name="residenttag_unique")]
        indexes = [models.Index(fields=["community", "tag", "resident"], name="residenttag_by_tag")]

    def __str__(self) -> str:
        return str(self.tag_id)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return people_q(scope, prefix="resident__") & Q(tag__in=Tag.objects.visible_to(scope))


class Talent(TenantModel):
    """A talent or skill a resident offers (居民人才库)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="talents")
    skill = models.CharField(_("特长/技能"), max_length=50)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    willing_to_serve = models.BooleanField(_("愿意参与志愿服务"), default=True)
    history = HistoricalRecords()
    _history_user: Any  # who made the change: simple_history writes it into the history row

    class Meta(TenantModel.Meta):
        indexes = [models.Index(fields=["community", "skill"], name="talent_skill")]

    def __str__(self) -> str:
        return self.skill

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        readers = {cid for cid, perms in scope.perms.items() if VIEW_PEOPLE in perms}
        return people_q(scope, prefix="resident__") & Q(community_id__in=readers)


class Move(TenantModel):
    """A move in or out (迁入/迁出), kept as history; a move-out archives the resident."""

    class Kind(models.TextChoices):
        IN = "in", _("迁入")
        OUT = "out", _("迁出")
        WITHIN = "within", _("社区内搬迁")
        DECEASED = "deceased", _("死亡注销")

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="moves")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("日期"))
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place = models.CharField(_("迁自/迁往"), max_length=200, blank=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return people_q(scope, prefix="resident__")
