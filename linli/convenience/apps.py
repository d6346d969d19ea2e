from django.apps import AppConfig


class ConvenienceConfig(AppConfig):
    name = "linli.convenience"
    label = "convenience"
    verbose_name = "便民服务"

    def ready(self) -> None:
        from linli.convenience import module  # noqa: F401  (declares the module to the registry)
