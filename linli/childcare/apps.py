from django.apps import AppConfig


class ChildcareConfig(AppConfig):
    name = "linli.childcare"
    label = "childcare"
    verbose_name = "暑期托管班"

    def ready(self) -> None:
        from linli.childcare import module  # noqa: F401  (declares the module to the registry)
