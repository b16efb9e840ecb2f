"""Call groups: named sets of a company's users. A synced row with `fields.group_id` is seen only by
that group's members, so joining or leaving a group changes what a user may see: the hub marks the
user for a resync (see visibility.py) and hints their devices to pull."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from whitephone.protocol.team import CallGroup, CallGroupUpdate, NewCallGroup, NewMember
from whitephone.server.db import call_group_members, call_groups, records, users, writer
from whitephone.server.fanout import Fanout
from whitephone.server.visibility import group_members, lock_seq, mark_resync

PathId = Annotated[int, Path(ge=1, le=2**62)]


def add_group_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable, fan: Fanout) -> None:
    Me = Annotated[object, Depends(current_user)]

    def require_crm_admin(me) -> None:
        if not (me.is_admin or "crm_admin" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'crm_admin' permission")

    def _group(conn, me, group_id: int):
        row = conn.execute(select(call_groups).where(
            call_groups.c.id == group_id, call_groups.c.company_id == me.company_id)).first()
        if row is None:
            raise HTTPException(404, "no such call group")
        return row

    def _out(conn, row) -> CallGroup:
        return CallGroup(id=row.id, name=row.name, members=sorted(group_members(conn, row.id)))

    def _check_users(conn, me, ids: set[int]) -> None:
        found = set(conn.execute(select(users.c.id).where(
            users.c.id.in_(ids), users.c.company_id == me.company_id)).scalars())
        if missing := sorted(ids - found):
            raise HTTPException(404, f"no such user in your company: {missing[0]}")

    def _resync(conn, me, user_ids: set[int], group_id: int) -> int | None:
        return mark_resync(conn, me.company_id, user_ids, "call_group", str(group_id))

    def _live_rows(conn, me, group_id: int) -> int:
        return conn.execute(select(func.count()).select_from(records).where(
            records.c.company_id == me.company_id, records.c.group_id == group_id,
            records.c.deleted.is_(False))).scalar_one()

    def _hint(user_ids: set[int], seq: int | None) -> None:
        if seq is not None:
            fan.send_threadsafe(sorted(user_ids), {"type": "changed", "seq": seq})

    @app.get("/api/v1/groups", response_model=list[CallGroup])
    def list_groups(me: Me) -> list[CallGroup]:
        with engine.connect() as conn:
            rows = conn.execute(select(call_groups).where(call_groups.c.company_id == me.company_id)
                                .order_by(call_groups.c.name))
            return [_out(conn, r) for r in rows]

    @app.post("/api/v1/groups", response_model=CallGroup, status_code=201)
    def create_group(body: NewCallGroup, me: Me) -> CallGroup:
        require_crm_admin(me)
        members = set(body.members)
        try:
            with writer(engine) as conn:
                _check_users(conn, me, members)
                gid = conn.execute(insert(call_groups).values(company_id=me.company_id, name=body.name)
                                   ).inserted_primary_key[0]
                if members:  # a new group has no rows yet, so nobody's view changes
                    conn.execute(insert(call_group_members), [{"group_id": gid, "user_id": u} for u in members])
                audit(conn, me, "create_group", {"group_id": gid, "name": body.name, "members": sorted(members)})
                out = _out(conn, conn.execute(select(call_groups).where(call_groups.c.id == gid)).one())
        except IntegrityError:
            raise HTTPException(409, "a call group of that name exists") from None
        return out

    @app.get("/api/v1/groups/{group_id}", response_model=CallGroup)
    def get_group(group_id: PathId, me: Me) -> CallGroup:
        with engine.connect() as conn:
            return _out(conn, _group(conn, me, group_id))

    @app.patch("/api/v1/groups/{group_id}", response_model=CallGroup)
    def rename_group(group_id: PathId, body: CallGroupUpdate, me: Me) -> CallGroup:
        require_crm_admin(me)
        try:
            with writer(engine) as conn:
                _group(conn, me, group_id)
                conn.execute(update(call_groups).where(call_groups.c.id == group_id).values(name=body.name))
                audit(conn, me, "rename_group", {"group_id": group_id, "name": body.name})
                return _out(conn, _group(conn, me, group_id))
        except IntegrityError:
            raise HTTPException(409, "a call group of that name exists") from None

    @app.delete("/api/v1/groups/{group_id}", status_code=204)
    def delete_group(group_id: PathId, me: Me) -> None:
        require_crm_admin(me)
        with writer(engine) as conn:
            lock_seq(conn)
            _group(conn, me, group_id)
            if live := _live_rows(conn, me, group_id):
                raise HTTPException(409, f"the call group still has {live} records; move or delete them first")
            members = group_members(conn, group_id)
            conn.execute(delete(call_group_members).where(call_group_members.c.group_id == group_id))
            conn.execute(delete(call_groups).where(call_groups.c.id == group_id))
            seq = _resync(conn, me, members, group_id)  # their copies of its tombstones go stale
            audit(conn, me, "delete_group", {"group_id": group_id})
        _hint(members, seq)

    @app.post("/api/v1/groups/{group_id}/members", response_model=CallGroup)
    def add_member(group_id: PathId, body: NewMember, me: Me) -> CallGroup:
        require_crm_admin(me)
        with writer(engine) as conn:
            lock_seq(conn)
            group = _group(conn, me, group_id)
            _check_users(conn, me, {body.user_id})
            seq = None
            if body.user_id not in group_members(conn, group_id):
                conn.execute(insert(call_group_members).values(group_id=group_id, user_id=body.user_id))
                seq = _resync(conn, me, {body.user_id}, group_id)
                audit(conn, me, "add_group_member", {"group_id": group_id, "user_id": body.user_id})
            out = _out(conn, group)
        _hint({body.user_id}, seq)
        return out

    @app.delete("/api/v1/groups/{group_id}/members/{user_id}", response_model=CallGroup)
    def remove_member(group_id: PathId, user_id: PathId, me: Me) -> CallGroup:
        require_crm_admin(me)
        with writer(engine) as conn:
            lock_seq(conn)
            group = _group(conn, me, group_id)
            if user_id not in group_members(conn, group_id):
                raise HTTPException(404, "not a member of this call group")
            # the group's rows are its members' alone: without one nobody could see, move or delete them
            if len(group_members(conn, group_id)) == 1 and (live := _live_rows(conn, me, group_id)):
                raise HTTPException(409, f"the last member of a call group with {live} records; add another "
                                         "member, or move or delete the records first")
            conn.execute(delete(call_group_members).where(
                call_group_members.c.group_id == group_id, call_group_members.c.user_id == user_id))
            seq = _resync(conn, me, {user_id}, group_id)
            audit(conn, me, "remove_group_member", {"group_id": group_id, "user_id": user_id})
            out = _out(conn, group)
        _hint({user_id}, seq)
        return out
