"""deliberation's declaration: codes, grants and menu entries (小区议事)."""

from django.utils.translation import gettext_lazy as _

from linli.cases.permissions import FILE_CASE
from linli.core import modules
from linli.deliberation import demo
from linli.deliberation.permissions import MANAGE_MEETINGS, VIEW_MEETINGS
from linli.tenancy.permissions import Role

MODULE = modules.register(
    modules.Module(
        label="deliberation",
        verbose_name=_("小区议事"),
        permissions=(
            modules.Permission(MANAGE_MEETINGS, _("召开议事会、记录表决和公示")),
            modules.Permission(VIEW_MEETINGS, _("查看议事会")),
        ),
        grants=modules.grants_by_code(
            {
                MANAGE_MEETINGS: {Role.SECRETARY, Role.WORKER},
                VIEW_MEETINGS: {Role.SECRETARY, Role.WORKER, Role.PROPERTY, Role.HOA, Role.PARTY_SECRETARY},
            }
        ),
        menu=(
            modules.MenuEntry(
                "deliberation:meeting_list",
                _("小区议事"),
                "bi-people-fill",
                50,
                lambda s, c: modules.holds(s, c, VIEW_MEETINGS),
            ),
            modules.MenuEntry(
                "deliberation:notice_board",
                _("议事公示"),
                "bi-megaphone",
                51,
                lambda s, c: modules.holds(s, c, FILE_CASE) and not modules.holds(s, c, VIEW_MEETINGS),
            ),
        ),  # fmt: skip
        seed=demo.seed,
        seed_after=("cases",),
        walk="linli.deliberation.tests.walk",
    )
)
