"""Who is told about a case, and marking one's notices read (services/notices.py)."""

from linli.cases import services
from linli.cases.models import Notice


def test_a_routed_case_tells_the_partners_people_and_an_assigned_one_its_assignee(world):
    leak = world.cases.leak
    assert world.user("property") in services.handlers_of(leak)
    services.case_claim(actor=world.user("property"), case=leak)
    assert services.handlers_of(leak) == [world.user("property")]


def test_reading_the_notices_marks_only_ones_own(world):
    property_user = world.user("property")
    assert Notice.objects.visible_to(property_user).filter(read_at__isnull=True).exists()
    others = Notice.objects.unscoped().exclude(user=property_user).filter(read_at__isnull=True).count()
    assert services.notices_read(actor=property_user, community_id=world.a.pk) >= 1
    assert not Notice.objects.visible_to(property_user).filter(read_at__isnull=True).exists()
    assert Notice.objects.unscoped().exclude(user=property_user).filter(read_at__isnull=True).count() == others
