from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "linli.messaging"
    label = "messaging"

    def ready(self) -> None:
        from linli.messaging import module  # noqa: F401  (declares the module to the registry)
