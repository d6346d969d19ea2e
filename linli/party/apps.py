from django.apps import AppConfig


class PartyConfig(AppConfig):
    name = "linli.party"
    label = "party"
    verbose_name = "党组织"

    def ready(self) -> None:
        from linli.party import (  # noqa: F401
            audience,  # party members as an audience of events and courses (participation)
            imports,  # registers the party roll's import and the register's 政治面貌 column
            module,  # declares the module to the registry
        )
