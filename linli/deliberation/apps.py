from django.apps import AppConfig


class DeliberationConfig(AppConfig):
    name = "linli.deliberation"
    label = "deliberation"
    verbose_name = "小区议事"
