from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "linli.volunteering"
    label = "volunteering"
    verbose_name = "志愿服务"

    def ready(self) -> None:
        from linli.volunteering import (
            imports,  # noqa: F401  (registers the volunteers' import)
            module,  # noqa: F401  (declares the module to the registry)
            scope_provider,  # noqa: F401  (register the scope provider)
        )
