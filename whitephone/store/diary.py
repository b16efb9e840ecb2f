"""The diary in the local store: appointments, their occurrences in a range, reminders, phone
meetings, answers to invitations, and .ics in and out.

A row holds one appointment (a whole series with its exceptions and moved occurrences) as JSON
fields; its time span is indexed in an R*Tree, so a month out of 50 000 appointments reads only
the rows that overlap the month plus the endless series. Every local change writes an outbox
row in the same transaction (sync pushes it later); rows from the hub come through
`sync_rows.AppointmentRows` with no outbox row.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select

from whitephone.core import diary as d
from whitephone.core.diary import (
    ANSWERS,
    MEETING_MODES,
    REMIND_CHOICES,
    Appointment,
    DiaryError,
    Occurrence,
)
from whitephone.store import models as m
from whitephone.store.database import write_transaction
from whitephone.store.outbox import add_outbox_rows, now_iso

log = logging.getLogger(__name__)

__all__ = ["Appointment", "Occurrence", "DiaryError", "DiaryStore", "REMIND_CHOICES"]

ENTITY = "appointment"
REMINDER_LOOKBACK = timedelta(days=7)  # reminders that fell due while the app was closed
MEETING_LOOKBACK = timedelta(hours=12)
ALL_DAY_MEETING_HOUR = 9  # an all-day phone meeting is never dialled; it prompts from 09:00
_FIELDS = {"subject", "start", "end", "all_day", "timezone", "place", "description", "participants",
           "organizer_id", "record", "contact", "remind_minutes", "rrule", "exdates", "rdates", "private",
           "meeting", "overrides", "ical_uid"}


def _dumps(f: dict[str, Any]) -> str:
    return json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_row(conn: Connection, a: Appointment) -> None:
    """Insert or replace `a` with its time span (no outbox row: callers decide). Plain SQL: an
    import writes thousands in one transaction."""
    data = _dumps(d.to_fields(a))
    try:
        lo, hi = int(d.first_start(a)), int(min(d.horizon(a), d.FOREVER))
    except (ValueError, TypeError, OverflowError) as exc:  # a synced rule we cannot expand: keep the row
        log.warning("appointment %s: span unknown (%s)", a.uid, exc)
        lo, hi = int(a.start.timestamp()), int(d.FOREVER)
    hi = max(hi, lo)
    row_id = conn.exec_driver_sql(
        "INSERT INTO appointments (uid, ical_uid, start_ts, horizon_ts, data, rev) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (uid) DO UPDATE SET ical_uid = excluded.ical_uid, start_ts = excluded.start_ts,"
        " horizon_ts = excluded.horizon_ts, data = excluded.data, rev = excluded.rev RETURNING id",
        (a.uid, a.ical_uid, lo, hi, data, secrets.randbits(62))).scalar_one()
    conn.exec_driver_sql(f"INSERT OR REPLACE INTO {m.SPAN_TABLE} (id, lo, hi) VALUES (?, ?, ?)",
                         (row_id, lo - 1, hi + 1))  # float32 in the tree: the exact test follows


def delete_rows(conn: Connection, uids: Sequence[str]) -> None:
    A = m.appointments
    ids = [r[0] for r in conn.execute(select(A.c.id).where(A.c.uid.in_(bindparam("v", expanding=True))),
                                      {"v": list(uids)})]
    if ids:
        conn.exec_driver_sql(f"DELETE FROM {m.SPAN_TABLE} WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))
        conn.execute(delete(A).where(A.c.id.in_(ids)))


def read_fields(conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
    A = m.appointments
    rows = conn.execute(select(A.c.uid, A.c.data).where(A.c.uid.in_(bindparam("v", expanding=True))),
                        {"v": list(uids)})
    return {u: json.loads(data) for u, data in rows}


class DiaryStore:
    """Appointments of one profile. Times are aware datetimes; naive ones count in the profile's
    zone (`default_timezone`)."""

    def __init__(self, engine: Engine, default_timezone: str | None = None) -> None:
        self.engine = engine
        self.default_timezone = default_timezone or d.local_zone_name()
        self._cache: dict[str, tuple[int, Appointment]] = {}  # uid -> (rev, parsed)

    # ------------------------------------------------------------------------ reading
    def get(self, uid: str) -> Appointment | None:
        with self.engine.connect() as conn:
            data = conn.execute(select(m.appointments.c.data).where(m.appointments.c.uid == uid)).scalar()
        return self._parse(uid, data) if data is not None else None

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT count(*) FROM appointments").scalar_one()

    def all(self) -> list[Appointment]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(m.appointments.c.uid, m.appointments.c.data)
                                .order_by(m.appointments.c.start_ts)).all()
        return [self._parse(u, data) for u, data in rows]

    def by_ical_uid(self, ical_uid: str) -> Appointment | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(m.appointments.c.uid, m.appointments.c.data)
                               .where(m.appointments.c.ical_uid == ical_uid)).first()
        return self._parse(row[0], row[1]) if row else None

    def _parse(self, uid: str, data: str, rev: int | None = None) -> Appointment:
        a = d.from_fields(uid, json.loads(data))
        if rev is not None:
            try:
                d.prepare(a)
            except (ValueError, TypeError, OverflowError):  # expanded (and reported) when asked
                pass
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[uid] = (rev, a)
        return a

    def appointments_between(self, start: datetime, end: datetime) -> list[Appointment]:
        """Appointments with an occurrence that may overlap [start, end) (from the time index).
        Parsed appointments are cached by their row's `rev`, so switching months re-reads ids
        and revs only."""
        lo, hi = self._aware(start, "from").timestamp(), self._aware(end, "to").timestamp()
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT a.uid, a.rev FROM {m.SPAN_TABLE} s JOIN appointments a ON a.id = s.id"
                " WHERE s.lo <= ? AND s.hi >= ?", (hi, lo)).all()
            cache = self._cache
            missing = [u for u, rev in rows if (hit := cache.get(u)) is None or hit[0] != rev]
            for i in range(0, len(missing), 500):
                part = missing[i:i + 500]
                for u, rev, data in conn.exec_driver_sql(
                        f"SELECT uid, rev, data FROM appointments WHERE uid IN ({','.join('?' * len(part))})",
                        tuple(part)):
                    self._parse(u, data, rev)
        return [cache[u][1] for u, _ in rows if u in cache]

    def occurrences(self, start: datetime, end: datetime, everyone: bool = False) -> list[Occurrence]:
        """Every occurrence overlapping [start, end) in my diary, series expanded (exceptions left
        out, moved occurrences where they were moved to), ordered by start. My diary: what I
        organise or am invited to (and everything while not signed in); `everyone` adds the
        colleagues' shared appointments the hub sent (the group calendar)."""
        lo, hi = self._aware(start, "from"), self._aware(end, "to")
        if hi < lo:
            raise DiaryError("the end of the range is before its start")
        me = None if everyone else self.my_user_id()
        lo_ts, hi_ts = lo.timestamp(), hi.timestamp()
        keyed: list[tuple[float, float, str, Occurrence]] = []
        for a in self.appointments_between(lo, hi):
            if me is not None and not is_mine(a, me):
                continue
            if not a.recurring:  # most rows: compare cached epoch seconds, no datetime arithmetic
                s_ts, e_ts = _span(a)
                if s_ts < hi_ts and (e_ts > lo_ts or (e_ts == s_ts and s_ts >= lo_ts)):
                    keyed.append((s_ts, e_ts, a.uid, Occurrence(a.uid, None, a.subject, a.start, a.end, a.all_day,
                                                                a, False, a.meeting)))
                continue
            try:
                for o in d.expand(a, lo, hi):
                    keyed.append((o.start.timestamp(), o.end.timestamp(), o.uid, o))
            except (ValueError, TypeError, OverflowError) as exc:  # a synced row we cannot expand
                log.warning("appointment %s not expanded: %s", a.uid, exc)
        keyed.sort(key=lambda k: k[:3])
        return [k[3] for k in keyed]

    # ------------------------------------------------------------------------ writing
    def add(self, **fields: Any) -> Appointment:
        """A new appointment from keyword fields (see `Appointment`); returns it as stored."""
        unknown = set(fields) - _FIELDS - {"uid"}
        if unknown:
            raise DiaryError(f"unknown appointment field(s): {', '.join(sorted(unknown))}")
        now = now_iso()
        a = self._checked(fields.get("uid") or str(uuid.uuid4()), fields, None)
        a.created_at = a.updated_at = now
        with write_transaction(self.engine) as conn:
            if conn.execute(select(m.appointments.c.id).where(m.appointments.c.uid == a.uid)).first():
                raise DiaryError(f"an appointment with id {a.uid} exists already")
            write_row(conn, a)
            add_outbox_rows(conn, ENTITY, [(a.uid, "upsert")])
        return a

    def update(self, uid: str, **fields: Any) -> Appointment:
        """Change the named fields of an appointment (a whole series)."""
        unknown = set(fields) - _FIELDS
        if unknown:
            raise DiaryError(f"unknown appointment field(s): {', '.join(sorted(unknown))}")
        with write_transaction(self.engine) as conn:
            old = self._load(conn, uid)
            a = self._checked(uid, fields, old, conn)
            self._may_change(conn, old, a)
            a.updated_at = now_iso()
            write_row(conn, a)
            add_outbox_rows(conn, ENTITY, [(uid, "upsert")])
        return a

    def move(self, uid: str, start: datetime, end: datetime, recurrence_id: datetime | None = None,
             this_and_following: bool = False) -> Appointment:
        """Move or resize (drag in the views): the whole appointment, one occurrence of a series
        (an override), or this occurrence and the following ones (the series is split; the new
        series is returned)."""
        with write_transaction(self.engine) as conn:
            a = self._load(conn, uid)
            tz = d.zone(a.timezone)
            start, end = self._aware(start, "start", tz), self._aware(end, "end", tz)
            if end < start:
                raise DiaryError("an appointment cannot end before it starts")
            if a.all_day:
                start, end = d.midnight(start, tz), max(d.midnight(end, tz), d.midnight(start, tz) + timedelta(days=1))
            if recurrence_id is None or not a.recurring:
                delta = start - a.start
                a.exdates = [x + delta for x in a.exdates]
                a.rdates = [x + delta for x in a.rdates]
                a.overrides = {d.rid_key(d.parse_key(k) + delta): v for k, v in a.overrides.items()}
                a.start, a.end = start, end
                result = a
            else:
                rid = self._aware(recurrence_id, "recurrence_id", tz)
                original = d.occurrence_at(a, rid)
                if original is None:
                    raise DiaryError("that occurrence is not part of the series")
                if this_and_following:
                    result = self._split(conn, a, original, start, end)
                else:
                    ov = dict(a.overrides.get(d.rid_key(original), {}))
                    ov.update(start=start.isoformat(), end=end.isoformat())
                    ov.pop("cancelled", None)
                    a.overrides[d.rid_key(original)] = ov
                    result = a
            self._may_change(conn, self._load(conn, uid), a)
            a.updated_at = now_iso()
            write_row(conn, a)
            add_outbox_rows(conn, ENTITY, [(uid, "upsert")])
        return self.get(result.uid) or result

    def update_occurrence(self, uid: str, recurrence_id: datetime, scope: str, **fields: Any) -> Appointment:
        """Edit one occurrence of a series (`scope` "this": an override with its RECURRENCE-ID,
        which keeps start, end, subject, place and description; what only a whole series has, such
        as the repeat rule, participants or reminder, is refused with a reason) or this occurrence
        and the following ones ("following": the series is split here, the old one ends before
        it, the new one from it carries `fields`; returned)."""
        if scope not in ("this", "following"):
            raise DiaryError("the scope of an occurrence's edit is this or following")
        unknown = set(fields) - _FIELDS
        if unknown:
            raise DiaryError(f"unknown appointment field(s): {', '.join(sorted(unknown))}")
        _check_texts(fields)
        with write_transaction(self.engine) as conn:
            a = self._load(conn, uid)
            if not a.recurring:
                raise DiaryError("this appointment does not repeat")
            tz = d.zone(a.timezone)
            original = d.occurrence_at(a, self._aware(recurrence_id, "recurrence_id", tz))
            if original is None:
                raise DiaryError("that occurrence is not part of the series")
            okey = d.rid_key(original)
            now = d.expand(a, original - timedelta(seconds=1), original + _length(a) + timedelta(days=2))
            occ = next((o for o in now if o.key == okey), None)
            if occ is None:  # cancelled: there is nothing to edit
                raise DiaryError("that occurrence was deleted")
            start = self._aware(fields.get("start", occ.start), "start", tz)
            end = self._aware(fields.get("end", occ.end), "end", tz)
            if end < start:
                raise DiaryError("an appointment cannot end before it starts")
            if scope == "following":
                old_rule = a.rrule
                own = dict(a.overrides.get(okey, {}))  # this occurrence's own times and text
                times_given = "start" in fields or "end" in fields
                if not times_given and occ.moved:  # the rest stays at the series' time; this one stays moved
                    start, end = original, d._shift(original, d._duration(a), tz, a.all_day)  # noqa: SLF001
                new = self._split(conn, a, original, start, end)
                self._may_change(conn, self._load(conn, uid), a)
                a.updated_at = now_iso()
                write_row(conn, a)
                add_outbox_rows(conn, ENTITY, [(uid, "upsert")])
                rest = {k: v for k, v in fields.items() if k not in ("start", "end")}
                if "rrule" in rest and _norm("rrule", rest["rrule"], a, tz) == _norm("rrule", old_rule, a, tz):
                    rest.pop("rrule")  # the editor sends the series' rule back: the new part keeps its own
                keep = {k: own[k] for k in ("start", "end") if k in own and not times_given}
                for k in OCCURRENCE_FIELDS:  # this occurrence's own text, sent back unchanged: its own still
                    if k in own and (k not in rest or (rest[k] or "").strip() == own[k]):
                        rest.pop(k, None)
                        keep[k] = own[k]
                if keep:
                    new.overrides[d.rid_key(original if not times_given else start)] = keep
                result = self._checked(new.uid, {**rest, "start": new.start, "end": new.end}, new, conn)
                result.created_at, result.updated_at = new.created_at, now_iso()
                write_row(conn, result)
                return result
            whole = d.to_fields(a)
            per_series = sorted(k for k, v in fields.items()
                                if k not in OCCURRENCE_FIELDS and k not in ("start", "end")
                                and _norm(k, v, a, tz) != _norm(k, whole.get(k), a, tz))
            if per_series:
                raise DiaryError("only start, end, subject, place and description can differ for one occurrence; "
                                 f"{', '.join(per_series)} apply to the whole series (choose All, or This and "
                                 "the following)")
            if a.all_day:
                start = d.midnight(start, tz)
                end = max(d.midnight(end, tz), start + timedelta(days=1))
            ov = dict(a.overrides.get(okey, {}))
            ov.pop("cancelled", None)
            ov.update(start=start.isoformat(), end=end.isoformat())
            if start == original and end == d._shift(original, d._duration(a), tz, a.all_day):  # noqa: SLF001
                ov.pop("start"), ov.pop("end")  # at its own time: it follows the series if that moves
            for k in OCCURRENCE_FIELDS:
                if k in fields:
                    v = (fields[k] or "").strip()
                    if k == "subject" and not v:
                        raise DiaryError("an appointment needs a subject")
                    if v != (getattr(a, k) or ""):
                        ov[k] = v
                    else:
                        ov.pop(k, None)
            a.overrides[okey] = ov
            self._may_change(conn, self._load(conn, uid), a)
            check_wire(a)
            a.updated_at = now_iso()
            write_row(conn, a)
            add_outbox_rows(conn, ENTITY, [(uid, "upsert")])
        return a

    def _split(self, conn: Connection, a: Appointment, original: datetime, start: datetime,
               end: datetime) -> Appointment:
        """End `a` before `original`; a new series from `start` carries the rest. Split at its
        first occurrence, `a` keeps nothing: it is emptied of occurrences (an exception each, so
        its invitees see the change) rather than deleted, since callers write it back. Only the
        organiser splits a shared series (an invitee's split would take the rest from everyone)."""
        me = self.my_user_id(conn)
        if me is not None and a.organizer_id is not None and a.organizer_id != me:
            raise DiaryError("only its organiser can change this and the following occurrences; "
                             "you can change this occurrence, or accept or decline the series")
        first = next(iter(d._rules(a)), None)  # noqa: SLF001
        new = d.split_series(a, original, start, end, str(uuid.uuid4()))
        if first is not None and first >= original:
            a.rdates, a.overrides = [], {}
            a.exdates = sorted(set(a.exdates) | {first})
        new.created_at = new.updated_at = now_iso()
        write_row(conn, new)
        add_outbox_rows(conn, ENTITY, [(new.uid, "upsert")])
        return new

    def delete(self, uid: str, recurrence_id: datetime | None = None) -> None:
        """Delete an appointment (a whole series), or one occurrence of a series (an EXDATE)."""
        with write_transaction(self.engine) as conn:
            a = self._load(conn, uid)
            self._may_change(conn, a, None)
            if recurrence_id is None or not a.recurring:
                delete_rows(conn, [uid])
                conn.execute(delete(m.diary_done).where(m.diary_done.c.uid == uid))
                add_outbox_rows(conn, ENTITY, [(uid, "delete")])
                return
            rid = self._aware(recurrence_id, "recurrence_id", d.zone(a.timezone))
            original = d.occurrence_at(a, rid)
            if original is None:
                raise DiaryError("that occurrence is not part of the series")
            a.overrides.pop(d.rid_key(original), None)
            if original not in a.exdates:
                a.exdates.append(original)
            a.updated_at = now_iso()
            write_row(conn, a)
            add_outbox_rows(conn, ENTITY, [(uid, "upsert")])

    def _may_change(self, conn: Connection, old: Appointment, new: Appointment | None) -> None:
        """The hub's rule, here too (server/appointments.py): on a colleague's private appointment
        I may only answer; on any of theirs I may not make it private or shared."""
        me = self.my_user_id(conn)
        if me is None or old.organizer_id is None or old.organizer_id == me:
            return
        if new is None:
            if old.private:
                raise DiaryError("only its organiser can delete a private appointment; you can decline it")
            return
        before, after = d.to_fields(old), d.to_fields(new)
        changed = {k for k in after if k not in ("participants", "updated_at", "created_at") and after[k] != before.get(k)}
        if old.private and changed:
            raise DiaryError("only its organiser can change a private appointment; you can accept or decline it")
        if "private" in changed:
            raise DiaryError("only its organiser can make an appointment private or shared")
        if [(p["kind"], p["id"]) for p in new.participants] != [(p["kind"], p["id"]) for p in old.participants]:
            raise DiaryError("only its organiser can invite or uninvite people")

    def my_user_id(self, conn: Connection | None = None) -> int | None:
        """The signed-in hub user of this profile (from the sync state), if any (read in `conn`
        when inside a write)."""
        if conn is None:
            with self.engine.connect() as conn:
                return self.my_user_id(conn)
        key = conn.execute(select(m.sync_meta.c.value).where(m.sync_meta.c.key == "hub_key")).scalar()
        tail = (key or "").rpartition("#")[2]
        return int(tail) if tail.isdigit() else None

    def answer(self, uid: str, answer: str, user_id: int | None = None) -> Appointment:
        """Accept or decline an invitation as `user_id` (default: the signed-in user)."""
        if answer not in ("accepted", "declined", "needs-action"):
            raise DiaryError("the answer must be accepted or declined")
        me = user_id if user_id is not None else self.my_user_id()
        if me is None:
            raise DiaryError("sign in to a hub to answer invitations")
        with write_transaction(self.engine) as conn:
            a = self._load(conn, uid)
            mine = [p for p in a.participants if p.get("kind") == "user" and str(p.get("id")) == str(me)]
            if not mine:
                raise DiaryError("you are not invited to this appointment")
            for p in mine:
                p["answer"] = answer
            a.updated_at = now_iso()
            write_row(conn, a)
            add_outbox_rows(conn, ENTITY, [(uid, "upsert")])
        return a

    # ------------------------------------------------------------------ reminders, meetings
    def due_reminders(self, now: datetime | None = None) -> list[tuple[Occurrence, datetime]]:
        """Occurrences whose reminder is due at `now` and was not shown yet, also those that fell
        due while the app was closed (up to a week back; never before the appointment existed)."""
        now = self._aware(now or datetime.now(UTC), "now")
        me = self.my_user_id()
        occs = [o for o in self.occurrences(now - REMINDER_LOOKBACK, now + timedelta(days=1, minutes=1))
                if not declined(o.appointment, me)]
        done = self._done("reminder", {o.uid for o in occs})
        out = []
        for o in occs:
            mins = o.appointment.remind_minutes
            if mins is None or (o.uid, o.key) in done:
                continue
            due = o.start - timedelta(minutes=mins)
            created = _when(o.appointment.created_at)
            if due <= now and (created is None or due >= created - timedelta(minutes=1)):
                out.append((o, due))
        out.sort(key=lambda x: x[1])
        return out

    def mark_reminded(self, items: Iterable[Occurrence | tuple[str, datetime | None]]) -> list:
        """Remember that these occurrences' reminders were shown (never again); returns the items
        that were not marked before (only those are to be shown: the hub's reminder message for
        the same occurrence may have been shown first, see `claim_reminder`)."""
        return self._mark("reminder", items)

    def claim_reminder(self, uid: str, key: str) -> bool:
        """One notification per occurrence: the hub's reminder message for appointment `uid`'s
        occurrence `key` (Occurrence.key) marks it reminded here; True when it was not yet (the
        message's arrival is then the one notification; the diary's own reminder stays silent),
        False when the diary already reminded of it."""
        D = m.diary_done
        with write_transaction(self.engine) as conn:
            return bool(conn.execute(insert(D).prefix_with("OR IGNORE"), {
                "kind": "reminder", "uid": uid, "occurrence": key, "done_at": now_iso()}).rowcount)

    def meetings_starting(self, now: datetime | None = None) -> list[Occurrence]:
        """Phone meetings whose window holds `now` and that were not started yet (manual: prompt
        to dial; automatic: dial). Mark them with `mark_meeting_started`."""
        now = self._aware(now or datetime.now(UTC), "now")
        me = self.my_user_id()
        occs = []
        for o in self.occurrences(now - MEETING_LOOKBACK, now + timedelta(seconds=1)):
            # dialled only on its owner's (organiser's) machine, never on an invitee's
            if not o.meeting or not owns(o.appointment, me):
                continue
            if o.all_day:  # "call Jim on Friday": a prompt from the start of the working day
                tz = d.zone(o.appointment.timezone)
                begin = d.midnight(o.start, tz).replace(hour=ALL_DAY_MEETING_HOUR)
                if begin <= now < o.end:
                    occs.append(dataclasses.replace(o, meeting={**o.meeting, "mode": "manual"}))
            elif o.start <= now < max(o.end, o.start + timedelta(minutes=1)):
                occs.append(o)
        done = self._done("meeting", {o.uid for o in occs})
        return [o for o in occs if (o.uid, o.key) not in done]

    def mark_meeting_started(self, items: Iterable[Occurrence | tuple[str, datetime | None]]) -> None:
        self._mark("meeting", items)

    def _done(self, kind: str, uids: set[str]) -> set[tuple[str, str]]:
        if not uids:
            return set()
        D = m.diary_done
        with self.engine.connect() as conn:
            return {(u, k) for u, k in conn.execute(
                select(D.c.uid, D.c.occurrence).where(D.c.kind == kind, D.c.uid.in_(bindparam("v", expanding=True))),
                {"v": list(uids)})}

    def _mark(self, kind: str, items: Iterable[Occurrence | tuple[str, datetime | None]]) -> list:
        """Mark the items done; returns those that were not done before."""
        rows = []
        for it in items:
            if isinstance(it, Occurrence):
                uid, key = it.uid, it.key
            else:
                uid, rid = it
                key = d.rid_key(rid) if rid is not None else ""
            rows.append((it, {"kind": kind, "uid": uid, "occurrence": key, "done_at": now_iso()}))
        fresh = []
        if rows:
            with write_transaction(self.engine) as conn:
                stmt = insert(m.diary_done).prefix_with("OR IGNORE")
                for it, row in rows:
                    if conn.execute(stmt, row).rowcount:
                        fresh.append(it)
        return fresh

    # ------------------------------------------------------------------------- iCalendar
    def import_ics(self, paths: Sequence[str | Path] | str | Path, on_duplicate: str = "skip",
                   progress=None) -> dict[str, Any]:
        """Import .ics files: {"imported", "updated", "skipped", "errors": [{file, item, line,
        reason}]}. A file that cannot be read or is not a calendar raises `IcsFileError`."""
        from whitephone.importers.ics import import_into

        return import_into(self, [paths] if isinstance(paths, str | Path) else list(paths), on_duplicate,
                           progress)

    def export_ics(self, path: str | Path, start: datetime | None = None, end: datetime | None = None) -> int:
        """Write the appointments (those with an occurrence in [start, end) when given) to an
        .ics file; returns how many."""
        from whitephone.importers.ics import export_appointments

        if start is not None or end is not None:
            lo = self._aware(start, "from") if start is not None else datetime(1900, 1, 1, tzinfo=UTC)
            hi = self._aware(end, "to") if end is not None else datetime(9999, 1, 1, tzinfo=UTC)
            items = [a for a in self.appointments_between(lo, hi) if d.expand(a, lo, hi)]
        else:
            items = self.all()
        return export_appointments(items, Path(path))

    def store_imported(self, items: Sequence[Appointment], on_duplicate: str) -> tuple[int, int, int]:
        """Write parsed appointments in one transaction: (imported, updated, skipped); a
        duplicate is an appointment with the same iCalendar UID."""
        imported = updated = skipped = 0
        A = m.appointments
        me = self.my_user_id()
        with write_transaction(self.engine) as conn:
            known = dict(conn.execute(select(A.c.ical_uid, A.c.uid).where(
                A.c.ical_uid.in_(bindparam("v", expanding=True))), {"v": [a.ical_uid for a in items if a.ical_uid]}
            ).all()) if items else {}
            now = now_iso()
            changes = []
            uids: dict[str, str] = {}  # parsed uid -> stored uid (a split part names its series by it)
            given = {a.ical_uid for a in items if a.ical_uid}
            for a in items:
                old = known.get(a.ical_uid) if a.ical_uid else None
                if a.split_from is not None:
                    a.split_from = uids.get(a.split_from, a.split_from)
                if old is not None:
                    if on_duplicate != "update":
                        skipped += 1
                        continue
                    uids[a.uid] = old
                    a.uid = old
                    updated += 1
                    if "#" not in a.ical_uid:  # the parts an earlier import split off it, no longer in the file
                        stale = [u for u, iu in conn.execute(select(A.c.uid, A.c.ical_uid).where(
                            A.c.ical_uid.startswith(a.ical_uid + "#", autoescape=True))) if iu not in given]
                        if stale:
                            delete_rows(conn, stale)
                            changes += [(u, "delete") for u in stale]
                else:
                    imported += 1
                a.created_at = a.created_at or now
                a.updated_at = now
                if a.organizer_id is None:
                    a.organizer_id = me  # the importer's own (the hub sets it from the pusher too)
                write_row(conn, a)
                known[a.ical_uid] = a.uid
                changes.append((a.uid, "upsert"))
            add_outbox_rows(conn, ENTITY, changes)
        return imported, updated, skipped

    # ------------------------------------------------------------------------- helpers
    def _load(self, conn: Connection, uid: str) -> Appointment:
        data = conn.execute(select(m.appointments.c.data).where(m.appointments.c.uid == uid)).scalar()
        if data is None:
            raise DiaryError("that appointment no longer exists")
        return d.from_fields(uid, json.loads(data))  # a fresh copy: the caller changes it

    def _aware(self, value: Any, what: str, tz=None) -> datetime:
        return d.aware(value, tz or d.zone(self.default_timezone), what)

    def _checked(self, uid: str, f: dict[str, Any], old: Appointment | None,
                 conn: Connection | None = None) -> Appointment:
        """`old` with `f` applied, every field checked (DiaryError says what is wrong)."""
        _check_texts(f)
        g = (lambda k, default=None: f[k] if k in f else getattr(old, k)) if old else \
            (lambda k, default=None: f.get(k, default))
        tzname = g("timezone") or self.default_timezone
        tz = d.zone(tzname)
        subject = (g("subject", "") or "").strip()
        if not subject:
            raise DiaryError("an appointment needs a subject")
        if g("start") is None:
            raise DiaryError("an appointment needs a start")
        all_day = bool(g("all_day", False))
        start = d.aware(g("start"), tz, "start")
        end_v = g("end")
        if all_day:
            start = d.midnight(start, tz)
            end = d.midnight(d.aware(end_v, tz, "end"), tz) if end_v is not None else start
            if end <= start:
                end = (start.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=tz)
        else:
            end = d.aware(end_v, tz, "end") if end_v is not None else start + timedelta(hours=1)
            if d.in_gap(start):  # 02:30 on the night the clocks skip it: 03:30, same wall length
                wall = end.astimezone(tz).replace(tzinfo=None) - start.replace(tzinfo=None)
                start = start.astimezone(UTC).astimezone(tz)
                end = start + max(wall, timedelta(0))
            start, end = start.astimezone(tz), end.astimezone(tz)  # kept in the appointment's own zone
        if end.timestamp() < start.timestamp():
            raise DiaryError("an appointment cannot end before it starts")
        remind = g("remind_minutes")
        if remind is not None and remind not in REMIND_CHOICES:
            raise DiaryError(f"a reminder is one of {', '.join(map(str, REMIND_CHOICES))} minutes before")
        rrule = g("rrule")
        rrule = d.normalize_rrule(rrule, tz) if rrule else None
        participants = []
        me = self.my_user_id(conn)
        # A local edit sets only my own answer: the others' are theirs (an answer that came in by
        # sync while an editor was open is kept, not overwritten by its stale copy).
        known = {(p.get("kind"), str(p.get("id"))): p.get("answer") for p in old.participants} if old else {}
        for p in g("participants", []) or []:
            if not isinstance(p, dict) or p.get("kind") not in ("contact", "user"):
                raise DiaryError("a participant is {kind: contact|user, id, name, email, answer}")
            answer = p.get("answer") or "needs-action"
            if answer not in ANSWERS:
                raise DiaryError(f"a participant's answer is one of {', '.join(ANSWERS)}")
            if p["kind"] == "user" and "participants" in f and str(p.get("id")) != str(me):
                answer = known.get(("user", str(p.get("id")))) or "needs-action"
            participants.append({"kind": p["kind"], "id": str(p["id"]) if p.get("id") is not None else None,
                                 "name": p.get("name") or "", "email": p.get("email") or "", "answer": answer})
        meeting = g("meeting")
        if meeting:
            if not isinstance(meeting, dict) or not str(meeting.get("number") or "").strip():
                raise DiaryError("a phone meeting needs a number to dial")
            mode = meeting.get("mode") or "manual"
            if mode not in MEETING_MODES:
                raise DiaryError("a phone meeting's mode is manual or automatic")
            meeting = {"number": str(meeting["number"]).strip(), "mode": mode,
                       "contact": meeting.get("contact"), "notes": meeting.get("notes") or ""}
        exdates = [d.aware(x, tz, "exdate") for x in g("exdates", []) or []]
        rdates = [d.aware(x, tz, "rdate") for x in g("rdates", []) or []]
        overrides = g("overrides", {}) or {}
        if isinstance(overrides, list):
            overrides = {o["recurrence_id"]: {k: v for k, v in o.items() if k != "recurrence_id"}
                         for o in overrides if isinstance(o, dict) and o.get("recurrence_id")}
        organizer = g("organizer_id")
        if organizer is None and old is None:
            organizer = me
        a = Appointment(
            uid=uid, subject=subject, start=start, end=end, all_day=all_day, timezone=tzname,
            place=g("place", "") or "", description=g("description", "") or "", participants=participants,
            organizer_id=organizer, record=g("record"), contact=g("contact"), remind_minutes=remind, rrule=rrule,
            exdates=exdates, rdates=rdates, private=bool(g("private", False)), meeting=meeting,
            created_at=old.created_at if old else "", updated_at=old.updated_at if old else "",
            overrides=overrides, ical_uid=g("ical_uid", "") or "",
            split_from=old.split_from if old else None,
        )
        try:
            d.horizon(a)
        except (ValueError, TypeError, OverflowError) as exc:
            raise DiaryError(f"the repeat rule cannot be expanded: {exc}") from None
        check_wire(a)
        return a


def _check_texts(fields: dict[str, Any]) -> None:
    for k in ("subject", "place", "description"):
        if fields.get(k) is not None and not isinstance(fields[k], str):
            raise DiaryError(f"{k} must be text, not {type(fields[k]).__name__}")


def check_wire(a: Appointment) -> None:
    """What the hub would refuse (the appointment's declaration, protocol/entities.py) is refused
    here too, with the reason, instead of staying in this diary and never reaching the invitees."""
    from whitephone.protocol.entities import FieldError, validate_fields

    try:
        validate_fields(ENTITY, d.to_fields(a))
    except FieldError as exc:
        raise DiaryError(f"the appointment cannot be shared as it is: {exc}") from None


OCCURRENCE_FIELDS = ("subject", "place", "description")  # besides start and end: what an override keeps


def _length(a: Appointment) -> timedelta:
    return max(a.end - a.start, timedelta(0))


def _norm(name: str, value: Any, a: Appointment, tz) -> Any:
    """A field's value as the editor and the stored row would both write it (to tell a real
    change from the same value in another form)."""
    if name == "rrule":
        return d.normalize_rrule(value, tz) if value else None
    if name == "participants":
        return [(p.get("kind"), str(p.get("id"))) for p in value or []]
    if name in ("record", "contact", "meeting"):
        return value or None
    if name in ("exdates", "rdates", "overrides"):
        return None  # not in the editor's fields
    if name == "timezone":
        return value or a.timezone
    if name == "all_day":
        return bool(value)
    return value


def _span(a: Appointment) -> tuple[float, float]:
    """(start, end) of a single appointment in epoch seconds, kept on the (cached) object."""
    span = a.__dict__.get("_span")
    if span is None:
        span = a.__dict__["_span"] = (a.start.timestamp(), a.end.timestamp())
    return span


def is_mine(a: Appointment, me: int) -> bool:
    """`a` belongs in the diary of user `me`: organised by them (or by nobody known: a row made
    here before signing in; the hub names the organiser of every row it takes), or they are
    invited."""
    if a.organizer_id is None or a.organizer_id == me:
        return True
    return any(p.get("kind") == "user" and str(p.get("id")) == str(me) for p in a.participants)


def owns(a: Appointment, me: int | None) -> bool:
    """`a` is organised by `me` (signed out: every appointment here is mine)."""
    return me is None or a.organizer_id is None or a.organizer_id == me


def declined(a: Appointment, me: int | None) -> bool:
    """`me` was invited to `a` (not organising it) and declined."""
    if me is None or a.organizer_id == me:
        return False
    return any(p.get("kind") == "user" and str(p.get("id")) == str(me) and p.get("answer") == "declined"
               for p in a.participants)


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
