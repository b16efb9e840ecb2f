"""Notes on a contact written on this computer. A private note (seed 004) is visible to me only:
it is never put in the outbox, so it never reaches the hub or a colleague. Notes are append-only
(a wrong note is deleted, not edited), like CRM notes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, text

from whitephone.store.database import read_transaction, write_transaction
from whitephone.store.outbox import now_iso

MAX_NOTE = 20_000


class NoteError(ValueError):
    """A note that cannot be stored, with the reason in words."""


@dataclass(frozen=True)
class ContactNote:
    id: int
    uid: str
    contact_uid: str
    text: str
    private: bool
    author: str
    created_at: str


class NoteStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, contact_uid: str, body: str, *, private: bool = True, author: str = "") -> ContactNote:
        body = body.strip()
        if not body:
            raise NoteError("the note is empty")
        if len(body) > MAX_NOTE:
            raise NoteError(f"a note holds at most {MAX_NOTE} characters (this one has {len(body)})")
        uid, at = str(uuid.uuid4()), now_iso()
        with write_transaction(self.engine) as conn:
            if conn.execute(text("SELECT 1 FROM contacts WHERE uid = :u"), {"u": contact_uid}).first() is None:
                raise NoteError("the contact no longer exists")
            nid = conn.execute(text(
                "INSERT INTO contact_notes (uid, contact_uid, text, private, author, created_at)"
                " VALUES (:uid, :c, :t, :p, :a, :at)"),
                {"uid": uid, "c": contact_uid, "t": body, "p": int(private), "a": author, "at": at}).lastrowid
        return ContactNote(nid, uid, contact_uid, body, private, author, at)

    def delete(self, uid: str) -> bool:
        with write_transaction(self.engine) as conn:
            return conn.execute(text("DELETE FROM contact_notes WHERE uid = :u"), {"u": uid}).rowcount > 0

    def for_contact(self, contact_uid: str) -> list[ContactNote]:
        with read_transaction(self.engine) as conn:
            return [ContactNote(r.id, r.uid, r.contact_uid, r.text, bool(r.private), r.author, r.created_at)
                    for r in conn.execute(text("SELECT * FROM contact_notes WHERE contact_uid = :u"
                                               " ORDER BY created_at DESC, id DESC"), {"u": contact_uid})]
