from django.apps import AppConfig


class PartyConfig(AppConfig):
    name = "linli.party"
    label = "party"
    verbose_name = "党组织"

    def ready(self) -> None:
        from linli.party import module  # noqa: F401  (declares the module to the registry)
