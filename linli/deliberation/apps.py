from django.apps import AppConfig


class DeliberationConfig(AppConfig):
    name = "linli.deliberation"
    label = "deliberation"
    verbose_name = "小区议事"

    def ready(self) -> None:
        from linli.deliberation import module  # noqa: F401  (declares the module to the registry)
