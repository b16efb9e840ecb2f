"""A contact's timeline: calls, CRM records and their notes, messages linked to its records,
appointments it takes part in, private notes, changes; newest first, one page at a time.

The timeline is a set of SOURCES, one small function per kind. Each reads at most one page of its
own rows for the subject, newest first, through an index on (who, when); the pages are merged and
cut to the page size. The next page starts after the last entry shown (keyset cursor `(at, kind,
key)`), so page 100 costs what page 1 does, whatever the number of entries in the store.

Adding a kind = one function `(conn, subject, window) -> list[TimelineEntry]` and one call of
`register_source(kind, fn)`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, text

from whitephone.phone import written_forms
from whitephone.store.database import read_transaction

KINDS = ("call", "crm", "crm_note", "message", "appointment", "note", "change")
MAX_PAGE = 500


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # one of KINDS
    at: str  # ISO 8601 UTC
    key: int  # the row's id in its own table: the order of entries with the same kind and time
    title: str
    detail: str = ""
    ref: str = ""  # the uid of the row (call log, note, record...)
    contact_uid: str = ""
    contact_name: str = ""
    recording: str = ""  # a call's recording file
    private: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def cursor(self) -> tuple[str, str, int]:
        return (self.at, self.kind, self.key)


@dataclass(frozen=True)
class Subject:
    """Whose timeline: a contact (id and uid) and/or numbers (E.164) — an unknown caller has only
    the number."""
    contact_id: int | None = None
    contact_uid: str | None = None
    numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Window:
    """One page's bounds, for a source: entries older than `before`, within [since, until)."""
    limit: int = 50
    before: tuple[str, str, int] | None = None
    since: str | None = None
    until: str | None = None

    def where(self, kind: str, at: str, key: str) -> tuple[str, dict]:
        """SQL conditions (AND-ed, leading " AND ") and their parameters for columns `at`, `key`
        of a source of `kind`."""
        sql, params = "", {}
        if self.since:
            sql += f" AND {at} >= :w_since"
            params["w_since"] = self.since
        if self.until:
            sql += f" AND {at} < :w_until"
            params["w_until"] = self.until
        if self.before is not None:
            b_at, b_kind, b_key = self.before
            params["w_at"] = b_at
            if kind < b_kind:  # same time, later in the order: still to come
                sql += f" AND {at} <= :w_at"
            elif kind > b_kind:
                sql += f" AND {at} < :w_at"
            else:
                sql += f" AND ({at}, {key}) < (:w_at, :w_key)"
                params["w_key"] = b_key
        return sql, params


Source = Callable[[Connection, Subject, Window], list[TimelineEntry]]
SOURCES: dict[str, Source] = {}
# kinds whose entries are "communications" (Recent communications lists them for all contacts)
RECENT: dict[str, Callable[[Connection, Window], list[TimelineEntry]]] = {}


def register_source(kind: str, source: Source,
                    recent: Callable[[Connection, Window], list[TimelineEntry]] | None = None) -> None:
    """Add a kind to every timeline (and to Recent communications when `recent` is given)."""
    if kind not in KINDS:
        raise ValueError(f"unknown timeline kind {kind!r}")
    SOURCES[kind] = source
    if recent is not None:
        RECENT[kind] = recent


# ---------------------------------------------------------------------------------- calls
_CALL_TITLES = {("in", "answered"): "Incoming call", ("out", "answered"): "Outgoing call",
                ("in", "missed"): "Missed call", ("in", "rejected"): "Declined call",
                ("out", "busy"): "Outgoing call: busy", ("out", "no_answer"): "Outgoing call: no answer"}


def _duration(seconds: int) -> str:
    h, rest = divmod(int(seconds or 0), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02}:{s:02}" if h else f"{m}:{s:02}"


def _call_entry(r) -> TimelineEntry:
    title = _CALL_TITLES.get((r.direction, r.result)) or (
        ("Incoming" if r.direction == "in" else "Outgoing") + f" call ({r.result})")
    peer = r.peer_name or r.number_e164 or r.peer_uri
    detail = " · ".join(x for x in (peer, _duration(r.duration) if r.duration else "",
                                     "recorded" if r.recording else "") if x)
    return TimelineEntry("call", r.started_at, r.id, title, detail, ref=r.uid, contact_uid=r.contact_uid or "",
                         contact_name=r.contact_name or "", recording=r.recording,
                         extra={"direction": r.direction, "result": r.result, "duration": r.duration,
                                "number": r.number_e164 or "", "peer_uri": r.peer_uri})


_CALL_COLS = ("SELECT l.id, l.uid, l.direction, l.result, l.peer_name, l.peer_uri, l.number_e164, l.duration,"
              " l.recording, l.started_at, c.uid AS contact_uid, c.display_name AS contact_name"
              " FROM call_logs l LEFT JOIN contacts c ON c.id = l.contact_id")


def calls_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    """The contact's calls, and calls with one of its numbers that no contact was linked to."""
    cond, params = w.where("call", "l.started_at", "l.id")
    params["n"] = w.limit
    rows = []
    if s.contact_id is not None:
        rows += conn.execute(text(f"{_CALL_COLS} WHERE l.contact_id = :cid{cond}"
                                  " ORDER BY l.started_at DESC, l.id DESC LIMIT :n"),
                             {**params, "cid": s.contact_id}).all()
    for number in s.numbers:
        rows += conn.execute(text(f"{_CALL_COLS} WHERE l.number_e164 = :num{cond}"
                                  " AND (l.contact_id IS NULL OR l.contact_id IS NOT :cid)"
                                  " ORDER BY l.started_at DESC, l.id DESC LIMIT :n"),
                             {**params, "num": number, "cid": s.contact_id}).all()
    seen, out = set(), []
    for r in rows:
        if r.id not in seen:
            seen.add(r.id)
            out.append(_call_entry(r))
    return out


def recent_calls(conn: Connection, w: Window) -> list[TimelineEntry]:
    cond, params = w.where("call", "l.started_at", "l.id")
    return [_call_entry(r) for r in conn.execute(text(
        f"{_CALL_COLS} WHERE 1{cond} ORDER BY l.started_at DESC, l.id DESC LIMIT :n"), {**params, "n": w.limit})]


# ---------------------------------------------------------------------------------- notes
def notes_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    if not s.contact_uid:
        return []
    cond, params = w.where("note", "created_at", "id")
    return [TimelineEntry("note", r.created_at, r.id, "Private note" if r.private else "Note", r.text,
                          ref=r.uid, contact_uid=r.contact_uid, private=bool(r.private),
                          extra={"author": r.author})
            for r in conn.execute(text(
                f"SELECT * FROM contact_notes WHERE contact_uid = :u{cond}"
                " ORDER BY created_at DESC, id DESC LIMIT :n"), {**params, "u": s.contact_uid, "n": w.limit})]


# ---------------------------------------------------------------------------------- changes
FIELD_LABELS = {
    "given_name": "First name", "family_name": "Last name", "middle_name": "Middle name",
    "display_name": "Display name", "prefix": "Prefix", "suffix": "Suffix", "nickname": "Nickname",
    "birthday": "Birthday", "notes": "Notes", "kind": "Kind", "phones": "Phone numbers",
    "emails": "E-mail addresses", "addresses": "Addresses", "websites": "Websites",
    "companies": "Companies", "tags": "Tags", "photo": "Photo", "book": "Address book",
}
SOURCE_WORDS = {"local": "", "import": "by import", "hub": "synced from the team"}


def change_title(field_name: str) -> str:
    if field_name == "created":
        return "Contact created"
    if field_name == "deleted":
        return "Contact deleted"
    if field_name == "merged":
        return "Merged with another contact"
    if field_name.startswith("custom:"):
        return field_name[7:] + " changed"
    return FIELD_LABELS.get(field_name, field_name) + " changed"


def _change_entry(r) -> TimelineEntry:
    who = r.who or ("a colleague" if r.source == "hub" else "you")
    how = SOURCE_WORDS.get(r.source, "")
    if r.field in ("created", "deleted", "merged"):
        detail = r.new or r.old or ""
    else:
        detail = f"{r.old or '(empty)'} → {r.new or '(empty)'}"
    return TimelineEntry("change", r.at, r.id, change_title(r.field), detail, contact_uid=r.contact_uid,
                         extra={"who": who, "how": how, "field": r.field, "old": r.old, "new": r.new,
                                "source": r.source})


def changes_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    if not s.contact_uid:
        return []
    cond, params = w.where("change", "at", "id")
    return [_change_entry(r) for r in conn.execute(text(
        f"SELECT * FROM contact_history WHERE contact_uid = :u{cond} ORDER BY at DESC, id DESC LIMIT :n"),
        {**params, "u": s.contact_uid, "n": w.limit})]


# ---------------------------------------------------------------------------------- CRM (store/crm.py)
def _subject_match(s: Subject, uid_col: str, number_col: str) -> tuple[str, dict]:
    alts, params = [], {}
    if s.contact_uid:
        alts.append(f"{uid_col} = :s_uid")
        params["s_uid"] = s.contact_uid
    for i, n in enumerate(s.numbers):
        alts.append(f"{number_col} = :s_n{i}")
        params[f"s_n{i}"] = n
    return (" OR ".join(alts) or "0"), params


def _crm_match(s: Subject, uid_col: str, number_col: str, key_col: str) -> tuple[str, dict]:
    """Records of the contact or of one of its numbers however the record's number was written
    ("+44 20 7946 0000", "020 7946 0000": their digits, `number_key`)."""
    match, params = _subject_match(s, uid_col, number_col)
    forms = sorted(set().union(*(written_forms(n) for n in s.numbers if n))) if s.numbers else []
    if forms:
        names = [f"s_k{i}" for i in range(len(forms))]
        params.update(zip(names, forms, strict=True))
        match = f"{match} OR {key_col} IN ({', '.join(':' + n for n in names)})"
    return match, params


def _task(task_number) -> str:
    return f"#{task_number}" if task_number is not None else "#pending"


def _crm_entry(r) -> TimelineEntry:
    return TimelineEntry("crm", r.created_at, r.id, f"CRM {_task(r.task_number)} {r.subject}",
                         f"{r.type} · {r.priority} priority · {r.status}", ref=r.uid,
                         contact_uid=r.contact or "", contact_name=getattr(r, "contact_name", "") or "",
                         extra={"status": r.status, "type": r.type, "priority": r.priority,
                                "task_number": r.task_number, "owner": r.owner_name, "call": r.call})


def crm_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    """The CRM records opened for the contact or one of its numbers."""
    match, params = _crm_match(s, "contact", "number", "number_key")
    cond, wp = w.where("crm", "created_at", "id")
    return [_crm_entry(r) for r in conn.execute(text(
        f"SELECT * FROM crm_records WHERE ({match}){cond} ORDER BY created_at DESC, id DESC LIMIT :n"),
        {**params, **wp, "n": w.limit})]


def crm_notes_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    """Notes on those records."""
    match, params = _crm_match(s, "r.contact", "r.number", "r.number_key")
    cond, wp = w.where("crm_note", "n.created_at", "n.id")
    return [TimelineEntry("crm_note", r.created_at, r.id, f"Note on CRM {_task(r.task_number)} {r.subject}",
                          r.body, ref=r.uid, contact_uid=r.contact or "", private=bool(r.private),
                          extra={"author": r.author_name, "record": r.record})
            for r in conn.execute(text(
                "SELECT n.id, n.uid, n.record, n.body, n.author_name, n.created_at, n.private, r.task_number,"
                " r.subject, r.contact FROM crm_notes n JOIN crm_records r ON r.uid = n.record"
                f" WHERE ({match}){cond} AND NOT (n.version IS NULL AND EXISTS (SELECT 1 FROM sync_rejections j"
                " WHERE j.entity = 'crm_note' AND j.uid = n.uid))"  # one the hub refused is no note of the record
                " ORDER BY n.created_at DESC, n.id DESC LIMIT :n"),
                {**params, **wp, "n": w.limit})]


def recent_crm(conn: Connection, w: Window) -> list[TimelineEntry]:
    """My latest records (opened by me, or on this computer before the first sync)."""
    me = conn.execute(text("SELECT value FROM sync_meta WHERE key = 'user_id'")).scalar()
    cond, wp = w.where("crm", "r.created_at", "r.id")
    mine = "(r.owner_id = :me OR r.owner_id IS NULL)" if me and me.isdigit() else "1"
    return [_crm_entry(r) for r in conn.execute(text(
        "SELECT r.*, c.display_name AS contact_name FROM crm_records r LEFT JOIN contacts c ON c.uid = r.contact"
        f" WHERE {mine}{cond} ORDER BY r.created_at DESC, r.id DESC LIMIT :n"),
        {**wp, "n": w.limit, "me": int(me) if me and me.isdigit() else None})]


register_source("call", calls_source, recent=recent_calls)
register_source("crm", crm_source, recent=recent_crm)
register_source("crm_note", crm_notes_source)
register_source("note", notes_source)
register_source("change", changes_source)

# ---------------------------------------------------------------------------------- messages, diary
_MSG_AT = "strftime('%Y-%m-%dT%H:%M:%S+00:00', COALESCE(m.received_at, m.sent_at), 'unixepoch')"
_MSG_TITLES = {"text": "Message", "voice": "Voice mail", "video": "Video mail", "reminder": "Reminder",
               "announcement": "Announcement", "contact_request": "Contact request"}


def messages_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    """Messages about the contact: those linked to one of its CRM records (a record made from a
    message, a record's reminder). Messages come from colleagues, so that link is what ties one
    to a customer."""
    match, params = _subject_match(s, "r.contact", "r.number")
    cond, wp = w.where("message", _MSG_AT, "m.id")
    return [TimelineEntry("message", r.at, r.id, f"{_MSG_TITLES.get(r.kind, 'Message')} from {r.who}"
                          if r.direction == "in" else f"{_MSG_TITLES.get(r.kind, 'Message')} sent",
                          (r.subject or r.body or "")[:200], ref=str(r.id), contact_uid=r.contact or "",
                          extra={"kind": r.kind, "record": r.record, "task_number": r.task_number})
            for r in conn.execute(text(
                f"SELECT m.id, m.kind, m.direction, m.subject, m.body, m.record, {_MSG_AT} AS at,"
                " COALESCE(NULLIF(m.sender_name, ''), m.sender_email) AS who, r.contact, r.task_number"
                " FROM messages m JOIN crm_records r ON r.uid = m.record"
                f" WHERE ({match}) AND m.deleted_at IS NULL AND m.record IS NOT NULL{cond}"
                " ORDER BY at DESC, m.id DESC LIMIT :n"), {**params, **wp, "n": w.limit})]


_APPT_AT = "strftime('%Y-%m-%dT%H:%M:%S+00:00', a.start_ts, 'unixepoch')"


def appointments_source(conn: Connection, s: Subject, w: Window) -> list[TimelineEntry]:
    """Appointments the contact takes part in (a participant of kind contact with its uid)."""
    if not s.contact_uid:
        return []
    cond, wp = w.where("appointment", _APPT_AT, "a.id")
    return [TimelineEntry("appointment", r.at, r.id, f"Appointment: {r.subject or '(no subject)'}",
                          r.place or "", ref=r.uid, contact_uid=s.contact_uid)
            for r in conn.execute(text(
                f"SELECT a.id, a.uid, {_APPT_AT} AS at, json_extract(a.data, '$.subject') AS subject,"
                " json_extract(a.data, '$.place') AS place FROM appointments a"
                " WHERE instr(a.data, :s_uid) > 0 AND EXISTS (SELECT 1 FROM json_each(a.data, '$.participants') p"
                " WHERE json_extract(p.value, '$.kind') = 'contact' AND json_extract(p.value, '$.id') = :s_uid)"
                f"{cond} ORDER BY at DESC, a.id DESC LIMIT :n"), {**wp, "s_uid": s.contact_uid, "n": w.limit})]


register_source("message", messages_source)
register_source("appointment", appointments_source)


# ---------------------------------------------------------------------------------- the query
def _merge(pages: Iterable[list[TimelineEntry]], limit: int) -> list[TimelineEntry]:
    order = [sorted(p, key=lambda e: e.cursor, reverse=True) for p in pages]
    merged = heapq.merge(*order, key=lambda e: e.cursor, reverse=True)
    out = []
    for e in merged:
        out.append(e)
        if len(out) == limit:
            break
    return out


class TimelineStore:
    """Timelines of contacts (and of bare numbers), and Recent communications."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def page(self, subject: Subject, *, kinds: Sequence[str] | None = None, limit: int = 50,
             before: tuple[str, str, int] | None = None, since: str | None = None,
             until: str | None = None) -> list[TimelineEntry]:
        """Newest first. `kinds`: only these (None: all); `before`: the `cursor` of the last entry
        shown (next page); `since`/`until`: ISO dates or times, `since` <= at < `until`."""
        unknown = set(kinds or ()) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown timeline kind(s): {', '.join(sorted(unknown))}")
        if not 1 <= limit <= MAX_PAGE:
            raise ValueError(f"a page holds 1 to {MAX_PAGE} entries")
        w = Window(limit, before, since, until)
        wanted = [k for k in SOURCES if kinds is None or k in kinds]
        with read_transaction(self.engine) as conn:
            return _merge((SOURCES[k](conn, subject, w) for k in wanted), limit)

    def for_contact(self, contact_id: int, **kw) -> list[TimelineEntry]:
        """A stored contact's timeline, calls to and from its numbers included."""
        with read_transaction(self.engine) as conn:
            row = conn.execute(text("SELECT uid FROM contacts WHERE id = :i"), {"i": contact_id}).first()
            if row is None:
                raise KeyError(f"contact {contact_id} does not exist")
            numbers = tuple(r[0] for r in conn.execute(text(
                "SELECT DISTINCT e164 FROM phones WHERE contact_id = :i AND e164 IS NOT NULL AND e164 != ''"),
                {"i": contact_id}))
        return self.page(Subject(contact_id, row.uid, numbers), **kw)

    def recent(self, *, limit: int = 50, before: tuple[str, str, int] | None = None,
               kinds: Sequence[str] | None = None) -> list[TimelineEntry]:
        """Recent communications: my latest calls (messages, records as their kinds register),
        newest first, each with its contact's uid where one is linked."""
        w = Window(limit, before)
        with read_transaction(self.engine) as conn:
            return _merge((f(conn, w) for k, f in RECENT.items() if kinds is None or k in kinds), limit)

