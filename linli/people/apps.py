from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "linli.people"
    label = "people"

    def ready(self) -> None:
        from linli.people import scope  # noqa: F401  (registers this app's scope provider)
