"""Markets (named channels of a company that users join and leave) and announcements.

An announcement goes to the whole company or to one market's members. It is stored as one message
of kind `announcement` per recipient (with `market_id`), so it is delivered live over the WebSocket,
kept in the inbox, in the backlog after a reconnect, marked read and deleted like any message.
Posting, and creating or removing markets, needs the `announcements` permission.

An announcement posted with a `client_id` is kept in `announcements` (one row per sender and id, in
the transaction of its messages): a retry (the answer was lost) gets the first result back with 200
and posts nothing; the same id with another text or market is 409.
"""

import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, Response
from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import Message
from whitephone.protocol.team import Announcement, Market, NewAnnouncement, NewMarket
from whitephone.server.db import announcements, market_members, markets, messages, users, writer
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

    def _prior(conn, me, client_id: str | None):
        if client_id is None:
            return None
        return conn.execute(select(announcements).where(announcements.c.sender_id == me.id,
                                                        announcements.c.client_id == client_id)).first()

    def _repeat(prior, body: NewAnnouncement, response: Response) -> Announcement:
        if (prior.body, prior.market_id) != (body.body, body.market_id):
            raise HTTPException(409, f"client_id {body.client_id} was already used for another announcement; "
                                     "choose a new client_id")
        response.status_code = 200
        return Announcement(body=prior.body, market_id=prior.market_id, recipients=prior.recipients,
                            created=prior.created, client_id=prior.client_id)

    @app.post("/api/v1/announcements", response_model=Announcement, status_code=201, responses={
        200: {"description": "a repeat of an earlier request with this client_id: the first result"},
        409: {"description": "the client_id was used for a different announcement"}})
    def announce(body: NewAnnouncement, me: Me, response: Response) -> Announcement:
        if body.client_id is not None:  # a retry of a stored one answers first (it posts nothing),
            with engine.connect() as conn:  # even if the permission went meanwhile
                prior = _prior(conn, me, body.client_id)
            if prior is not None:
                return _repeat(prior, body, response)
        require_announcements(me)
        try:
            return _announce(body, me, response)
        except IntegrityError:  # the same client_id committed meanwhile (another hub process)
            with engine.connect() as conn:
                prior = _prior(conn, me, body.client_id)
            if prior is None:
                raise
            return _repeat(prior, body, response)

    def _announce(body: NewAnnouncement, me, response: Response) -> Announcement:
        created = time.time()
        with writer(engine) as conn:
            lock_message_order(conn)  # ids commit in order with every other message (the inbox cursor)
            if (prior := _prior(conn, me, body.client_id)) is not None:
                return _repeat(prior, body, response)
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
            if body.client_id is not None:
                conn.execute(insert(announcements).values(
                    company_id=me.company_id, sender_id=me.id, client_id=body.client_id, body=body.body,
                    market_id=body.market_id, recipients=len(recipients), created=created))
            audit(conn, me, "announce", {"market_id": body.market_id, "recipients": len(recipients)})
        for uid, m in out:
            fan.send_threadsafe([uid], {"type": "message", "message": m})
        return Announcement(body=body.body, market_id=body.market_id, recipients=len(recipients), created=created,
                            client_id=body.client_id)
