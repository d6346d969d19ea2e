"""residents' part of the role walk. The sign-up and login pages are public ("anon" allowed: they
answer 200, or send a signed-in user on); link requests are the account's own and the staff's."""

from linli.core.tests.walk_roles import EVERYONE, FULL

PUBLIC = EVERYONE | {"anon"}


def _request(world):
    from linli.core.tests.world import UserFactory
    from linli.residents.models import LinkRequest

    row = LinkRequest.objects.in_community(world.a).filter(status="pending").first()
    if row is None:
        row = LinkRequest.objects.create(
            community=world.a, user=UserFactory(username="newcomer"), name=world.zhang.name,
            id_number_bidx=world.zhang.id_number_bidx, id_masked="440524********0014",
            dwelling=world.dwelling2, resident=world.zhang,
        )  # fmt: skip
    return row


PAGES = {
    "residents:signup": ("get", PUBLIC),
    "residents:signup_verify": ("get", PUBLIC),  # without a code sent: back to the first step
    "residents:login": ("get", PUBLIC),
    "residents:login_code": ("get", PUBLIC),
    "residents:login_code_verify": ("get", PUBLIC),
    "residents:reset": ("get", PUBLIC),
    "residents:reset_verify": ("get", PUBLIC),
    "residents:start": ("get", EVERYONE),  # the account's own link request
    "residents:requests": ("get", FULL),
    "residents:decide": ("post", FULL),  # refuse without a reason: told, nothing changes
    "residents:my_corrections": ("get", EVERYONE),  # the account's own correction requests
    "residents:corrections": ("get", FULL),
    "residents:correction_decide": ("post", FULL),  # refuse without a reason: told, nothing changes
    "residents:correction_reveal": ("post", FULL),  # without a reason: told, nothing shown or logged
}


def objects(world) -> dict:
    return {
        "residents:decide": {"pk": _request(world).pk, "action": "refuse"},
        "residents:correction_decide": {"pk": _correction(world).pk, "action": "refuse"},
        "residents:correction_reveal": {"pk": _correction(world).pk},
    }


def _correction(world):
    from linli.residents.models import CorrectionRequest

    row = CorrectionRequest.objects.in_community(world.a).filter(status="pending").first()
    if row is None:
        from linli.residents import corrections

        row = CorrectionRequest.objects.create(
            community=world.a, user=world.user("resident"), resident=world.wang, field="phone"
        )
        corrections._encrypt(row, "13611112222")
        row.save(update_fields=["proposed_enc", "proposed_last4"])
    return row


def api(world) -> list[tuple]:
    return [
        ("post", "/signup/codes", PUBLIC, {"phone": "13600000000", "purpose": "login"}),
        ("post", "/signup", PUBLIC, {"code_id": 1, "code": "000000"}),
        ("get", "/link-requests", EVERYONE, None),
        ("post", "/link-requests", EVERYONE, {"name": "x", "id_number": "1", "dwelling_id": 1}),
        ("post", "/link-requests/{request_id}/confirm", FULL, None),
        ("post", "/link-requests/{request_id}/refuse", FULL, {"reason": "信息不符"}),
    ]


def api_ids(world) -> dict:
    return {"request_id": _request(world).pk}
