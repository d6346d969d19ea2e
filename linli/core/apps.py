from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "linli.core"
    label = "core"
    verbose_name = "core"

    def ready(self) -> None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from linli.core import module, tasks  # noqa: F401  (declares the module; hands the import engine its queue)
        from linli.core.scope_sources import watch

        watch(TOTPDevice, "user_id", ("user", "confirmed"))  # the session keeps "has a confirmed device"
