from django.apps import AppConfig


class SocialworkConfig(AppConfig):
    name = "linli.socialwork"
    label = "socialwork"
    verbose_name = "专业社工"

    def ready(self) -> None:
        from linli.socialwork import module  # noqa: F401  # declares the module to the registry
        from linli.socialwork.scope import watch_roster

        watch_roster()
