"""The case page in every state for every side, and the steps it offers (views/case.py)."""

from django.test import Client

from linli.cases import services
from linli.cases.models import Channel
from linli.cases.tests.helpers import file_case as _file


def test_the_case_page_renders_in_every_state_for_every_side(world):
    """Submitted, accepted, in progress, resolved, closed, rejected, merged, joint and mediation: the
    page answers 200 to staff, the handling partner and the reporter (no template surprises)."""
    sec = world.user("secretary")
    fresh, _ = services.case_file(
        actor=world.user("resident"), community=world.a, channel=Channel.SELF,
        data=services.CaseInput(category_id=world.cases.repair.pk, description="楼下路灯不亮了", address_text="东门"),
    )  # fmt: skip
    rejected, _ = services.case_file(
        actor=world.user("resident"), community=world.a, channel=Channel.SELF,
        data=services.CaseInput(category_id=world.cases.env.pk, description="想让社区帮忙搬家", address_text="家里"),
    )  # fmt: skip
    services.case_reject(actor=sec, case=rejected, reason="不属于社区职责，已告知可找搬家公司")
    leak = world.cases.leak
    services.case_claim(actor=world.user("property"), case=leak)
    services.case_resolve(actor=world.user("property"), case=leak, note="已处理完毕")
    merged = _file(world, description="1栋3楼楼道漏水")
    services.case_merge(actor=sec, case=merged, into=world.cases.joint)
    for case in (fresh, rejected, leak, merged, world.cases.joint, world.cases.mediation):
        for role in ("secretary", "worker", "grid1", "property", "hoa", "resident"):
            client = Client()
            client.force_login(world.user(role))
            response = client.get(f"/cases/{case.pk}/")
            assert response.status_code in (200, 404), (case.status, role, response.status_code)
    client = Client()
    client.force_login(world.user("resident"))
    assert client.get(f"/cases/{leak.pk}/").status_code == 200  # his, awaiting his confirmation
    assert "确认办结" in client.get(f"/cases/{leak.pk}/").content.decode()


def test_the_page_offers_only_the_steps_of_the_table(world):
    case, _ = services.case_file(
        actor=world.user("resident"), community=world.a, channel=Channel.SELF,
        data=services.CaseInput(category_id=world.cases.env.pk, description="楼下垃圾桶坏了", address_text="东门"),
    )  # fmt: skip
    staff, resident = Client(), Client()
    staff.force_login(world.user("secretary"))
    resident.force_login(world.user("resident"))
    assert f"/cases/{case.pk}/do/accept/" in staff.get(f"/cases/{case.pk}/").content.decode()
    page = resident.get(f"/cases/{case.pk}/").content.decode()
    assert f"/cases/{case.pk}/do/accept/" not in page and f"/cases/{case.pk}/do/comment/" in page


def test_an_unknown_step_is_a_404_and_an_outsider_gets_404(world):
    client = Client()
    client.force_login(world.user("secretary"))
    assert client.post(f"/cases/{world.cases.leak.pk}/do/explode/").status_code == 404
    outsider = Client()
    outsider.force_login(world.user("outsider"))
    assert outsider.post(f"/cases/{world.cases.leak.pk}/do/accept/").status_code == 404
