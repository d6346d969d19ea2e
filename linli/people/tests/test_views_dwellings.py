"""The cascading select: one building's dwellings, for those who register residents."""


def test_a_buildings_dwellings_are_offered(client, world):
    client.force_login(world.user("worker"))
    page = client.get("/people/dwelling-options/", {"building": world.dwelling1.building_id}).content.decode()
    assert f'value="{world.dwelling1.pk}"' in page


def test_no_building_offers_nothing_and_a_building_head_gets_a_404(client, world):
    client.force_login(world.user("worker"))
    assert '<option value="' not in client.get("/people/dwelling-options/").content.decode().replace('value=""', "")
    client.force_login(world.user("building"))
    assert client.get("/people/dwelling-options/", {"building": world.dwelling1.building_id}).status_code == 404
