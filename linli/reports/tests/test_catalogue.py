"""The figure catalogue: every module's figures, declared once, each with a definition and a unit,
computed for any set of communities and month without touching others; kept figures are written
by the periodic job and read back; small groups are suppressed; sensitive figures are marked."""

import pytest
from django.core.management import call_command

from linli.core import figures as f
from linli.core import modules
from linli.reports import values
from linli.reports.models import FigureValue

GROUPS_WITH_FIGURES = {"population", "people_power", "needs", "participation", "care", "services"}


def test_every_group_has_figures_and_every_figure_a_definition():
    catalogue = modules.figure_catalogue()
    assert {fig.group for fig in catalogue.values()} == GROUPS_WITH_FIGURES
    assert all(str(fig.definition) and fig.name for fig in catalogue.values())
    for key in ("residents", "newcomer_share", "party_reported_in", "volunteer_hours", "cases_close_hours",
                "meetings_held", "college_attendance", "care_coverage", "loans_month", "venue_bookings"):  # fmt: skip
        assert key in catalogue


def test_the_old_overview_counts_join_the_catalogue_as_kept_figures_of_now():
    toy = modules.figure_catalogue()["lending_loans"]
    assert toy.kept == f.KEPT and not toy.monthly


def test_a_figure_declared_twice_is_refused():
    twin = modules.Module(label="twin", verbose_name="Twin", figures=(modules.figure_catalogue()["residents"],))
    modules.register(twin)
    try:
        with pytest.raises(modules.RegistryError, match="residents"):
            modules.figure_catalogue()
    finally:
        modules.unregister("twin")


@pytest.mark.parametrize("key", sorted(k for k in modules.figure_catalogue()))
def test_every_figure_counts_for_the_communities_asked_and_no_other(world, today, key):
    fig = modules.figure_catalogue()[key]
    month = f.month_start(today)
    for asked in ({world.a.pk}, {world.a.pk, world.b.pk}):
        counted = values.compute(fig, asked, month)
        assert set(counted) == asked and all(f.WHOLE in parts for parts in counted.values())
    if fig.by_compound:
        assert isinstance(dict(fig.by_compound(world.a.pk, month)), dict)


def test_the_periodic_job_keeps_this_month_and_the_last_and_the_dashboard_reads_them_back(world, today):
    call_command("refresh_report_figures", verbosity=0)
    month = f.month_start(today)
    kept = FigureValue.objects.filter(community=world.a, figure="residents", part="")
    assert set(kept.values_list("month", flat=True)) == {month, f.shift_month(month, -1)}
    kept.filter(month=month).update(value=4321)
    read = values.read([modules.figure_catalogue()["residents"]], {world.a.pk}, [month])
    assert read.whole("residents", month, [world.a.pk]) == (4321, None)  # read back, not counted again
    assert read.computed_at[("residents", month)] is not None


def test_a_month_not_yet_kept_is_counted_once_and_kept(world, today):
    fig = modules.figure_catalogue()["residents"]
    year_ago = f.shift_month(f.month_start(today), -12)
    values.read([fig], {world.a.pk}, [year_ago])
    assert FigureValue.objects.filter(community=world.a, figure="residents", month=year_ago).count() == 1


def test_a_figure_of_the_present_has_no_past_it_was_not_kept_in(world, today):
    fig = modules.figure_catalogue()["households"]
    last = f.shift_month(f.month_start(today), -1)
    assert values.read([fig], {world.a.pk}, [last]).of("households", last, [world.a.pk]) == {}


def test_small_groups_are_suppressed_and_large_ones_shown():
    fig = modules.figure_catalogue()["key_groups"]
    assert f.suppressed(fig, 3, None) and not f.suppressed(fig, 5, None) and not f.suppressed(fig, 0, None)
    rating = modules.figure_catalogue()["cases_satisfaction"]
    assert f.suppressed(rating, 18, 4) and not f.suppressed(rating, 20, 5)
    assert f.shown(rating, 20, 5) == 4.0


def test_a_share_and_a_mean_of_a_region_are_never_a_mean_of_means():
    share = modules.figure_catalogue()["newcomer_share"]
    total = f.add([(1.0, 2.0), (9.0, 98.0)])  # 50 % of 2 and 9 % of 98
    assert f.shown(share, *total) == pytest.approx(10.0)
