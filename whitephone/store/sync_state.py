"""What the sync engine keeps in the local store: cursor and settings, the last synced copy of
each row (the merge base), frozen outbox mutations, conflicts and rejections.

The engine (`whitephone/sync/engine.py`) decides; this module holds the SQL. Every method is one
transaction, so a process killed at any point leaves either the old or the new state.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, select, update

from whitephone.protocol.entities import ENTITIES
from whitephone.store import models as m
from whitephone.store.database import write_transaction
from whitephone.store.outbox import now_iso
from whitephone.store.sync_issues import SyncIssues
from whitephone.store.sync_rows import (
    COMPANY_BOOK_UID,
    AppointmentRows,
    BookRows,
    CallLogRows,
    ContactRows,
    CrmChangeRows,
    CrmNoteRows,
    CrmRecordRows,
    RowAdapter,
    dumps,
    ensure_book,
)

MAX_BATCH_BYTES = 1_500_000  # the hub takes bodies up to 2 MiB


@dataclass
class PushItem:
    """One mutation on its way to the hub, and the outbox rows it settles."""

    outbox_ids: list[int]
    mutation: dict[str, Any]


@dataclass
class ApplyResult:
    """What applying hub rows changed locally: uids per entity, conflicts found."""

    changed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    conflicts: int = 0
    rejected: int = 0


class SyncState(SyncIssues):
    """The sync engine's tables, and the entity adapters of `sync_rows`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.adapters: dict[str, RowAdapter] = {
            a.entity: a for a in (BookRows(), ContactRows(engine), CallLogRows(), CrmRecordRows(), CrmNoteRows(),
                                  CrmChangeRows(), AppointmentRows())}

    # ------------------------------------------------------------------ settings
    def get(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            v = conn.execute(select(m.sync_meta.c.value).where(m.sync_meta.c.key == key)).scalar()
            return default if v is None else v

    def set(self, key: str, value: str) -> None:
        with write_transaction(self.engine) as conn:
            conn.execute(insert(m.sync_meta).prefix_with("OR REPLACE").values(key=key, value=value))

    @property
    def cursor(self) -> int:
        return int(self.get("cursor", "0") or 0)

    def forget_hub(self) -> None:
        """Drop everything tied to one hub (cursor, merge bases, conflicts): before signing in
        to another hub. Local rows stay; they become local-only again."""
        with write_transaction(self.engine) as conn:
            for t in (m.sync_meta, m.sync_rows, m.sync_conflicts, m.sync_rejections):
                conn.execute(delete(t))
            for t in (m.address_books, m.contacts, m.call_logs, m.crm_records, m.crm_notes, m.crm_history,
                      m.appointments):
                conn.execute(update(t).values(version=None))

    def has_synced_rows(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(m.sync_rows.c.uid).limit(1)).first() is not None

    def holds_account_data(self) -> bool:
        """Whether this store holds the data of the account it synced with: rows it synced, or
        changes waiting to be pushed (they are that account's, never another's)."""
        if self.has_synced_rows() or self.outbox_count() > 0:
            return True
        with self.engine.connect() as conn:  # messages received or composed under that account
            return conn.execute(select(m.messages.c.id).limit(1)).first() is not None

    def discard_account_data(self) -> int:
        """Remove the data of the account this store synced with: the synced rows, the rows
        whose changes wait in the outbox, the outbox, and everything tied to the hub. Only when
        the user asked to (signing in as someone else with "discard"). Returns the rows removed."""
        with self.engine.connect() as conn:
            keys = {(r.entity, r.uid) for r in conn.execute(select(m.sync_rows.c.entity, m.sync_rows.c.uid))}
            keys |= {(r.entity, r.entity_id) for r in conn.execute(select(m.outbox.c.entity, m.outbox.c.entity_id))}
        by_entity: dict[str, list[str]] = defaultdict(list)
        for e, u in keys:
            by_entity[e].append(u)
        with write_transaction(self.engine) as conn:
            # contacts and call logs before the books that hold them
            for entity in sorted(by_entity, key=_apply_order, reverse=True):
                if entity in self.adapters:
                    uids = by_entity[entity]
                    for i in range(0, len(uids), 500):
                        self.adapters[entity].delete(conn, uids[i:i + 500])
            conn.execute(delete(m.outbox))
        self.forget_hub()
        return len(keys)

    def ensure_company_book(self, name: str) -> int:
        """The company's shared book (same uid on every client), created with an outbox row if
        missing so the hub has it too."""
        from whitephone.store.outbox import add_outbox_rows

        with write_transaction(self.engine) as conn:
            found = conn.execute(select(m.address_books.c.id).where(
                m.address_books.c.uid == COMPANY_BOOK_UID)).scalar()
            if found is not None:
                return found
            book_id = ensure_book(conn, COMPANY_BOOK_UID, name, shared=True)
            add_outbox_rows(conn, "address_book", [(COMPANY_BOOK_UID, "upsert")])
            return book_id

    # ------------------------------------------------------------------ push
    def outbox_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(m.outbox)).scalar_one()

    def outbox_head(self) -> int:
        """Highest outbox row id (0 when empty): a cheap "anything new?" probe."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.coalesce(func.max(m.outbox.c.id), 0))).scalar_one()

    def prepare_push(self, limit: int = 500, max_bytes: int = MAX_BATCH_BYTES,
                     ready: Callable[[str, dict[str, Any]], bool] | None = None) -> list[PushItem]:
        """The next mutations to send, in outbox order, frozen in the outbox first.

        An upsert carries the fields that differ from the last synced copy (so edits of
        different fields on two clients merge on the hub), with that copy's version as base.
        Several local edits of one row waiting together become one mutation. A mutation once
        frozen is sent again unchanged (same id) until the hub answers, so an answer lost
        with a dying hub never makes a duplicate. A row `ready` says is not finished yet (an
        append-only call log of a call still going on) waits in the outbox.
        """
        while True:
            keep, dropped = self._prepare_once(limit, max_bytes, ready)
            if keep or not dropped:
                return keep

    def _prepare_once(self, limit: int, max_bytes: int,
                      ready: Callable[[str, dict[str, Any]], bool] | None) -> tuple[list[PushItem], bool]:
        OB = m.outbox
        with write_transaction(self.engine) as conn:
            rows = conn.execute(select(OB).order_by(OB.c.id).limit(limit)).all()
            if not rows:
                return [], False
            by_entity: dict[str, set[str]] = defaultdict(set)
            for r in rows:
                by_entity[r.entity].add(r.entity_id)
            current = {e: self.adapters[e].read(conn, list(u)) for e, u in by_entity.items() if e in self.adapters}
            base = self._bases(conn, by_entity)
            items: list[PushItem] = []
            frozen_uids: set[tuple[str, str]] = set()
            waiting: set[tuple[str, str]] = set()
            pending_for: dict[tuple[str, str], PushItem] = {}
            size = 0
            drop: list[int] = []
            for r in rows:
                key = (r.entity, r.entity_id)
                if r.payload is not None:
                    if key in pending_for:  # an older unfrozen edit would jump ahead of this one
                        break
                    mut = json.loads(r.payload)
                    frozen_uids.add(key)
                    item = PushItem([r.id], mut)
                else:
                    if key in frozen_uids:
                        break  # wait until the hub answered the frozen one: diff against its result
                    if r.entity not in self.adapters:
                        drop.append(r.id)
                        continue
                    if key in pending_for:
                        pending_for[key].outbox_ids.append(r.id)
                        continue
                    now = current.get(r.entity, {}).get(r.entity_id)
                    if key in waiting or (ready and now is not None and not ready(r.entity, now)):
                        waiting.add(key)
                        continue
                    mut = self._mutation(r, now, base.get(key))
                    item = PushItem([r.id], mut)
                    pending_for[key] = item
                size += len(dumps(item.mutation))
                if items and size > max_bytes:
                    break
                items.append(item)
            # freeze what goes out; a no-op (nothing changed, or created and deleted before any
            # push) is settled at once
            keep: list[PushItem] = []
            for item in items:
                if item.mutation.get("_skip"):
                    drop.extend(item.outbox_ids)
                    continue
                conn.execute(update(OB).where(OB.c.id == item.outbox_ids[0]).values(
                    payload=dumps(item.mutation)))
                if len(item.outbox_ids) > 1:
                    conn.execute(delete(OB).where(OB.c.id.in_(item.outbox_ids[1:])))
                    item.outbox_ids = item.outbox_ids[:1]
                keep.append(item)
            if drop:
                conn.execute(delete(OB).where(OB.c.id.in_(drop)))
            return keep, bool(drop)

    @staticmethod
    def _mutation(r, now: dict | None, base: tuple[int, dict] | None) -> dict[str, Any]:
        """The mutation that takes the hub from the last synced copy to the row as it is now
        (whatever sequence of edits led there); `_skip` when there is nothing to send."""
        version, old = base if base else (0, None)
        if now is None:
            if old is None:  # created and deleted before any push
                return {"_skip": True}
            return {"mutation_id": r.mutation_id, "entity": r.entity, "id": r.entity_id,
                    "op": "delete", "fields": {}, "base_version": version}
        changed = now if old is None else {k: v for k, v in now.items() if old.get(k) != v}
        if not changed:
            return {"_skip": True}
        return {"mutation_id": r.mutation_id, "entity": r.entity, "id": r.entity_id, "op": "upsert",
                "fields": changed, "base_version": version}

    @staticmethod
    def _bases(conn: Connection, by_entity: dict[str, set[str]]) -> dict[tuple[str, str], tuple[int, dict]]:
        out = {}
        S = m.sync_rows
        for entity, uids in by_entity.items():
            for r in conn.execute(select(S).where(S.c.entity == entity, S.c.uid.in_(
                    bindparam("v", expanding=True))), {"v": list(uids)}):
                out[(entity, r.uid)] = (r.version, json.loads(r.fields))
        return out

    def settle_push(self, items: Sequence[PushItem], results: Sequence[dict[str, Any]]) -> ApplyResult:
        """Record the hub's answers: new merge bases and versions, conflicts (the hub's value
        stays; the pull brings it), rejections (stored for the user; a row the hub deleted is
        deleted here too: deletes win). The outbox rows are settled in the same transaction."""
        out = ApplyResult()
        by_id = {r["mutation_id"]: r for r in results}
        ts = now_iso()
        with write_transaction(self.engine) as conn:
            S = m.sync_rows
            for item in items:
                mut = item.mutation
                res = by_id.get(mut["mutation_id"])
                if res is None:
                    continue  # not answered: stays frozen for the next attempt
                entity, uid = mut["entity"], mut["id"]
                conn.execute(delete(m.outbox).where(m.outbox.c.id.in_(item.outbox_ids)))
                status = res.get("status")
                adapter = self.adapters.get(entity)
                if status == "rejected":
                    out.rejected += 1
                    conn.execute(insert(m.sync_rejections).values(
                        mutation_id=mut["mutation_id"], entity=entity, uid=uid, op=mut["op"],
                        reason=str(res.get("reason") or "rejected"), fields=dumps(mut.get("fields") or {}),
                        created_at=ts))
                    if res.get("reason") == "deleted" and adapter is not None:
                        adapter.delete(conn, [uid])
                        conn.execute(delete(S).where(S.c.entity == entity, S.c.uid == uid))
                        self._drop_pending(conn, entity, uid)
                        out.changed[entity].append(uid)
                    continue
                if mut["op"] == "delete":
                    conn.execute(delete(S).where(S.c.entity == entity, S.c.uid == uid))
                    continue
                prev = conn.execute(select(S).where(S.c.entity == entity, S.c.uid == uid)).first()
                fields = json.loads(prev.fields) if prev else {}
                sent = dict(mut.get("fields") or {})
                conflict = res.get("conflict") or {}
                for name, c in conflict.items():
                    out.conflicts += 1
                    conn.execute(insert(m.sync_conflicts).values(
                        entity=entity, uid=uid, field=name, mutation_id=mut["mutation_id"], base=dumps(fields.get(name)),
                        local=dumps(c.get("local")), server=dumps(c.get("server")), created_at=ts))
                    sent[name] = c.get("server")
                fields.update(sent)
                version = res.get("version") or (prev.version if prev else 0)
                hub_wrote = prev is None and entity in ENTITIES and bool(ENTITIES[entity].hub_owned)
                if status in ("merged", "conflict") or (status == "duplicate" and prev is not None) or hub_wrote:
                    # (a new row whose hub-owned fields the hub filled in, e.g. a CRM record's task
                    # number, is pulled back the same way)
                    # the hub's row holds changes we have not pulled yet: keep the old version so
                    # the pull applies the row (with the newer version) instead of skipping it
                    version = prev.version if prev else 0
                conn.execute(insert(S).prefix_with("OR REPLACE").values(
                    entity=entity, uid=uid, version=version, fields=dumps(fields)))
                if adapter is not None:
                    adapter.set_versions(conn, {uid: version})
                    if conflict and not self._pending(conn, entity, uid):
                        now = adapter.read(conn, [uid]).get(uid)
                        if now is not None:
                            adapter.upsert(conn, [(uid, {**now, **{k: c.get("server") for k, c in conflict.items()}})])
                            out.changed[entity].append(uid)
        return out

    @staticmethod
    def _pending(conn: Connection, entity: str, uid: str) -> bool:
        return conn.execute(select(m.outbox.c.id).where(
            m.outbox.c.entity == entity, m.outbox.c.entity_id == uid).limit(1)).first() is not None

    @staticmethod
    def _drop_pending(conn: Connection, entity: str, uid: str) -> None:
        conn.execute(delete(m.outbox).where(m.outbox.c.entity == entity, m.outbox.c.entity_id == uid))

    # ------------------------------------------------------------------ pull
    def apply_remote(self, changes: Sequence[dict[str, Any]], cursor: int | None,
                     merge_rules: dict[str, str] | None = None,
                     lost: Sequence[dict[str, Any]] | None = None) -> ApplyResult:
        """Apply hub rows (`{seq, entity, id, deleted, fields}`) and move the cursor, in one
        transaction. A row with local edits not yet pushed keeps them, field by field; where
        the same field changed on both sides the hub's value wins and a conflict is stored.
        A row the hub deleted is deleted here, pending edits included (deletes win; the lost
        edit is kept as a rejection). `lost`: the feed's record of this user's changes that lost
        (`conflicts` of the change feed). No outbox rows are written."""
        out = ApplyResult()
        rules = merge_rules or {}
        ts = now_iso()
        S = m.sync_rows
        with write_transaction(self.engine) as conn:
            by_entity: dict[str, list[dict]] = defaultdict(list)
            for ch in changes:
                if ch["entity"] in self.adapters:
                    by_entity[ch["entity"]].append(ch)
            for entity in sorted(by_entity, key=_apply_order):
                adapter = self.adapters[entity]
                chs = list({ch["id"]: ch for ch in by_entity[entity]}.values())  # newest per row
                known = self._versions(conn, entity, [ch["id"] for ch in chs])
                # our own pushes come back in the feed: a version we already hold is no news
                chs = [ch for ch in chs if ch["deleted"] or known.get(ch["id"], -1) < ch["seq"]]
                uids = [ch["id"] for ch in chs]
                pending = self._pending_set(conn, entity, uids)
                gone = [ch["id"] for ch in chs if ch["deleted"]]
                # who made each change (the hub's feed names them; older hubs do not)
                authored = getattr(adapter, "records_authors", False)
                authors = {ch["id"]: ch["author_name"] for ch in chs if ch.get("author_name")} if authored else {}
                if gone:
                    if authored:
                        adapter.delete(conn, gone, authors=authors)
                    else:
                        adapter.delete(conn, gone)
                    conn.execute(delete(S).where(S.c.entity == entity, S.c.uid.in_(
                        bindparam("v", expanding=True))), {"v": gone})
                    for uid in set(gone) & pending:
                        for r in conn.execute(select(m.outbox).where(
                                m.outbox.c.entity == entity, m.outbox.c.entity_id == uid)):
                            out.rejected += 1
                            conn.execute(insert(m.sync_rejections).values(
                                mutation_id=r.mutation_id, entity=entity, uid=uid, op=r.op,
                                reason="deleted", fields=None, created_at=ts))
                        self._drop_pending(conn, entity, uid)
                    out.changed[entity].extend(gone)
                live = [ch for ch in chs if not ch["deleted"]]
                if not live:
                    continue
                mine = [ch for ch in live if ch["id"] in pending]
                local = adapter.read(conn, [ch["id"] for ch in mine]) if mine else {}
                bases = self._bases(conn, {entity: {ch["id"] for ch in mine}}) if mine else {}
                rows = []
                for ch in live:
                    fields = ch["fields"]
                    if ch["id"] in pending and ch["id"] in local:
                        fields = self._merge_local(conn, entity, ch["id"], fields, local[ch["id"]],
                                                   bases.get((entity, ch["id"]), (0, {}))[1],
                                                   rules.get(entity, "fields"), ts, out)
                    elif ch["id"] in pending:  # deleted here, delete not pushed yet: it wins later
                        continue
                    rows.append((ch["id"], fields))
                if authored:
                    adapter.upsert(conn, rows, authors=authors,
                                   field_authors={ch["id"]: ch["field_authors"] for ch in live
                                                  if ch.get("field_authors")},
                                   creators={ch["id"]: ch["created_by"] for ch in live if ch.get("created_by")})
                else:
                    adapter.upsert(conn, rows)
                conn.exec_driver_sql("INSERT OR REPLACE INTO sync_rows (entity, uid, version, fields) VALUES (?, ?, ?, ?)",
                                     [(entity, ch["id"], ch["seq"], dumps(ch["fields"])) for ch in live])
                adapter.set_versions(conn, {ch["id"]: ch["seq"] for ch in live})
                out.changed[entity].extend(uid for uid, _ in rows)
            self._record_lost(conn, lost or (), ts, out)
            if cursor is not None:
                conn.execute(insert(m.sync_meta).prefix_with("OR REPLACE").values(key="cursor", value=str(cursor)))
        return out

    @staticmethod
    def _merge_local(conn: Connection, entity: str, uid: str, server: dict, local: dict, base: dict,
                     rule: str, ts: str, out: ApplyResult) -> dict:
        merged = dict(server)
        for name, value in local.items():
            b, s = base.get(name), server.get(name)
            if value == b:
                continue  # not edited here
            if rule == "append_only" or s == b:
                merged[name] = value  # edited here only: keep it (it is pushed next)
            elif s != value:
                out.conflicts += 1
                conn.execute(insert(m.sync_conflicts).values(
                    entity=entity, uid=uid, field=name, base=dumps(base.get(name)), local=dumps(value),
                    server=dumps(server.get(name)), created_at=ts))
        return merged

    @staticmethod
    def _versions(conn: Connection, entity: str, uids: Sequence[str]) -> dict[str, int]:
        S = m.sync_rows
        return dict(conn.execute(select(S.c.uid, S.c.version).where(S.c.entity == entity, S.c.uid.in_(
            bindparam("v", expanding=True))), {"v": list(uids)}).all()) if uids else {}

    @staticmethod
    def _pending_set(conn: Connection, entity: str, uids: Sequence[str]) -> set[str]:
        if not uids:
            return set()
        OB = m.outbox
        return set(conn.execute(select(OB.c.entity_id).where(OB.c.entity == entity, OB.c.entity_id.in_(
            bindparam("v", expanding=True))), {"v": list(uids)}).scalars())

    def synced_keys(self) -> set[tuple[str, str]]:
        with self.engine.connect() as conn:
            return {(r.entity, r.uid) for r in conn.execute(select(m.sync_rows.c.entity, m.sync_rows.c.uid))}

    def drop_unseen(self, keys: Iterable[tuple[str, str]]) -> ApplyResult:
        """After a full resync: remove the synced rows the snapshot did not have (deleted on the
        hub, or no longer visible to this user). Rows never synced (local only) stay."""
        out = ApplyResult()
        by_entity: dict[str, list[str]] = defaultdict(list)
        for e, u in keys:
            by_entity[e].append(u)
        S, OB = m.sync_rows, m.outbox
        ts = now_iso()
        with write_transaction(self.engine) as conn:
            for entity, uids in by_entity.items():
                if entity in self.adapters:
                    self.adapters[entity].delete(conn, uids)
                for i in range(0, len(uids), 500):
                    part = uids[i:i + 500]
                    for r in conn.execute(select(OB).where(OB.c.entity == entity, OB.c.entity_id.in_(
                            bindparam("v", expanding=True)), OB.c.payload.is_(None)), {"v": part}):
                        out.rejected += 1  # an edit of a row gone from the hub: say so, never drop it silently
                        conn.execute(insert(m.sync_rejections).values(
                            mutation_id=r.mutation_id, entity=entity, uid=r.entity_id, op=r.op,
                            reason="no longer on the hub (deleted, or no longer shared with you)",
                            fields=None, created_at=ts))
                    conn.execute(delete(S).where(S.c.entity == entity, S.c.uid.in_(
                        bindparam("v", expanding=True))), {"v": part})
                    conn.execute(delete(OB).where(OB.c.entity == entity, OB.c.entity_id.in_(
                        bindparam("v", expanding=True)), OB.c.payload.is_(None)), {"v": part})
                out.changed[entity].extend(uids)
        return out

def _apply_order(entity: str) -> int:
    # books before the contacts in them; CRM records before their notes and history; anything else after
    return {"address_book": 0, "contact": 1, "crm_note": 3, "crm_change": 3}.get(entity, 2)
