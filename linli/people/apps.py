from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "linli.people"
    label = "people"

    def ready(self) -> None:
        from linli.people import (  # noqa: F401  (register the importer and the scope provider)
            imports,
            module,  # noqa: F401  (declares the module to the registry)
            scope_provider,
        )
