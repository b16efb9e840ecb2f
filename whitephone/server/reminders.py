"""Reminders: a message with a due time, delivered by the hub at that time.

A reminder waits in `reminders` until it is due; then one hub process claims it and, in the same
transaction, stores it as a message (kind `reminder`). The message gets a new id at delivery, so a
client that was offline finds it in its backlog (`since_message`) like any other message. Claims
are race-free with several hub processes on one PostgreSQL: `FOR UPDATE SKIP LOCKED` picks rows no
other process holds, and the `UPDATE ... WHERE delivered_at IS NULL` guard counts a row only once.
Pending reminders live in the database, so a restart delivers them too (late ones at once).

A reminder set with a `client_id` is stored once per sender and id: a retry (the answer was lost)
gets the stored reminder back with 200; the same id with another reminder is 409. Its `link` (what
it reminds of; a CRM record's reminder links `crm_record:<uid>`) rides on the delivered message; a
reminder set with a `crm_record:` link (a snooze) follows that record: none once it is closed or gone.
"""

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, Response
from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import Message
from whitephone.protocol.links import split_link
from whitephone.protocol.team import NewReminder, Reminder
from whitephone.server import appointment_reminders
from whitephone.server.crm import reminder_still_visible
from whitephone.server.db import messages, records, reminders, users, writer
from whitephone.server.fanout import Fanout
from whitephone.server.messaging import lock_message_order

log = logging.getLogger(__name__)
PathId = Annotated[int, Path(ge=1, le=2**62)]
BATCH = 200
IDLE_WAKE = 30.0  # look again at least this often: other hub processes may add earlier reminders


def _out(r) -> Reminder:
    return Reminder(id=r.id, sender_id=r.sender_id, recipient_id=r.recipient_id, body=r.body, due=r.due,
                    created=r.created, delivered=r.delivered_at is not None, message_id=r.message_id,
                    client_id=r.client_id, link=link_of(r))


def link_of(r) -> str | None:
    """What a reminder row reminds of: its own link, else its CRM record's."""
    return r.link or (f"crm_record:{r.crm_record}" if r.crm_record else None)


def _record_of(conn, company_id: int, link: str | None) -> str | None:
    """The CRM record a reminder set with this link follows (a snoozed CRM reminder): closing or
    deleting the record drops it, like the record's own. None when the link names no record of the
    company the hub has (then it is a plain link)."""
    if link is None:
        return None
    kind, rid, _ = split_link(link)
    if kind != "crm_record" or len(rid) > 64:
        return None
    found = conn.execute(select(records.c.record_id).where(
        records.c.company_id == company_id, records.c.entity == "crm_record", records.c.record_id == rid,
        records.c.deleted.is_(False))).first()
    return rid if found is not None else None


def deliver_due(engine: Engine, fan: Fanout, now: float | None = None) -> int:
    """Turn every reminder due by `now` into a message and send it live; returns how many."""
    now = time.time() if now is None else now
    delivered: list[dict] = []
    with writer(engine) as conn:
        lock_message_order(conn)  # ids commit in order with every other message (the inbox cursor)
        q = (select(reminders).where(reminders.c.delivered_at.is_(None), reminders.c.due <= now)
             .order_by(reminders.c.due, reminders.c.id).limit(BATCH))
        if conn.dialect.name == "postgresql":
            q = q.with_for_update(skip_locked=True)
        for r in conn.execute(q).all():
            claimed = conn.execute(update(reminders).where(
                reminders.c.id == r.id, reminders.c.delivered_at.is_(None)).values(delivered_at=now)).rowcount
            if claimed != 1:
                continue  # another process got it first
            if r.crm_record is not None and not reminder_still_visible(conn, r.company_id, r.crm_record,
                                                                        r.recipient_id):
                conn.execute(delete(reminders).where(reminders.c.id == r.id))
                continue  # its record is gone or moved out of the recipient's sight: not delivered
            if r.appointment is not None and not appointment_reminders.still_wanted(
                    conn, r.company_id, r.appointment, r.recipient_id):
                conn.execute(delete(reminders).where(reminders.c.id == r.id))
                continue  # deleted, declined, or made private meanwhile
            link = link_of(r) or (appointment_reminders.link(r.appointment, r.occurrence)
                                  if r.appointment is not None else None)
            created = time.time()
            mid = conn.execute(insert(messages).values(
                company_id=r.company_id, sender_id=r.sender_id, recipient_id=r.recipient_id, kind="reminder",
                body=r.body, created=created, read=False, link=link)).inserted_primary_key[0]
            conn.execute(update(reminders).where(reminders.c.id == r.id).values(message_id=mid))
            if r.appointment is not None:  # the same participant's next occurrence
                appointment_reminders.plan(conn, r.company_id, r.appointment, now, only=r.recipient_id)
            delivered.append(Message(id=mid, sender_id=r.sender_id, recipient_id=r.recipient_id, kind="reminder",
                                     body=r.body, created=created, read=False, link=link).model_dump())
    for m in delivered:  # after the commit: a live copy never precedes the stored one
        fan.send_threadsafe([m["recipient_id"]], {"type": "message", "message": m})
    return len(delivered)


def next_due(engine: Engine) -> float | None:
    with engine.connect() as conn:
        return conn.execute(select(reminders.c.due).where(reminders.c.delivered_at.is_(None))
                            .order_by(reminders.c.due).limit(1)).scalar()


async def delivery_loop(engine: Engine, fan: Fanout, wake: asyncio.Event) -> None:
    """Background task: sleep until the next reminder is due (or a new one is set), deliver it.
    First, appointments without a planned reminder (from before the upgrade) are planned."""
    try:
        await asyncio.to_thread(appointment_reminders.plan_unplanned, engine)
    except Exception:
        log.exception("planning the reminders of older appointments failed")
    while True:
        wake.clear()  # before looking: a reminder set while we look wakes the wait below at once
        try:
            while await asyncio.to_thread(deliver_due, engine, fan) == BATCH:
                pass  # a backlog (e.g. after downtime): keep going
            due = await asyncio.to_thread(next_due, engine)
        except Exception:
            log.exception("reminder delivery failed; trying again shortly")
            due = time.time() + 5
        wait = IDLE_WAKE if due is None else min(IDLE_WAKE, max(0.0, due - time.time()))
        try:
            await asyncio.wait_for(wake.wait(), timeout=wait)
        except TimeoutError:
            pass


def add_reminder_routes(app: FastAPI, engine: Engine, current_user: Callable, fan: Fanout,
                        wake: asyncio.Event) -> None:
    Me = Annotated[object, Depends(current_user)]

    def _prior(conn, me, client_id: str | None):
        if client_id is None:
            return None
        return conn.execute(select(reminders).where(reminders.c.sender_id == me.id,
                                                    reminders.c.client_id == client_id)).first()

    def _repeat(prior, body: NewReminder, response: Response) -> Reminder:
        """A retry's answer: the stored reminder if it is the same one, else 409."""
        if (prior.recipient_id, prior.body, prior.due, prior.link) != (body.to, body.body, body.due, body.link):
            raise HTTPException(409, f"client_id {body.client_id} was already used for another reminder; "
                                     "choose a new client_id")
        response.status_code = 200
        return _out(prior)

    @app.post("/api/v1/reminders", response_model=Reminder, status_code=201, responses={
        200: {"description": "a repeat of an earlier request with this client_id: the stored reminder"},
        409: {"description": "the client_id was used for a different reminder"}})
    def set_reminder(body: NewReminder, me: Me, response: Response) -> Reminder:
        try:
            with writer(engine) as conn:
                if (prior := _prior(conn, me, body.client_id)) is not None:
                    return _repeat(prior, body, response)
                if conn.execute(select(users.c.id).where(users.c.id == body.to,
                                                         users.c.company_id == me.company_id)).first() is None:
                    raise HTTPException(404, "no such user")
                rid = conn.execute(insert(reminders).values(
                    company_id=me.company_id, sender_id=me.id, recipient_id=body.to, body=body.body, due=body.due,
                    created=time.time(), client_id=body.client_id, link=body.link,
                    crm_record=_record_of(conn, me.company_id, body.link))).inserted_primary_key[0]
                row = conn.execute(select(reminders).where(reminders.c.id == rid)).one()
        except IntegrityError:  # the same client_id committed meanwhile (another hub process)
            with engine.connect() as conn:
                prior = _prior(conn, me, body.client_id)
            if prior is None:
                raise
            return _repeat(prior, body, response)
        if fan.loop is not None:
            fan.loop.call_soon_threadsafe(wake.set)  # re-plan: this one may be the earliest
        return _out(row)

    @app.get("/api/v1/reminders", response_model=list[Reminder])
    def list_reminders(me: Me) -> list[Reminder]:
        """Reminders not yet delivered that the caller set or will receive, earliest first."""
        with engine.connect() as conn:
            rows = conn.execute(select(reminders).where(
                or_(reminders.c.sender_id == me.id, reminders.c.recipient_id == me.id),
                reminders.c.company_id == me.company_id, reminders.c.delivered_at.is_(None),
            ).order_by(reminders.c.due, reminders.c.id).limit(1000))
            return [_out(r) for r in rows]

    @app.delete("/api/v1/reminders/{reminder_id}", status_code=204)
    def cancel_reminder(reminder_id: PathId, me: Me) -> None:
        with writer(engine) as conn:
            gone = conn.execute(delete(reminders).where(
                reminders.c.id == reminder_id, reminders.c.sender_id == me.id,
                reminders.c.delivered_at.is_(None))).rowcount
        if not gone:
            raise HTTPException(404, "no such pending reminder")
