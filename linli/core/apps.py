from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "linli.core"
    label = "core"
    verbose_name = "core"

    def ready(self) -> None:
        from linli.core import module, tasks  # noqa: F401  (declares the module; hands the import engine its queue)
