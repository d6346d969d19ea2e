import pytest
from django.test import Client

from linli.core.tests.world import ID_ZHANG
from linli.messaging.backends import locmem
from linli.people.models import Resident

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_sign_up_link_and_confirm_over_the_api(world, django_capture_on_commit_callbacks):
    locmem.outbox.clear()
    phone = Client()
    with django_capture_on_commit_callbacks(execute=True):
        sent = phone.post(API + "/signup/codes", {"phone": "13655556666"}, content_type="application/json")
    assert sent.status_code == 200
    code = locmem.outbox[-1].params[0]
    body = {"code_id": sent.json()["code_id"], "code": code}
    assert phone.post(API + "/signup", body, content_type="application/json").status_code == 200
    link = {"name": "张三", "id_number": ID_ZHANG, "dwelling_id": world.dwelling2.pk}
    row = phone.post(API + "/link-requests", link, content_type="application/json").json()
    assert row["status"] == "pending" and row["id_masked"] == "440524********0014"
    desk = Client()
    desk.force_login(world.user("worker"))
    queue = desk.get(API + f"/link-requests?community_id={world.a.pk}").json()
    assert [r["id"] for r in queue] == [row["id"]]
    assert desk.post(API + f"/link-requests/{row['id']}/confirm").json()["status"] == "confirmed"
    assert Resident.objects.in_community(world.a).get(pk=world.zhang.pk).user_id is not None


def test_a_wrong_code_is_a_400_that_opens_nothing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = Client().post(API + "/signup/codes", {"phone": "13655556666"}, content_type="application/json")
    response = Client().post(API + "/signup", {"code_id": sent.json()["code_id"], "code": "abcdef"},
                             content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and response.json()["error"]["code"] == "wrong"
    from linli.residents.models import AccountPhone

    assert AccountPhone.objects.count() == 0


def test_the_twenty_first_code_a_minute_is_a_429(world):
    client = Client()
    for n in range(20):
        client.post(API + "/signup/codes", {"phone": f"1360000{n:04d}"}, content_type="application/json")
    response = client.post(API + "/signup/codes", {"phone": "13611112222"}, content_type="application/json")
    assert response.status_code == 429 and "过于频繁" in response.json()["error"]["message"]
