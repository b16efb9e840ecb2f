"""Who sees which synced row, and when a client's cursor is too old to continue from.

A row is visible to a user when it is not private to someone else (`owner_id`) and, if it carries
a call group (`group_id`), the user is a member of that group. When what a user may see changes
under an existing cursor (they join or leave a group, a row moves to a group they are not in,
tombstones are purged), incremental pulls cannot express it: the hub marks the point (a seq) and
refuses older cursors with 409 `resync_required`; the client then takes a snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, delete, exists, func, insert, select, update
from sqlalchemy.engine import Connection

from whitephone.server.db import (
    call_group_members,
    call_groups,
    change_log,
    companies,
    record_viewers,
    records,
    users,
)

SEQ_LOCK = 424242  # the advisory lock sync writers hold so seqs commit in order (PostgreSQL)


class ResyncRequired(Exception):
    """The cursor predates a purge or a change of visibility: pull a snapshot."""

    def __init__(self, since: int, boundary: int, why: str) -> None:
        super().__init__(why)
        self.since, self.boundary, self.why = since, boundary, why


def lock_seq(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SEQ_LOCK})")


def group_ids_of(conn: Connection, user_id: int) -> set[int]:
    return set(conn.execute(select(call_group_members.c.group_id).where(
        call_group_members.c.user_id == user_id)).scalars())


def visible_clause(user_id: int):
    """SQL condition: rows of `records` (already scoped to the company) this user may see."""
    mine = select(call_group_members.c.group_id).where(call_group_members.c.user_id == user_id)
    RV = record_viewers
    invited = exists().where(and_(RV.c.company_id == records.c.company_id, RV.c.entity == records.c.entity,
                                  RV.c.record_id == records.c.record_id, RV.c.user_id == user_id))
    return ((records.c.owner_id.is_(None) | (records.c.owner_id == user_id) | invited)
            & (records.c.group_id.is_(None) | records.c.group_id.in_(mine)))


def row_visible(row, user_id: int, groups: set[int], viewers: set[int] = frozenset()) -> bool:
    return ((row.owner_id is None or row.owner_id == user_id or user_id in viewers)
            and (row.group_id is None or row.group_id in groups))


def viewers_of(conn: Connection, company_id: int, entity: str, record_id: str) -> set[int]:
    RV = record_viewers
    return set(conn.execute(select(RV.c.user_id).where(
        RV.c.company_id == company_id, RV.c.entity == entity, RV.c.record_id == record_id)).scalars())


def set_viewers(conn: Connection, company_id: int, entity: str, record_id: str, user_ids: Iterable[int]) -> None:
    """Replace who sees a private row besides its owner (only users of the same company count)."""
    RV = record_viewers
    conn.execute(delete(RV).where(RV.c.company_id == company_id, RV.c.entity == entity,
                                  RV.c.record_id == record_id))
    ids = sorted(set(conn.execute(select(users.c.id).where(
        users.c.company_id == company_id, users.c.id.in_(sorted(set(user_ids))))).scalars())) if user_ids else []
    if ids:
        conn.execute(insert(RV), [{"company_id": company_id, "entity": entity, "record_id": record_id,
                                   "user_id": u} for u in ids])


def group_of_fields(conn: Connection, user, fields: dict) -> tuple[bool, int | None, str | None]:
    """The call group a mutation asks for: (given, group id, rejection reason)."""
    if "group_id" not in fields:
        return False, None, None
    gid = fields["group_id"]
    if gid is None:
        return True, None, None
    if isinstance(gid, bool) or not isinstance(gid, int) or not 1 <= gid <= 2**62:
        return True, None, "group_id must be a call group id or null"
    found = conn.execute(select(call_groups.c.id).join(
        call_group_members, call_group_members.c.group_id == call_groups.c.id).where(
        call_groups.c.id == gid, call_groups.c.company_id == user.company_id,
        call_group_members.c.user_id == user.id)).first()
    return True, gid, (None if found else "no such call group (or you are not a member)")


def group_members(conn: Connection, group_id: int | None) -> set[int]:
    return set(conn.execute(select(call_group_members.c.user_id).where(
        call_group_members.c.group_id == group_id)).scalars())


def mark_resync(conn: Connection, company_id: int, user_ids: Iterable[int], why: str, ref: str) -> int | None:
    """Give `user_ids` a new resync mark (a fresh seq); the caller holds the seq lock."""
    ids = sorted(set(user_ids))
    if not ids:
        return None
    seq = conn.execute(insert(change_log).values(
        company_id=company_id, owner_id=None, entity=why[:20], record_id=ref[:64])).inserted_primary_key[0]
    conn.execute(update(users).where(users.c.id.in_(ids)).values(resync_seq=seq))
    return seq


def check_cursor(conn: Connection, user, since: int) -> None:
    """Raise ResyncRequired when `since` is older than a purge or the user's resync mark."""
    if since <= 0:
        return  # a pull from the start has nothing stale to repair
    purged = conn.execute(select(companies.c.purged_seq).where(companies.c.id == user.company_id)).scalar()
    mark = conn.execute(select(users.c.resync_seq).where(users.c.id == user.id)).scalar()
    if purged and since < purged:
        raise ResyncRequired(since, purged, "tombstones older than the cursor were purged")
    if mark and since < mark:
        raise ResyncRequired(since, mark, "what you may see changed (call group membership)")


def head_seq(conn: Connection) -> int:
    return conn.execute(select(func.coalesce(func.max(change_log.c.seq), 0))).scalar_one()

