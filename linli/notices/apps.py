from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "linli.notices"
    label = "notices"
    verbose_name = "通知公告"

    def ready(self) -> None:
        from linli.notices import module  # noqa: F401  # declares the module to the registry
