from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CasesConfig(AppConfig):
    name = "linli.cases"
    label = "cases"
    verbose_name = "诉求"

    def ready(self) -> None:
        from linli.cases import (
            module,  # noqa: F401  (declares the module to the registry)
            open311,
        )
        from linli.cases.models import Category

        # Open311 remembers filing categories for half a minute; a change here is seen at once.
        post_save.connect(open311.forget_categories, sender=Category, dispatch_uid="open311-categories")
        post_delete.connect(open311.forget_categories, sender=Category, dispatch_uid="open311-categories-del")
