from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "linli.activities"
    label = "activities"
    verbose_name = "社区活动"

    def ready(self) -> None:
        from linli.activities import (
            module,  # noqa: F401  # declares the module, registers the event owner
            occupancy,
        )

        occupancy.register()  # its rooms in venues' calendar
