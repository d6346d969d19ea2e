from django.apps import AppConfig


class VenuesConfig(AppConfig):
    name = "linli.venues"
    label = "venues"
    verbose_name = "场地预约"

    def ready(self) -> None:
        from linli.venues import module  # noqa: F401  (declares the module to the registry)
