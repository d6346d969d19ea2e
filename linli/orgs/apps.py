from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "linli.orgs"
    label = "orgs"
    verbose_name = "文体队伍与社会组织"

    def ready(self) -> None:
        from linli.orgs import module  # noqa: F401  (declares the module to the registry)
