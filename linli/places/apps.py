from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "linli.places"
    label = "places"

    def ready(self) -> None:
        from linli.places import (
            imports,  # noqa: F401  (registers the buildings and dwellings import)
            module,  # noqa: F401  (declares the module to the registry)
            scope_provider,  # noqa: F401  (registers this app's scope provider)
        )
