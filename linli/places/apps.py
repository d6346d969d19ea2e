from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "linli.places"
    label = "places"

    def ready(self) -> None:
        from linli.places import scope  # noqa: F401  (registers this app's scope provider)
