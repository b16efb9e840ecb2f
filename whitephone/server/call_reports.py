"""The team's calls per user per day (issue 13, Reports): an aggregate of the synced call logs.

A call log is its writer's alone (server/sync.py, PERSONAL_ENTITIES): no colleague reads one. This
route reads them only to count: per user and day (UTC, from `started_at`), the calls, the answered
ones, the seconds talked in total and on average per answered call. Only CRM admins and holders
of the `reports` permission may ask (403 with the reason for the others).
"""
# no `from __future__ import annotations`: FastAPI must see the route's local `Me` type itself

from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy import Integer, func, select
from sqlalchemy.engine import Engine

from whitephone.server.db import records, users

MAX_DAYS = 366


class CallDay(BaseModel):
    user_id: int
    user_name: str
    day: str  # YYYY-MM-DD (UTC)
    calls: int
    answered: int
    seconds: int  # talked in total
    average_seconds: float  # per answered call (0 when none was answered)


class CallReport(BaseModel):
    since: str
    until: str  # inclusive
    rows: list[CallDay]


def may_read_reports(user) -> bool:
    perms = user.permissions or []
    return bool(user.is_admin or "crm_admin" in perms or "reports" in perms)


def _day(value: str | None, name: str, default: date) -> date:
    if value is None:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD") from None


def calls_per_user_per_day(conn, company_id: int, since: date, until: date) -> list[CallDay]:
    f = records.c.fields
    started = f["started_at"].as_string()
    day = func.substr(started, 1, 10)
    duration = func.coalesce(f["duration"].as_integer(), 0)
    answered = func.sum((f["answered_at"].as_string().is_not(None) & (f["answered_at"].as_string() != ""))
                        .cast(Integer))
    q = (select(records.c.owner_id, func.max(users.c.name), day, func.count(), answered, func.sum(duration))
         .select_from(records.outerjoin(users, users.c.id == records.c.owner_id))
         .where(records.c.company_id == company_id, records.c.entity == "call_log",
                records.c.deleted.is_(False), records.c.owner_id.is_not(None),
                started >= since.isoformat(), started < (until + timedelta(days=1)).isoformat())
         .group_by(records.c.owner_id, day).order_by(day, records.c.owner_id))
    out = []
    for uid, name, d, n, ans, secs in conn.execute(q):
        ans, secs = int(ans or 0), int(secs or 0)
        out.append(CallDay(user_id=uid, user_name=name or f"user {uid}", day=d, calls=int(n), answered=ans,
                           seconds=secs, average_seconds=round(secs / ans, 1) if ans else 0.0))
    return out


def add_call_report_routes(app: FastAPI, engine: Engine, current_user: Callable) -> None:
    Me = Annotated[object, Depends(current_user)]

    @app.get("/api/v1/reports/calls", response_model=CallReport)
    def call_report(me: Me, since: Annotated[str | None, Query(max_length=10)] = None,
                    until: Annotated[str | None, Query(max_length=10)] = None) -> CallReport:
        """Calls per user per day from `since` to `until` (dates, both included; default the last
        30 days), for CRM admins and holders of `reports`."""
        if not may_read_reports(me):
            raise HTTPException(403, "needs the 'reports' or 'crm_admin' permission to see the team's calls")
        today = date.today()
        last = _day(until, "until", today)
        first = _day(since, "since", last - timedelta(days=29))
        if first > last:
            raise HTTPException(400, "since is after until")
        if (last - first).days >= MAX_DAYS:
            raise HTTPException(400, f"a report covers at most {MAX_DAYS} days")
        with engine.connect() as conn:
            rows = calls_per_user_per_day(conn, me.company_id, first, last)
        return CallReport(since=first.isoformat(), until=last.isoformat(), rows=rows)
