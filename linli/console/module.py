"""The console's own menu entries: home, the import pages, one's own data and account security."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.core.permissions import IMPORT_DATA
from linli.people.scope import people_scope

MODULE = modules.register(
    modules.Module(
        label="console",
        verbose_name=_("工作台"),
        menu=(
            modules.MenuEntry("home", _("首页"), "bi-house", 0, lambda s, c: True),
            modules.MenuEntry(
                "imports:job_list",
                _("表格导入"),
                "bi-file-earmark-arrow-up",
                85,
                lambda s, c: modules.holds(s, c, IMPORT_DATA),
            ),
            modules.MenuEntry(
                "me", _("我的信息"), "bi-person-vcard", 95, lambda s, c: bool(people_scope(s).resident_ids)
            ),
            modules.MenuEntry("security", _("账号安全"), "bi-shield-lock", 99, lambda s, c: True),
        ),  # fmt: skip
        walk="linli.console.tests.walk",
    )
)
