from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from linli.core.scoping import Scope, TenantModel
from linli.places.permissions import VIEW_PLACES
from linli.places.scope import places_scope


def _place_q(scope: Scope) -> Q:
    return Q(community_id__in=[cid for cid, perms in scope.perms.items() if VIEW_PLACES in perms])


class Compound(TenantModel):
    """A residential compound (小区)."""

    name = models.CharField(_("小区名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    property_company = models.CharField(_("物业公司"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("小区")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="compound_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        # By the compounds the scope already holds: a join to buildings here would reach every
        # building of the city for a list of one community's compounds.
        return _place_q(scope) | Q(pk__in=places_scope(scope).building_compound_ids)


class Grid(TenantModel):
    """A grid (网格): a set of buildings, possibly across compounds, looked after by grid workers."""

    name = models.CharField(_("网格名称"), max_length=100)
    code = models.CharField(_("网格编号"), max_length=32, blank=True)
    workers = models.ManyToManyField(settings.AUTH_USER_MODEL, through="GridAssignment", related_name="grids")
    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("网格")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="grid_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _place_q(scope)


class Building(TenantModel):
    """A building (楼栋), in one compound and at most one grid."""

    compound = models.ForeignKey(Compound, on_delete=models.PROTECT, related_name="buildings")
    grid = models.ForeignKey(Grid, on_delete=models.SET_NULL, null=True, blank=True, related_name="buildings")
    name = models.CharField(_("楼栋"), max_length=50, help_text=_("如：3栋、12号楼"))
    floors = models.PositiveSmallIntegerField(_("层数"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("楼栋")
        ordering = ["compound__name", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "compound", "name"], name="building_unique_name")]

    def __str__(self) -> str:
        return f"{self.compound.name} {self.name}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _place_q(scope) | Q(pk__in=places_scope(scope).building_ids)


class Unit(TenantModel):
    """A stairwell unit (单元) of a building."""

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("单元"), max_length=30)

    class Meta(TenantModel.Meta):
        verbose_name = _("单元")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "building", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _place_q(scope) | Q(building_id__in=places_scope(scope).building_ids)


class Dwelling(TenantModel):
    """A dwelling (房屋): one flat, identified by building, unit and room number."""

    class Use(models.TextChoices):
        OWNER = "owner", _("自住")
        RENTED = "rented", _("出租")
        VACANT = "vacant", _("空置")
        OTHER = "other", _("其他")

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="dwellings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="dwellings")
    room = models.CharField(_("房号"), max_length=20)
    area_m2 = models.DecimalField(_("面积（㎡）"), max_digits=7, decimal_places=2, null=True, blank=True)
    use = models.CharField(_("使用情况"), max_length=10, choices=Use.choices, default=Use.OWNER)
    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("房屋")
        ordering = ["building_id", "unit__name", "room"]
        constraints = [
            models.UniqueConstraint(fields=["community", "building", "unit", "room"], name="dwelling_unique_room"),
            # NULLs never collide in the constraint above: rooms of buildings without units need their own.
            models.UniqueConstraint(
                fields=["community", "building", "room"],
                condition=Q(unit__isnull=True),
                name="dwelling_unique_room_no_unit",
            ),
        ]

    def __str__(self) -> str:
        unit = f"{self.unit.name} " if self.unit_id else ""
        return f"{self.building} {unit}{self.room}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _place_q(scope) | Q(building_id__in=places_scope(scope).building_ids)


class GridAssignment(TenantModel):
    """A grid worker assigned to a grid."""

    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grid_assignments")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "grid", "user"], name="gridassignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.grid}"


class BuildingHead(TenantModel):
    """A building head (楼长): passes on the needs of his building, sees names and rooms there."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="heads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="headed_buildings")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "building", "user"], name="buildinghead_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.building}"
