from linli.reports.views.dashboards import (
    community_dashboard,
    compound_dashboard,
    dashboard_export,
    dashboard_home,
    figure_catalogue,
    region_dashboard,
)
from linli.reports.views.overview import community_figures, refresh_figures, region_overview

__all__ = [
    "community_dashboard",
    "community_figures",
    "compound_dashboard",
    "dashboard_export",
    "dashboard_home",
    "figure_catalogue",
    "refresh_figures",
    "region_dashboard",
    "region_overview",
]
