from django.apps import AppConfig


class CollegeConfig(AppConfig):
    name = "linli.college"
    label = "college"
    verbose_name = "社区学院"

    def ready(self) -> None:
        from linli.college import (
            module,  # noqa: F401  (declares the module to the registry)
            occupancy,
        )

        occupancy.register()  # its rooms in venues' calendar
