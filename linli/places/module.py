"""places' declaration: codes, grants, menu entries and the demo's compounds, buildings and grids."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.places import demo
from linli.places.permissions import EDIT_PLACES, VIEW_PLACES
from linli.tenancy.permissions import Role


def _samples(ctx) -> None:
    from linli.places.samples import write_samples

    write_samples(ctx)


def _street_counts(community_ids):
    from linli.places.selectors import street_counts

    return street_counts(community_ids)


def _sees(scope, community_id):
    return modules.holds(scope, community_id, VIEW_PLACES)


MODULE = modules.register(
    modules.Module(
        label="places",
        verbose_name=_("小区楼栋"),
        permissions=(
            modules.Permission(VIEW_PLACES, _("查看小区、楼栋、网格")),
            modules.Permission(EDIT_PLACES, _("维护小区、楼栋、网格")),
        ),
        grants=modules.grants_by_code(
            {
                VIEW_PLACES: {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER},
                EDIT_PLACES: {Role.SECRETARY, Role.WORKER},
            }
        ),
        menu=(
            modules.MenuEntry("places:compound_list", _("小区"), "bi-buildings", 30, _sees),
            modules.MenuEntry("places:building_list", _("楼栋"), "bi-building", 31, _sees),
            modules.MenuEntry("places:grid_list", _("网格"), "bi-grid-3x3", 32, _sees),
        ),
        report_figures=(modules.ReportFigure("compounds", _("小区"), 10, group="population"),),
        report_counts=_street_counts,
        seed=demo.seed_community,
        seed_after=("tenancy",),
        seed_global=_samples,
        walk="linli.places.tests.walk",
    )
)
