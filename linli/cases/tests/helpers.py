"""What the cases tests share: filing a case as staff, and the kinds of a case's timeline."""

from linli.cases import services
from linli.cases.models import CaseEvent, Channel


def file_case(world, actor="secretary", **data):
    data.setdefault("category_id", world.cases.env.pk)
    data.setdefault("description", "小区北门垃圾桶满了三天没人清")
    data.setdefault("building_id", world.building1.pk)
    case, _ = services.case_file(
        actor=world.user(actor), community=world.a, data=services.CaseInput(**data), channel=Channel.STAFF
    )
    return case


def events_of(case) -> list[str]:
    return list(CaseEvent.objects.in_community(case.community_id).filter(case=case).values_list("kind", flat=True))


def snapshot(case) -> tuple:
    """The case's row (but its updated_at), its timeline, notices, parties and files: what a refused
    step must leave as it was."""
    from linli.cases.models import Attachment, Case, JointParty, Notice

    row = Case.objects.unscoped().filter(pk=case.pk).values().get()
    row.pop("updated_at")
    events = list(CaseEvent.objects.unscoped().filter(case_id=case.pk).values_list("kind", "note"))
    counts = [m.objects.unscoped().filter(case_id=case.pk).count() for m in (Notice, JointParty, Attachment)]
    return row, events, counts
