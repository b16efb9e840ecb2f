"""Conflicts and rejections of sync, kept for the user: a field both sides changed (the hub's
value kept, mine here for review), a local change the hub refused (with its reason). Nothing is
dropped silently. SQL for `SyncState` (which mixes this in)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from whitephone.store import models as m
from whitephone.store.database import read_transaction, write_transaction
from whitephone.store.outbox import add_outbox_rows, now_iso
from whitephone.store.sync_rows import RowAdapter, dumps

if TYPE_CHECKING:
    from whitephone.store.sync_state import ApplyResult, PushItem


@dataclass
class Conflict:
    """A field both this client and the hub changed; the hub's value was kept."""

    id: int
    entity: str
    uid: str
    field: str
    base: Any
    local: Any
    server: Any
    created_at: str


@dataclass
class Rejection:
    """A local change the hub refused (`reason`), kept so the user can see it."""

    id: int
    mutation_id: str
    entity: str
    uid: str
    op: str
    reason: str
    fields: dict[str, Any]
    created_at: str


def _loads(text: str | None) -> Any:
    return json.loads(text) if text is not None else None


class SyncIssues:
    engine: Engine
    adapters: dict[str, RowAdapter]

    # ------------------------------------------------------------------ conflicts and rejections
    def conflicts(self, include_resolved: bool = False) -> list[Conflict]:
        C = m.sync_conflicts
        q = select(C).order_by(C.c.id)
        if not include_resolved:
            q = q.where(C.c.resolved == 0)
        with read_transaction(self.engine) as conn:
            return [Conflict(r.id, r.entity, r.uid, r.field, _loads(r.base), _loads(r.local), _loads(r.server),
                             r.created_at) for r in conn.execute(q)]

    def conflict_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(m.sync_conflicts).where(
                m.sync_conflicts.c.resolved == 0)).scalar_one()

    def resolve_conflict(self, conflict_id: int, keep_local: bool) -> None:
        """Close a conflict; `keep_local` writes the local value back (an ordinary local edit,
        so it is pushed like any other)."""
        C = m.sync_conflicts
        with write_transaction(self.engine) as conn:
            r = conn.execute(select(C).where(C.c.id == conflict_id)).first()
            if r is None:
                raise KeyError(f"no conflict {conflict_id}")
            conn.execute(update(C).where(C.c.id == conflict_id).values(resolved=1))
            adapter = self.adapters.get(r.entity)
            # the row holds the hub's value: after my lost change that is theirs, after a `kept`
            # record (mine won over theirs) it is mine; the other choice is written and pushed
            kept = (r.mutation_id or "").startswith("kept:")
            if adapter is not None and keep_local != kept:
                now = adapter.read(conn, [r.uid]).get(r.uid)
                chosen = _loads(r.local if keep_local else r.server)
                if now is not None:
                    adapter.upsert(conn, [(r.uid, {**now, r.field: chosen})])
                    add_outbox_rows(conn, r.entity, [(r.uid, "upsert")], fields=[r.field])

    def rejections(self, unseen_only: bool = False) -> list[Rejection]:
        R = m.sync_rejections
        q = select(R).order_by(R.c.id)
        if unseen_only:
            q = q.where(R.c.seen == 0)
        with read_transaction(self.engine) as conn:
            return [Rejection(r.id, r.mutation_id, r.entity, r.uid, r.op, r.reason, _loads(r.fields) or {},
                              r.created_at) for r in conn.execute(q)]

    def mark_rejections_seen(self) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(update(m.sync_rejections).values(seen=1))

    def reject_locally(self, item: PushItem, reason: str) -> None:
        """A mutation the hub cannot take (its fields break the entity's declaration): settle
        its outbox rows and keep it as a rejection the user sees."""
        mut = item.mutation
        with write_transaction(self.engine) as conn:
            conn.execute(delete(m.outbox).where(m.outbox.c.id.in_(item.outbox_ids)))
            conn.execute(insert(m.sync_rejections).values(
                mutation_id=mut["mutation_id"], entity=mut["entity"], uid=mut["id"], op=mut["op"],
                reason=reason, fields=dumps(mut.get("fields") or {}), created_at=now_iso()))

    @staticmethod
    def _record_lost(conn: Connection, lost: Sequence[dict[str, Any]], ts: str, out: ApplyResult) -> None:
        """The hub's word that changes of this user lost (on any of their devices): a field
        conflict or edits a delete overrode. Kept once (this device may know it already from
        its push's answer)."""
        C, R = m.sync_conflicts, m.sync_rejections
        for c in lost:
            mid = c.get("mutation_id")
            fields = c.get("fields") or {}
            if c.get("reason") == "kept":  # mine was kept over someone's: shown here too
                mid = f"kept:{c.get('seq')}"
                for name, v in fields.items():
                    if conn.execute(select(C.c.id).where(C.c.mutation_id == mid, C.c.field == name)).first():
                        continue
                    v = v if isinstance(v, dict) else {}
                    out.conflicts += 1
                    conn.execute(insert(C).values(entity=c["entity"], uid=c["id"], field=name, mutation_id=mid,
                                                  base=None, local=dumps(v.get("server")),
                                                  server=dumps(v.get("local")), created_at=ts))
            elif c.get("reason") == "conflict":
                for name, v in fields.items():
                    if mid and conn.execute(select(C.c.id).where(C.c.mutation_id == mid, C.c.field == name)).first():
                        continue
                    v = v if isinstance(v, dict) else {}
                    out.conflicts += 1
                    conn.execute(insert(C).values(entity=c["entity"], uid=c["id"], field=name, mutation_id=mid,
                                                  base=None, local=dumps(v.get("local")),
                                                  server=dumps(v.get("server")), created_at=ts))
            elif not (mid and conn.execute(select(R.c.id).where(R.c.mutation_id == mid)).first()):
                out.rejected += 1
                conn.execute(insert(R).values(
                    mutation_id=mid or "", entity=c["entity"], uid=c["id"], op="upsert", reason="deleted",
                    fields=dumps({k: (v.get("local") if isinstance(v, dict) else v) for k, v in fields.items()}),
                    created_at=ts))
