"""Call logs in the local store."""

from __future__ import annotations

import uuid
from dataclasses import asdict

from sqlalchemy import Engine, func, insert, select, update

from whitephone.core.calls import CallLogEntry, CallLogFilter
from whitephone.store import models as m
from whitephone.store.database import read_transaction, write_transaction
from whitephone.store.outbox import add_outbox_rows

_COLUMNS = [c.name for c in m.call_logs.columns if c.name not in ("id", "uid", "version")]


class CallLogStore:
    """Append-only call history (notes and call logs never conflict in sync)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, entry: CallLogEntry) -> int:
        entry.uid = entry.uid or str(uuid.uuid4())
        row = {k: v for k, v in asdict(entry).items() if k in _COLUMNS}
        row["viewed"] = int(entry.viewed)
        with write_transaction(self.engine) as conn:
            entry.id = conn.execute(insert(m.call_logs).values(uid=entry.uid, **row)).inserted_primary_key[0]
            add_outbox_rows(conn, "call_log", [(entry.uid, "upsert")])
        return entry.id

    def update(self, entry: CallLogEntry) -> None:
        """Complete a logged call (answer time, end, result, recording)."""
        if entry.id is None:
            raise ValueError("update needs a stored call log entry")
        row = {k: v for k, v in asdict(entry).items() if k in _COLUMNS}
        row["viewed"] = int(entry.viewed)
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.call_logs).where(m.call_logs.c.id == entry.id).values(**row))
            add_outbox_rows(conn, "call_log", [(entry.uid, "upsert")])

    def get(self, call_id: int) -> CallLogEntry | None:
        rows = self._query(select(m.call_logs.c.id).where(m.call_logs.c.id == call_id))
        return rows[0] if rows else None

    def get_by_uid(self, uid: str) -> CallLogEntry | None:
        rows = self._query(select(m.call_logs.c.id).where(m.call_logs.c.uid == uid))
        return rows[0] if rows else None

    def list(self, f: CallLogFilter = CallLogFilter()) -> list[CallLogEntry]:
        """Newest first."""
        L = m.call_logs
        conds = []
        if f.line:
            conds.append(L.c.line == f.line)
        if f.direction:
            conds.append(L.c.direction == f.direction)
        if f.result:
            conds.append(L.c.result == f.result)
        if f.contact_id is not None:
            conds.append(L.c.contact_id == f.contact_id)
        if f.since:
            conds.append(L.c.started_at >= f.since)
        if f.until:
            conds.append(L.c.started_at < f.until)
        if f.before_id is not None:
            conds.append(L.c.id < f.before_id)
        q = select(L.c.id).where(*conds).order_by(L.c.started_at.desc(), L.c.id.desc()).limit(f.limit)
        return self._query(q)

    def _query(self, id_query) -> list[CallLogEntry]:
        L, C = m.call_logs, m.contacts
        q = (select(L, C.c.display_name.label("contact_name"))
             .outerjoin(C, C.c.id == L.c.contact_id)
             .where(L.c.id.in_(id_query.scalar_subquery()))
             .order_by(L.c.started_at.desc(), L.c.id.desc()))
        with read_transaction(self.engine) as conn:
            out = []
            for r in conn.execute(q):
                d = {k: r._mapping[k] for k in _COLUMNS}
                d["viewed"] = bool(d["viewed"])
                out.append(CallLogEntry(id=r.id, uid=r.uid, contact_name=r.contact_name or "", **d))
            return out

    def unviewed_missed(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(m.call_logs).where(
                m.call_logs.c.viewed == 0)).scalar_one()

    def mark_viewed(self) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.call_logs).where(m.call_logs.c.viewed == 0).values(viewed=1))

    def for_contact(self, contact_id: int, limit: int = 50) -> list[CallLogEntry]:
        return self.list(CallLogFilter(contact_id=contact_id, limit=limit))
