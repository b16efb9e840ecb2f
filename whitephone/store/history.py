"""A contact's change history: who changed which field when, old -> new.

Rows are written by `ContactStore` inside the transaction of the change itself (a local edit, an
import, a row applied from the hub), one row per field that changed (a contact whose name alone
changed gets one row, not a copy of the contact). Values are the text a person reads ("+44 20
7946 0958 (work); +44 7700 900123 (mobile)"), cut at `MAX_VALUE` characters. Each contact keeps
its newest `CAP` rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from whitephone.core.contact import ContactData
from whitephone.store.database import read_transaction
from whitephone.store.outbox import now_iso

CAP = 500  # rows kept per contact
MAX_VALUE = 2000  # characters of one old/new value
SOURCES = ("local", "import", "hub")

_SCALARS = ("kind", "prefix", "given_name", "middle_name", "family_name", "suffix", "display_name",
            "nickname", "birthday", "notes")


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    contact_uid: str
    at: str
    source: str  # local | import | hub
    who: str  # "" = the user of this profile
    field: str  # a field name ("phones", "custom:Account"), or "created" / "deleted"
    old: str | None
    new: str | None


def _join(items: Iterable[str]) -> str:
    return "; ".join(x for x in items if x)


def history_fields(c: ContactData) -> dict[str, str]:
    """The contact as {field: display text}, the form the history compares and stores."""
    out = {k: getattr(c, k) or "" for k in _SCALARS}
    out["phones"] = _join(f"{p.number} ({p.kind})" for p in c.phones)
    out["emails"] = _join(f"{e.address} ({e.kind})" for e in c.emails)
    out["addresses"] = _join(
        ", ".join(x for x in (a.street1, a.street2, a.postcode, a.city, a.region, a.country) if x)
        + f" ({a.kind})" for a in c.addresses if not a.is_empty())
    out["websites"] = _join(w.url for w in c.websites)
    out["companies"] = _join(f"{x.name} ({x.role})" if x.role else x.name for x in c.companies)
    out["tags"] = ", ".join(sorted(c.tags))
    for name, value in c.custom.items():
        out[f"custom:{name}"] = value or ""
    # a photo is shown as "photo <short hash>": the history says it changed, not the bytes
    out["photo"] = f"photo {hashlib.sha1(c.photo).hexdigest()[:8]}" if c.photo else ""
    return out


def diff(old: dict[str, str], new: dict[str, str]) -> list[tuple[str, str, str]]:
    """(field, old, new) of the fields whose text differs (a field missing on one side is "")."""
    return [(k, old.get(k, ""), new.get(k, "")) for k in sorted(old.keys() | new.keys())
            if old.get(k, "") != new.get(k, "")]


def _cut(v: str | None) -> str | None:
    return v if v is None or len(v) <= MAX_VALUE else v[:MAX_VALUE - 1] + "…"


def synced_field(field: str) -> str:
    """The synced field a history field comes from ("custom:Size" from "custom", "photo" ...)."""
    return field.split(":", 1)[0]


def record(conn: Connection, contact_uid: str, changes: Sequence[tuple[str, str | None, str | None]],
           *, source: str, who: str = "", at: str | None = None, prune: bool = True,
           field_authors: Mapping[str, str | None] | None = None) -> None:
    """Store `changes` (field, old, new) of one contact in the caller's transaction. `who` made
    them, except a field whose synced field `field_authors` names (a hub change: an earlier
    author's value; None there: unknown, "")."""
    if not changes:
        return
    at = at or now_iso()
    fa = field_authors or {}

    def who_for(f: str) -> str:
        key = synced_field(f)
        return (fa[key] or "") if key in fa else who

    conn.exec_driver_sql(
        "INSERT INTO contact_history (contact_uid, at, source, who, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(contact_uid, at, source, who_for(f), f, _cut(o), _cut(n)) for f, o, n in changes])
    if prune:
        conn.execute(text(
            "DELETE FROM contact_history WHERE contact_uid = :u AND id IN ("
            " SELECT id FROM contact_history WHERE contact_uid = :u ORDER BY at DESC, id DESC"
            f" LIMIT -1 OFFSET {CAP})"), {"u": contact_uid})


def record_created(conn: Connection, items: Sequence[ContactData], *, source: str,
                   who: str | Mapping[str, str] = "") -> None:
    """One "created" row per new contact (its name as the new value): compact on a big import.
    `who`: one name for all, or a name per contact uid (rows from the hub: each change's author)."""
    if items:
        at = now_iso()
        conn.exec_driver_sql(
            "INSERT INTO contact_history (contact_uid, at, source, who, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(c.uid, at, source, who_of(who, c.uid), "created", None, _cut(c.best_display_name()))
             for c in items if c.uid])


def who_of(who: str | Mapping[str, str] | None, uid: str) -> str:
    """The name for `uid` from one name or a name per uid ("" when unknown: "a colleague" for
    a row from the hub, "you" for a local one)."""
    if isinstance(who, Mapping):
        return who.get(uid) or ""
    return who or ""


class HistoryStore:
    """Reading a contact's history (the writes happen inside ContactStore's transactions)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def for_contact(self, contact_uid: str, *, limit: int = 50,
                    before: tuple[str, int] | None = None) -> list[HistoryEntry]:
        """Newest first; `before` = (at, id) of the last row shown, for the next page."""
        sql = "SELECT * FROM contact_history WHERE contact_uid = :u"
        params: dict = {"u": contact_uid, "n": limit}
        if before is not None:
            sql += " AND (at, id) < (:at, :id)"
            params.update(at=before[0], id=before[1])
        sql += " ORDER BY at DESC, id DESC LIMIT :n"
        with read_transaction(self.engine) as conn:
            return [HistoryEntry(r.id, r.contact_uid, r.at, r.source, r.who, r.field, r.old, r.new)
                    for r in conn.execute(text(sql), params)]
