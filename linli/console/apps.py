from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The shell above the modules: login and security pages, home, the menu, the community switcher,
    the resident's own-data page, the import pages and the demo. It reads the module registry."""

    name = "linli.console"
    label = "console"
    verbose_name = "console"

    def ready(self) -> None:
        from linli.console import module  # noqa: F401  (registers the console's menu entries and cards)
