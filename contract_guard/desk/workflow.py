"""The rules of a case's life: which status may follow which, and how urgent a case is."""
from __future__ import annotations

from datetime import date, datetime

from ..errors import BadTransition
from ..models import SEVERITY_ORDER
from .views import QueueRow

STATUSES = ("new", "in_review", "advised", "closed")

# new → in review → advised → closed; a lawyer may hand a case back or reopen it
TRANSITIONS: dict[str, set[str]] = {
    "new": {"in_review", "closed"},
    "in_review": {"new", "advised", "closed"},
    "advised": {"in_review", "closed"},
    "closed": {"in_review"},
}


def check_transition(old: str, new: str) -> None:
    if new not in TRANSITIONS.get(old, set()):
        raise BadTransition(old=old, new=new)


def urgency_key(row: QueueRow, today: date | None = None) -> tuple:
    """Sort key, most urgent first: open before closed, then the worst risk level, the nearest signing
    deadline (none last) and the oldest case."""
    done = row.status in ("advised", "closed")
    deadline = row.deadline.toordinal() if row.deadline else date.max.toordinal()
    created = row.created_at.timestamp() if isinstance(row.created_at, datetime) else 0.0
    return (done, -SEVERITY_ORDER.get(row.risk_level, 0), deadline, created)


def by_urgency(rows: list[QueueRow]) -> list[QueueRow]:
    return sorted(rows, key=urgency_key)
