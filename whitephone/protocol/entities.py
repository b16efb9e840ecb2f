"""The synced entities: one declaration of each, used by the hub (it validates every
`Mutation.fields` against it before storing) and by the client's sync engine (what it may send).

Plain data and one function, no server or store imports. Each entity declares its known field
names with their type and size limit, its merge rule and the fields only the hub writes:

- merge `field`: an upsert changes only the fields it names; a field changed on the hub after the
  mutation's `base_version` is a conflict (the hub's value is kept).
- merge `append_only`: the row is written once; a later upsert that changes a field is rejected
  (`append-only`); deleting it is allowed.
- hub-owned fields (`task_number` of a CRM record) are set by the hub; a value a client sends for
  one is ignored, so a client may push back a whole row it pulled.

Every field may be `null` (cleared). Structure is fixed (at most a list of small objects), so a
valid value is never deeper than three levels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

MAX_INT = 2**53  # exact in every JSON reader (JavaScript included)


@dataclass(frozen=True)
class Text:
    max_len: int = 200
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Int:
    lo: int = -MAX_INT
    hi: int = MAX_INT


@dataclass(frozen=True)
class Number:  # finite float (or int)
    lo: float = -1e15
    hi: float = 1e15


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Obj:
    """A small object with known keys (all optional)."""
    keys: dict[str, Any]


@dataclass(frozen=True)
class ListOf:
    item: Any
    max_items: int = 100


@dataclass(frozen=True)
class MapOf:
    """Free keys (≤ `key_len` characters) to values of one type, e.g. custom fields by name."""
    value: Any
    max_items: int = 100
    key_len: int = 100


@dataclass(frozen=True)
class EntitySpec:
    name: str
    fields: dict[str, Any]
    merge: str = "field"  # field | append_only
    hub_owned: frozenset[str] = field(default_factory=frozenset)


ID = Text(64)  # the id (uid) of another synced row
WHEN = Text(40)  # ISO 8601 date or timestamp
SHORT = Text(200)
LONG = Text(20000)
KIND = Text(16)
USER_ID = Int(1, 2**62)

# Every entity may be restricted to a call group (see docs/api.md, Call groups).
COMMON = {"group_id": USER_ID}

ADDRESS_BOOK = EntitySpec("address_book", {
    "name": SHORT, "position": Int(0, 1_000_000), "private": Bool(), "created_at": WHEN, **COMMON})

CONTACT = EntitySpec("contact", {
    "book": ID,  # address_book id
    "kind": Text(8, ("person", "company")),
    "prefix": SHORT, "given_name": SHORT, "middle_name": SHORT, "family_name": SHORT, "suffix": SHORT,
    "display_name": SHORT, "nickname": SHORT,
    "birthday": Text(10),  # YYYY-MM-DD or --MM-DD
    "notes": LONG,
    "phones": ListOf(Obj({"number": Text(64), "kind": KIND, "e164": Text(20)})),
    "emails": ListOf(Obj({"address": Text(254), "kind": KIND})),
    "addresses": ListOf(Obj({"street1": SHORT, "street2": SHORT, "postcode": Text(20), "city": SHORT,
                             "region": SHORT, "country": SHORT, "kind": KIND})),
    "websites": ListOf(Obj({"url": Text(2000), "kind": KIND})),
    "companies": ListOf(Obj({"name": SHORT, "role": SHORT, "company": ID})),  # company: contact id
    "tags": ListOf(Text(100), 200),
    "custom": MapOf(Text(2000)),  # custom field name -> value (text, number, date, choice as text)
    "photo": Text(700_000),  # base64 of the downscaled JPEG/PNG (≤ 512 KiB)
    "photo_mime": Text(32, ("", "image/jpeg", "image/png")),
    "created_at": WHEN, "updated_at": WHEN,
    **COMMON})

CRM_RECORD = EntitySpec("crm_record", {
    "type": SHORT, "subject": SHORT,
    "priority": Text(16, ("low", "medium", "high")), "status": Text(32, ("open", "closed")),
    "contact": ID,  # contact id
    "number": SHORT,  # the phone number or SIP identity it was opened for
    "call": ID,  # call_log id (and so its recording)
    "message": Int(1, 2**62),  # hub message id
    "remind_at": WHEN,
    "owner_id": USER_ID, "owner_name": SHORT,  # who opened it (the hub's to write)
    "title": SHORT, "description": LONG, "assignee_id": USER_ID, "due": WHEN, "tags": ListOf(Text(100), 200),
    "task_number": Int(1, 2**62),
    "remind_by": USER_ID,  # who set remind_at: the reminder is theirs alone (the hub's to write)
    "created_at": WHEN, "updated_at": WHEN, "closed_at": WHEN,
    **COMMON}, hub_owned=frozenset({"task_number", "owner_id", "owner_name", "remind_by"}))

CRM_NOTE = EntitySpec("crm_note", {
    "record": ID,  # crm_record id
    "body": LONG, "author_id": USER_ID, "author_name": SHORT, "created_at": WHEN,
    "private": Bool(),  # its author's alone
    **COMMON}, merge="append_only", hub_owned=frozenset({"author_id", "author_name"}))

# One change of a CRM record (who, when, field, old -> new): written by the hub only, as it applies
# a record's mutation, and visible like the record (its call group).
CRM_CHANGE = EntitySpec("crm_change", {
    "record": ID, "field": Text(32), "old": LONG, "new": LONG,
    "author_id": USER_ID, "author_name": SHORT, "at": WHEN,
    **COMMON}, merge="append_only", hub_owned=frozenset({"record", "field", "old", "new", "author_id",
                                                           "author_name", "at"}))

# An appointment is a whole series: its rule, exceptions and moved occurrences (overrides, keyed
# by the original start in UTC, YYYYMMDDTHHMMSSZ) travel together. `participants` carries each
# invitee's answer; users (kind "user", id = hub user id) see a private appointment too.
APPOINTMENT = EntitySpec("appointment", {
    "subject": SHORT, "description": LONG, "place": SHORT,
    "start": WHEN, "end": WHEN, "all_day": Bool(), "timezone": Text(64),
    "participants": ListOf(Obj({"kind": Text(8, ("contact", "user")), "id": ID, "name": SHORT,
                                "email": Text(254), "answer": Text(16, ("needs-action", "accepted", "declined"))}),
                           200),
    "organizer_id": USER_ID, "contact": ID, "record": ID,
    "remind_minutes": Int(0, 525_600),
    "rrule": Text(1000), "exdates": ListOf(Text(20), 2000), "rdates": ListOf(WHEN, 2000),
    "overrides": ListOf(Obj({"recurrence_id": Text(20), "start": WHEN, "end": WHEN, "subject": SHORT,
                             "place": SHORT, "description": LONG, "cancelled": Bool()}), 2000),
    "private": Bool(),
    "meeting": Obj({"number": Text(64), "mode": Text(10, ("manual", "automatic")), "contact": ID,
                    "notes": LONG}),
    "ical_uid": Text(1000),
    "split_from": ID,  # the series this one was split off: the hub takes the invitees' answers from it
    "created_at": WHEN, "updated_at": WHEN,
    **COMMON})

CALL_LOG = EntitySpec("call_log", {
    "direction": Text(3, ("in", "out")), "account": SHORT, "peer_uri": Text(512), "peer_name": SHORT,
    "number_e164": Text(20), "contact": ID, "line": Text(5, ("pc", "phone")),
    "started_at": WHEN, "answered_at": WHEN, "ended_at": WHEN, "duration": Int(0, 10**9),
    "result": Text(10), "sip_code": Int(100, 699), "reason": SHORT, "codec": Text(64),
    "recording": Text(1000), "viewed": Bool(),
    **COMMON})

ENTITIES: dict[str, EntitySpec] = {e.name: e for e in (ADDRESS_BOOK, CONTACT, CRM_RECORD, CRM_NOTE, CRM_CHANGE,
                                                        APPOINTMENT, CALL_LOG)}
HUB_WRITTEN = {"crm_change"}  # entities only the hub creates (a client's upsert is refused)
MAX_FIELDS_BYTES = 1_000_000  # all text of one mutation together (the photo fits)


class FieldError(ValueError):
    """A mutation's fields do not match the entity's declaration; str() is the reason."""


def _text_ok(s: str) -> bool:
    try:
        s.encode("utf-8")  # a lone surrogate cannot be stored (nor sent to a peer)
    except UnicodeEncodeError:
        return False
    return "\x00" not in s  # PostgreSQL text cannot hold NUL


def _check(kind: Any, value: Any, where: str) -> int:
    """Raise FieldError if `value` does not fit `kind`; returns its size in characters."""
    if value is None:
        return 0
    if isinstance(kind, Text):
        if not isinstance(value, str):
            raise FieldError(f"{where} must be text")
        if len(value) > kind.max_len:
            raise FieldError(f"{where} is longer than {kind.max_len} characters")
        if not _text_ok(value):
            raise FieldError(f"{where} holds a NUL or a lone surrogate")
        if kind.choices and value not in kind.choices:
            raise FieldError(f"{where} must be one of {', '.join(repr(c) for c in kind.choices)}")
        return len(value)
    if isinstance(kind, Bool):
        if not isinstance(value, bool):
            raise FieldError(f"{where} must be true or false")
        return 1
    if isinstance(kind, Int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(f"{where} must be a whole number")
        if not kind.lo <= value <= kind.hi:
            raise FieldError(f"{where} must be between {kind.lo} and {kind.hi}")
        return 8
    if isinstance(kind, Number):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldError(f"{where} must be a number")
        if not (math.isfinite(value) and kind.lo <= value <= kind.hi):
            raise FieldError(f"{where} must be a finite number between {kind.lo:g} and {kind.hi:g}")
        return 8
    if isinstance(kind, ListOf):
        if not isinstance(value, list):
            raise FieldError(f"{where} must be a list")
        if len(value) > kind.max_items:
            raise FieldError(f"{where} has more than {kind.max_items} items")
        return sum(_check(kind.item, v, f"{where}[{i}]") for i, v in enumerate(value))
    if isinstance(kind, Obj):
        if not isinstance(value, dict):
            raise FieldError(f"{where} must be an object")
        size = 0
        for k, v in value.items():
            if k not in kind.keys:
                raise FieldError(f"{where} has an unknown key {k[:40]!r}")
            size += _check(kind.keys[k], v, f"{where}.{k}")
        return size
    if isinstance(kind, MapOf):
        if not isinstance(value, dict):
            raise FieldError(f"{where} must be an object")
        if len(value) > kind.max_items:
            raise FieldError(f"{where} has more than {kind.max_items} entries")
        size = 0
        for k, v in value.items():
            if not k or len(k) > kind.key_len or not _text_ok(k):
                raise FieldError(f"{where} has a bad key (1-{kind.key_len} characters, no NUL or lone surrogate)")
            size += len(k) + _check(kind.value, v, f"{where}.{k}")
        return size
    raise TypeError(f"unknown field kind {kind!r}")


def validate_fields(entity: str, fields: dict[str, Any]) -> None:
    """Check a mutation's fields against the entity's declaration; raises FieldError with the reason.
    Hub-owned fields are checked like the others (the hub then ignores a client's value)."""
    spec = ENTITIES.get(entity)
    if spec is None:
        raise FieldError(f"unknown entity {entity[:40]!r}")
    if not isinstance(fields, dict):
        raise FieldError("fields must be an object")
    size = 0
    for name, value in fields.items():
        kind = spec.fields.get(name)
        if kind is None:
            shown = name[:40].encode("utf-8", "replace").decode()
            raise FieldError(f"unknown field {shown!r} for {entity}")
        size += _check(kind, value, name)
    if size > MAX_FIELDS_BYTES:
        raise FieldError(f"fields are larger than {MAX_FIELDS_BYTES} characters together")


def client_fields(entity: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields a client may write: `fields` without the entity's hub-owned ones."""
    owned = ENTITIES[entity].hub_owned
    return {k: v for k, v in fields.items() if k not in owned} if owned else fields
