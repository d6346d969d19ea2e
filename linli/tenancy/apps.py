from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "linli.tenancy"
    label = "tenancy"

    def ready(self) -> None:
        from linli.tenancy import scope  # noqa: F401  (registers this app's scope provider)
