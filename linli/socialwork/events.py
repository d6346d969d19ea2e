"""socialwork's events: one row per change of a case file, its timeline and audit (core.events)."""

from linli.core.events import record

SUBJECT = "sw_case"


def case_event(kind: str, *, case, actor, **data):
    return record(
        module="socialwork", kind=kind, subject=(SUBJECT, case.pk), community_id=case.community_id, actor=actor,
        data=data,
    )  # fmt: skip
