"""The tags page: a list with counts for readers; only those who manage tags may add one."""

from linli.people.models import Tag


def test_the_secretary_adds_a_tag_on_the_page(client, world):
    client.force_login(world.user("secretary"))
    response = client.post("/people/tags/", {"name": "高龄"})
    assert response.status_code == 302 and Tag.objects.unscoped().filter(community=world.a, name="高龄").exists()


def test_a_worker_sees_the_tags_but_cannot_add_one(client, world):
    client.force_login(world.user("worker"))
    assert "独居老人" in client.get("/people/tags/").content.decode()
    assert client.post("/people/tags/", {"name": "高龄"}).status_code == 403
    assert not Tag.objects.unscoped().filter(name="高龄").exists()


def test_the_outsider_sees_only_the_tags_of_their_own_community(client, world):
    client.force_login(world.user("outsider"))
    assert "独居老人" not in client.get("/people/tags/").content.decode()


def test_a_building_head_gets_a_404(client, world):
    client.force_login(world.user("building"))
    assert client.get("/people/tags/").status_code == 404
