from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "linli.care"
    label = "care"
    verbose_name = "走访关爱"

    def ready(self) -> None:
        from linli.care import module  # noqa: F401  (declares the module to the registry)
