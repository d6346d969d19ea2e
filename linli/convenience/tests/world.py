"""convenience's part of the test world (core/tests/world.py calls add_convenience): in community A
the default service types; 王芳's grocery order (代买菜), raised by the worker, taken by grid 1's
worker, with 100.00 received from her (witnessed by a neighbour) and a spend of 64.50 with its
receipt photo — not yet done; her daughter's account as her recorded proxy; a pension
certification of 王芳 a year ago (so she is due) and a smoke alarm in her flat."""

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone


@dataclass
class ConvenienceWorld:
    grocery: object  # 代买菜 type
    order: object  # 王芳's grocery order, assigned to grid1, ledger 100.00 in, 64.50 spent
    received: object
    spent: object
    daughter: object  # a user, 王芳's recorded proxy
    proxy: object
    certification: object
    fitting: object


def receipt(name: str = "小票.png") -> SimpleUploadedFile:
    from linli.core.tests.world import PNG

    return SimpleUploadedFile(name, PNG, content_type="image/png")


def add_convenience(world) -> ConvenienceWorld:
    from linli.convenience import services
    from linli.convenience.models import ServiceType
    from linli.core.tests.world import UserFactory

    a, worker, grid1 = world.a, world.user("worker"), world.user("grid1")
    services.types_ensure(a.pk)
    grocery = ServiceType.objects.in_community(a).get(code="grocery")
    order = services.order_raise(actor=worker, community=a, data=services.OrderInput(
        resident_id=world.wang.pk, service_type_id=grocery.pk, note="买一周的菜：青菜、鸡蛋、豆腐"))  # fmt: skip
    order = services.order_assign(actor=worker, order=order, user_id=grid1.pk)
    received = services.ledger_add(actor=grid1, order=order, data=services.EntryInput(
        kind="received", amount="100.00", party="王芳", witness="对门邻居李阿姨"))  # fmt: skip
    spent = services.ledger_add(actor=grid1, order=order, data=services.EntryInput(
        kind="spent", amount="64.50", note="青菜、鸡蛋、豆腐", receipt=receipt()))  # fmt: skip
    daughter = UserFactory(username="daughter", first_name="王小红")
    proxy = services.proxy_add(actor=worker, community=a, resident_id=world.wang.pk, username="daughter",
                               relation="女儿")  # fmt: skip
    certification = services.certification_record(
        actor=worker, community=a, resident_id=world.wang.pk,
        certified_on=timezone.localdate() - dt.timedelta(days=370),
    )  # fmt: skip
    fitting = services.fitting_record(
        actor=grid1, community=a, dwelling_id=world.dwelling1.pk, kind="smoke",
        fitted_on=timezone.localdate() - dt.timedelta(days=200),
    )  # fmt: skip
    return ConvenienceWorld(grocery, order, received, spent, daughter, proxy, certification, fitting)
