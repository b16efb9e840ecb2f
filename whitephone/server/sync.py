"""Mutation apply (idempotent, field merge, deletes win) and the change feed.

Each mutation's fields are checked against the entity's declaration (protocol/entities.py) before
anything is stored. A change that loses (a field conflict, an upsert on a deleted row, or edits a
delete with an older base overrides) is also recorded for its author in `sync_conflicts`: the
change feed carries it to every device of that user, not only the one that pushed.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import Change, ChangeFeed, Mutation, MutationResult, SyncConflict
from whitephone.protocol.entities import ENTITIES, HUB_WRITTEN, FieldError, client_fields, validate_fields
from whitephone.server import appointment_reminders, appointments, crm
from whitephone.server.db import (
    applied_mutations,
    change_log,
    companies,
    records,
    sync_conflicts,
    users,
    writer,
)
from whitephone.server.visibility import (
    ResyncRequired,
    check_cursor,
    group_ids_of,
    group_members,
    group_of_fields,
    head_seq,
    lock_seq,
    mark_resync,
    row_visible,
    set_viewers,
    viewers_of,
    visible_clause,
)

PRIVATE_ENTITIES = {"address_book"}  # a book with fields.private=true is its owner's alone
PERSONAL_ENTITIES = {"call_log"}  # always their writer's alone
# In a row's field_versions, the seq of the change that created it (no field has this name): the
# feed names the creator from it. Rows created before it was kept have none (creator unknown).
CREATED = "_created"


def _book_owner(conn: Connection, user, book_id: str):
    """(exists, owner_id) of an address book of the user's company."""
    row = conn.execute(select(records.c.owner_id).where(
        records.c.company_id == user.company_id, records.c.entity == "address_book",
        records.c.record_id == book_id)).first()
    return (row is not None, row.owner_id if row is not None else None)


def _book_problem(conn: Connection, user, fields: dict[str, Any]) -> str | None:
    """A contact may name only a book its writer may see: a colleague's private book is `not found`."""
    book = fields.get("book")
    if not isinstance(book, str):
        return None
    _exists, owner = _book_owner(conn, user, book)
    return "not found" if owner is not None and owner != user.id else None


def _owner_for(conn: Connection, user, m: Mutation, fields: dict[str, Any]) -> int | None:
    """Whose alone a row is (None: the company's): a private book, a contact in a private book
    (it follows its book; `_book_problem` has refused someone else's), a call log."""
    if m.entity in PERSONAL_ENTITIES:
        return user.id
    if m.entity in PRIVATE_ENTITIES:
        return user.id if fields.get("private") else None
    if m.entity == "contact" and isinstance(fields.get("book"), str):
        return _book_owner(conn, user, fields["book"])[1]
    return None


def _invited(fields: dict[str, Any]) -> set[int]:
    """The colleagues (users) among an appointment's participants."""
    out = set()
    for p in fields.get("participants") or []:
        if isinstance(p, dict) and p.get("kind") == "user" and str(p.get("id") or "").isdigit():
            out.add(int(p["id"]))
    return out


def _appointment_privacy(conn: Connection, user, m: Mutation, row, changed: dict[str, Any],
                         fields: dict[str, Any]) -> int | None:
    """A private appointment is its organiser's and its invited colleagues' alone (the others in
    the company who had it resync); a shared one is the company's. Returns the owner."""
    private = bool(fields.get("private"))
    old_owner = row.owner_id if row is not None else None
    organizer = fields.get("organizer_id")
    owner = (old_owner or (organizer if isinstance(organizer, int) else None) or user.id) if private else None
    before = viewers_of(conn, user.company_id, m.entity, m.id) if row is not None else set()
    after = (_invited(fields) - {owner}) if private else set()
    if after != before:
        set_viewers(conn, user.company_id, m.entity, m.id, after)
    if row is not None:
        if private and old_owner is None:  # it was the company's: everyone else drops it
            everyone = set(conn.execute(select(users.c.id).where(users.c.company_id == user.company_id)).scalars())
            mark_resync(conn, user.company_id, everyone - after - {owner}, "private", m.id)
        elif private and before - after:  # uninvited: they drop it
            mark_resync(conn, user.company_id, before - after - {owner}, "private", m.id)
    return owner


def _reown_book(conn: Connection, user, book_id: str, owner: int | None, only_shared: bool = False) -> None:
    """A book became private (to `owner`) or shared (None): its contacts follow it, and everyone
    else in the company resyncs (they lost rows the feed cannot take back, or gained old ones it
    will not repeat). `only_shared`: a book that arrives after its contacts takes only the shared ones."""
    in_book = ((records.c.company_id == user.company_id) & (records.c.entity == "contact")
               & (records.c.fields["book"].as_string() == book_id))
    if only_shared:
        in_book &= records.c.owner_id.is_(None)
    moved = conn.execute(update(records).where(in_book).values(owner_id=owner)).rowcount
    if only_shared and not moved:
        return
    others = set(conn.execute(select(users.c.id).where(
        users.c.company_id == user.company_id, users.c.id != user.id)).scalars())
    mark_resync(conn, user.company_id, others, "private", book_id)


def apply_mutation(engine, user, m: Mutation) -> MutationResult:
    """Apply one mutation in its own transaction; retried once on a concurrent first insert."""
    if m.entity in HUB_WRITTEN:
        return MutationResult(mutation_id=m.mutation_id, status="rejected", reason=f"{m.entity} rows are written by the hub only")
    if m.op == "upsert":
        try:
            validate_fields(m.entity, m.fields)
        except FieldError as exc:  # nothing stored: a resend gets the same answer
            return MutationResult(mutation_id=m.mutation_id, status="rejected", reason=f"invalid fields: {exc}")
        if m.entity == "appointment" and (problem := appointments.rule_problem(m.fields)):
            return MutationResult(mutation_id=m.mutation_id, status="rejected", reason=f"invalid fields: {problem}")
    for _attempt in range(3):
        try:
            with writer(engine) as conn:
                return _apply(conn, user, m)
        except IntegrityError:
            continue  # another writer created the same row or mutation id first: re-read and decide
    return MutationResult(mutation_id=m.mutation_id, status="rejected", reason="write contention, retry")


def _next_seq(conn: Connection, user, m: Mutation, owner_id) -> int:
    return conn.execute(insert(change_log).values(
        company_id=user.company_id, owner_id=owner_id, entity=m.entity, record_id=m.id,
        author_id=user.id)).inserted_primary_key[0]


def _lost(conn: Connection, user, m: Mutation, author_id: int, reason: str, fields: dict) -> None:
    """Record for `author_id` that their change of this row lost (see SyncConflict)."""
    seq = conn.execute(insert(change_log).values(
        company_id=user.company_id, owner_id=author_id, entity=m.entity, record_id=m.id,
        author_id=user.id)).inserted_primary_key[0]
    conn.execute(insert(sync_conflicts).values(
        seq=seq, company_id=user.company_id, user_id=author_id, entity=m.entity, record_id=m.id,
        mutation_id=m.mutation_id if author_id == user.id else None, reason=reason, fields=fields,
        created=time.time()))


def _overridden_by_delete(conn: Connection, user, m: Mutation, row) -> None:
    """A delete from `base_version` removes edits made after it: tell their authors (not the deleter)."""
    if m.base_version <= 0 or row.version <= m.base_version:
        return
    later = {name: v for name, v in (row.field_versions or {}).items() if v > m.base_version and name != CREATED}
    if not later:
        return
    author_of = dict(conn.execute(select(change_log.c.seq, change_log.c.author_id).where(
        change_log.c.seq.in_(set(later.values())))).all())
    by_author: dict[int, dict[str, Any]] = {}
    for name, v in later.items():
        author = author_of.get(v)
        if author is not None and author != user.id:
            by_author.setdefault(author, {})[name] = {"local": row.fields.get(name), "server": None}
    for author, fields in sorted(by_author.items()):
        if _sees(conn, user, m, row, author):
            _lost(conn, user, m, author, "deleted", fields)


def _tell_winners(conn: Connection, user, m: Mutation, row, conflict: dict[str, Any]) -> None:
    """A field conflict is shown on both sides: the authors of the values kept (other users)
    get a `kept` record, {name: {local: the value that lost, server: theirs, kept}}."""
    fv = row.field_versions or {}
    author_of = dict(conn.execute(select(change_log.c.seq, change_log.c.author_id).where(
        change_log.c.seq.in_({fv.get(name, 0) for name in conflict}))).all())
    by_author: dict[int, dict[str, Any]] = {}
    for name, v in conflict.items():
        author = author_of.get(fv.get(name, 0))
        if author is not None and author != user.id:
            by_author.setdefault(author, {})[name] = v
    for author, fields in sorted(by_author.items()):
        if _sees(conn, user, m, row, author):  # an uninvited colleague reads nothing of it
            _lost(conn, user, m, author, "kept", fields)


def _sees(conn: Connection, user, m: Mutation, row, author: int) -> bool:
    """`author` may see this row now (a conflict record carries its values to them)."""
    viewers = viewers_of(conn, user.company_id, m.entity, m.id) \
        if row.owner_id is not None and row.owner_id != author else set()
    return row_visible(row, author, group_ids_of(conn, author), viewers)


def _apply(conn: Connection, user, m: Mutation) -> MutationResult:
    # Serialise writers (PostgreSQL) so seqs commit in order and a feed reader never skips a
    # late-committing seq.
    lock_seq(conn)
    done = conn.execute(select(applied_mutations).where(
        applied_mutations.c.company_id == user.company_id, applied_mutations.c.mutation_id == m.mutation_id)).first()
    if done is not None:
        if done.user_id != user.id:
            return MutationResult(mutation_id=m.mutation_id, status="rejected", reason="mutation_id in use")
        res = MutationResult(**done.result)
        res.status = "duplicate"
        return res
    key = (records.c.company_id == user.company_id) & (records.c.entity == m.entity) & (records.c.record_id == m.id)
    row = conn.execute(select(records).where(key).with_for_update()).first()
    wanted = crm.sane_times(m.entity, client_fields(m.entity, m.fields))  # hub-owned fields are the hub's
    group_given, group_id, group_problem = group_of_fields(conn, user, wanted) if m.op == "upsert" \
        else (False, None, None)
    book_problem = _book_problem(conn, user, wanted) if m.op == "upsert" and m.entity == "contact" else None
    note_problem, note_group = crm.note_problem(conn, user, wanted) \
        if m.op == "upsert" and m.entity == "crm_note" and row is None else (None, None)
    viewers = viewers_of(conn, user.company_id, m.entity, m.id) \
        if row is not None and row.owner_id is not None and row.owner_id != user.id else set()
    if row is not None and not row_visible(row, user.id, group_ids_of(conn, user.id), viewers):
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason="not found")
    elif book_problem:
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason=book_problem)
    elif m.op == "delete" and m.entity == "appointment" and row is not None and not row.deleted \
            and not appointments.may_delete(row, user.id):
        res = MutationResult(mutation_id=m.mutation_id, status="rejected",
                             reason="only its organiser can delete a private appointment")
    elif m.op == "delete" and (why := crm.delete_problem(user, m.entity, row)):
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason=why)
    elif m.op == "delete":
        if row is None or row.deleted:
            res = MutationResult(mutation_id=m.mutation_id, status="applied", version=row.version if row else None)
        else:
            _overridden_by_delete(conn, user, m, row)
            seq = _next_seq(conn, user, m, row.owner_id)
            conn.execute(update(records).where(key).values(deleted=True, version=seq, deleted_at=time.time()))
            if m.entity == "crm_record":
                crm.record_deleted(conn, user, m.id)
            res = MutationResult(mutation_id=m.mutation_id, status="applied", version=seq)
    elif group_problem:
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason=group_problem)
    elif note_problem:
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason=note_problem)
    elif row is None and m.base_version > 0:
        # an edit of a row the hub no longer has (its tombstone was purged): the delete won
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason="deleted")
        _lost(conn, user, m, user.id, "deleted", {k: {"local": v, "server": None} for k, v in wanted.items()})
    elif row is None:
        owner = _owner_for(conn, user, m, wanted)
        if m.entity == "appointment":  # its organiser is who created it, whatever the client says
            wanted = {**wanted, "organizer_id": user.id}
            wanted = appointments.split_off(conn, user, wanted)
            owner = _appointment_privacy(conn, user, m, None, wanted, wanted)
        fields = dict(wanted)
        if m.entity == "crm_note":  # its record's call group; a private note is its author's alone
            fields, owner = crm.note_values(user, fields)
            group_id = note_group
            if "group_id" in fields:
                fields["group_id"] = group_id
        seq = _next_seq(conn, user, m, owner)
        if m.entity == "crm_record":
            # Human task number per company from a counter (purged tombstones must not make a
            # number come round again); writers are serialised, so read-then-write is safe.
            last = conn.execute(select(companies.c.task_counter).where(
                companies.c.id == user.company_id)).scalar() or 0
            conn.execute(update(companies).where(companies.c.id == user.company_id).values(task_counter=last + 1))
            fields["task_number"] = last + 1
            crm.record_created(conn, user, m.id, fields, group_id)
        conn.execute(insert(records).values(
            company_id=user.company_id, entity=m.entity, record_id=m.id, owner_id=owner, version=seq,
            deleted=False, fields=fields, field_versions={**{k: seq for k in fields}, CREATED: seq},
            group_id=group_id))
        if m.entity == "address_book" and owner is not None:  # contacts pushed before their book follow it
            _reown_book(conn, user, m.id, owner, only_shared=True)
        res = MutationResult(mutation_id=m.mutation_id, status="applied", version=seq)
    elif row.deleted:  # deletes win over concurrent edits
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", reason="deleted", version=row.version)
        _lost(conn, user, m, user.id, "deleted", {k: {"local": v, "server": None} for k, v in wanted.items()})
    elif ENTITIES[m.entity].merge == "append_only" and any(row.fields.get(k) != v for k, v in wanted.items()):
        res = MutationResult(mutation_id=m.mutation_id, status="rejected", version=row.version,
                             reason=f"append-only: a {m.entity} cannot be changed once written")
    else:
        refused: dict[str, Any] = {}
        merged: set[str] = set()
        if m.entity == "appointment":
            wanted, refused = appointments.split_rights(row, user.id, wanted)
            merged = {"participants"} & wanted.keys()
        res = _merge(conn, user, m, wanted, row, key, merged)
        if res.conflict:
            _lost(conn, user, m, user.id, "conflict", res.conflict)
            _tell_winners(conn, user, m, conn.execute(select(records).where(key)).first(), res.conflict)
        if refused:  # what only the organiser may change: kept as it is, and the pusher is told
            _lost(conn, user, m, user.id, "conflict", refused)
            res.status = "conflict"
            res.conflict = {**(res.conflict or {}), **refused}
    if m.entity == "appointment" and res.status != "rejected":  # its reminders follow what it is now
        appointment_reminders.plan(conn, user.company_id, m.id)
    conn.execute(insert(applied_mutations).values(
        company_id=user.company_id, mutation_id=m.mutation_id, user_id=user.id, result=res.model_dump()))
    return res


def _merge(conn: Connection, user, m: Mutation, wanted: dict[str, Any], row, key,
           merged: set[str] = frozenset()) -> MutationResult:
    """Field merge; names in `merged` hold values already merged with the stored ones (an
    appointment's participants, per participant) and never conflict."""
    fields: dict[str, Any] = dict(row.fields)
    fv: dict[str, int] = dict(row.field_versions)
    conflict: dict[str, Any] = {}
    changed = {}
    for name, value in wanted.items():
        if name not in merged and fv.get(name, 0) > m.base_version and fields.get(name) != value:
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
    if m.entity == "address_book" and "private" in changed:  # privacy toggled: ownership follows
        owner = _owner_for(conn, user, m, changed)
        if owner != row.owner_id:
            values["owner_id"] = owner
            _reown_book(conn, user, m.id, owner)
    if m.entity == "appointment" and ({"private", "participants"} & changed.keys()):
        owner = _appointment_privacy(conn, user, m, row, changed, fields)
        if owner != row.owner_id:
            values["owner_id"] = owner
    if "group_id" in changed and changed["group_id"] != row.group_id:
        values["group_id"] = changed["group_id"]
        _moved_out(conn, user, m, row.group_id, changed["group_id"])
    if m.entity == "crm_record":
        crm.record_merging(user, changed, fields, fv, seq)
    conn.execute(update(records).where(key).values(**values))
    if m.entity == "crm_record":
        crm.record_changed(conn, user, m.id, row.fields, fields, changed, values.get("group_id", row.group_id),
                           row.group_id)
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


def _earlier_seqs(row, since: int) -> set[int]:
    """The seqs of a row's changes other than its last whose authors the feed names: those that
    set a field after `since`, and its creation."""
    fv = row.field_versions or {}
    out = {v for k, v in fv.items() if k != CREATED and since < v != row.version}
    if fv.get(CREATED) and fv[CREATED] != row.version:
        out.add(fv[CREATED])
    return out


def _authors_of(conn: Connection, seqs: set[int]) -> dict[int, str | None]:
    """{seq: its author's name} (None: no author or a deleted user)."""
    out: dict[int, str | None] = {}
    ordered = sorted(seqs)
    for i in range(0, len(ordered), 500):
        out.update(conn.execute(
            select(change_log.c.seq, users.c.name)
            .select_from(change_log.outerjoin(users, users.c.id == change_log.c.author_id))
            .where(change_log.c.seq.in_(ordered[i:i + 500]))).all())
    return out


def changes_since(conn: Connection, user, since: int, limit: int) -> ChangeFeed:
    """Current state of every visible row changed after `since`, in version order (one entry per row),
    and this user's lost changes (conflicts) after `since`, both up to `limit` entries in seq order.
    Raises ResyncRequired when the cursor predates a tombstone purge or a visibility change, or is
    ahead of every seq the hub gave out (a cursor from another hub or a restored backup)."""
    check_cursor(conn, user, since)
    if since > 0 and since > (head := head_seq(conn)):
        raise ResyncRequired(since, head, "the cursor is ahead of this hub (restored or another hub?)")
    # who made each row's last change: its seq's change_log row (the mutation's user) and their name
    rows = conn.execute(
        select(records, change_log.c.author_id, users.c.name.label("author_name"))
        .select_from(records.outerjoin(change_log, change_log.c.seq == records.c.version)
                     .outerjoin(users, users.c.id == change_log.c.author_id))
        .where(records.c.company_id == user.company_id, records.c.version > since, visible_clause(user.id))
        .order_by(records.c.version).limit(limit + 1)
    ).all()
    lost = conn.execute(
        select(sync_conflicts).where(sync_conflicts.c.user_id == user.id, sync_conflicts.c.seq > since)
        .order_by(sync_conflicts.c.seq).limit(limit + 1)).all()
    entries = sorted([(r.version, False, r) for r in rows] + [(c.seq, True, c) for c in lost], key=lambda e: e[0])
    more = len(entries) > limit
    entries = entries[:limit]
    kept = [r for _s, is_conflict, r in entries if not is_conflict]
    name_of = _authors_of(conn, {s for r in kept if not r.deleted for s in _earlier_seqs(r, since)})
    changes = []
    for r in kept:
        ch = Change(seq=r.version, entity=r.entity, id=r.record_id, deleted=r.deleted,
                    fields={} if r.deleted else r.fields, author_id=r.author_id, author_name=r.author_name)
        if not r.deleted:
            fv = r.field_versions or {}
            ch.field_authors = {k: name_of.get(v) for k, v in fv.items()
                                if k != CREATED and since < v != r.version} or None
            if CREATED in fv:
                ch.created_by = r.author_name if fv[CREATED] == r.version else name_of.get(fv[CREATED])
        changes.append(ch)
    conflicts = [SyncConflict(seq=c.seq, entity=c.entity, id=c.record_id, mutation_id=c.mutation_id,
                              reason=c.reason, fields=c.fields) for _s, is_conflict, c in entries if is_conflict]
    return ChangeFeed(changes=changes, conflicts=conflicts, next=entries[-1][0] if entries else since, more=more)
