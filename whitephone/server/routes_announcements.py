"""Markets (named channels of a company that users join and leave) and announcements.

An announcement goes to the whole company or to one market's members. It is stored as one message
of kind `announcement` per recipient (with `market_id`), so it is delivered live over the WebSocket,
kept in the inbox, in the backlog after a reconnect, marked read and deleted like any message.
Posting, and creating or removing markets, needs the `announcements` permission.
"""

import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path
from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import Message
from whitephone.protocol.team import Announcement, Market, NewAnnouncement, NewMarket
from whitephone.server.db import market_members, markets, messages, users, writer
from whitephone.server.fanout import Fanout
from whitephone.server.messaging import lock_message_order

PathId = Annotated[int, Path(ge=1, le=2**62)]


def add_announcement_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable,
                            fan: Fanout) -> None:
    Me = Annotated[object, Depends(current_user)]

    def require_announcements(me) -> None:
        if not (me.is_admin or "announcements" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'announcements' permission")

    def _market(conn, me, market_id: int):
        row = conn.execute(select(markets).where(markets.c.id == market_id,
                                                 markets.c.company_id == me.company_id)).first()
        if row is None:
            raise HTTPException(404, "no such market")
        return row

    def _out(conn, me, row) -> Market:
        ids = set(conn.execute(select(market_members.c.user_id).where(market_members.c.market_id == row.id)).scalars())
        return Market(id=row.id, name=row.name, members=len(ids), joined=me.id in ids)

    @app.get("/api/v1/markets", response_model=list[Market])
    def list_markets(me: Me) -> list[Market]:
        with engine.connect() as conn:
            counts = dict(conn.execute(select(market_members.c.market_id, func.count()).join(
                markets, markets.c.id == market_members.c.market_id).where(
                markets.c.company_id == me.company_id).group_by(market_members.c.market_id)).all())
            mine = set(conn.execute(select(market_members.c.market_id).where(
                market_members.c.user_id == me.id)).scalars())
            rows = conn.execute(select(markets).where(markets.c.company_id == me.company_id).order_by(markets.c.name))
            return [Market(id=r.id, name=r.name, members=counts.get(r.id, 0), joined=r.id in mine) for r in rows]

    @app.post("/api/v1/markets", response_model=Market, status_code=201)
    def create_market(body: NewMarket, me: Me) -> Market:
        require_announcements(me)
        try:
            with writer(engine) as conn:
                mid = conn.execute(insert(markets).values(company_id=me.company_id, name=body.name)
                                   ).inserted_primary_key[0]
                audit(conn, me, "create_market", {"market_id": mid, "name": body.name})
                return _out(conn, me, _market(conn, me, mid))
        except IntegrityError:
            raise HTTPException(409, "a market of that name exists") from None

    @app.delete("/api/v1/markets/{market_id}", status_code=204)
    def delete_market(market_id: PathId, me: Me) -> None:
        require_announcements(me)
        with writer(engine) as conn:
            _market(conn, me, market_id)
            conn.execute(delete(market_members).where(market_members.c.market_id == market_id))
            conn.execute(delete(markets).where(markets.c.id == market_id))
            audit(conn, me, "delete_market", {"market_id": market_id})

    @app.post("/api/v1/markets/{market_id}/join", response_model=Market)
    def join_market(market_id: PathId, me: Me) -> Market:
        with writer(engine) as conn:
            row = _market(conn, me, market_id)
            if conn.execute(select(market_members.c.user_id).where(
                    market_members.c.market_id == market_id, market_members.c.user_id == me.id)).first() is None:
                conn.execute(insert(market_members).values(market_id=market_id, user_id=me.id))
            return _out(conn, me, row)

    @app.post("/api/v1/markets/{market_id}/leave", response_model=Market)
    def leave_market(market_id: PathId, me: Me) -> Market:
        with writer(engine) as conn:
            row = _market(conn, me, market_id)
            conn.execute(delete(market_members).where(
                market_members.c.market_id == market_id, market_members.c.user_id == me.id))
            return _out(conn, me, row)

    @app.post("/api/v1/announcements", response_model=Announcement, status_code=201)
    def announce(body: NewAnnouncement, me: Me) -> Announcement:
        require_announcements(me)
        created = time.time()
        with writer(engine) as conn:
            lock_message_order(conn)  # ids commit in order with every other message (the inbox cursor)
            if body.market_id is None:
                q = select(users.c.id).where(users.c.company_id == me.company_id)
            else:
                _market(conn, me, body.market_id)
                q = select(users.c.id).join(market_members, market_members.c.user_id == users.c.id).where(
                    market_members.c.market_id == body.market_id, users.c.company_id == me.company_id)
            recipients = [u for u in conn.execute(q.where(users.c.disabled.is_(False), users.c.id != me.id)
                                                  .order_by(users.c.id)).scalars()]
            out: list[tuple[int, dict]] = []
            if recipients:  # one row each (read/deleted per recipient); ids fit every cursor
                rows = [{"company_id": me.company_id, "sender_id": me.id, "recipient_id": uid, "kind": "announcement",
                         "body": body.body, "created": created, "read": False, "market_id": body.market_id}
                        for uid in recipients]
                ids = conn.execute(insert(messages).returning(messages.c.id, sort_by_parameter_order=True),
                                   rows).scalars().all()
                out = [(uid, Message(id=mid, sender_id=me.id, recipient_id=uid, kind="announcement",
                                     body=body.body, created=created, read=False,
                                     market_id=body.market_id).model_dump()) for uid, mid in zip(recipients, ids, strict=True)]
            audit(conn, me, "announce", {"market_id": body.market_id, "recipients": len(recipients)})
        for uid, m in out:
            fan.send_threadsafe([uid], {"type": "message", "message": m})
        return Announcement(body=body.body, market_id=body.market_id, recipients=len(recipients), created=created)
