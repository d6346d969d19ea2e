import pytest
from django.test import Client

from linli.participation.models import Attendance
from linli.participation.selectors import code_of

pytestmark = pytest.mark.django_db


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_organiser_checks_in_by_code_over_the_api_once(world):
    client, url = _client(world, "worker"), f"/api/v1/activities/events/{world.activity.pk}/check-in"
    body = {"code": code_of(world.activity_registration)}
    first = client.post(url, body, content_type="application/json").json()
    again = client.post(url, body, content_type="application/json").json()
    assert first["created"] and not again["created"] and first["name"] == "王芳"
    assert Attendance.objects.unscoped().count() == 1


def test_signing_up_twice_over_the_api_is_a_409_naming_the_person(world):
    url = f"/api/v1/activities/events/{world.activity.pk}/registrations"
    response = _client(world, "resident").post(url, {"resident_id": world.wang.pk}, content_type="application/json")
    assert response.status_code == 409 and "王芳" in response.json()["error"]["message"]


def test_the_outsider_cannot_list_community_a_events(world):
    response = _client(world, "outsider").get(f"/api/v1/activities/events?community_id={world.a.pk}")
    assert response.status_code == 404
