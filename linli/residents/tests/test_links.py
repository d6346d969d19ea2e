import pytest

from linli.core.tests.world import ID_WANG, ID_ZHANG, UserFactory
from linli.messaging.models import Message
from linli.people.models import Resident
from linli.residents import services
from linli.residents.models import LinkRequest
from linli.tenancy.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer():
    return UserFactory(username="newcomer")


def _ask(actor, world, name="张三", id_number=ID_ZHANG, dwelling=None):
    return services.link_request_create(actor=actor, name=name, id_number=id_number,
                                        dwelling_id=(dwelling or world.dwelling2).pk)  # fmt: skip


def test_a_matching_request_waits_for_the_staff_masked(world, newcomer):
    row = _ask(newcomer, world)
    assert (row.resident, row.status, row.id_masked) == (
        world.zhang,
        "pending",
        ID_ZHANG[:6] + "********" + ID_ZHANG[-4:],
    )
    assert Message.objects.filter(kind="link_pending", recipient=world.user("worker")).exists()


def test_the_worker_confirms_and_the_account_becomes_the_resident(world, newcomer):
    row = services.link_confirm(actor=world.user("worker"), link_request=_ask(newcomer, world))
    assert row.status == "confirmed"
    assert Resident.objects.in_community(world.a).get(pk=world.zhang.pk).user == newcomer
    assert Membership.objects.filter(user=newcomer, community=world.a, role="resident").exists()
    assert Message.objects.filter(recipient=newcomer, kind="link_confirmed").exists()


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"id_number": ID_WANG, "name": "王芳"}, "record_linked"),  # 王芳 is linked to the resident account
        ({"id_number": ID_ZHANG, "name": "张四"}, "not_matching"),
        ({"id_number": "440604198001010013", "name": "张三"}, "not_matching"),  # 张三 lives there, another ID
        ({"id_number": "440604199002020023", "name": "李四"}, "no_record"),
    ],
)
def test_refusals_change_nothing(world, newcomer, kwargs, code):
    dwelling = world.dwelling1 if kwargs["name"] == "王芳" else world.dwelling2
    with pytest.raises(services.LinkError) as refused:
        _ask(newcomer, world, dwelling=dwelling, **kwargs)
    assert refused.value.code == code
    assert LinkRequest.objects.unscoped().count() == 0 and Message.objects.count() == 0


def test_a_resident_of_another_community_is_told_so(world, newcomer):
    from linli.people.services import ResidentInput, resident_update

    resident_update(actor=world.user("outsider"), resident=world.outsider_resident,
                    data=ResidentInput(name="李建国", id_number="440604199002020023",
                                       dwelling_id=world.dwelling_b.pk), expected_version=None)  # fmt: skip
    with pytest.raises(services.LinkError) as refused:
        _ask(newcomer, world, name="李建国", id_number="440604199002020023")
    assert refused.value.code == "other_community" and LinkRequest.objects.unscoped().count() == 0


def test_a_grid_worker_cannot_confirm_and_nothing_changes(world, newcomer):
    row = _ask(newcomer, world)
    with pytest.raises(services.LinkError):
        services.link_confirm(actor=world.user("grid2"), link_request=row)
    row.refresh_from_db()
    assert row.status == "pending" and Resident.objects.in_community(world.a).get(pk=world.zhang.pk).user is None


def test_refusing_needs_a_reason_and_tells_the_resident(world, newcomer):
    row = _ask(newcomer, world)
    with pytest.raises(services.LinkError):
        services.link_refuse(actor=world.user("worker"), link_request=row, reason=" ")
    row.refresh_from_db()
    assert row.status == "pending"
    services.link_refuse(actor=world.user("worker"), link_request=row, reason="房号不符")
    assert Message.objects.filter(recipient=newcomer, kind="link_refused").exists()


def test_a_second_pending_request_is_refused(world, newcomer):
    _ask(newcomer, world)
    with pytest.raises(services.LinkError, match="等待社区确认"):
        _ask(newcomer, world)
    assert LinkRequest.objects.unscoped().count() == 1
