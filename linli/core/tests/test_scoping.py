import pytest

from linli.core.scoping import UnscopedQueryError
from linli.people.models import Resident


def test_a_tenant_query_without_scope_is_an_error(world):
    with pytest.raises(UnscopedQueryError):
        list(Resident.objects.all())
    with pytest.raises(UnscopedQueryError):
        Resident.objects.filter(name="王芳").count()


def test_scoped_queries_run(world):
    assert Resident.objects.visible_to(world.user("secretary")).count() == 2
    assert Resident.objects.in_community(world.b).count() == 1
    assert Resident.objects.unscoped().count() == 3


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("secretary", {"王芳", "张三"}),
        ("worker", {"王芳", "张三"}),
        ("grid1", {"王芳"}),
        ("grid2", {"张三"}),
        ("building", {"王芳"}),
        ("resident", {"王芳"}),  # own record only
        ("property", set()),
        ("hoa", set()),
        ("supervisor", set()),
        ("outsider", {"李建国"}),
        ("admin", {"王芳", "张三", "李建国"}),
    ],
)
def test_who_sees_which_residents(world, role, names):
    assert set(Resident.objects.visible_to(world.user(role)).values_list("name", flat=True)) == names


def test_sensitive_tags_are_seen_only_by_granted_roles(world):
    from linli.people.models import Tag

    assert set(Tag.objects.visible_to(world.user("secretary")).values_list("name", flat=True)) == {
        "社区矫正",
        "独居老人",
    }
    assert set(Tag.objects.visible_to(world.user("worker")).values_list("name", flat=True)) == {"独居老人"}
    assert not Tag.objects.visible_to(world.user("building")).exists()
