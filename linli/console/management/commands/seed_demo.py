"""Load the demo: the two communities of the seed articles and, for each, every registered module's
demo seed in the order the modules ask for (core.modules.seed_order); then each module's one-off
seed. A demo account for every role (password `demo-pass-2026`, demo only). Running it again
changes nothing."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from linli.core import modules
from linli.tenancy import demo as tenancy_demo


class Command(BaseCommand):
    help = "Load the demo communities (仙湖, 新源) and demo accounts. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="multiply the number of residents")
        parser.add_argument(
            "--i-know-this-is-a-demo",
            action="store_true",
            dest="i_know_this_is_a_demo",
            help="load the demo although DEBUG is off (it makes a superuser 'admin' with the demo password)",
        )

    def handle(self, *args, scale: float = 1.0, i_know_this_is_a_demo: bool = False, **options):
        # The demo makes a superuser and every role's account with one published password: never on
        # a real site by accident.
        if not settings.DEBUG and not i_know_this_is_a_demo:
            raise CommandError(
                "DEBUG 已关闭（生产环境）：seed_demo 会创建超级管理员 admin 及公开密码的演示账号，已拒绝执行。"
                "确需在此加载演示数据，请加 --i-know-this-is-a-demo。"
            )
        self._load(scale)

    @transaction.atomic
    def _load(self, scale: float) -> None:
        rng = random.Random(2026)
        admin = tenancy_demo.demo_user("admin", "管理员", is_staff=True, is_superuser=True)
        order = modules.seed_order()
        for code in tenancy_demo.COMMUNITIES:
            ctx = modules.DemoContext(
                community=tenancy_demo.seed(code), rng=rng, admin=admin, user=tenancy_demo.demo_user,
                say=self.stdout.write, scale=scale,
            )  # fmt: skip
            for module in order:
                if module.seed is not None:
                    module.seed(ctx)
        ctx = modules.DemoContext(
            community=None, rng=rng, admin=admin, user=tenancy_demo.demo_user, say=self.stdout.write, scale=scale
        )
        for module in order:
            if module.seed_global is not None:
                module.seed_global(ctx)
