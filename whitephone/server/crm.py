"""CRM on the hub: the company's record types, what applying a CRM record or note means beyond a
plain synced row, and read routes for records.

Applying (called from server/sync.py inside the mutation's transaction, the seq lock held):
- a new record gets its opener (`owner_id`, `owner_name`) and, in sync.py, its task number;
- every change of a record is written as a `crm_change` row (who, when, field, old -> new) in the
  same call group as the record, so it syncs to exactly those who see the record;
- `remind_at` keeps one pending reminder per record (for the user who set it): the reminder
  delivery loop (reminders.py) turns it into a reminder message when due, even if no app runs;
- a note is refused on a closed record or one the writer cannot see; it takes its record's call
  group, and a private note is its author's alone.
"""


import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query
from pydantic import BaseModel, Field
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from whitephone.server.db import change_log, companies, records, reminders, writer
from whitephone.server.visibility import group_ids_of, row_visible, visible_clause

DEFAULT_TYPES = ["Sales enquiry", "Support", "Complaint", "Follow-up"]
MAX_TYPES = 100
TRACKED = ("subject", "type", "priority", "status", "group_id", "remind_at", "contact", "number")
REMINDER_INPUTS = frozenset({"remind_at", "status", "subject", "group_id"})  # what a reminder is made from


# ---------------------------------------------------------------------- applying mutations
def _record_row(conn: Connection, user, record_id: str):
    return conn.execute(select(records).where(
        records.c.company_id == user.company_id, records.c.entity == "crm_record",
        records.c.record_id == record_id)).first()


def note_problem(conn: Connection, user, fields: dict[str, Any]) -> tuple[str | None, int | None]:
    """(why a new note is refused or None, the call group it takes from its record)."""
    record_id = fields.get("record")
    if not isinstance(record_id, str) or not record_id:
        return "a note needs its record", None
    row = _record_row(conn, user, record_id)
    if row is None or row.deleted or not row_visible(row, user.id, group_ids_of(conn, user.id)):
        return "no such CRM record", None
    if row.fields.get("status") == "closed":
        number = row.fields.get("task_number")
        return f"task {number if number else record_id} is closed: re-open it to add notes", None
    return None, row.group_id


def note_values(user, fields: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
    """(fields with the hub's author, the owner: the author for a private note)."""
    out = {**fields, "author_id": user.id, "author_name": user.name}
    return out, (user.id if fields.get("private") else None)


CLOCK_SKEW = 300.0  # seconds a client's clock may run ahead of the hub's
_TIMES = ("created_at", "updated_at", "closed_at")


def sane_times(entity: str, fields: dict[str, Any], now: float | None = None) -> dict[str, Any]:
    """A record's or note's times as the hub keeps them: one later than the hub's clock (plus a
    little skew) or not a time at all becomes the hub's now, so nobody pins a record or note on
    top of every list (they are all newest first) with a date like 9999-12-31."""
    if entity not in ("crm_record", "crm_note"):
        return fields
    now = time.time() if now is None else now
    out = dict(fields)
    for name in _TIMES:
        v = out.get(name)
        if v is None or v == "":
            continue
        t = _epoch(v)
        if t is None or t > now + CLOCK_SKEW:
            out[name] = datetime.fromtimestamp(now, UTC).isoformat(timespec="milliseconds")
    return out


def is_crm_admin(user) -> bool:
    return bool(user.is_admin or "crm_admin" in (user.permissions or []))


def delete_problem(user, entity: str, row) -> str | None:
    """Why a client's delete is refused: a note is append-only (it goes only with its record), and
    a record (with its notes and history) may be deleted only by its opener or a CRM admin."""
    if entity == "crm_note":
        return "append-only: a CRM note cannot be deleted"
    if entity == "crm_record" and row is not None and not row.deleted:
        opener = (row.fields or {}).get("owner_id")
        if opener != user.id and not is_crm_admin(user):
            return "only the record's opener or a CRM admin may delete a CRM record"
    return None


def record_created(conn: Connection, user, record_id: str, fields: dict[str, Any], group_id: int | None) -> None:
    """A new record: its opener, its first history entry, its reminder (fields is updated in place)."""
    fields["owner_id"], fields["owner_name"] = user.id, user.name
    _change(conn, user, record_id, group_id, "created", None, fields.get("subject"))
    if fields.get("remind_at"):
        fields["remind_by"] = user.id
        _set_reminder(conn, user, record_id, fields, group_id)


def record_merging(user, changed: dict[str, Any], fields: dict[str, Any], field_versions: dict[str, int],
                   seq: int) -> None:
    """Before a merged record is stored: whoever sets (or clears) its reminder owns it (`remind_by`)."""
    if "remind_at" in changed:
        fields["remind_by"] = user.id if changed["remind_at"] else None
        field_versions["remind_by"] = seq


def record_changed(conn: Connection, user, record_id: str, before: dict[str, Any], after: dict[str, Any],
                   changed: dict[str, Any], group_id: int | None, old_group: int | None) -> None:
    """History and reminders for the fields a merge changed; notes and changes follow a group move."""
    if group_id != old_group:  # first: the children keep their order, this change's history follows
        _children_follow(conn, user, record_id, group_id)
    for name in TRACKED:
        if name in changed:
            _change(conn, user, record_id, group_id, name, before.get(name), changed[name])
    if REMINDER_INPUTS & changed.keys():
        _set_reminder(conn, user, record_id, after, group_id)


def _children_follow(conn: Connection, user, record_id: str, group_id: int | None) -> None:
    """A record moved to another call group (or to the whole company): its notes and history go
    with it, each with a new seq, so a client that was already synced and now may see the record
    pulls them in its next incremental feed (those who lost it resync: sync.py `_moved_out`)."""
    children = conn.execute(select(records.c.entity, records.c.record_id, records.c.owner_id, records.c.deleted)
                            .where(records.c.company_id == user.company_id,
                                   records.c.entity.in_(("crm_note", "crm_change")),
                                   records.c.fields["record"].as_string() == record_id)
                            .order_by(records.c.version)).all()
    for c in children:
        key = ((records.c.company_id == user.company_id) & (records.c.entity == c.entity)
               & (records.c.record_id == c.record_id))
        if c.deleted:
            conn.execute(update(records).where(key).values(group_id=group_id))
            continue
        seq = conn.execute(insert(change_log).values(
            company_id=user.company_id, owner_id=c.owner_id, entity=c.entity, record_id=c.record_id,
            author_id=user.id)).inserted_primary_key[0]
        conn.execute(update(records).where(key).values(group_id=group_id, version=seq))


def record_deleted(conn: Connection, user, record_id: str) -> None:
    """A deleted record takes its notes and history with it (tombstones everyone who had them pulls)."""
    children = conn.execute(select(records.c.entity, records.c.record_id, records.c.owner_id).where(
        records.c.company_id == user.company_id, records.c.entity.in_(("crm_note", "crm_change")),
        records.c.deleted.is_(False), records.c.fields["record"].as_string() == record_id)).all()
    for c in children:
        seq = conn.execute(insert(change_log).values(
            company_id=user.company_id, owner_id=c.owner_id, entity=c.entity, record_id=c.record_id,
            author_id=user.id)).inserted_primary_key[0]
        conn.execute(update(records).where(
            records.c.company_id == user.company_id, records.c.entity == c.entity,
            records.c.record_id == c.record_id).values(deleted=True, version=seq, deleted_at=time.time()))
    conn.execute(delete(reminders).where(
        reminders.c.company_id == user.company_id, reminders.c.crm_record == record_id,
        reminders.c.delivered_at.is_(None)))


def _text(v: Any) -> str | None:
    return None if v is None else str(v)


def _change(conn: Connection, user, record_id: str, group_id: int | None, field: str, old: Any, new: Any) -> None:
    change_id = str(uuid.uuid4())
    seq = conn.execute(insert(change_log).values(
        company_id=user.company_id, owner_id=None, entity="crm_change", record_id=change_id,
        author_id=user.id)).inserted_primary_key[0]
    fields = {"record": record_id, "field": field, "old": _text(old), "new": _text(new), "author_id": user.id,
              "author_name": user.name, "at": datetime.now(UTC).isoformat(timespec="milliseconds")}
    conn.execute(insert(records).values(
        company_id=user.company_id, entity="crm_change", record_id=change_id, owner_id=None, version=seq,
        deleted=False, fields=fields, field_versions={k: seq for k in fields}, group_id=group_id))


def _epoch(iso: Any) -> float | None:
    if not isinstance(iso, str) or not iso:
        return None
    try:
        t = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        return (t if t.tzinfo else t.replace(tzinfo=UTC)).timestamp()
    except (ValueError, OverflowError):
        return None


def _set_reminder(conn: Connection, user, record_id: str, fields: dict[str, Any], group_id: int | None) -> None:
    """One pending reminder per record, for the user who set it (`remind_by`), worded with the
    record as it is now: rebuilt whenever its time, the record's status, subject or call group
    changes; none while it is cleared or the record closed (a re-open brings it back), and none
    for a user who may no longer see the record."""
    closed = fields.get("status") == "closed"
    # The record's own reminder; a closed record takes its snoozed ones (link set) along too.
    conn.execute(delete(reminders).where(
        reminders.c.company_id == user.company_id, reminders.c.crm_record == record_id,
        reminders.c.delivered_at.is_(None), *(() if closed else (reminders.c.link.is_(None),))))
    due = _epoch(fields.get("remind_at"))
    if due is None or closed:
        return
    who = fields.get("remind_by")
    if not isinstance(who, int) or isinstance(who, bool):
        who = fields.get("owner_id") if isinstance(fields.get("owner_id"), int) else user.id
    if group_id is not None and group_id not in group_ids_of(conn, who):
        return  # moved into a call group the reminder's user is not in
    number = fields.get("task_number")
    label = f"task {number}" if number else "a CRM record"
    body = f"Reminder: {label}: {fields.get('subject') or ''}".strip()
    conn.execute(insert(reminders).values(
        company_id=user.company_id, sender_id=who, recipient_id=who, body=body[:4000], due=due,
        created=time.time(), crm_record=record_id))


def reminder_still_visible(conn: Connection, company_id: int, record_id: str, recipient_id: int) -> bool:
    """Whether a CRM reminder (the record's own or a snoozed one) is still to be delivered: its record
    is there and not closed, and its recipient may still see it (checked again at delivery: a user
    may have left the record's call group since)."""
    row = conn.execute(select(records.c.deleted, records.c.owner_id, records.c.group_id, records.c.fields).where(
        records.c.company_id == company_id, records.c.entity == "crm_record",
        records.c.record_id == record_id)).first()
    return (row is not None and not row.deleted and (row.fields or {}).get("status") != "closed"
            and row_visible(row, recipient_id, group_ids_of(conn, recipient_id)))


# ---------------------------------------------------------------------- routes
class CrmTypes(BaseModel):
    types: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(min_length=1, max_length=MAX_TYPES)


class NewCrmType(BaseModel):
    name: str = Field(min_length=1, max_length=200)


def company_types(conn: Connection, company_id: int) -> list[str]:
    found = conn.execute(select(companies.c.crm_types).where(companies.c.id == company_id)).scalar()
    return list(found) if found else list(DEFAULT_TYPES)


def add_crm_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable) -> None:
    Me = Annotated[object, Depends(current_user)]

    def require_crm_admin(me) -> None:
        if not is_crm_admin(me):
            raise HTTPException(403, "needs the 'crm_admin' permission")

    def _clean(names: list[str]) -> list[str]:
        out: list[str] = []
        for n in names:
            n = n.strip()
            if not n or "\x00" in n:
                raise HTTPException(400, "a type name must not be blank or hold a NUL")
            if n.casefold() in {x.casefold() for x in out}:
                raise HTTPException(400, f"the type {n!r} is listed twice")
            out.append(n)
        return out

    def _change_types(me, action: str, make: Callable[[list[str]], list[str]]) -> CrmTypes:
        """Read the list, change it and write it back in ONE write transaction with the company's
        row locked: concurrent changes queue and each sees the one before (no lost update)."""
        with writer(engine) as conn:
            found = conn.execute(select(companies.c.crm_types).where(
                companies.c.id == me.company_id).with_for_update()).scalar()
            types = make(list(found) if found else list(DEFAULT_TYPES))
            conn.execute(update(companies).where(companies.c.id == me.company_id).values(crm_types=types))
            audit(conn, me, action, {"types": types})
        return CrmTypes(types=types)

    @app.get("/api/v1/crm/types", response_model=CrmTypes)
    def get_types(me: Me) -> CrmTypes:
        with engine.connect() as conn:
            return CrmTypes(types=company_types(conn, me.company_id))

    @app.put("/api/v1/crm/types", response_model=CrmTypes)
    def put_types(body: CrmTypes, me: Me) -> CrmTypes:
        require_crm_admin(me)
        types = _clean(body.types)
        return _change_types(me, "crm_types", lambda _now: types)

    @app.post("/api/v1/crm/types", response_model=CrmTypes, status_code=201)
    def add_type(body: NewCrmType, me: Me) -> CrmTypes:
        require_crm_admin(me)

        def add(now: list[str]) -> list[str]:
            if len(now) >= MAX_TYPES:
                raise HTTPException(400, f"a company has at most {MAX_TYPES} types")
            return _clean([*now, body.name])
        return _change_types(me, "crm_type_added", add)

    @app.delete("/api/v1/crm/types/{name}", response_model=CrmTypes)
    def remove_type(name: Annotated[str, Path(min_length=1, max_length=200)], me: Me) -> CrmTypes:
        require_crm_admin(me)

        def remove(now: list[str]) -> list[str]:
            if name not in now:
                raise HTTPException(404, "no such type")
            if len(now) == 1:
                raise HTTPException(400, "keep at least one type")
            return [t for t in now if t != name]
        return _change_types(me, "crm_type_removed", remove)

    @app.get("/api/v1/crm/records/{key}")
    def get_record(key: Annotated[str, Path(min_length=1, max_length=64)], me: Me) -> dict:
        """A record (by task number or id) with its notes and history, if the caller may see it."""
        with engine.connect() as conn:
            base = ((records.c.company_id == me.company_id) & records.c.deleted.is_(False)
                    & visible_clause(me.id))
            row = None
            if key.isascii() and key.isdigit() and len(key) <= 18:  # a task number first (larger: no such number)
                row = conn.execute(select(records).where(
                    base, records.c.entity == "crm_record",
                    records.c.fields["task_number"].as_integer() == int(key)).limit(1)).first()
            if row is None:  # else a record id (ids are chosen by clients: one may be all digits)
                row = conn.execute(select(records).where(
                    base, records.c.entity == "crm_record", records.c.record_id == key)).first()
            if row is None:
                raise HTTPException(404, "no such CRM record")
            children = conn.execute(select(records).where(
                base, records.c.entity.in_(("crm_note", "crm_change")),
                records.c.fields["record"].as_string() == row.record_id).order_by(records.c.version)).all()
        return {"id": row.record_id, **row.fields,
                "notes": [{"id": c.record_id, **c.fields} for c in children if c.entity == "crm_note"],
                "history": [{"id": c.record_id, **c.fields} for c in children if c.entity == "crm_change"]}

    @app.get("/api/v1/crm/records")
    def list_records(me: Me, status: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list:
        """Records the caller may see, newest change first (status filter optional)."""
        if status is not None and status not in ("open", "closed"):
            raise HTTPException(400, "status must be open or closed")
        q = select(records).where(records.c.company_id == me.company_id, records.c.entity == "crm_record",
                                  records.c.deleted.is_(False), visible_clause(me.id))
        if status is not None:
            q = q.where(records.c.fields["status"].as_string() == status)
        with engine.connect() as conn:
            rows = conn.execute(q.order_by(records.c.version.desc()).limit(limit)).all()
        return [{"id": r.record_id, **r.fields} for r in rows]
