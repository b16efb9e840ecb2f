"""The outbox: every local change leaves a row here, in the same transaction, for sync to push."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, func, select

from whitephone.store import models as m


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def add_outbox_rows(
    conn: Connection,
    entity: str,
    changes: Sequence[tuple[str, str]],
    fields: Sequence[str] | None = None,
    base_version: int | None = None,
) -> None:
    """Record `(entity_id, op)` changes; `fields` None means the whole entity changed."""
    if not changes:
        return
    ts = now_iso()
    payload = json.dumps(list(fields)) if fields is not None else None
    conn.exec_driver_sql(
        "INSERT INTO outbox (mutation_id, entity, entity_id, op, fields, base_version, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), entity, eid, op, payload, base_version, ts) for eid, op in changes])


class Outbox:
    """Read side of the outbox for the sync client."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def pending(self, limit: int = 500) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(m.outbox).order_by(m.outbox.c.id).limit(limit))]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(m.outbox)).scalar_one()

    def acknowledge(self, mutation_ids: Sequence[str]) -> None:
        from whitephone.store.database import write_transaction

        with write_transaction(self.engine) as conn:
            conn.execute(delete(m.outbox).where(m.outbox.c.mutation_id.in_(list(mutation_ids))))
