"""Appointment reminders on the hub: one pending row in `reminders` per (appointment, participant
who has it in their diary) for its next occurrence, delivered as a reminder message by the
delivery loop (reminders.py) even when no app runs.

- Who: the organiser, and the invited colleagues who have not declined; a private appointment's
  reminder reaches its owner (organiser) only.
- When: the first occurrence (a series expanded with dateutil in the appointment's own zone, with
  its exceptions, extra dates and moved or cancelled occurrences) whose reminder time has not
  passed and that this participant was not reminded of yet; re-planned on every write of the
  appointment, and after each delivery for the following occurrence. A deleted appointment, or
  one without a reminder, has none.
- The message links the occurrence: `appointment:UID@KEY`, KEY being the occurrence's original
  start in UTC (YYYYMMDDTHHMMSSZ), the same key the client's diary names an occurrence by, so the
  app shows one notification for it (the message or its own diary's, whichever comes first).

The hub imports nothing from the client, so the few lines of expansion live here.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rruleset
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from whitephone.protocol import recurrence
from whitephone.server.db import records, reminders, users

log = logging.getLogger(__name__)
GRACE = 60.0  # a reminder due this little ago is still sent (at once)
MAX_STEPS = 20_000  # occurrences walked to find the next one (a series of moved occurrences)
WINDOW = timedelta(days=366 * 10)  # ... and how far ahead (a yearly 29 February is 4 or 8 years)
KEEP_DELIVERED = 2 * 86400.0  # delivered keys looked at when planning (older ones are in the past)


def rid_key(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _parse_key(key: str) -> datetime:
    return datetime.strptime(key, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def _zone(name: Any) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return ZoneInfo("UTC")


def _aware(text: Any, tz: ZoneInfo) -> datetime:
    dt = datetime.fromisoformat(str(text))
    return (dt if dt.tzinfo else dt.replace(tzinfo=tz)).astimezone(tz)


def next_reminder(fields: dict[str, Any], after: float, skip: frozenset[str] | set[str] = frozenset()
                  ) -> tuple[str, float, datetime] | None:
    """(occurrence key, due time in epoch seconds, occurrence start) of the occurrence whose
    reminder is the first due after `after` (epoch seconds), leaving out the keys in `skip`; None
    when the appointment has no reminder or no such occurrence. Raises ValueError on fields that
    cannot be expanded."""
    minutes = fields.get("remind_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 0:
        return None
    lead = timedelta(minutes=minutes)
    tz = _zone(fields.get("timezone"))
    start = _aware(fields["start"], tz)
    rule, rdates = fields.get("rrule"), fields.get("rdates") or []
    if not rule and not rdates:
        key = rid_key(start)
        due = (start - lead).timestamp()
        return (key, due, start) if due > after and key not in skip else None
    threshold = datetime.fromtimestamp(after, UTC) + lead
    r = recurrence.parse(rule, start) if rule else None

    def ruleset(near: datetime) -> rruleset:  # the series, its rule restarted near `near`
        rs = rruleset()
        if r is not None:
            rs.rrule(recurrence.fast_forward(r, near))
        else:
            rs.rdate(start)
        for x in rdates:
            rs.rdate(_aware(x, tz))
        for k in fields.get("exdates") or []:
            rs.exdate(_parse_key(k).astimezone(tz))
        return rs

    def occurs(key: str) -> bool:  # the series still has this occurrence (it may have been shortened)
        at = _parse_key(key)
        return bool(ruleset(at).between(at - timedelta(seconds=1), at + timedelta(seconds=1), inc=True))

    overrides = {o["recurrence_id"]: o for o in fields.get("overrides") or []
                 if isinstance(o, dict) and isinstance(o.get("recurrence_id"), str)}
    best: tuple[str, float, datetime] | None = None
    # an occurrence as the rule places it: the first one after the threshold not moved and not
    # skipped, walked once from a restart near the threshold, within WINDOW and MAX_STEPS
    limit = max(threshold, start) + WINDOW
    for steps, s in enumerate(ruleset(threshold).xafter(threshold, inc=False)):
        if steps >= MAX_STEPS or s > limit:
            break
        key = rid_key(s)
        if key not in overrides and key not in skip:
            best = (key, (s - lead).timestamp(), s)
            break
    moved = []
    for key, ov in overrides.items():  # moved (or changed) occurrences, wherever they were moved to
        if ov.get("cancelled") or key in skip:
            continue
        try:
            at = _aware(ov["start"], tz) if ov.get("start") else _parse_key(key).astimezone(tz)
        except ValueError:
            continue
        due = (at - lead).timestamp()
        if due > after and (best is None or due < best[1]):
            moved.append((due, key, at))
    for due, key, at in sorted(moved):
        if occurs(key):
            return (key, due, at)
    return best


def recipients(row) -> list[int]:
    """Who is reminded of a stored appointment: its organiser, and (unless it is private) the
    invited colleagues who have not declined."""
    f = row.fields or {}
    org = f.get("organizer_id")
    org = org if isinstance(org, int) and not isinstance(org, bool) else row.owner_id
    out = [org] if isinstance(org, int) else []
    if row.owner_id is not None:
        return out  # private: its owner's alone
    for p in f.get("participants") or []:
        if not isinstance(p, dict) or p.get("kind") != "user" or p.get("answer") == "declined":
            continue
        try:
            uid = int(str(p.get("id")))
        except ValueError:
            continue
        if uid not in out:
            out.append(uid)
    return out


def _body(f: dict[str, Any], at: datetime) -> str:
    tz = _zone(f.get("timezone"))
    local = at.astimezone(tz)
    when = f"{local:%a %d %b %Y} (all day)" if f.get("all_day") else f"{local:%a %d %b %Y %H:%M} ({tz.key})"
    text = f"Reminder: {f.get('subject') or '(no subject)'}, {when}"
    if f.get("place"):
        text += f", {f['place']}"
    return text[:4000]


def plan(conn: Connection, company_id: int, appointment_id: str, now: float | None = None,
         only: int | None = None) -> int:
    """Re-plan the pending reminders of one appointment (of user `only`, or everyone's) from its
    stored row; returns how many are pending afterwards."""
    now = time.time() if now is None else now
    R = reminders
    mine = (R.c.company_id == company_id) & (R.c.appointment == appointment_id)
    if only is not None:
        mine = mine & (R.c.recipient_id == only)
    pending = {r.recipient_id: r.due for r in conn.execute(
        select(R.c.recipient_id, R.c.due).where(mine, R.c.delivered_at.is_(None)))}
    conn.execute(delete(R).where(mine, R.c.delivered_at.is_(None)))
    row = conn.execute(select(records).where(
        records.c.company_id == company_id, records.c.entity == "appointment",
        records.c.record_id == appointment_id)).first()
    if row is None or row.deleted or (row.fields or {}).get("remind_minutes") is None:
        return 0
    who = recipients(row)
    if only is not None:
        who = [u for u in who if u == only]
    if not who:
        return 0
    known = set(conn.execute(select(users.c.id).where(users.c.company_id == company_id,
                                                        users.c.id.in_(who))).scalars())
    delivered: dict[int, set[str]] = {}
    for r in conn.execute(select(R.c.recipient_id, R.c.occurrence).where(
            mine, R.c.delivered_at.is_not(None), R.c.due > now - KEEP_DELIVERED)):
        delivered.setdefault(r.recipient_id, set()).add(r.occurrence)
    made = 0
    for uid in who:
        if uid not in known:
            continue
        # what was pending stays pending (a late delivery loop), even if its time has just passed
        after = min(now - GRACE, pending[uid] - 0.001) if uid in pending else now - GRACE
        try:
            nxt = next_reminder(row.fields, after, delivered.get(uid, set()))
        except (ValueError, TypeError, OverflowError, KeyError) as exc:
            log.warning("appointment %s: no reminder planned (%s)", appointment_id, exc)
            return made
        if nxt is None:
            continue
        key, due, at = nxt
        values = dict(company_id=company_id, sender_id=uid, recipient_id=uid, body=_body(row.fields, at), due=due,
                      created=now, appointment=appointment_id, occurrence=key)
        # another writer (a delivery) may have planned this participant's meanwhile: one row, ours
        ins = (pg_insert if conn.dialect.name == "postgresql" else sqlite_insert)(R).values(**values)
        conn.execute(ins.on_conflict_do_update(
            index_elements=[R.c.company_id, R.c.appointment, R.c.recipient_id],
            index_where=R.c.delivered_at.is_(None) & R.c.appointment.is_not(None),
            set_={k: values[k] for k in ("body", "due", "created", "occurrence")}))
        made += 1
    return made


def still_wanted(conn: Connection, company_id: int, appointment_id: str, recipient_id: int) -> bool:
    """At delivery: the appointment is still there and the recipient still has it in their diary."""
    row = conn.execute(select(records).where(
        records.c.company_id == company_id, records.c.entity == "appointment",
        records.c.record_id == appointment_id)).first()
    return row is not None and not row.deleted and recipient_id in recipients(row)


def link(appointment_id: str, occurrence: str | None) -> str:
    return f"appointment:{appointment_id}@{occurrence or ''}"


def plan_unplanned(engine, batch: int = 200) -> int:
    """Plan the reminders of appointments that have none in `reminders` (saved by a hub from
    before appointment reminders, or while planning failed): run once at hub start by the
    delivery loop, in batches of `batch` appointments, each its own short write transaction,
    so start-up and other writers are not held. Returns how many reminders were planned."""
    from whitephone.server.db import writer

    R = reminders
    has_one = select(R.c.id).where(R.c.company_id == records.c.company_id,
                                   R.c.appointment == records.c.record_id).exists()
    after: tuple[int, str] = (0, "")
    made = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(records.c.company_id, records.c.record_id, records.c.fields).where(
                    records.c.entity == "appointment", records.c.deleted.is_(False), ~has_one,
                    (records.c.company_id > after[0])
                    | ((records.c.company_id == after[0]) & (records.c.record_id > after[1])))
                .order_by(records.c.company_id, records.c.record_id).limit(batch)).all()
        if not rows:
            return made
        after = (rows[-1].company_id, rows[-1].record_id)
        todo = [(r.company_id, r.record_id) for r in rows if (r.fields or {}).get("remind_minutes") is not None]
        if todo:
            with writer(engine) as conn:
                for company_id, record_id in todo:
                    made += plan(conn, company_id, record_id)
