"""lending's events, one typed function per kind (labels: lending/module.py `event_kinds`), written
in the same transaction as the change. A title's events are its timeline (the title's page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from linli.core.events import person, record
from linli.core.models import Event

if TYPE_CHECKING:
    from linli.core.typing import Actor
    from linli.lending.models import Copy, Hold, Loan, Title


def _title_event(kind: str, *, title_id: int, community_id: int, actor: Actor | None, data: dict) -> Event:
    return record(
        module="lending",
        kind=kind,
        subject=("lending_title", title_id),
        community_id=community_id,
        actor=actor,
        data=data,
    )  # type: ignore[arg-type]


def _loan_data(loan: Loan, **extra) -> dict:
    return {"copy": loan.copy_id, "loan": loan.pk, "person": person("reader", loan.resident_id), **extra}


def title_created_event(*, title: Title, actor: Actor) -> Event:
    return _title_event(
        "title_created", title_id=title.pk, community_id=title.community_id, actor=actor, data={"note": title.title}
    )


def title_edited_event(*, title: Title, actor: Actor, changed: list[str]) -> Event:
    return _title_event(
        "title_edited", title_id=title.pk, community_id=title.community_id, actor=actor, data={"fields": changed}
    )


def copy_added_event(*, copy: Copy, actor: Actor) -> Event:
    return _title_event(
        "copy_added",
        title_id=copy.title_id,
        community_id=copy.community_id,
        actor=actor,
        data={"copy": copy.pk, "note": copy.barcode},
    )


def copy_marked_event(*, copy: Copy, actor: Actor, note: str) -> Event:
    return _title_event(
        "copy_marked",
        title_id=copy.title_id,
        community_id=copy.community_id,
        actor=actor,
        data={"copy": copy.pk, "status": copy.status, "note": f"{copy.barcode} {note}".strip()},
    )


def loan_lent_event(*, loan: Loan, actor: Actor) -> Event:
    return _title_event(
        "loan_lent",
        title_id=loan.title_id,
        community_id=loan.community_id,
        actor=actor,
        data=_loan_data(loan, due=loan.due_date.isoformat()),
    )


def loan_returned_event(*, loan: Loan, actor: Actor) -> Event:
    return _title_event(
        "loan_returned",
        title_id=loan.title_id,
        community_id=loan.community_id,
        actor=actor,
        data=_loan_data(loan, outcome=loan.outcome),
    )


def loan_renewed_event(*, loan: Loan, actor: Actor) -> Event:
    return _title_event(
        "loan_renewed",
        title_id=loan.title_id,
        community_id=loan.community_id,
        actor=actor,
        data=_loan_data(loan, due=loan.due_date.isoformat()),
    )


def loan_lost_event(*, loan: Loan, actor: Actor) -> Event:
    return _title_event(
        "loan_lost",
        title_id=loan.title_id,
        community_id=loan.community_id,
        actor=actor,
        data=_loan_data(loan, kept=loan.deposit_kept_fen),
    )


def hold_placed_event(*, hold: Hold, actor: Actor) -> Event:
    return _title_event(
        "hold_placed",
        title_id=hold.title_id,
        community_id=hold.community_id,
        actor=actor,
        data={"hold": hold.pk, "person": person("reader", hold.resident_id)},
    )


def hold_closed_event(*, hold: Hold, actor: Actor | None) -> Event:
    return _title_event(
        f"hold_{hold.status}",
        title_id=hold.title_id,
        community_id=hold.community_id,
        actor=actor,
        data={"hold": hold.pk, "person": person("reader", hold.resident_id)},
    )
