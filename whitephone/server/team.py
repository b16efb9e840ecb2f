"""Wiring for call groups, markets and announcements, reminders, the full resync and device SIP
contacts: their routes, and the background tasks the hub runs while it serves."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError

from whitephone.server.device_contacts import DeviceContacts, add_device_contact_routes
from whitephone.server.fanout import Fanout
from whitephone.server.reminders import add_reminder_routes, delivery_loop
from whitephone.server.resync import add_resync_routes, purge_loop
from whitephone.server.routes_announcements import add_announcement_routes
from whitephone.server.routes_groups import add_group_routes

log = logging.getLogger(__name__)


def add_team_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable, fan: Fanout,
                    tombstone_retention: float) -> DeviceContacts:
    """Add the routes; returns the device contact registry the WebSocket handler feeds."""
    app.state.tombstone_retention = tombstone_retention
    app.state.reminder_wake = asyncio.Event()
    app.state.device_contacts = DeviceContacts(engine, fan)
    add_group_routes(app, engine, current_user, audit, fan)
    add_announcement_routes(app, engine, current_user, audit, fan)
    add_reminder_routes(app, engine, current_user, fan, app.state.reminder_wake)
    add_resync_routes(app, engine, current_user)
    add_device_contact_routes(app, engine, current_user, fan)

    @app.exception_handler(DataError)
    async def refused_value(request: Request, exc: DataError):
        # A value the database cannot store (PostgreSQL: NUL in text, a number out of range) is the
        # client's error, whichever route it came through.
        log.info("refused value on %s %s: %s", request.method, request.url.path, exc.orig)
        return JSONResponse({"detail": "a value cannot be stored (text must not contain NUL characters)"},
                            status_code=400)

    return app.state.device_contacts


@contextlib.asynccontextmanager
async def team_tasks(app: FastAPI) -> AsyncIterator[None]:
    """Reminder delivery, tombstone purge and the SIP contact heartbeat, for the server's lifetime."""
    st = app.state
    tasks = [asyncio.create_task(delivery_loop(st.engine, st.fanout, st.reminder_wake), name="reminders"),
             asyncio.create_task(purge_loop(st.engine, st.tombstone_retention), name="tombstone-purge"),
             asyncio.create_task(st.device_contacts.heartbeat_loop(), name="sip-contacts")]
    try:
        yield
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.to_thread(st.device_contacts.forget_all)
