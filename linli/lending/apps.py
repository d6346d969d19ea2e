from django.apps import AppConfig


class LendingConfig(AppConfig):
    name = "linli.lending"
    label = "lending"
    verbose_name = "图书借阅与百宝屋"

    def ready(self) -> None:
        from linli.lending import (  # noqa: F401
            imports,  # registers the catalogue's import
            module,  # declares the module to the registry
        )
