from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "linli.staff"
    label = "staff"

    def ready(self) -> None:
        from linli.staff import module  # noqa: F401  (declares the module to the registry)
