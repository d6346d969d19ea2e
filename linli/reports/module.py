"""reports' declaration: the street's overview in the menu of supervisors."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.core.modules import holds
from linli.core.permissions import VIEW_STATS

MODULE = modules.register(
    modules.Module(
        label="reports",
        verbose_name=_("统计报表"),
        menu=(
            modules.MenuEntry(
                "reports:region_overview",
                _("街道总览"),
                "bi-bar-chart",
                92,
                lambda s, c: bool(s.supervised_community_ids or s.is_superuser),
            ),
            modules.MenuEntry(
                "reports:dashboard",
                _("数据看板"),
                "bi-speedometer2",
                91,
                lambda s, c: bool(s.supervised_community_ids or s.is_superuser or holds(s, c, VIEW_STATS)),
            ),
        ),  # fmt: skip
        periodic=(modules.command_job("refresh_report_figures"),),
        walk="linli.reports.tests.walk",
    )
)
