import pytest

from linli.core.scoping import scope_for
from linli.people.models import Resident
from linli.people.selectors import ResidentFilters, classify_query, resident_list
from linli.people.services import ResidentInput, resident_create


@pytest.fixture
def people(world):
    secretary = world.user("secretary")
    for name in ("王芳芳", "王建国", "李建国", "欧阳建国", "单田芳", "曾志伟"):
        resident_create(
            actor=secretary, community=world.a, data=ResidentInput(name=name, dwelling_id=world.dwelling1.pk)
        )
    return world


def _names(world, query, role="secretary"):
    filters = ResidentFilters(community_id=world.a.pk, query=query)
    return [r.name for r in resident_list(actor=world.user(role), filters=filters)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("王芳", ["王芳", "王芳芳"]),  # exact match first, then the longer name
        ("王建国", ["王建国"]),
        ("建国", ["李建国", "欧阳建国", "王建国"]),
        ("芳", ["单田芳", "王芳", "王芳芳"]),
        ("zhs", ["张三"]),
        ("zs", ["张三"]),
        ("zhangsan", ["张三"]),
        ("wangf", ["王芳", "王芳芳"]),
        ("shantianfang", ["单田芳"]),  # surname reading, not 单 dan
        ("shtf", ["单田芳"]),
        ("zengzhiwei", ["曾志伟"]),
        ("5678", ["王芳"]),
        ("138 1234 5678", ["王芳"]),
        ("11010519491231002x", ["王芳"]),
        ("１１０１０５１９４９１２３１００２Ｘ", ["王芳"]),
        ("没有这个人", []),
    ],
)
def test_one_box_finds_residents_by_every_kind_of_key(people, query, expected):
    assert sorted(_names(people, query)) == sorted(expected)
    if expected and query in ("王芳",):
        assert _names(people, query)[0] == "王芳"


def test_building_head_cannot_probe_by_id_or_phone(people):
    assert _names(people, "11010519491231002X", role="building") == []
    assert _names(people, "5678", role="building") == []
    assert _names(people, "王芳", role="building") == ["王芳", "王芳芳"]


def test_grid_worker_search_stays_inside_own_grid(people):
    assert _names(people, "张三", role="grid1") == []
    assert _names(people, "张三", role="grid2") == ["张三"]


def test_search_never_crosses_communities(people):
    assert _names(people, "李建国", role="outsider") == []


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("王芳", "name"),
        ("ZHS", "pinyin"),
        ("1234", "phone4"),
        ("+86 13812345678", "phone"),
        ("11010519491231002x", "id_number"),
        ("123456789012345", "id_number"),
        ("   ", "none"),
        ("12-3", "name"),
    ],
)
def test_queries_are_classified(raw, kind):
    assert classify_query(raw).kind == kind


def test_filters_combine_with_search(people, today):
    filters = ResidentFilters(community_id=people.a.pk, query="建国", grid_id=people.grid1.pk, gender="")
    assert {r.name for r in resident_list(actor=people.user("worker"), filters=filters)} == {
        "王建国",
        "李建国",
        "欧阳建国",
    }
    assert Resident.objects.visible_to(scope_for(people.user("worker"))).count() == 8
