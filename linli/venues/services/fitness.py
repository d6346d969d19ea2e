"""The fitness equipment register: where each set stands and since when, inspections with their
findings (an unsafe one puts the set out of service, which residents see), repairs — raised as a
case through cases' intake when asked, so that the property company's inbox gets it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import selectors as case_selectors
from linli.cases import services as cases
from linli.core.typing import account_of
from linli.places.models import Building
from linli.venues import events
from linli.venues.models import FitnessSet, Inspection, Repair
from linli.venues.services.common import VenueError, require_manage

if TYPE_CHECKING:
    from linli.core.typing import Actor
    from linli.tenancy.models import Community

CASE_CHANNEL = "staff"  # a repair raised by staff from the register


@transaction.atomic
def fitness_set_save(
    *, actor: Actor, community: Community, fitness_set: FitnessSet | None, name: str, position: str,
    building_id: int | None = None, installed_date: dt.date | None = None, supplier: str = "",
) -> FitnessSet:  # fmt: skip
    require_manage(actor, community.pk)
    name, position = (name or "").strip(), (position or "").strip()
    if not name or not position:
        raise VenueError(_("请填写器材名称和所在位置。"), field="name")
    building = None
    if building_id:
        building = Building.objects.in_community(community).filter(pk=building_id).first()
        if building is None:
            raise VenueError(_("请选择本社区的楼栋。"), field="building")
    if installed_date and installed_date > timezone.localdate():
        raise VenueError(_("安装日期不能晚于今天。"), field="installed_date")
    item = fitness_set or FitnessSet(community=community)
    item.name, item.position, item.building = name[:60], position[:100], building
    item.installed_date, item.supplier = installed_date, (supplier or "").strip()[:60]
    item.save()
    return item


@transaction.atomic
def inspection_record(
    *, actor: Actor, fitness_set: FitnessSet, inspected_date: dt.date | None, result: str, findings: str = ""
) -> Inspection:
    require_manage(actor, fitness_set.community_id)
    if inspected_date is None or inspected_date > timezone.localdate():
        raise VenueError(_("请填写检查日期（不能晚于今天）。"), field="inspected_date")
    if result not in Inspection.Result.values:
        raise VenueError(_("请选择检查结果。"), field="result")
    findings = (findings or "").strip()
    if result != Inspection.Result.GOOD and not findings:
        raise VenueError(_("请写明发现的问题。"), field="findings")
    item = FitnessSet.objects.in_community(fitness_set.community_id).select_for_update().get(pk=fitness_set.pk)
    inspection = Inspection.objects.create(
        community_id=item.community_id, fitness_set=item, inspected_date=inspected_date, result=result,
        findings=findings[:300], inspected_by=account_of(actor),
    )  # fmt: skip
    fields = ["last_inspected_date"]
    if not item.last_inspected_date or inspected_date >= item.last_inspected_date:
        item.last_inspected_date = inspected_date
        if result == Inspection.Result.UNSAFE:
            item.out_of_service, item.out_of_service_note = True, findings[:100]
            fields += ["out_of_service", "out_of_service_note"]
    item.save(update_fields=fields)
    events.fitness_event("inspection_recorded", fitness_set=item, actor=actor, note=f"{result} {findings}")
    fitness_set.out_of_service, fitness_set.out_of_service_note = item.out_of_service, item.out_of_service_note
    return inspection


@transaction.atomic
def repair_raise(
    *, actor: Actor, fitness_set: FitnessSet, problem: str, as_case: bool = False, category_id: int | None = None
) -> Repair:
    """Record a repair; with `as_case`, file it as a case (category: the one given, or the
    community's 设施维修) in the same transaction, so both or neither are kept."""
    require_manage(actor, fitness_set.community_id)
    problem = (problem or "").strip()
    if len(problem) < 4:
        raise VenueError(_("请写清楚要修什么（至少4个字）。"), field="problem")
    case_id = None
    if as_case:
        category = category_id or _repair_category(fitness_set.community_id)
        if category is None:
            raise VenueError(_("本社区还没有设施维修类的诉求类别，请先在诉求设置中添加。"), field="category")
        case, _created = cases.case_file(
            actor=actor, community=fitness_set.community, channel=CASE_CHANNEL,
            data=cases.CaseInput(
                category_id=category, building_id=fitness_set.building_id,
                title=_("健身器材报修：%(n)s") % {"n": fitness_set.name},
                description=_("%(pos)s的“%(n)s”：%(p)s")
                % {"pos": fitness_set.position, "n": fitness_set.name, "p": problem},
            ),
        )  # fmt: skip
        case_id = case.pk
    repair = Repair.objects.create(community_id=fitness_set.community_id, fitness_set=fitness_set,
                                   problem=problem[:300], case_id=case_id, reported_by=account_of(actor))  # fmt: skip
    events.fitness_event("repair_raised", fitness_set=fitness_set, actor=actor, note=problem, case_id=case_id)
    return repair


def _repair_category(community_id: int) -> int | None:
    found = [c for c in case_selectors.categories_for(community_id) if c.code == "repair" or "维修" in c.name]
    return found[0].pk if found else None


@transaction.atomic
def repair_done(*, actor: Actor, repair: Repair, repaired_date: dt.date | None = None) -> Repair:
    require_manage(actor, repair.community_id)
    repair = Repair.objects.in_community(repair.community_id).select_for_update().get(pk=repair.pk)
    if repair.repaired_date:
        raise VenueError(_("这次报修已登记修复。"), code="state")
    day = repaired_date or timezone.localdate()
    if day > timezone.localdate():
        raise VenueError(_("修复日期不能晚于今天。"), field="repaired_date")
    repair.repaired_date = day
    repair.save(update_fields=["repaired_date"])
    item = FitnessSet.objects.in_community(repair.community_id).get(pk=repair.fitness_set_id)
    item.out_of_service, item.out_of_service_note = False, ""
    item.save(update_fields=["out_of_service", "out_of_service_note"])
    events.fitness_event("repair_done", fitness_set=item, actor=actor, note=repair.problem)
    return repair
