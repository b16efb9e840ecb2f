"""The team's calls per user per day (issue 13, Reports): an aggregate of the synced call logs.

A call log is its writer's alone (server/sync.py, PERSONAL_ENTITIES): no colleague reads one. This
route reads them only to count: per user and day, the calls, the answered ones, the seconds talked in total and on average per answered call. Only CRM admins and holders
of the `reports` permission may ask (403 with the reason for the others).

The day is the asking user's own: the client sends its zone (`tz`, an IANA name or a UTC offset
"+02:00"; default UTC), and each call counts on the day of its instant (`started_at` parsed with
its offset, not cut from the text) in that zone. The default range ends today in that zone.
"""
# no `from __future__ import annotations`: FastAPI must see the route's local `Me` type itself

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.engine import Engine

from whitephone.server.db import records, users

MAX_DAYS = 366
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)  # a report's dates lie in between
_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")


class CallDay(BaseModel):
    user_id: int
    user_name: str
    day: str  # YYYY-MM-DD (in the asker's zone)
    calls: int
    answered: int
    seconds: int  # talked in total
    average_seconds: float  # per answered call (0 when none was answered)


class CallReport(BaseModel):
    since: str
    until: str  # inclusive
    tz: str = "UTC"  # the zone whose days these are
    rows: list[CallDay]


def may_read_reports(user) -> bool:
    perms = user.permissions or []
    return bool(user.is_admin or "crm_admin" in perms or "reports" in perms)


def _day(value: str | None, name: str, default: date) -> date:
    if value is None:
        return default
    try:
        d = date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD") from None
    _in_range(d, name)
    return d


def _in_range(d: date, name: str) -> None:
    if not FIRST_DAY <= d <= LAST_DAY:
        raise HTTPException(400, f"{name} must lie between {FIRST_DAY.isoformat()} and {LAST_DAY.isoformat()}")


def zone_of(text: str | None) -> tzinfo:
    """`tz` as a zone: an IANA name ("Europe/Warsaw") or a UTC offset ("+02:00", "-0530"); None: UTC.
    ValueError with the reason for anything else."""
    if not text or text.upper() in ("UTC", "Z"):
        return UTC
    m = _OFFSET.match(text.strip())
    if m:
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise ValueError(f"{text!r} is not a UTC offset (-14:00 to +14:00)")
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if sign == "-" else delta)
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(text)
    except (ValueError, OSError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise ValueError(f"unknown time zone {text!r} (an IANA name like Europe/Warsaw, or +HH:MM)") from exc


def instant(text) -> datetime | None:
    """A stored time (ISO 8601, with or without an offset or "Z"; without: UTC) as an aware instant."""
    if not isinstance(text, str) or not text:
        return None
    try:
        d = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def calls_per_user_per_day(conn, company_id: int, since: date, until: date, zone: tzinfo = UTC) -> list[CallDay]:
    """The calls of `since`..`until` (days in `zone`, both included) per user and day. The text of
    `started_at` narrows the rows (a local time's date is at most a day off its instant's); each
    row's instant then says its day."""
    f = records.c.fields
    started = f["started_at"].as_string()
    lo, hi = (since - timedelta(days=2)).isoformat(), (until + timedelta(days=3)).isoformat()
    q = (select(records.c.owner_id, users.c.name, started, f["answered_at"].as_string(), f["duration"])
         .select_from(records.outerjoin(users, users.c.id == records.c.owner_id))
         .where(records.c.company_id == company_id, records.c.entity == "call_log",
                records.c.deleted.is_(False), records.c.owner_id.is_not(None), started >= lo, started < hi))
    counts: dict[tuple[str, int], list] = {}
    for uid, name, start, answered_at, duration in conn.execute(q):
        when = instant(start)
        if when is None:
            continue
        day = when.astimezone(zone).date()
        if not since <= day <= until:
            continue
        row = counts.setdefault((day.isoformat(), uid), [name, 0, 0, 0])
        row[1] += 1
        if answered_at:
            row[2] += 1
        try:
            row[3] += max(0, int(duration or 0))
        except (TypeError, ValueError):
            pass  # a duration that is not a number counts as none
    out = []
    for (d, uid), (name, n, ans, secs) in sorted(counts.items()):
        out.append(CallDay(user_id=uid, user_name=name or f"user {uid}", day=d, calls=n, answered=ans,
                           seconds=secs, average_seconds=round(secs / ans, 1) if ans else 0.0))
    return out


def add_call_report_routes(app: FastAPI, engine: Engine, current_user: Callable) -> None:
    Me = Annotated[object, Depends(current_user)]

    @app.get("/api/v1/reports/calls", response_model=CallReport)
    def call_report(me: Me, since: Annotated[str | None, Query(max_length=10)] = None,
                    until: Annotated[str | None, Query(max_length=10)] = None,
                    tz: Annotated[str | None, Query(max_length=64)] = None) -> CallReport:
        """Calls per user per day from `since` to `until` (dates in the zone `tz`, both included;
        default the last 30 days up to today there), for CRM admins and holders of `reports`."""
        if not may_read_reports(me):
            raise HTTPException(403, "needs the 'reports' or 'crm_admin' permission to see the team's calls")
        try:
            zone = zone_of(tz)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from None
        today = datetime.now(zone).date()
        last = _day(until, "until", today)
        default_first = last - timedelta(days=29) if last >= FIRST_DAY + timedelta(days=29) else FIRST_DAY
        first = _day(since, "since", default_first)
        if first > last:
            raise HTTPException(400, "since is after until")
        if (last - first).days >= MAX_DAYS:
            raise HTTPException(400, f"a report covers at most {MAX_DAYS} days")
        with engine.connect() as conn:
            rows = calls_per_user_per_day(conn, me.company_id, first, last, zone)
        return CallReport(since=first.isoformat(), until=last.isoformat(), tz=tz or "UTC", rows=rows)
