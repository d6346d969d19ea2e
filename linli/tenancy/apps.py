from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "linli.tenancy"
    label = "tenancy"

    def ready(self) -> None:
        from linli.tenancy import (
            module,  # noqa: F401  (declares the module to the registry)
            scope,  # noqa: F401  (registers this app's scope provider)
        )
