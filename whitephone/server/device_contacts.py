"""SIP contacts of connected devices, so a peer can call a device directly when no registrar is
deployed. A device sends `{"type": "sip_contact", "uri": "sip:..."}` on its WebSocket (an empty or
null uri withdraws it); the contact is removed when that socket closes.

Contacts live in the database so every hub process sharing it can answer. The process holding the
socket refreshes `seen` every HEARTBEAT seconds; readers ignore rows older than STALE, so the
contacts of a hub process that died without cleaning up fade out and are purged.
"""

import asyncio
import logging
import re
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, WebSocket
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from whitephone.protocol.team import SipContact
from whitephone.server.db import sip_contacts, users, writer
from whitephone.server.fanout import Fanout
from whitephone.server.routes_profile import accepted_contacts

log = logging.getLogger(__name__)
PathId = Annotated[int, Path(ge=1, le=2**62)]
HEARTBEAT = 30.0
STALE = 3 * HEARTBEAT
_URI = re.compile(r"^sips?:[^\s<>\"\\\x00-\x1f\x7f]{1,250}$")


class DeviceContacts:
    """The contacts published on this process's sockets (socket -> row id)."""

    def __init__(self, engine: Engine, fan: Fanout) -> None:
        self.engine, self.fan = engine, fan
        self.rows: dict[WebSocket, int] = {}

    async def publish(self, ws: WebSocket, user_id: int, uri) -> str | None:
        """Store (or with an empty uri withdraw) this socket's contact; returns an error reason."""
        if uri in (None, ""):
            await self.drop(ws)
            return None
        if not isinstance(uri, str) or not _URI.match(uri):
            return "bad sip contact: expected a sip: or sips: URI of at most 254 characters"
        self.rows[ws] = await asyncio.to_thread(self._store, self.rows.get(ws), user_id, uri)
        return None

    def _store(self, row_id: int | None, user_id: int, uri: str) -> int:
        with writer(self.engine) as conn:
            if row_id is not None:
                conn.execute(delete(sip_contacts).where(sip_contacts.c.id == row_id))
            return conn.execute(insert(sip_contacts).values(
                user_id=user_id, origin=self.fan.origin, uri=uri, seen=time.time())).inserted_primary_key[0]

    async def drop(self, ws: WebSocket) -> None:
        row_id = self.rows.pop(ws, None)
        if row_id is not None:
            await asyncio.to_thread(self._delete, row_id)

    def _delete(self, row_id: int) -> None:
        with writer(self.engine) as conn:
            conn.execute(delete(sip_contacts).where(sip_contacts.c.id == row_id))

    def heartbeat(self) -> None:
        now = time.time()
        with writer(self.engine) as conn:
            if self.rows:
                conn.execute(update(sip_contacts).where(sip_contacts.c.origin == self.fan.origin).values(seen=now))
            conn.execute(delete(sip_contacts).where(sip_contacts.c.seen < now - 10 * STALE))

    def forget_all(self) -> None:
        """On shut-down: this process's sockets are gone."""
        self.rows.clear()
        with writer(self.engine) as conn:
            conn.execute(delete(sip_contacts).where(sip_contacts.c.origin == self.fan.origin))

    async def heartbeat_loop(self) -> None:
        while True:
            try:
                await asyncio.to_thread(self.heartbeat)
            except Exception:
                log.exception("SIP contact heartbeat failed")
            await asyncio.sleep(HEARTBEAT)


def add_device_contact_routes(app: FastAPI, engine: Engine, current_user: Callable, fan: Fanout) -> None:
    Me = Annotated[object, Depends(current_user)]

    @app.get("/api/v1/users/{user_id}/sip-contacts", response_model=list[SipContact])
    def user_sip_contacts(user_id: PathId, me: Me) -> list[SipContact]:
        """The SIP contacts of the user's connected devices, for someone who may see the user."""
        with engine.connect() as conn:
            company = conn.execute(select(users.c.company_id).where(users.c.id == user_id)).scalar()
            if company is None or (company != me.company_id and user_id not in accepted_contacts(conn, me.id)):
                raise HTTPException(404, "no such user")
            if user_id != me.id and fan.combined(user_id)[0] == "offline":
                return []  # invisible (or gone): handing out contacts would tell they are online
            rows = conn.execute(select(sip_contacts).where(
                sip_contacts.c.user_id == user_id, sip_contacts.c.seen > time.time() - STALE,
            ).order_by(sip_contacts.c.id))
            return [SipContact(uri=r.uri, seen=r.seen) for r in rows]
