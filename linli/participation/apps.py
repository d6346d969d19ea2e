from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "linli.participation"
    label = "participation"
    verbose_name = "报名与签到"

    def ready(self) -> None:
        from linli.participation import (  # noqa: F401
            audiences,  # the built-in audience sources (新市民)
            module,  # declares the module to the registry
        )
