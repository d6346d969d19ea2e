def test_the_administrator_manages_roles_in_the_admin(client, world):
    client.force_login(world.user("admin"))
    for url in (
        "/django-admin/tenancy/membership/",
        "/django-admin/tenancy/community/",
        "/django-admin/places/gridassignment/",
    ):
        assert client.get(url).status_code == 200


def test_staff_without_superuser_rights_cannot_enter_the_admin(client, world):
    client.force_login(world.user("secretary"))
    assert client.get("/django-admin/tenancy/membership/").status_code == 302
