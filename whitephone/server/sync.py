"""Mutation apply (idempotent, field merge, deletes win) and the change feed."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import Change, ChangeFeed, Mutation, MutationResult
from whitephone.server.db import applied_mutations, change_log, companies, records, users, writer
from whitephone.server.visibility import (
    check_cursor,
    group_ids_of,
    group_members,
    group_of_fields,
    lock_seq,
    mark_resync,
    row_visible,
    visible_clause,
)

PRIVATE_ENTITIES = {"address_book"}  # a book with fields.private=true is its owner's alone
PERSONAL_ENTITIES = {"call_log"}  # always their writer's alone


def _owner_for(conn: Connection, user, m: Mutation, fields: dict[str, Any]) -> int | None:
    """Whose alone a row is (None: the company's): a private book, a contact in a private book
    (it follows its book), a call log."""
    if m.entity in PERSONAL_ENTITIES:
        return user.id
    if m.entity in PRIVATE_ENTITIES:
        return user.id if fields.get("private") else None
    if m.entity == "contact" and isinstance(fields.get("book"), str):
        return conn.execute(select(records.c.owner_id).where(
            records.c.company_id == user.company_id, records.c.entity == "address_book",
            records.c.record_id == fields["book"])).scalar()
    return None


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
    # Serialise writers (PostgreSQL) so seqs commit in order and a feed reader never skips a
    # late-committing seq.
    lock_seq(conn)
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
    group_given, group_id, group_problem = group_of_fields(conn, user, m.fields) if m.op == "upsert" \
        else (False, None, None)
    if row is not None and not row_visible(row, user.id, group_ids_of(conn, user.id)):
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason="not found")
    elif m.op == "delete":
        if row is None or row.deleted:
            res = MutationResult(mutation_id=m.mutation_id, status="applied", version=row.version if row else None)
        else:
            seq = _next_seq(conn, user, m, row.owner_id)
            conn.execute(update(records).where(key).values(deleted=True, version=seq, deleted_at=time.time()))
            res = MutationResult(mutation_id=m.mutation_id, status="applied", version=seq)
    elif group_problem:
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason=group_problem)
    elif row is None:
        owner = _owner_for(conn, user, m, m.fields)
        seq = _next_seq(conn, user, m, owner)
        fields = dict(m.fields)
        if m.entity == "crm_record":
            # Human task number per company from a counter (purged tombstones must not make a
            # number come round again); writers are serialised, so read-then-write is safe.
            last = conn.execute(select(companies.c.task_counter).where(
                companies.c.id == user.company_id)).scalar() or 0
            conn.execute(update(companies).where(companies.c.id == user.company_id).values(task_counter=last + 1))
            fields["task_number"] = last + 1
        conn.execute(insert(records).values(
            company_id=user.company_id, entity=m.entity, record_id=m.id, owner_id=owner, version=seq,
            deleted=False, fields=fields, field_versions={k: seq for k in fields}, group_id=group_id))
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
    values: dict[str, Any] = {"fields": fields, "field_versions": fv, "version": seq}
    if m.entity == "contact" and "book" in changed:  # moved to another book: privacy follows it
        owner = _owner_for(conn, user, m, changed)
        if owner != row.owner_id:
            values["owner_id"] = owner
            if owner is not None:  # now private: colleagues who had it must drop it
                others = set(conn.execute(select(users.c.id).where(
                    users.c.company_id == user.company_id, users.c.id != owner)).scalars())
                mark_resync(conn, user.company_id, others, "private", m.id)
    if "group_id" in changed and changed["group_id"] != row.group_id:
        values["group_id"] = changed["group_id"]
        _moved_out(conn, user, m, row.group_id, changed["group_id"])
    conn.execute(update(records).where(key).values(**values))
    merged = row.version > m.base_version
    status = "conflict" if conflict else ("merged" if merged else "applied")
    return MutationResult(mutation_id=m.mutation_id, status=status, version=seq, conflict=conflict or None)


def _moved_out(conn: Connection, user, m: Mutation, old_group: int | None, new_group: int | None) -> None:
    """A row moved to another call group: those who saw it and no longer may must resync (their
    copy would otherwise stay, since the feed only shows rows a user may see)."""
    if new_group is None:
        return  # now visible to the whole company: nobody loses it
    if old_group is None:
        before = set(conn.execute(select(users.c.id).where(users.c.company_id == user.company_id)).scalars())
    else:
        before = group_members(conn, old_group)
    mark_resync(conn, user.company_id, before - group_members(conn, new_group), "group_move", m.id)


def changes_since(conn: Connection, user, since: int, limit: int) -> ChangeFeed:
    """Current state of every visible row changed after `since`, in version order (one entry per row).
    Raises ResyncRequired when the cursor predates a tombstone purge or a visibility change."""
    check_cursor(conn, user, since)
    rows = conn.execute(
        select(records).where(
            records.c.company_id == user.company_id, records.c.version > since, visible_clause(user.id),
        ).order_by(records.c.version).limit(limit + 1)
    ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [Change(seq=r.version, entity=r.entity, id=r.record_id, deleted=r.deleted,
                      fields={} if r.deleted else r.fields) for r in rows]
    return ChangeFeed(changes=changes, next=rows[-1].version if rows else since, more=more)
