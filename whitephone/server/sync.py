"""Mutation apply (idempotent, field merge, deletes win) and the change feed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import Change, ChangeFeed, Mutation, MutationResult
from whitephone.server.db import applied_mutations, change_log, records, writer

PRIVATE_ENTITIES = {"address_book"}  # a book with fields.private=true is its owner's alone


def _visible(row, user) -> bool:
    return row.owner_id is None or row.owner_id == user.id


def apply_mutation(engine, user, m: Mutation) -> MutationResult:
    """Apply one mutation in its own transaction; retried once on a concurrent first insert."""
    for _attempt in range(3):
        try:
            with writer(engine) as conn:
                return _apply(conn, user, m)
        except IntegrityError:
            continue  # another writer created the same row or mutation id first: re-read and decide
    return MutationResult(mutation_id=m.mutation_id, status="rejected", reason="write contention, retry")


def _next_seq(conn: Connection, user, m: Mutation, owner_id) -> int:
    return conn.execute(insert(change_log).values(
        company_id=user.company_id, owner_id=owner_id, entity=m.entity, record_id=m.id)).inserted_primary_key[0]


def _apply(conn: Connection, user, m: Mutation) -> MutationResult:
    if conn.dialect.name == "postgresql":
        # Serialise writers so seqs commit in order and a feed reader never skips a late-committing seq.
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(424242)")
    done = conn.execute(select(applied_mutations).where(
        applied_mutations.c.mutation_id == m.mutation_id)).first()
    if done is not None:
        if done.user_id != user.id:
            return MutationResult(mutation_id=m.mutation_id, status="rejected", reason="mutation_id in use")
        res = MutationResult(**done.result)
        res.status = "duplicate"
        return res
    key = (records.c.company_id == user.company_id) & (records.c.entity == m.entity) & (records.c.record_id == m.id)
    row = conn.execute(select(records).where(key).with_for_update()).first()
    if row is not None and not _visible(row, user):
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason="not found")
    elif m.op == "delete":
        if row is None or row.deleted:
            res = MutationResult(mutation_id=m.mutation_id, status="applied", version=row.version if row else None)
        else:
            seq = _next_seq(conn, user, m, row.owner_id)
            conn.execute(update(records).where(key).values(deleted=True, version=seq))
            res = MutationResult(mutation_id=m.mutation_id, status="applied", version=seq)
    elif row is None:
        owner = user.id if m.entity in PRIVATE_ENTITIES and m.fields.get("private") else None
        seq = _next_seq(conn, user, m, owner)
        fields = dict(m.fields)
        if m.entity == "crm_record":
            # Human task number per company; writers are serialised, and rows are never removed
            # (deletes leave tombstones), so the count only grows.
            fields["task_number"] = 1 + conn.execute(select(func.count()).select_from(records).where(
                records.c.company_id == user.company_id, records.c.entity == "crm_record")).scalar_one()
        conn.execute(insert(records).values(
            company_id=user.company_id, entity=m.entity, record_id=m.id, owner_id=owner, version=seq,
            deleted=False, fields=fields, field_versions={k: seq for k in fields}))
        res = MutationResult(mutation_id=m.mutation_id, status="applied", version=seq)
    elif row.deleted:  # deletes win over concurrent edits
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason="deleted", version=row.version)
    else:
        res = _merge(conn, user, m, row, key)
    conn.execute(insert(applied_mutations).values(
        mutation_id=m.mutation_id, user_id=user.id, result=res.model_dump()))
    return res


def _merge(conn: Connection, user, m: Mutation, row, key) -> MutationResult:
    fields: dict[str, Any] = dict(row.fields)
    fv: dict[str, int] = dict(row.field_versions)
    conflict: dict[str, Any] = {}
    changed = {}
    for name, value in m.fields.items():
        if fv.get(name, 0) > m.base_version and fields.get(name) != value:
            conflict[name] = {"local": value, "server": fields.get(name)}  # server value kept
        elif fields.get(name) != value:
            changed[name] = value
    if not changed:
        status = "conflict" if conflict else "applied"
        return MutationResult(mutation_id=m.mutation_id, status=status, version=row.version,
                              conflict=conflict or None)
    seq = _next_seq(conn, user, m, row.owner_id)
    fields.update(changed)
    fv.update({k: seq for k in changed})
    conn.execute(update(records).where(key).values(fields=fields, field_versions=fv, version=seq))
    merged = row.version > m.base_version
    status = "conflict" if conflict else ("merged" if merged else "applied")
    return MutationResult(mutation_id=m.mutation_id, status=status, version=seq, conflict=conflict or None)


def changes_since(conn: Connection, user, since: int, limit: int) -> ChangeFeed:
    """Current state of every visible row changed after `since`, in version order (one entry per row)."""
    rows = conn.execute(
        select(records).where(
            records.c.company_id == user.company_id, records.c.version > since,
            (records.c.owner_id.is_(None)) | (records.c.owner_id == user.id),
        ).order_by(records.c.version).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [Change(seq=r.version, entity=r.entity, id=r.record_id, deleted=r.deleted,
                      fields={} if r.deleted else r.fields) for r in rows]
    return ChangeFeed(changes=changes, next=rows[-1].version if rows else since, more=more)
