"""Changes to compounds, buildings, dwellings and grids."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from linli.core.audit import set_history_user
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.typing import Actor
from linli.places.models import Building, Compound, Dwelling, Grid, GridAssignment, Unit
from linli.places.permissions import EDIT_PLACES
from linli.tenancy.models import Community, Membership
from linli.tenancy.permissions import Role


class PlacesError(DomainError):
    pass


NOT_ALLOWED = _("您没有维护小区、楼栋和网格的权限。")
NAME_TAKEN = _("名称“%(name)s”在本社区已被使用。")
NAME_REQUIRED = _("请填写名称。")
OTHER_COMMUNITY = _("所选对象不属于本社区。")
TOO_MANY_ROOMS = _("一次最多生成2000套房屋，请分批生成。")
NOT_GRID_WORKER = _("该账号不是本社区的网格员，请先为其设置网格员角色。")


def _require(actor: Actor, community_id: int) -> None:
    if not scope_for(actor).has(EDIT_PLACES, community_id):
        raise PlacesError(NOT_ALLOWED, code="forbidden")


def _save(obj: Model, actor: Actor, name: str) -> None:
    if not name.strip():
        raise PlacesError(NAME_REQUIRED, field="name")
    set_history_user(obj, actor)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise PlacesError(NAME_TAKEN % {"name": name}, field="name") from None


def compound_save(
    *,
    actor: Actor,
    community: Community,
    compound: Compound | None = None,
    name: str,
    address: str = "",
    property_company: str = "",
) -> Compound:
    _require(actor, community.pk)
    compound = compound or Compound(community=community)
    compound.name, compound.address, compound.property_company = name.strip(), address, property_company
    _save(compound, actor, name)
    return compound


def grid_save(*, actor: Actor, community: Community, grid: Grid | None = None, name: str, code: str = "") -> Grid:
    _require(actor, community.pk)
    grid = grid or Grid(community=community)
    grid.name, grid.code = name.strip(), code
    _save(grid, actor, name)
    return grid


def _same_community(community_id: int, *objects: Compound | Grid | None) -> None:
    if any(o is not None and o.community_id != community_id for o in objects):
        raise PlacesError(OTHER_COMMUNITY)


@transaction.atomic
def building_create(
    *,
    actor: Actor,
    community: Community,
    compound: Compound,
    name: str,
    grid: Grid | None = None,
    floors: int | None = None,
    units: int = 0,
    rooms_per_floor: int = 0,
) -> Building:
    """A building, and if asked its dwellings: units × floors × rooms (1单元 301 …)."""
    _require(actor, community.pk)
    _same_community(community.pk, compound, grid)
    if floors and rooms_per_floor and floors * rooms_per_floor * max(units, 1) > 2000:
        raise PlacesError(TOO_MANY_ROOMS, field="rooms_per_floor")
    building = Building(community=community, compound=compound, grid=grid, name=name.strip(), floors=floors)
    _save(building, actor, name)
    if floors and rooms_per_floor:
        unit_rows: list[Unit | None] = [
            Unit.objects.create(community=community, building=building, name=f"{i}单元") for i in range(1, units + 1)
        ]
        unit_rows = unit_rows or [None]  # no units: the rooms hang off the building
        Dwelling.objects.bulk_create(
            Dwelling(community=community, building=building, unit=unit, room=f"{floor}{room:02d}")
            for unit in unit_rows
            for floor in range(1, floors + 1)
            for room in range(1, rooms_per_floor + 1)
        )
    return building


def building_set_grid(*, actor: Actor, building: Building, grid: Grid | None) -> Building:
    _require(actor, building.community_id)
    _same_community(building.community_id, grid)
    building.grid = grid
    set_history_user(building, actor)
    building.save(update_fields=["grid"])
    return building


def grid_assign_worker(*, actor: Actor, grid: Grid, user_id: int) -> GridAssignment:
    _require(actor, grid.community_id)
    user = get_user_model().objects.filter(pk=user_id).first()
    is_worker = Membership.objects.filter(
        user_id=user_id, community_id=grid.community_id, role=Role.GRID_WORKER, is_active=True
    ).exists()
    if user is None or not is_worker:
        raise PlacesError(NOT_GRID_WORKER, field="user")
    assignment, _created = GridAssignment.objects.in_community(grid.community_id).get_or_create(
        community_id=grid.community_id, grid=grid, user=user
    )
    return assignment


def grid_unassign_worker(*, actor: Actor, grid: Grid, user_id: int) -> None:
    _require(actor, grid.community_id)
    GridAssignment.objects.in_community(grid.community_id).filter(grid=grid, user_id=user_id).delete()


ROOM_REQUIRED = _("请填写房号。")
ROOM_TAKEN = _("%(building)s %(unit)s%(room)s 已存在。")
USE_INVALID = _("请选择房屋的使用情况：自住、出租、空置或其他。")


@transaction.atomic
def dwelling_add(
    *, actor: Actor, building: Building, room: str, unit_name: str = "", use: str = Dwelling.Use.OWNER
) -> Dwelling:
    """One more dwelling in a building (a new flat, or one the generator did not know)."""
    _require(actor, building.community_id)
    room, unit_name = room.strip(), unit_name.strip()
    if not room:
        raise PlacesError(ROOM_REQUIRED, field="room")
    if use not in Dwelling.Use.values:
        raise PlacesError(USE_INVALID, field="use")
    unit = None
    if unit_name:
        unit, _created = Unit.objects.in_community(building.community_id).get_or_create(
            community_id=building.community_id, building=building, name=unit_name
        )
    dwelling = Dwelling(community_id=building.community_id, building=building, unit=unit, room=room, use=use)
    set_history_user(dwelling, actor)
    taken = PlacesError(ROOM_TAKEN % {"building": building, "unit": f"{unit_name} " if unit_name else "", "room": room},
                        field="room")  # fmt: skip
    if Dwelling.objects.in_community(building.community_id).filter(building=building, unit=unit, room=room).exists():
        raise taken
    try:
        with transaction.atomic():
            dwelling.save()
    except IntegrityError:  # someone added it at the same moment
        raise taken from None
    return dwelling
