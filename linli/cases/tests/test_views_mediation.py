"""The mediation forms and the printable agreement (views/mediation.py)."""

from django.test import Client

from linli.cases.models import MediationParty


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_staff_add_a_party_and_print_the_agreement(world):
    case = world.cases.mediation
    client = _client(world, "secretary")
    response = client.post(f"/cases/{case.pk}/mediation/party/", {"side": "applicant", "name": "李四"})
    assert response.status_code == 302
    assert MediationParty.objects.in_community(world.a).filter(case=case, name="李四").exists()
    assert client.get(f"/cases/{case.pk}/agreement/").status_code == 200


def test_an_unknown_form_and_a_partner_are_refused(world):
    case = world.cases.mediation
    assert _client(world, "secretary").post(f"/cases/{case.pk}/mediation/nonsense/").status_code == 404
    assert _client(world, "property").get(f"/cases/{case.pk}/agreement/").status_code == 404
