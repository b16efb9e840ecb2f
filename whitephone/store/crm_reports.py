"""The SQL of the CRM reports (core/crm_reports.py shapes them): counts the database makes, so a
report over a million records reads aggregates, not records.

Open records by type, priority and group come from the kept counts (`crm_counts`, maintained by
triggers); by owner is one GROUP BY over the open records; overdue reminders walk the reminder
index; closed records are counted per day (weeks and months are sums of days)."""

from __future__ import annotations

from sqlalchemy import Engine, Integer, func, select

from whitephone.store import models as m
from whitephone.store.database import read_transaction

_R, _C = m.crm_records, m.crm_counts


def open_counts(engine: Engine) -> dict[str, dict]:
    """{"type": {type: n}, "priority": {priority: n}, "group": {group_id or None: n}} of open records."""
    out: dict[str, dict] = {"type": {}, "priority": {}, "group": {}}
    with read_transaction(engine) as conn:
        for key, col in (("type", _C.c.type), ("priority", _C.c.priority), ("group", _C.c.group_key)):
            q = select(col, func.sum(_C.c.n)).where(_C.c.status == "open", _C.c.n > 0).group_by(col)
            for value, n in conn.execute(q):
                out[key][(value or None) if key == "group" else value] = int(n)
    return out


def open_by_owner(engine: Engine) -> list[tuple[int | None, str, int]]:
    """(owner id, owner name, open records) per owner."""
    q = (select(_R.c.owner_id, func.max(_R.c.owner_name), func.count()).where(_R.c.status == "open")
         .group_by(_R.c.owner_id))
    with read_transaction(engine) as conn:
        return [(oid, name or "", int(n)) for oid, name, n in conn.execute(q)]


def overdue(engine: Engine, now_iso: str, limit: int = 10_000) -> list:
    """Open records whose reminder is at or before `now_iso`, oldest reminder first (CrmRecord rows)."""
    from whitephone.store.crm import _record

    q = (select(_R).where(_R.c.remind_at.is_not(None), _R.c.remind_at <= now_iso, _R.c.status == "open")
         .order_by(_R.c.remind_at).limit(limit))
    with read_transaction(engine) as conn:
        return [_record(r) for r in conn.execute(q)]


def closed_per_day(engine: Engine, since_iso: str | None = None) -> list[tuple[str, int]]:
    """("YYYY-MM-DD" in UTC, records closed that day), by day."""
    day = func.substr(_R.c.closed_at, 1, 10)
    q = select(day, func.count()).where(_R.c.status == "closed", _R.c.closed_at.is_not(None))
    if since_iso is not None:
        q = q.where(_R.c.closed_at >= since_iso)
    with read_transaction(engine) as conn:
        return [(d, int(n)) for d, n in conn.execute(q.group_by(day).order_by(day))]


def calls_per_account_per_minute(engine: Engine, since_text: str | None = None,
                                 until_text: str | None = None) -> list[tuple[str, str, int, int, int]]:
    """(account, a `started_at` of the bucket, calls, answered, seconds talked) from the call log,
    one row per account, minute and written offset of `started_at`: every call of a bucket falls
    on the same day in any zone (offsets are whole minutes), so core/crm_reports.py says the day
    in the user's zone from the bucket's one instant. `since_text` / `until_text` narrow by the
    text of `started_at` (from, before)."""
    c = m.call_logs
    minute, offset = func.substr(c.c.started_at, 1, 16), func.substr(c.c.started_at, -6)
    q = (select(c.c.account, func.min(c.c.started_at), func.count(),
                func.sum(c.c.answered_at.is_not(None).cast(Integer)), func.sum(c.c.duration))
         .group_by(c.c.account, minute, offset))
    if since_text is not None:
        q = q.where(c.c.started_at >= since_text)
    if until_text is not None:
        q = q.where(c.c.started_at < until_text)
    with read_transaction(engine) as conn:
        return [(account or "", start, int(n), int(answered or 0), int(seconds or 0))
                for account, start, n, answered, seconds in conn.execute(q)]
