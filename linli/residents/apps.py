from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "linli.residents"
    label = "residents"

    def ready(self) -> None:
        from linli.residents import module  # noqa: F401  (declares the module to the registry)
