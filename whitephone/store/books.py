"""Address books: a contact belongs to exactly one."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from whitephone.core.contact import AddressBook
from whitephone.store import models as m
from whitephone.store.database import read_transaction, write_transaction
from whitephone.store.outbox import add_outbox_rows, now_iso

DEFAULT_BOOK = "Personal"


def default_book_in(conn: Connection) -> int:
    """Inside a write transaction: the "Personal" book, else the first book, else a new "Personal"."""
    B = m.address_books
    row = conn.execute(select(B.c.id).where(func.lower(B.c.name) == DEFAULT_BOOK.lower())).first()
    row = row or conn.execute(select(B.c.id).order_by(B.c.position, B.c.name).limit(1)).first()
    if row:
        return row[0]
    uid = str(uuid.uuid4())
    book_id = conn.execute(insert(B).values(uid=uid, name=DEFAULT_BOOK, position=1,
                                            created_at=now_iso())).inserted_primary_key[0]
    add_outbox_rows(conn, "address_book", [(uid, "upsert")])
    return book_id


class BookError(ValueError):
    """An address book operation the user asked for cannot be done (message says why)."""


class BookStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def list(self) -> list[AddressBook]:
        B, C = m.address_books, m.contacts
        with read_transaction(self.engine) as conn:
            counts = dict(conn.execute(select(C.c.book_id, func.count()).group_by(C.c.book_id)).all())
            return [AddressBook(r.id, r.uid, r.name, counts.get(r.id, 0), bool(r.shared))
                    for r in conn.execute(select(B).order_by(B.c.position, B.c.name))]

    def shared_ids(self) -> set[int]:
        """Ids of the company's (shared) books, without counting contacts (the call-time popup)."""
        with self.engine.connect() as conn:
            return set(conn.execute(select(m.address_books.c.id).where(m.address_books.c.shared == 1)).scalars())

    def get(self, book_id: int) -> AddressBook | None:
        return next((b for b in self.list() if b.id == book_id), None)

    def by_name(self, name: str) -> AddressBook | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(m.address_books).where(
                func.lower(m.address_books.c.name) == name.strip().lower())).first()
            return AddressBook(r.id, r.uid, r.name, shared=bool(r.shared)) if r else None

    def add(self, name: str) -> int:
        name = name.strip()
        if not name:
            raise BookError("An address book needs a name.")
        uid = str(uuid.uuid4())
        try:
            with write_transaction(self.engine) as conn:
                pos = conn.execute(select(func.coalesce(func.max(m.address_books.c.position), 0))).scalar_one()
                book_id = conn.execute(insert(m.address_books).values(
                    uid=uid, name=name, position=pos + 1, created_at=now_iso())).inserted_primary_key[0]
                add_outbox_rows(conn, "address_book", [(uid, "upsert")])
                return book_id
        except IntegrityError:
            raise BookError(f"There is already an address book called “{name}”.") from None

    def ensure(self, name: str) -> int:
        """Id of the book called `name`, created if needed."""
        book = self.by_name(name)
        return book.id if book else self.add(name)

    def default_id(self) -> int:
        """The "Personal" book (created on first use), else the first book."""
        book = self.by_name(DEFAULT_BOOK)
        if book:
            return book.id
        books = self.list()
        return books[0].id if books else self.add(DEFAULT_BOOK)

    def rename(self, book_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise BookError("An address book needs a name.")
        try:
            with write_transaction(self.engine) as conn:
                conn.execute(update(m.address_books).where(m.address_books.c.id == book_id).values(name=name))
                uid = conn.execute(select(m.address_books.c.uid).where(m.address_books.c.id == book_id)).scalar_one()
                add_outbox_rows(conn, "address_book", [(uid, "upsert")], fields=["name"])
        except IntegrityError:
            raise BookError(f"There is already an address book called “{name}”.") from None

    def remove(self, book_id: int, move_to: int | None = None) -> None:
        """Remove a book with its contacts, or first move its contacts to `move_to`."""
        if move_to == book_id:
            raise BookError("Choose another address book to move the contacts to.")
        from whitephone.store.contacts import ContactStore

        with write_transaction(self.engine) as conn:
            uid = conn.execute(select(m.address_books.c.uid).where(m.address_books.c.id == book_id)).scalar()
            if uid is None:
                raise BookError("That address book no longer exists.")
            rows = conn.execute(select(m.contacts.c.id, m.contacts.c.uid)
                                .where(m.contacts.c.book_id == book_id)).all()
            ids, uids = [r.id for r in rows], [r.uid for r in rows]
            if move_to is not None:
                conn.execute(update(m.contacts).where(m.contacts.c.book_id == book_id).values(book_id=move_to))
                add_outbox_rows(conn, "contact", [(u, "upsert") for u in uids], fields=["book"])
            else:
                ContactStore(self.engine)._delete(conn, ids, source="local")
                add_outbox_rows(conn, "contact", [(u, "delete") for u in uids])
            conn.execute(delete(m.address_books).where(m.address_books.c.id == book_id))
            add_outbox_rows(conn, "address_book", [(uid, "delete")])
