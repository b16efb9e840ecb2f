"""The hub's rules for appointments: who organises one, what an invitee may change, how answers
merge, and which repeat rules it takes.

- The organiser is the user who pushed the row first (never a value from the client).
- On a private appointment only the organiser may change anything; an invitee may only answer.
  On any appointment only the organiser chooses who is invited (and whether it is private), and
  everyone answers only for themselves.
- `participants` is merged per participant, not as one field: an answer is its invitee's own,
  so two invitees answering at once (or the organiser inviting someone meanwhile) lose nothing.
- A rule repeating every second or minute is refused: expanding it in every colleague's diary
  from a start years ago is millions of steps; so is a rule that yields nothing or cannot be
  walked (INTERVAL=0, 30 February): refused with the reason (protocol/recurrence.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from whitephone.protocol import recurrence

ORGANISER_ONLY = {"private", "organizer_id"}  # on any appointment (participants: see merge)
FAST_FREQ = re.compile(r"(?:^|[;:])\s*FREQ\s*=\s*(SECONDLY|MINUTELY)\b", re.I)


def rule_problem(fields: dict[str, Any]) -> str | None:
    rule = fields.get("rrule")
    if isinstance(rule, str) and (mo := FAST_FREQ.search(rule)):
        return f"rrule: a repeat rule more often than hourly is not accepted (FREQ={mo.group(1).upper()})"
    if isinstance(rule, str) and rule.strip():
        try:
            tz = ZoneInfo(fields.get("timezone") or "UTC")
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            tz = ZoneInfo("UTC")
        try:  # a change without its start: the rule is checked from now
            start = datetime.fromisoformat(str(fields.get("start") or datetime.now(UTC).isoformat()))
        except ValueError:
            return "start: not an ISO date or time"
        start = (start if start.tzinfo else start.replace(tzinfo=tz)).astimezone(tz)
        if (problem := recurrence.rule_problem(rule, start)) is not None:
            return f"rrule: {problem}"
    return None


def organiser_of(row) -> int | None:
    """Who organises a stored appointment (rows from before the hub set it: a private one's owner)."""
    org = (row.fields or {}).get("organizer_id")
    return org if isinstance(org, int) else row.owner_id


def _key(p: dict) -> tuple[str, str]:
    return (str(p.get("kind")), str(p.get("id")))


def merge_participants(current: list, pushed: list, pusher: int, organiser: bool) -> list[dict]:
    """The participants after `pusher`'s change: the organiser (or anyone, on a row without one)
    chooses who is invited; every colleague's answer is their own (kept from the hub unless the
    pusher is that colleague); a new colleague starts with no answer."""
    cur = {_key(p): p for p in current or [] if isinstance(p, dict)}
    if organiser:
        out = []
        for p in pushed or []:
            p = dict(p)
            if p.get("kind") == "user" and str(p.get("id")) != str(pusher):
                old = cur.get(_key(p))
                p["answer"] = (old or {}).get("answer") or "needs-action"
            out.append(p)
        return out
    mine = {_key(p): p for p in pushed or [] if isinstance(p, dict) and p.get("kind") == "user"
            and str(p.get("id")) == str(pusher)}
    out = []
    for k, p in cur.items():
        p = dict(p)
        if k in mine and mine[k].get("answer"):
            p["answer"] = mine[k]["answer"]
        out.append(p)
    return out


def split_rights(row, user_id: int, wanted: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(allowed, refused) parts of a change to a stored appointment by `user_id`: `participants`
    comes back merged; a refused field is one the user may not change and would change."""
    organiser = organiser_of(row)
    is_org = organiser is None or organiser == user_id
    private = row.owner_id is not None
    allowed, refused = {}, {}
    for name, value in wanted.items():
        if name == "participants":
            allowed[name] = merge_participants(row.fields.get("participants"), value, user_id, is_org)
        elif name == "organizer_id":
            continue  # the hub's to set: silently ignored (a client sends back what it got)
        elif not is_org and (private or name in ORGANISER_ONLY) and row.fields.get(name) != value:
            refused[name] = {"local": value, "server": row.fields.get(name)}
        else:
            allowed[name] = value
    return allowed, refused


def may_delete(row, user_id: int) -> bool:
    """Only its organiser deletes a private appointment."""
    organiser = organiser_of(row)
    return row.owner_id is None or organiser is None or organiser == user_id


def split_off(conn, user, wanted: dict[str, Any]) -> dict[str, Any]:
    """A new series split off another ("this and the following", `split_from`): its organiser and
    every other colleague's answer are the original series' as the hub has them now (the splitter's
    copy may be stale: a decline it had not seen yet must hold), whoever pushed the split."""
    from sqlalchemy import select

    from whitephone.server.db import records

    origin_id = wanted.get("split_from")
    if not isinstance(origin_id, str) or not origin_id:
        return wanted
    origin = conn.execute(select(records).where(
        records.c.company_id == user.company_id, records.c.entity == "appointment",
        records.c.record_id == origin_id)).first()
    if origin is None:
        return wanted
    out = dict(wanted)
    organiser = organiser_of(origin)
    if organiser is not None:
        out["organizer_id"] = organiser
    answers = {_key(p): p.get("answer") for p in (origin.fields or {}).get("participants") or []
               if isinstance(p, dict)}
    parts = []
    for p in wanted.get("participants") or []:
        if isinstance(p, dict) and p.get("kind") == "user" and str(p.get("id")) != str(user.id):
            p = {**p, "answer": answers.get(_key(p)) or "needs-action"}
        parts.append(p)
    if "participants" in wanted:
        out["participants"] = parts
    return out
