from django.apps import AppConfig


class ToyConfig(AppConfig):
    name = "linli.console.tests.toy"
    label = "toy"

    def ready(self) -> None:
        from linli.console.tests.toy import module  # noqa: F401  (declares the module to the registry)
