from django.core.management.base import BaseCommand

from linli.tenancy.demo import PASSWORD, STAFF
from linli.tenancy.permissions import Role

ROWS = [
    ("admin", "系统管理员 (superuser)"),
    ("danzao.supervisor / caiwa.supervisor", "街道督导 street supervisor (figures only)"),
    ("xianhu.volunteer / xinyuan.volunteer", "志愿者（党员志愿服务队队长） volunteer, team leader"),
    ("xianhu.member / xinyuan.member", "在职党员（已报到） in-service party member"),
    ("xinyuan.socialworker", "持证社工（社会工作师） certified social worker, casework"),
    ("xinyuan.swsupervisor", "社工督导（高级社会工作师） social-work supervisor"),
]


class Command(BaseCommand):
    help = "Print the demo accounts."

    def handle(self, *args, **options):
        self.stdout.write("\n  linli 邻里 demo — http://127.0.0.1:8000/")
        self.stdout.write(f"  password for every demo account: {PASSWORD}\n")
        for username, label in ROWS:
            self.stdout.write(f"    {username:<40} {label}")
        for suffix, role, _label in STAFF:
            self.stdout.write(f"    {'xianhu.' + suffix + ' / xinyuan.' + suffix:<40} {Role(role).label}")
        self.stdout.write("")
