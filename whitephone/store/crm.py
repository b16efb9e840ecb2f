"""CRM records, their notes and history in the local store (`store.crm`).

A record is made offline with a uid; the hub gives it a task number per company at its first sync
(NULL here until then: "pending"). Notes are append-only and refused on a closed record. Every
change leaves an outbox row in the same transaction (sync pushes it) and a pending history row
(replaced by the hub's own row, with the hub's time, when it comes back in the feed).

Who "I" am (user id and name) comes from the sync session (`sync_meta` keys `user_id`,
`user_name`); unsigned, a record has no owner yet (the hub sets it when it first sees the record).
Writes commit through the store's engine, so windows see them through `store.watch_changes()`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, literal, or_, select, tuple_, update

from whitephone.phone import number_key, written_forms
from whitephone.store import models as m
from whitephone.store.database import read_transaction, write_transaction
from whitephone.store.outbox import add_outbox_rows, now_iso

DEFAULT_TYPES = ("Sales enquiry", "Support", "Complaint", "Follow-up")
PRIORITIES = ("low", "medium", "high")
STATUSES = ("open", "closed")
MAX_SUBJECT = 200
MAX_NOTE = 20000
TYPES_KEY = "crm_types"  # sync_meta: the company's list (JSON), refreshed by sync


@dataclass
class CrmRecord:
    uid: str
    task_number: int | None
    type: str
    priority: str
    status: str
    subject: str
    contact: str | None = None
    number: str | None = None
    group_id: int | None = None
    owner_id: int | None = None
    owner_name: str = ""
    call: str | None = None
    message: int | None = None
    remind_at: str | None = None
    created_at: str = ""
    updated_at: str = ""
    closed_at: str | None = None
    remind_by: int | None = None  # hub user who set the reminder (it pops up for them only)
    row_id: int | None = field(default=None, compare=False, repr=False)  # local row id (paging key)

    @property
    def cursor(self) -> tuple[str, int] | None:
        """Where the next page starts after this record (`find(after=...)`), None if unsaved."""
        return (self.created_at, self.row_id) if self.row_id is not None else None

    @property
    def task_label(self) -> str:
        """The task id as shown: the number, or "pending" before the first sync."""
        return str(self.task_number) if self.task_number is not None else "pending"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.uid, "task_number": self.task_number, "type": self.type, "priority": self.priority,
                "status": self.status, "subject": self.subject, "contact": self.contact, "number": self.number,
                "group_id": self.group_id, "owner_id": self.owner_id, "owner_name": self.owner_name,
                "call": self.call, "message": self.message, "remind_at": self.remind_at,
                "created_at": self.created_at, "updated_at": self.updated_at, "closed_at": self.closed_at,
                "remind_by": self.remind_by}


@dataclass
class CrmNote:
    uid: str
    record: str
    body: str
    author_id: int | None
    author_name: str
    created_at: str
    private: bool = False
    pending: bool = False  # written here, not yet taken by the hub
    rejected: str | None = None  # the hub refused it (the reason): it is not part of the record

    def to_json(self) -> dict[str, Any]:
        return {"id": self.uid, "record": self.record, "body": self.body, "author_id": self.author_id,
                "author_name": self.author_name, "created_at": self.created_at, "private": self.private,
                "pending": self.pending, "rejected": self.rejected}


class CrmError(ValueError):
    """A CRM change that cannot be made; `kind` is "closed", "not_found" or "bad_value"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


_R = m.crm_records
_RECORD_COLUMNS = ("uid", "task_number", "type", "priority", "status", "subject", "contact", "number",
                   "group_id", "owner_id", "owner_name", "call", "message", "remind_at", "created_at",
                   "updated_at", "closed_at", "remind_by")
_LOCAL = ("reminded_at", "remind_by")  # kept here, never pushed (remind_by is the hub's to say)
_COUNTED = ("status", "type", "priority", "group_id")


def _record(r) -> CrmRecord:
    mp = r._mapping
    return CrmRecord(*[mp[k] for k in _RECORD_COLUMNS], row_id=mp.get("id"))  # the dataclass's field order


def _note(r, refused: dict[str, str] | None = None) -> CrmNote:
    why = (refused or {}).get(r.uid)
    return CrmNote(uid=r.uid, record=r.record, body=r.body, author_id=r.author_id, author_name=r.author_name,
                   created_at=r.created_at, private=bool(r.private), pending=why is None and r.version is None,
                   rejected=why)


def _iso(value: str | None, what: str) -> str | None:
    """A valid ISO 8601 time, kept as given with its zone (UTC assumed when it has none)."""
    if value is None or value == "":
        return None
    try:
        t = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise CrmError("bad_value", f"{what} must be a date and time like 2026-12-24T09:30 (ISO 8601)") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    try:
        return t.astimezone(UTC).isoformat(timespec="seconds")
    except OverflowError:  # e.g. 9999-12-31T23:59:59-05:00 is past the end of the calendar in UTC
        raise CrmError("bad_value", f"{what} is outside the calendar (years 1 to 9999 in UTC)") from None


def _task_number(text: str) -> int | None:
    """`text` as a task number (ASCII digits that fit SQLite's integer), else None."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


class CrmStore:
    """CRM records, notes and history of one local store."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ------------------------------------------------------------------ who and what
    def me(self) -> tuple[int | None, str]:
        """(hub user id, name) of the signed-in user; (None, "") unsigned."""
        with read_transaction(self.engine) as conn:
            kv = dict(conn.execute(select(m.sync_meta.c.key, m.sync_meta.c.value).where(
                m.sync_meta.c.key.in_(("user_id", "user_name")))).all())
        uid = kv.get("user_id")
        return (int(uid) if uid and uid.isdigit() else None), kv.get("user_name", "")

    def types(self) -> list[str]:
        """The company's CRM record types (the hub's list, kept at each sync); the defaults before."""
        with read_transaction(self.engine) as conn:
            raw = conn.execute(select(m.sync_meta.c.value).where(m.sync_meta.c.key == TYPES_KEY)).scalar()
        try:
            found = json.loads(raw) if raw else None
        except ValueError:
            found = None
        if isinstance(found, list) and found and all(isinstance(t, str) for t in found):
            return found
        return list(DEFAULT_TYPES)

    def set_types(self, types: list[str]) -> None:
        """Keep the company's list as the hub gave it (sync calls this)."""
        with write_transaction(self.engine) as conn:
            conn.execute(insert(m.sync_meta).prefix_with("OR REPLACE").values(
                key=TYPES_KEY, value=json.dumps([str(t) for t in types])))

    # ------------------------------------------------------------------ changes
    def create(self, *, subject: str, type: str, priority: str = "medium", contact: str | None = None,
               number: str | None = None, group_id: int | None = None, call: str | None = None,
               message: int | None = None) -> CrmRecord:
        subject = (subject or "").strip()
        if not subject:
            raise CrmError("bad_value", "a record needs a subject")
        if len(subject) > MAX_SUBJECT:
            raise CrmError("bad_value", f"the subject is longer than {MAX_SUBJECT} characters")
        type = (type or "").strip()
        if not type:
            raise CrmError("bad_value", "a record needs a type")
        if type not in self.types():
            raise CrmError("bad_value", f"unknown type {type!r}: one of {', '.join(self.types())}")
        self._check_priority(priority)
        if group_id is not None and (isinstance(group_id, bool) or not isinstance(group_id, int) or group_id < 1):
            raise CrmError("bad_value", "group_id must be a call group id or None (opened as myself)")
        number = (number or "").strip() or None
        if number is not None and len(number) > 200:
            raise CrmError("bad_value", "the number is longer than 200 characters")
        who, name = self.me()
        now = now_iso()
        rec = CrmRecord(uid=str(uuid.uuid4()), task_number=None, type=type, priority=priority, status="open",
                        subject=subject, contact=contact or None, number=number, group_id=group_id,
                        owner_id=who, owner_name=name, call=call or None, message=message, remind_at=None,
                        created_at=now, updated_at=now, closed_at=None)
        with write_transaction(self.engine) as conn:
            conn.execute(insert(_R).values(**{k: getattr(rec, k) for k in _RECORD_COLUMNS},
                                           number_key=number_key(number)))
            add_outbox_rows(conn, "crm_record", [(rec.uid, "upsert")])
            self._history(conn, rec.uid, "created", None, subject)
        return rec

    def add_note(self, uid: str, body: str, private: bool = False) -> CrmNote:
        body = (body or "").strip()
        if not body:
            raise CrmError("bad_value", "a note needs some text")
        if len(body) > MAX_NOTE:
            raise CrmError("bad_value", f"a note is at most {MAX_NOTE} characters")
        who, name = self.me()
        with write_transaction(self.engine) as conn:
            rec = self._locked(conn, uid)
            if rec.status == "closed":
                which = f"task {rec.task_number}" if rec.task_number is not None else "this record"
                raise CrmError("closed", f"{which} is closed: re-open it to add notes")
            note = CrmNote(uid=str(uuid.uuid4()), record=rec.uid, body=body, author_id=who, author_name=name,
                           created_at=now_iso(), private=bool(private))
            conn.execute(insert(m.crm_notes).values(
                uid=note.uid, record=note.record, body=body, author_id=who, author_name=name,
                created_at=note.created_at, private=int(note.private), group_id=rec.group_id))
            add_outbox_rows(conn, "crm_note", [(note.uid, "upsert")])
        return note

    def close(self, uid: str) -> CrmRecord:
        return self._set(uid, status="closed", closed_at=now_iso())

    def reopen(self, uid: str) -> CrmRecord:
        return self._set(uid, status="open", closed_at=None)

    def remind(self, uid: str, at: str | None) -> CrmRecord:
        """Set (ISO time) or clear (None) the record's reminder."""
        when = _iso(at, "the reminder time")
        return self._set(uid, remind_at=when, reminded_at=None, remind_by=self.me()[0] if when else None)

    def update(self, uid: str, *, subject: str | None = None, type: str | None = None,
               priority: str | None = None) -> CrmRecord:
        """Change a record's subject, type or priority (only the ones given)."""
        values: dict[str, Any] = {}
        if subject is not None:
            if not subject.strip() or len(subject.strip()) > MAX_SUBJECT:
                raise CrmError("bad_value", f"a subject is 1 to {MAX_SUBJECT} characters")
            values["subject"] = subject.strip()
        if type is not None:
            if type not in self.types():
                raise CrmError("bad_value", f"unknown type {type!r}: one of {', '.join(self.types())}")
            values["type"] = type
        if priority is not None:
            self._check_priority(priority)
            values["priority"] = priority
        return self._set(uid, **values)

    def mark_reminded(self, uid: str) -> None:
        """This device showed the record's due reminder (local only; not synced): it is not due
        again until its time changes."""
        with write_transaction(self.engine) as conn:
            conn.execute(update(_R).where(_R.c.uid == uid).values(reminded_at=_R.c.remind_at))

    # ------------------------------------------------------------------ reading
    def get(self, key: int | str | None = None, *, uid: str | None = None,
            task: int | None = None) -> CrmRecord | None:
        """A record by its uid (`uid=`), by its task number (`task=`), or by what a person typed
        (`key`: a task number when it is all digits and such a task exists, else a uid)."""
        if uid is not None:
            cond = _R.c.uid == uid
        elif task is not None:
            if isinstance(task, bool) or not isinstance(task, int) or not 0 < task < 2**62:
                return None
            cond = _R.c.task_number == task
        elif isinstance(key, int) and not isinstance(key, bool):
            return self.get(task=key)
        elif isinstance(key, str) and key.strip():
            number = _task_number(key)
            found = self.get(task=number) if number is not None else None
            return found if found is not None else self.get(uid=key.strip())
        else:
            return None
        with read_transaction(self.engine) as conn:
            r = conn.execute(select(_R).where(cond).limit(1)).first()
        return _record(r) if r is not None else None

    def resolve(self, key: str) -> CrmRecord:
        """The record a person means by `key` (the CLI's TASK: task number or record id); raises
        CrmError("not_found")."""
        rec = self.get(key)
        if rec is None:
            raise CrmError("not_found", f"no CRM record {str(key).strip()!r}")
        return rec

    def notes(self, uid: str) -> list[CrmNote]:
        """A record's notes, oldest first. A note of mine the hub has not taken yet is `pending`;
        one it refused (the record was closed meanwhile) is marked `rejected` with the reason."""
        N, J = m.crm_notes, m.sync_rejections
        with read_transaction(self.engine) as conn:
            rows = conn.execute(select(N).where(N.c.record == uid).order_by(N.c.created_at, N.c.id)).all()
            waiting = [r.uid for r in rows if r.version is None]
            refused = dict(conn.execute(select(J.c.uid, J.c.reason).where(
                J.c.entity == "crm_note", J.c.uid.in_(waiting))).all()) if waiting else {}
        return [_note(r, refused) for r in rows]

    def history(self, uid: str) -> list[dict[str, Any]]:
        """Changes of a record, oldest first: {who, who_id, when, field, old, new, pending}."""
        H = m.crm_history
        with read_transaction(self.engine) as conn:
            rows = conn.execute(select(H).where(H.c.record == uid).order_by(H.c.at, H.c.id)).all()
        return [{"who": r.who_name, "who_id": r.who_id, "when": r.at, "field": r.field, "old": r.old,
                 "new": r.new, "pending": bool(r.pending)} for r in rows]

    def find(self, status: str | None = None, type: str | None = None, priority: str | None = None,
             contact: str | None = None, number: str | None = None, group_id: int | None = None,
             offset: int = 0, limit: int = 200, after: tuple[str, int] | None = None) -> list[CrmRecord]:
        """Records matching every filter given, newest first. `group_id` 0: opened as myself.
        `after`: the `cursor` of the last record of the previous page: the next page starts there
        through the index (keyset), so a page a million rows down costs what the first does."""
        conds = self._conds(status, type, priority, contact, number, group_id)
        if after is not None:
            conds.append(tuple_(_R.c.created_at, _R.c.id) < tuple_(literal(after[0]), literal(int(after[1]))))
        q = (select(_R).where(*conds)
             .order_by(_R.c.created_at.desc(), _R.c.id.desc()).offset(max(0, offset)).limit(max(0, limit)))
        with read_transaction(self.engine) as conn:
            return [_record(r) for r in conn.execute(q)]

    def count(self, status: str | None = None, type: str | None = None, priority: str | None = None,
              contact: str | None = None, number: str | None = None, group_id: int | None = None) -> int:
        with read_transaction(self.engine) as conn:
            if contact is None and number is None:  # the kept counts: no record is read
                C = m.crm_counts
                conds = [C.c.n > 0]
                for col, v in (("status", status), ("type", type), ("priority", priority)):
                    if v is not None:
                        conds.append(C.c[col] == v)
                if group_id is not None:
                    conds.append(C.c.group_key == group_id)
                return int(conn.execute(select(func.coalesce(func.sum(C.c.n), 0)).where(*conds)).scalar_one())
            return conn.execute(select(func.count()).select_from(_R).where(
                *self._conds(status, type, priority, contact, number, group_id))).scalar_one()

    def for_contact(self, contact_uid: str | None = None, number: str | None = None,
                    limit: int = 200, numbers: tuple[str, ...] | list[str] = ()) -> list[CrmRecord]:
        """A person's records (by contact, or by the numbers they were opened for, however those
        were written: "+44 20 7946 0000", "020 7946 0000" and +442079460000 are one number): open
        first, then newest. `numbers`: the person's other numbers (E.164)."""
        alts = []
        if contact_uid:
            alts.append(_R.c.contact == contact_uid)
        if number:
            alts.append(_R.c.number == number)
        forms = set().union(*(written_forms(n) for n in (number, *numbers) if n))
        if forms:
            alts.append(_R.c.number_key.in_(sorted(forms)))
        if not alts:
            return []
        q = (select(_R).where(or_(*alts))
             .order_by((_R.c.status == "open").desc(), _R.c.created_at.desc(), _R.c.id.desc()).limit(limit))
        with read_transaction(self.engine) as conn:
            return [_record(r) for r in conn.execute(q)]

    def for_call(self, call_uid: str) -> list[CrmRecord]:
        """Records made during or from a call (by its call-log uid), newest first."""
        if not call_uid:
            return []
        with read_transaction(self.engine) as conn:
            return [_record(r) for r in conn.execute(
                select(_R).where(_R.c.call == call_uid).order_by(_R.c.created_at.desc(), _R.c.id.desc()))]

    def due_reminders(self, now: str | datetime | None = None) -> list[CrmRecord]:
        """Open records whose reminder I set, due by `now`, that this device has not shown yet (the
        UI shows a desktop notification for each, then calls `mark_reminded`). A colleague's
        reminder on a shared record is theirs: it never pops up here."""
        if now is None:
            now = datetime.now(UTC)
        try:
            when = now.astimezone(UTC).isoformat(timespec="seconds") if isinstance(now, datetime) \
                else _iso(now, "now")
        except OverflowError:
            raise CrmError("bad_value", "now is outside the calendar") from None
        me = self.me()[0]
        mine = _R.c.remind_by.is_(None) if me is None else _R.c.remind_by == me
        q = select(_R).where(_R.c.remind_at.is_not(None), _R.c.remind_at <= when, _R.c.status == "open", mine,
                             or_(_R.c.reminded_at.is_(None), _R.c.reminded_at != _R.c.remind_at)
                             ).order_by(_R.c.remind_at)
        with read_transaction(self.engine) as conn:
            return [_record(r) for r in conn.execute(q)]

    # ------------------------------------------------------------------ internals
    @staticmethod
    def _check_priority(priority: str) -> None:
        if priority not in PRIORITIES:
            raise CrmError("bad_value", f"priority must be one of {', '.join(PRIORITIES)}")

    @staticmethod
    def _conds(status, type, priority, contact, number, group_id) -> list:
        conds = []
        for col, v in (("status", status), ("type", type), ("priority", priority), ("contact", contact),
                       ("number", number)):
            if v is not None:
                conds.append(_R.c[col] == v)
        if group_id is not None:
            conds.append(_R.c.group_id.is_(None) if group_id == 0 else _R.c.group_id == group_id)
        return conds

    @staticmethod
    def _locked(conn, uid: str) -> CrmRecord:
        """The record with this uid, read inside the caller's write transaction (callers pass the
        uid they hold; a task number typed by a person is resolved first: `resolve`)."""
        r = conn.execute(select(_R).where(_R.c.uid == str(uid))).first()
        if r is None:
            raise CrmError("not_found", f"no CRM record {str(uid)!r}")
        return _record(r)

    def _set(self, uid: str, **values: Any) -> CrmRecord:
        with write_transaction(self.engine) as conn:
            rec = self._locked(conn, uid)
            if "status" in values and values["status"] == rec.status:
                return rec
            changed = {k: v for k, v in values.items() if k in _LOCAL or getattr(rec, k) != v}
            synced = [k for k in changed if k not in _LOCAL]
            if not synced:
                return rec
            now = now_iso()
            conn.execute(update(_R).where(_R.c.uid == rec.uid).values(**changed, updated_at=now))
            add_outbox_rows(conn, "crm_record", [(rec.uid, "upsert")], fields=[*synced, "updated_at"])
            for k in synced:
                if k != "closed_at":
                    self._history(conn, rec.uid, k, _text(getattr(rec, k)), _text(changed[k]))
            r = conn.execute(select(_R).where(_R.c.uid == rec.uid)).one()
        return _record(r)

    def _history(self, conn, record: str, field: str, old: str | None, new: str | None) -> None:
        who, name = self.me_in(conn)
        conn.execute(insert(m.crm_history).values(uid=str(uuid.uuid4()), record=record, who_id=who, who_name=name,
                                                  at=now_iso(), field=field, old=old, new=new, pending=1))

    @staticmethod
    def me_in(conn) -> tuple[int | None, str]:
        kv = dict(conn.execute(select(m.sync_meta.c.key, m.sync_meta.c.value).where(
            m.sync_meta.c.key.in_(("user_id", "user_name")))).all())
        uid = kv.get("user_id")
        return (int(uid) if uid and uid.isdigit() else None), kv.get("user_name", "")
