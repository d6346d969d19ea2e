"""The project pages: staff see the project's timeline, residents the project without it; outsiders 404."""

from django.test import Client

from linli.volunteering.models import Project


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_staff_see_the_projects_timeline_and_residents_do_not(world):
    project = world.vol.project
    staff = _client(world, "secretary").get(f"/volunteering/projects/{project.pk}/").content.decode()
    assert "操作记录" in staff and "发布了项目" in staff and "认领了项目" in staff
    resident = _client(world, "resident").get(f"/volunteering/projects/{project.pk}/").content.decode()
    assert project.title in resident and "操作记录" not in resident


def test_the_outsider_cannot_see_or_close_a_project(world):
    client, project = _client(world, "outsider"), world.vol.project
    assert client.get(f"/volunteering/projects/{project.pk}/").status_code == 404
    assert client.post(f"/volunteering/projects/{project.pk}/close/").status_code == 404
    assert Project.objects.unscoped().get(pk=project.pk).status == "open"
