from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "linli.reports"
    label = "reports"

    def ready(self) -> None:
        from linli.reports import module  # noqa: F401  (declares the module to the registry)
