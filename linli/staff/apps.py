from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "linli.staff"
    label = "staff"
