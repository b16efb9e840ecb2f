"""Synced rows as the hub sees them: each entity's wire fields, read from and applied to the store.

One adapter per synced entity (`read`, `upsert`, `delete`, `set_versions`), all on a connection
the caller's transaction owns. Rows applied here come from the hub, so they add no outbox rows.
Adding an entity = an adapter here + a declaration in `whitephone/sync/entities.py`.
"""

from __future__ import annotations

import base64
import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, PostalAddress, Website
from whitephone.phone import number_key
from whitephone.store import models as m
from whitephone.store.contacts import ContactStore
from whitephone.store.outbox import now_iso

log = logging.getLogger(__name__)

COMPANY_BOOK_UID = "company"  # the company's shared address book has the same id on every client


class RowAdapter(Protocol):
    """One entity's rows. An adapter with `records_authors = True` (contacts) also takes
    `authors={uid: name}` in `upsert` and `delete` (who made each change, from the hub's feed),
    and in `upsert` `field_authors={uid: {field: name}}` (who set a field in an earlier change)
    and `creators={uid: name}` (who created the row)."""

    entity: str

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Wire fields of the rows that exist locally."""

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Create or replace rows with the hub's fields."""

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        """Remove rows the hub deleted."""

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        """Record the hub's version on each row."""


def _uid_map(conn: Connection, table, uids) -> dict[str, int]:
    uids = list(uids)
    if not uids:
        return {}
    return dict(conn.execute(select(table.c.uid, table.c.id).where(
        table.c.uid.in_(bindparam("v", expanding=True))), {"v": uids}).all())


def _set_versions(conn: Connection, table, versions: dict[str, int]) -> None:
    if versions:  # one statement (a first sync sets 100 000)
        conn.exec_driver_sql(
            f"UPDATE {table.name} SET version = j.value FROM json_each(?) AS j WHERE {table.name}.uid = j.key",
            (json.dumps(versions),))


class BookRows:
    """Address books: `name`, `private` (a personal book, its owner's alone)."""

    entity = "address_book"

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        B = m.address_books
        rows = conn.execute(select(B).where(B.c.uid.in_(bindparam("v", expanding=True))), {"v": list(uids)})
        return {r.uid: {"name": r.name, "private": not r.shared} for r in rows}

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        B = m.address_books
        for uid, f in rows:
            book_id = ensure_book(conn, uid, str(f.get("name") or "Address book"))
            name = _free_book_name(conn, _s(f.get("name")) or "Address book", book_id)
            conn.execute(update(B).where(B.c.id == book_id).values(
                name=name, shared=0 if f.get("private", True) else 1))

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        ids = list(_uid_map(conn, m.address_books, uids).values())
        if not ids:
            return
        contact_ids = [r[0] for r in conn.execute(select(m.contacts.c.id).where(
            m.contacts.c.book_id.in_(bindparam("v", expanding=True))), {"v": ids})]
        ContactStore(conn.engine)._delete(conn, contact_ids)
        conn.execute(delete(m.address_books).where(m.address_books.c.id.in_(ids)))

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.address_books, versions)


def _free_book_name(conn: Connection, name: str, book_id: int) -> str:
    """`name`, or "name (2)"... when another local book already has it (names are unique here)."""
    B = m.address_books
    candidate, n = name, 1
    while conn.execute(select(B.c.id).where(func.lower(B.c.name) == candidate.lower(),
                                            B.c.id != book_id)).first():
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def ensure_book(conn: Connection, uid: str, name: str, shared: bool = False) -> int:
    """The local id of the book `uid`, created (without an outbox row) if missing."""
    B = m.address_books
    found = conn.execute(select(B.c.id).where(B.c.uid == uid)).scalar()
    if found is not None:
        return found
    pos = conn.execute(select(func.coalesce(func.max(B.c.position), 0))).scalar_one()
    tmp = f"{name}\x00{uid}"  # unique until renamed below
    book_id = conn.execute(insert(B).values(uid=uid, name=tmp, position=pos + 1, created_at=now_iso(),
                                            shared=int(shared))).inserted_primary_key[0]
    conn.execute(update(B).where(B.c.id == book_id).values(name=_free_book_name(conn, name, book_id)))
    return book_id


class ContactRows:
    """Contacts with every field; `book` is the book's uid (the hub makes a contact of a private
    book private too)."""

    entity = "contact"

    def __init__(self, engine: Engine) -> None:
        self.contacts = ContactStore(engine)

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Wire fields of many contacts with one query per child table (a push reads 500)."""
        C = m.contacts
        rows = conn.execute(select(C, m.address_books.c.uid.label("book_uid"))
                            .join(m.address_books, m.address_books.c.id == C.c.book_id)
                            .where(C.c.uid.in_(bindparam("v", expanding=True))), {"v": list(uids)}).all()
        if not rows:
            return {}
        ids = [r.id for r in rows]
        v = {"v": ids}

        def children(table, cols, order=True):
            out: dict[int, list[dict]] = defaultdict(list)
            q = select(table).where(table.c.contact_id.in_(bindparam("v", expanding=True)))
            if order:
                q = q.order_by(table.c.contact_id, table.c.position)
            for x in conn.execute(q, v):
                out[x.contact_id].append({k: x._mapping[k] for k in cols})
            return out

        phones = children(m.phones, ("number", "kind", "e164"))
        emails = children(m.emails, ("address", "kind"))
        addresses = children(m.addresses, ("street1", "street2", "postcode", "city", "region", "country", "kind"))
        websites = children(m.websites, ("url", "kind"))
        CC, CO = m.contact_companies, C.alias("co")
        companies: dict[int, list[dict]] = defaultdict(list)
        for x in conn.execute(select(CC.c.person_id, CC.c.role, CO.c.display_name, CO.c.uid)
                              .join(CO, CO.c.id == CC.c.company_id)
                              .where(CC.c.person_id.in_(bindparam("v", expanding=True)))
                              .order_by(CC.c.person_id, CC.c.position), v):
            companies[x.person_id].append({"name": x.display_name, "role": x.role, "company": x.uid})
        tags: dict[int, list[str]] = defaultdict(list)
        for cid, name in conn.execute(select(m.contact_tags.c.contact_id, m.tags.c.name)
                                      .join(m.tags, m.tags.c.id == m.contact_tags.c.tag_id)
                                      .where(m.contact_tags.c.contact_id.in_(bindparam("v", expanding=True))), v):
            tags[cid].append(name)
        custom: dict[int, dict[str, str]] = defaultdict(dict)
        for cid, name, value in conn.execute(
                select(m.custom_values.c.contact_id, m.custom_fields.c.name, m.custom_values.c.value)
                .join(m.custom_fields, m.custom_fields.c.id == m.custom_values.c.field_id)
                .where(m.custom_values.c.contact_id.in_(bindparam("v", expanding=True))), v):
            custom[cid][name] = value
        photos = {x.contact_id: x for x in conn.execute(select(m.contact_photos).where(
            m.contact_photos.c.contact_id.in_(bindparam("v", expanding=True))), v)}
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            photo = photos.get(r.id)
            out[r.uid] = {
                "book": r.book_uid, "kind": r.kind, "prefix": r.prefix, "given_name": r.given_name,
                "middle_name": r.middle_name, "family_name": r.family_name, "suffix": r.suffix,
                "display_name": r.display_name, "nickname": r.nickname, "birthday": r.birthday,
                "notes": r.notes, "phones": phones.get(r.id, []), "emails": emails.get(r.id, []),
                "addresses": addresses.get(r.id, []), "websites": websites.get(r.id, []),
                "companies": companies.get(r.id, []), "tags": sorted(tags.get(r.id, [])),
                "custom": dict(sorted(custom.get(r.id, {}).items())),
                "photo": base64.b64encode(photo.data).decode() if photo else None,
                "photo_mime": photo.mime if photo else "",
            }
        return out

    records_authors = True  # apply_remote passes who made each change (the contact's history names them)

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]],
               authors: dict[str, str] | None = None, field_authors: dict[str, dict] | None = None,
               creators: dict[str, str] | None = None) -> None:
        """`authors`: who made each row's change; `field_authors`: per row, who set the fields an
        earlier change (since our cursor) set; `creators`: who created each row (a row new here)."""
        if not rows:
            return
        authors, field_authors, creators = authors or {}, field_authors or {}, creators or {}
        book_ids: dict[str, int] = {}
        for _, f in rows:
            b = _s(f.get("book"))
            if b and b not in book_ids:
                book_ids[b] = ensure_book(conn, b, "Address book", shared=b == COMPANY_BOOK_UID)
        default_book = _default_book(conn) if any(not f.get("book") for _, f in rows) else 0
        items = [contact_from_wire(f, uid) for uid, f in rows]
        for c in items:
            c.book_id = book_ids.get(c.book_uid, default_book)  # type: ignore[attr-defined]
        self._ensure_custom_fields(conn, items)
        done = self._resolve_companies(conn, items)
        known = _uid_map(conn, m.contacts, [c.uid for c in items])
        fresh: dict[int, list[ContactData]] = defaultdict(list)
        for c in items:
            if c.uid in done:
                continue
            if c.uid in known:
                c.id = known[c.uid]  # type: ignore[index]
                self.contacts._replace(conn, c, source="hub", author=authors.get(c.uid, ""),
                                       field_authors=field_authors.get(c.uid))
            else:
                fresh[c.book_id or default_book].append(c)
        for book_id, cs in fresh.items():
            self.contacts._insert_many(conn, cs, book_id, from_hub=True, authors=creators)

    def delete(self, conn: Connection, uids: Sequence[str], authors: dict[str, str] | None = None) -> None:
        self.contacts._delete(conn, list(_uid_map(conn, m.contacts, uids).values()), authors=authors)

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.contacts, versions)

    @staticmethod
    def _ensure_custom_fields(conn: Connection, items: Sequence[ContactData]) -> None:
        names = {n for c in items for n in c.custom}
        if names:
            conn.execute(insert(m.custom_fields).prefix_with("OR IGNORE"),
                         [{"name": n, "field_type": "text", "choices": "[]", "position": 0} for n in names])

    def _resolve_companies(self, conn: Connection, items: Sequence[ContactData]) -> set[str]:
        """Link companies by their uid. A company in the same page goes in first; one not here
        yet gets a stub row with its uid, which the company's own row replaces when it arrives
        (so no duplicate company is made). Returns the uids of the batch already inserted."""
        wanted = {link.uid_hint: link for c in items for link in c.companies  # type: ignore[attr-defined]
                  if getattr(link, "uid_hint", "")}
        if not wanted:
            return set()
        known = _uid_map(conn, m.contacts, wanted)
        batch = {c.uid: c for c in items}
        first = [batch[u] for u in wanted if u not in known and u in batch]
        stubs = [ContactData(kind="company", display_name=link.name, uid=u, book_id=items[0].book_id)
                 for u, link in wanted.items() if u not in known and u not in batch]
        for c in stubs + first:
            self.contacts._insert_many(conn, [c], c.book_id or 0, from_hub=True)
            known[c.uid] = c.id  # type: ignore[index,assignment]
        for c in items:
            for link in c.companies:
                u = getattr(link, "uid_hint", "")
                if u and u in known:
                    link.company_id = known[u]
        return {c.uid for c in first}  # type: ignore[misc]


def _default_book(conn: Connection) -> int:
    B = m.address_books
    found = conn.execute(select(B.c.id).order_by((func.lower(B.c.name) == "personal").desc(), B.c.position)).scalar()
    return found if found is not None else ensure_book(conn, str(uuid.uuid4()), "Personal")


def _items(value: Any) -> list[dict]:
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _s(v: Any) -> str:
    return v if isinstance(v, str) else ("" if v is None else str(v))


def contact_from_wire(f: dict[str, Any], uid: str) -> ContactData:
    """A contact from the hub's fields; unknown keys are ignored, missing ones are empty.
    (Straight-line code: a first sync builds 100 000 of these.)"""
    g = f.get
    c = ContactData(
        kind="company" if g("kind") == "company" else "person", uid=uid,
        prefix=_s(g("prefix")), given_name=_s(g("given_name")), middle_name=_s(g("middle_name")),
        family_name=_s(g("family_name")), suffix=_s(g("suffix")), display_name=_s(g("display_name")),
        nickname=_s(g("nickname")), birthday=_s(g("birthday")), notes=_s(g("notes")),
    )
    if ps := g("phones"):
        c.phones = [Phone(_s(x.get("number")), _s(x.get("kind")) or "other", x.get("e164") or None)
                    for x in _items(ps) if x.get("number")]
    if es := g("emails"):
        c.emails = [Email(_s(x.get("address")), _s(x.get("kind")) or "other") for x in _items(es) if x.get("address")]
    if addrs := g("addresses"):
        c.addresses = [PostalAddress(*(_s(x.get(k)) for k in ("street1", "street2", "postcode", "city", "region",
                                                            "country")), kind=_s(x.get("kind")) or "other")
                       for x in _items(addrs)]
    if ws := g("websites"):
        c.websites = [Website(_s(x.get("url")), _s(x.get("kind")) or "other") for x in _items(ws) if x.get("url")]
    if tags := g("tags"):
        c.tags = [str(t) for t in tags if str(t).strip()] if isinstance(tags, list) else []
    if isinstance(custom := g("custom"), dict) and custom:
        c.custom = {str(k): _s(v) for k, v in custom.items()}
    for x in _items(g("companies")):
        link = CompanyLink(_s(x.get("name")), _s(x.get("role")))
        link.uid_hint = _s(x.get("company"))  # type: ignore[attr-defined]
        c.companies.append(link)
    if g("photo"):
        try:
            c.photo, c.photo_mime = base64.b64decode(f["photo"]), _s(g("photo_mime"))
        except (ValueError, TypeError):
            pass
    c.book_uid = _s(g("book"))  # type: ignore[attr-defined]
    return c


_CALL_COLUMNS = [c.name for c in m.call_logs.columns if c.name not in ("id", "uid", "version", "contact_id")]


class CallLogRows:
    """Call logs (append only): every column; `contact` is the contact's uid (the hub keeps a
    call log its writer's alone)."""

    entity = "call_log"

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        L, C = m.call_logs, m.contacts
        rows = conn.execute(select(L, C.c.uid.label("contact_uid")).outerjoin(C, C.c.id == L.c.contact_id)
                            .where(L.c.uid.in_(bindparam("v", expanding=True))), {"v": list(uids)})
        return {r.uid: {**{k: r._mapping[k] for k in _CALL_COLUMNS}, "viewed": bool(r.viewed),
                        "contact": r.contact_uid} for r in rows}

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        L = m.call_logs
        known = _uid_map(conn, L, [u for u, _ in rows])
        contacts = _uid_map(conn, m.contacts, [f.get("contact") for _, f in rows if f.get("contact")])
        for uid, f in rows:
            values = {k: f[k] for k in _CALL_COLUMNS if k in f}
            if "viewed" in values:
                values["viewed"] = int(bool(values["viewed"]))
            values["contact_id"] = contacts.get(f.get("contact") or "")
            for k in ("direction", "started_at"):
                values.setdefault(k, "out" if k == "direction" else now_iso())
            if uid in known:
                conn.execute(update(L).where(L.c.id == known[uid]).values(**values))
            else:
                conn.execute(insert(L).values(uid=uid, **values))

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        conn.execute(delete(m.call_logs).where(m.call_logs.c.uid.in_(bindparam("v", expanding=True))),
                     {"v": list(uids)})

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.call_logs, versions)


class AppointmentRows:
    """Appointments: every field of `core.diary.to_fields` (a series with its overrides)."""

    entity = "appointment"

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        from whitephone.store.diary import read_fields

        return read_fields(conn, uids)

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        from whitephone.core.diary import from_fields
        from whitephone.store.diary import write_row

        for uid, f in rows:
            try:
                a = from_fields(uid, f)
            except ValueError as exc:  # the hub checks types, not dates: such a row cannot be shown
                log.warning("appointment %s from the hub not applied: %s", uid, exc)
                continue
            write_row(conn, a)

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        from whitephone.store.diary import delete_rows

        delete_rows(conn, uids)

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.appointments, versions)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_CRM_WIRE = ("type", "subject", "priority", "status", "contact", "number", "call", "message", "remind_at",
             "group_id", "created_at", "updated_at", "closed_at")
_CRM_HUB = ("task_number", "owner_id", "owner_name", "remind_by")


def _utc(v: Any) -> str | None:
    """An ISO time as the store keeps reminder times (UTC, seconds), so due checks compare as text."""
    from whitephone.store.crm import CrmError, _iso

    try:
        return _iso(v, "time") if isinstance(v, str) else None
    except CrmError:
        return None


def _past(when: str | None, now: str) -> bool:
    """Whether a stored (UTC, seconds) reminder time is due by `now` (now_iso())."""
    from whitephone.store.crm import _iso

    return when is not None and when <= (_iso(now, "now") or "")


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


class CrmRecordRows:
    """CRM records: every field; `contact` and `call` are uids. The hub's own fields (task number,
    opener) are applied but never read back for a push."""

    entity = "crm_record"

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        R = m.crm_records
        rows = conn.execute(select(R).where(R.c.uid.in_(bindparam("v", expanding=True))), {"v": list(uids)})
        return {r.uid: {k: r._mapping[k] for k in _CRM_WIRE} for r in rows}

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        R = m.crm_records
        known = _uid_map(conn, R, [u for u, _ in rows])
        now = now_iso()
        fresh: list[dict[str, Any]] = []
        for uid, f in rows:
            g = f.get
            values = {
                "type": _s(g("type")), "subject": _s(g("subject") or g("title")),
                "priority": g("priority") if g("priority") in ("low", "medium", "high") else "medium",
                "status": "closed" if g("status") == "closed" else "open",
                "contact": _s(g("contact")) or None, "number": _s(g("number")) or None,
                "call": _s(g("call")) or None, "message": _int(g("message")), "remind_at": _utc(g("remind_at")),
                "group_id": _int(g("group_id")), "task_number": _int(g("task_number")),
                "owner_id": _int(g("owner_id")), "owner_name": _s(g("owner_name")),
                "created_at": _s(g("created_at")) or now, "updated_at": _s(g("updated_at")) or _s(g("created_at")) or now,
                "closed_at": _s(g("closed_at")) or None,
            }
            values["remind_by"] = _int(g("remind_by"))
            values["number_key"] = number_key(values["number"])
            if uid in known:
                before = conn.execute(select(R.c.remind_at).where(R.c.id == known[uid])).scalar()
                if values["remind_at"] != before and _past(values["remind_at"], now):
                    values["reminded_at"] = values["remind_at"]
                conn.execute(update(R).where(R.c.id == known[uid]).values(**values))
            else:
                # a reminder that fell due before this device heard of it was shown (and sent as a
                # reminder message by the hub) elsewhere: it does not pop up again here
                values["reminded_at"] = values["remind_at"] if _past(values["remind_at"], now) else None
                fresh.append({"uid": uid, **values})
        if fresh:  # one statement for the new ones (a colleague's 10 000 arrive in pages of 1 000)
            conn.execute(insert(R), fresh)

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        uids = list(uids)
        for t, col in ((m.crm_notes, m.crm_notes.c.record), (m.crm_history, m.crm_history.c.record),
                       (m.crm_records, m.crm_records.c.uid)):
            conn.execute(delete(t).where(col.in_(bindparam("v", expanding=True))), {"v": uids})

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.crm_records, versions)
        # Pushed (or pulled) with nothing of the record left to push: the hub's history is the
        # record's history from here, and this device's pending entries go (the hub's rows come in
        # the pull that follows; offline steps the outbox folded together, a close and re-open,
        # reach the hub as their net change).
        uids = list(versions)
        waiting = set(conn.execute(select(m.outbox.c.entity_id).where(
            m.outbox.c.entity == "crm_record", m.outbox.c.entity_id.in_(bindparam("v", expanding=True))),
            {"v": uids}).scalars())
        settled = [u for u in uids if u not in waiting]
        if settled:
            H = m.crm_history
            conn.execute(delete(H).where(H.c.pending == 1, H.c.record.in_(bindparam("v", expanding=True))),
                         {"v": settled})


class CrmNoteRows:
    """CRM notes (append only): `record` is the record's uid; the author is the hub's to say."""

    entity = "crm_note"

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        N = m.crm_notes
        rows = conn.execute(select(N).where(N.c.uid.in_(bindparam("v", expanding=True))), {"v": list(uids)})
        return {r.uid: {"record": r.record, "body": r.body, "created_at": r.created_at, "private": bool(r.private),
                        "group_id": r.group_id} for r in rows}

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        N = m.crm_notes
        known = _uid_map(conn, N, [u for u, _ in rows])
        for uid, f in rows:
            values = {"record": _s(f.get("record")), "body": _s(f.get("body")), "author_id": _int(f.get("author_id")),
                      "author_name": _s(f.get("author_name")), "created_at": _s(f.get("created_at")) or now_iso(),
                      "private": int(bool(f.get("private"))), "group_id": _int(f.get("group_id"))}
            if uid in known:
                conn.execute(update(N).where(N.c.id == known[uid]).values(**values))
            else:
                conn.execute(insert(N).values(uid=uid, **values))

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        conn.execute(delete(m.crm_notes).where(m.crm_notes.c.uid.in_(bindparam("v", expanding=True))),
                     {"v": list(uids)})

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.crm_notes, versions)


class CrmChangeRows:
    """History of CRM records, written by the hub: each arriving row replaces this device's pending
    entry for the same change (same record, field and new value)."""

    entity = "crm_change"

    def read(self, conn: Connection, uids: Sequence[str]) -> dict[str, dict[str, Any]]:
        H = m.crm_history
        rows = conn.execute(select(H).where(H.c.uid.in_(bindparam("v", expanding=True))), {"v": list(uids)})
        return {r.uid: {"record": r.record, "field": r.field, "old": r.old, "new": r.new} for r in rows}

    def upsert(self, conn: Connection, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
        H = m.crm_history
        known = _uid_map(conn, H, [u for u, _ in rows])
        any_pending = conn.execute(select(H.c.id).where(H.c.pending == 1).limit(1)).first() is not None
        fresh: list[dict[str, Any]] = []
        for uid, f in rows:
            values = {"record": _s(f.get("record")), "field": _s(f.get("field")), "old": f.get("old"),
                      "new": f.get("new"), "who_id": _int(f.get("author_id")), "who_name": _s(f.get("author_name")),
                      "at": _s(f.get("at")) or now_iso(), "pending": 0}
            mine = conn.execute(select(H.c.id).where(
                H.c.pending == 1, H.c.record == values["record"], H.c.field == values["field"],
                H.c.new.is_(values["new"]) if values["new"] is None else H.c.new == values["new"])
                .order_by(H.c.id).limit(1)).scalar() if any_pending else None
            if mine is not None:
                conn.execute(delete(H).where(H.c.id == mine))
            if uid in known:
                conn.execute(update(H).where(H.c.id == known[uid]).values(**values))
            else:
                fresh.append({"uid": uid, **values})
        if fresh:
            conn.execute(insert(H), fresh)

    def delete(self, conn: Connection, uids: Sequence[str]) -> None:
        conn.execute(delete(m.crm_history).where(m.crm_history.c.uid.in_(bindparam("v", expanding=True))),
                     {"v": list(uids)})

    def set_versions(self, conn: Connection, versions: dict[str, int]) -> None:
        _set_versions(conn, m.crm_history, versions)
