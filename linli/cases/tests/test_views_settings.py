"""The case settings pages: categories, the Open311 keys with their timeline (views/settings.py)."""

from django.test import Client

from linli.cases.models import Category


def _client(world, role="secretary"):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_settings_page_lists_categories_keys_and_the_keys_history(world):
    page = _client(world).get("/cases/settings/").content.decode()
    assert world.cases.repair.name in page and world.cases.key.name in page and "密钥操作记录" in page


def test_only_the_secretary_opens_the_settings_and_a_foreign_category_is_404(world):
    assert _client(world, "worker").get("/cases/settings/").status_code == 404
    foreign = Category.objects.create(community=world.b, name="外社区", code="x", sla_hours=24)
    assert _client(world).get(f"/cases/settings/categories/{foreign.pk}/").status_code == 404


def test_the_settings_page_stays_within_its_query_budget(world, django_assert_max_num_queries):
    client = _client(world)
    with django_assert_max_num_queries(25):
        assert client.get("/cases/settings/").status_code == 200
