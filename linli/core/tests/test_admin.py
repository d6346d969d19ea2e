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


def test_the_access_log_can_be_read_but_not_changed_in_the_admin(client, world):
    from linli.people.services import resident_reveal

    resident_reveal(actor=world.user("secretary"), resident=world.wang, field="phone", reason="电话回访")
    client.force_login(world.user("admin"))
    assert "电话回访" in client.get("/django-admin/core/accesslog/").content.decode()
    assert client.get("/django-admin/core/accesslog/add/").status_code == 403
