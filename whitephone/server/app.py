"""The hub application factory: HTTP routes and the WebSocket on one port.

No `from __future__ import annotations` here: FastAPI must resolve the closure-local dependency types.
"""


import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import logging
import time
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, WebSocket, WebSocketDisconnect
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from whitephone.protocol import (
    ChangeFeed,
    ChangePassword,
    Login,
    MutationBatch,
    MutationResult,
    Refresh,
    RegisterCompany,
    SendMessage,
    Tokens,
    User,
    strictjson,
)
from whitephone.protocol.directory import NameCard
from whitephone.server import auth, sipsecret
from whitephone.server.call_reports import add_call_report_routes
from whitephone.server.crm import add_crm_routes
from whitephone.server.db import audit_log, companies, open_engine, users, writer
from whitephone.server.fanout import CLOSE_SIGNED_OUT, Fanout
from whitephone.server.lastseen import LastSeen
from whitephone.server.limits import BodyLimit, RateLimit
from whitephone.server.messaging import add_message_routes
from whitephone.server.resync import DEFAULT_RETENTION
from whitephone.server.routes_attachments import add_attachment_routes
from whitephone.server.routes_logo import add_logo_routes
from whitephone.server.routes_permissions import add_permission_routes
from whitephone.server.routes_profile import add_profile_routes
from whitephone.server.routes_users import add_user_routes, user_out
from whitephone.server.sync import apply_mutation, changes_since
from whitephone.server.team import add_team_routes, team_tasks
from whitephone.server.visibility import head_seq
from whitephone.server.wsfast import HubApp
from whitephone.server.wsreads import WsReads

log = logging.getLogger(__name__)
MAX_BODY = 2 * 1024 * 1024
PathId = Annotated[int, PathParam(ge=1, le=2**62)]
WS_RATE = 20  # messages per second per connection
DIRECTORY_RATE = 60  # directory searches per minute per user
OUTSIDE_MIN_CHARS = 3  # a directory search reaches other companies from this many characters
# Attempts counted before the password check (auth.Throttle): (limit, window seconds).
LOGIN_PER_ACCOUNT = (5, 300.0)
LOGIN_PER_ADDRESS = (20, 300.0)  # several people of one office share an address
PASSWORD_CHANGE_PER_USER = (5, 300.0)
# Logins and registrations in progress at once; the rest wait on the event loop, holding no thread.
# 100 parallel guesses otherwise filled the thread pool and queued on SQLite's write lock ahead of
# everyone else's requests.
SIGN_INS_AT_ONCE = 8
_user_out = user_out


def create_app(db_url: str, data_dir: Path, sip_secret: str | None = None,
               public_url: str = "http://127.0.0.1:8765", tombstone_retention: float = DEFAULT_RETENTION,
               sip_domain: str | None = None, turn_servers: list[str] | None = None,
               stun_servers: list[str] | None = None) -> FastAPI:
    """Build the hub for one database; `data_dir` holds the mail outbox (and the SIP secret made on
    first start when none is given; a weak one raises `sipsecret.WeakSecret`); reset links point at
    `public_url`; tombstones of deleted sync rows are purged after `tombstone_retention` seconds;
    `sip_domain` names the company's SIP registrar (clients register there and call colleagues'
    addresses-of-record `sip:<user id>@<domain>` through it)."""
    sip_secret = sipsecret.resolve(sip_secret, data_dir)
    engine = open_engine(db_url)
    fan = Fanout()
    throttle = auth.Throttle(engine)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        fan.start()  # also the watchdog that drops sockets which do not read
        if db_url.startswith("postgresql"):
            from whitephone.server.pgbus import PgBus

            fan.bus = await asyncio.to_thread(PgBus, db_url, fan.on_bus)
        async with team_tasks(_app):  # reminders, tombstone purge, SIP contact heartbeat
            yield
        await asyncio.to_thread(msg_writer.stop)
        await last_seen.flush()
        await fan.stop()
        if fan.bus is not None:
            await asyncio.to_thread(fan.bus.close)

    app = HubApp(title="WhitePhone hub", version="1", lifespan=lifespan)  # the WebSocket skips the middleware
    app.state.engine, app.state.fanout = engine, fan

    app.add_middleware(BodyLimit, limit=MAX_BODY)  # 413 over 2 MiB (a plain ASGI middleware: cheap)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    def current_user(request: Request):
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise HTTPException(401, "missing bearer token")
        with engine.connect() as conn:
            user = auth.user_for_token(conn, header[7:].strip())
        if user is None:
            raise HTTPException(401, "invalid or expired token")
        return user

    Me = Annotated[object, Depends(current_user)]

    def audit(conn, user, action: str, detail: dict) -> None:
        conn.execute(insert(audit_log).values(company_id=user.company_id, actor_id=user.id, action=action,
                                              detail=detail, at=time.time()))

    def mail(to: str, subject: str, body: str) -> None:
        # Embedded default: no SMTP server, so mail goes to a folder an operator can read.
        outbox = data_dir / "outbox-mail"
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"{time.time_ns()}.eml"
        path.write_text(f"To: {to}\nSubject: {subject}\n\n{body}\n", encoding="utf-8")
        log.info("mail to %s written to %s", to, path)

    add_profile_routes(app, engine, current_user, mail, audit, fan, public_url, throttle)
    add_user_routes(app, engine, current_user, audit, mail, fan, data_dir)
    device_contacts = add_team_routes(app, engine, current_user, audit, fan, tombstone_retention)
    add_attachment_routes(app, engine, current_user, audit, data_dir)
    add_logo_routes(app, engine, current_user, audit, data_dir)
    add_permission_routes(app, engine, current_user, audit)
    add_crm_routes(app, engine, current_user, audit)
    add_call_report_routes(app, engine, current_user)

    sign_ins = asyncio.Semaphore(SIGN_INS_AT_ONCE)

    @app.post("/api/v1/register", response_model=Tokens, status_code=201)
    async def register(body: RegisterCompany) -> Tokens:
        async with sign_ins:
            return await run_in_threadpool(_register, body)

    @app.post("/api/v1/login", response_model=Tokens)
    async def login(body: Login, request: Request) -> Tokens:
        async with sign_ins:
            return await run_in_threadpool(_login, body, request.client.host if request.client else "?")

    # argon2 runs outside every transaction here: one hash inside SQLite's write lock stalled every
    # other writer of every company for its whole duration.
    def _register(body: RegisterCompany) -> Tokens:
        password_hash = auth.hash_password(body.password)
        try:
            with writer(engine) as conn:
                cid = conn.execute(insert(companies).values(name=body.company, created=time.time())
                                   ).inserted_primary_key[0]
                uid = conn.execute(insert(users).values(
                    company_id=cid, email=body.email, name=body.name, is_admin=True, permissions=[],
                    password_hash=password_hash, disabled=False, hidden=False)
                ).inserted_primary_key[0]
                return Tokens(**auth.issue_tokens(conn, uid))
        except IntegrityError:
            raise HTTPException(409, "e-mail already registered") from None

    def _login(body: Login, host: str) -> Tokens:
        account, address = f"login:{body.email}", f"login-addr:{host}"
        if not throttle.allow((account, *LOGIN_PER_ACCOUNT), (address, *LOGIN_PER_ADDRESS)):
            raise HTTPException(429, "too many failed logins; try again later")
        with engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.email == body.email)).first()
        # An unknown account checks a dummy hash: the answer takes as long as a wrong password.
        if not auth.verify_password(row.password_hash if row is not None else None, body.password):
            raise HTTPException(401, "wrong e-mail or password")
        if row.disabled:  # only told to who knows the password
            raise HTTPException(403, "this account is disabled")
        throttle.forgive(account, address)
        with writer(engine) as conn:  # disabled or deleted while the password was being checked?
            now = conn.execute(select(users.c.disabled).where(users.c.id == row.id)).first()
            if now is None:
                raise HTTPException(401, "wrong e-mail or password")
            if now.disabled:
                raise HTTPException(403, "this account is disabled")
            return Tokens(**auth.issue_tokens(conn, row.id))

    @app.post("/api/v1/refresh", response_model=Tokens)
    def refresh(body: Refresh) -> Tokens:
        with writer(engine) as conn:
            user = auth.user_for_token(conn, body.refresh_token, kind="refresh")
            if user is None:
                raise HTTPException(401, "invalid or expired refresh token")
            auth.revoke(conn, body.refresh_token)  # rotation: each refresh token works once
            return Tokens(**auth.issue_tokens(conn, user.id, auth.session_of(body.refresh_token)))

    @app.post("/api/v1/logout", status_code=204)
    def logout(me: Me, request: Request, everywhere: bool = False) -> None:
        """Sign out this session (the caller's tokens and their refreshes); `everywhere=true`:
        every session of the user, on every computer."""
        token = request.headers.get("authorization", "")[7:].strip()
        with writer(engine) as conn:
            if everywhere:
                auth.revoke_all(conn, me.id)
            else:
                auth.revoke_session(conn, me.id, token)
        session = None if everywhere else (auth.session_of(token) or "")
        fan.close_user_threadsafe(me.id, CLOSE_SIGNED_OUT, "signed out", session=session)

    @app.post("/api/v1/password", status_code=204)
    def change_password(body: ChangePassword, me: Me) -> None:
        if not throttle.allow((f"password:{me.id}", *PASSWORD_CHANGE_PER_USER)):
            raise HTTPException(429, "too many wrong passwords; try again later")
        if not auth.verify_password(me.password_hash, body.old_password):
            raise HTTPException(403, "old password is wrong")
        password_hash = auth.hash_password(body.new_password)
        with writer(engine) as conn:
            auth.set_password(conn, me.id, password_hash)
        fan.close_user_threadsafe(me.id, CLOSE_SIGNED_OUT, "password changed")

    @app.get("/api/v1/me", response_model=User)
    def me_(me: Me) -> User:
        return _user_out(me)

    directory_rate = RateLimit(DIRECTORY_RATE, 60.0)

    @app.get("/api/v1/directory", response_model=list[User | NameCard], responses={
        429: {"description": f"more than {DIRECTORY_RATE} searches in a minute by this user"}})
    def directory(me: Me, q: Annotated[str, Query(min_length=1, max_length=100)]) -> list[User | NameCard]:
        """The caller's company by name or e-mail; other companies' visible users by name only, as
        name cards, and only for searches of at least OUTSIDE_MIN_CHARS characters (so nobody lists
        them all); `%`, `_` and `\\` in q match themselves."""
        if not directory_rate.allow(me.id):
            raise HTTPException(429, f"at most {DIRECTORY_RATE} directory searches a minute; try again shortly")
        needle = q.strip().lower()
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        name_matches = func.lower(users.c.name).like(pattern, escape="\\")
        found = and_(users.c.company_id == me.company_id,
                     or_(name_matches, func.lower(users.c.email).like(pattern, escape="\\")))
        if len(needle) >= OUTSIDE_MIN_CHARS:
            found = or_(found, and_(users.c.company_id != me.company_id, users.c.hidden.is_(False), name_matches))
        with engine.connect() as conn:
            rows = conn.execute(select(users).where(found, users.c.disabled.is_(False))
                                .order_by(users.c.id).limit(50)).all()
        return [_user_out(r) if r.company_id == me.company_id else NameCard(id=r.id, company_id=r.company_id,
                                                                              name=r.name) for r in rows]

    msg_writer = add_message_routes(app, engine, current_user, fan, data_dir / "attachments")
    ws_reads = WsReads(engine)
    last_seen = LastSeen(engine)  # written in batches: a closing socket never waits for the database

    @app.post("/api/v1/sync/mutations", response_model=list[MutationResult])
    def mutate(body: MutationBatch, me: Me) -> list[MutationResult]:
        results = [apply_mutation(engine, me, m) for m in body.mutations]
        wake = getattr(app.state, "reminder_wake", None)
        if wake is not None and fan.loop is not None and any(m.entity in ("crm_record", "appointment")
                                                                  for m in body.mutations):
            fan.loop.call_soon_threadsafe(wake.set)  # a CRM or appointment reminder may have been set: re-plan
        top = max((r.version or 0 for r in results), default=0)
        if any(r.status == "conflict" or r.reason == "deleted" for r in results):
            with engine.connect() as conn:  # a lost change is a feed entry of its own, after the row's seq
                top = max(top, head_seq(conn))
        if top:
            fan.send_company_threadsafe(me.company_id, {"type": "changed", "seq": top})
        return results

    @app.get("/api/v1/sync/changes", response_model=ChangeFeed)
    def changes(me: Me, since: Annotated[int, Query(ge=0, le=2**62)] = 0,
                limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> ChangeFeed:
        with engine.connect() as conn:
            return changes_since(conn, me, since, limit)

    @app.get("/api/v1/sip/credentials")
    def sip_credentials(me: Me) -> dict:
        # The time-limited username + HMAC-SHA1 password Kamailio auth_ephemeral and coturn
        # use-auth-secret verify with only the shared secret.
        expires = int(time.time()) + 86400
        username = f"{expires}:{me.id}"
        password = base64.b64encode(hmac.new(sip_secret.encode(), username.encode(), hashlib.sha1).digest())
        return {"username": username, "password": password.decode(), "expires": expires, "ttl": 86400,
                "domain": sip_domain or None, **network_info()}

    def network_info() -> dict:
        # where clients find the registrar and the media relays (the same HMAC credential signs
        # in to the TURN servers); public: the network test asks before anyone signs in
        return {"registrar": f"sip:{sip_domain}" if sip_domain else None,
                "turn": list(turn_servers or []), "stun": list(stun_servers or [])}

    @app.get("/api/v1/network")
    def network() -> dict:
        return {"domain": sip_domain or None, **network_info()}

    @app.websocket("/api/v1/ws")
    async def ws_endpoint(ws: WebSocket, token: str = "", since_message: Annotated[int, Query(ge=0, le=2**62)] = 0) -> None:
        fan.loop = asyncio.get_running_loop()
        user, contacts = await ws_reads.login(token)  # batched with other sockets' (one thread hop)
        if user is None:
            # accept first: a close before the handshake would be an HTTP 403 with no code or reason
            await ws.accept()
            await ws.close(code=4401, reason="invalid or expired token")
            return
        for other in contacts:
            fan.links.setdefault(user.id, set()).add(other)
            fan.links.setdefault(other, set()).add(user.id)
        await ws.accept()
        await fan.attach(user.id, user.company_id, ws)
        try:
            snapshot = [fan.presence_event(u) for u in fan.visible_peers(user.id)]
            await ws.send_text(json.dumps({"type": "hello", "user_id": user.id, "presence": snapshot}))
            # Backlog after the client's cursor; live ones may repeat it, the client drops ids it has.
            for m in await ws_reads.backlog(user.id, since_message):
                await ws.send_text(json.dumps({"type": "message", "message": m}))
            window, count = time.monotonic(), 0
            while True:
                frame = await ws.receive()
                if frame["type"] == "websocket.disconnect":
                    break
                text = frame.get("text")
                if text is None:
                    await ws.close(code=1003, reason="binary frames are not accepted; send JSON text")
                    break
                now = time.monotonic()
                if now - window >= 1.0:
                    window, count = now, 0
                count += 1
                if count > WS_RATE:
                    await ws.close(code=1008, reason="rate limit")
                    break
                if not await _handle(ws, user, token, text):
                    break
        except WebSocketDisconnect:
            pass
        finally:
            await device_contacts.drop(ws)
            await fan.detach(user.id, ws)
            if user.id not in fan.conns:
                last_seen.mark(user.id)

    app.ws_handler = ws_endpoint

    async def _send(ws: WebSocket, token: str, message) -> None:
        """WS `send`: the HTTP send's path (same writer, same client_id idempotency)."""
        client_id = message.get("client_id") if isinstance(message, dict) else None
        try:
            body = SendMessage.model_validate(message)
            stored = await msg_writer.send(token, body)
        except ValidationError as exc:
            err = exc.errors()[0]
            reason = f"{'.'.join(str(x) for x in err['loc']) or 'message'}: {err['msg']}"
            await ws.send_text(json.dumps({"type": "error", "client_id": client_id, "reason": reason}))
            return
        except HTTPException as exc:
            await ws.send_text(json.dumps({"type": "error", "client_id": client_id, "reason": exc.detail}))
            return
        await ws.send_text(json.dumps({"type": "sent", "client_id": body.client_id, "message": stored}))

    async def _handle(ws: WebSocket, user, token: str, text: str) -> bool:
        """Act on one client frame; False when the socket was closed."""
        try:
            event = strictjson.loads(text)
        except strictjson.BadJson as exc:
            if exc.nested:
                await ws.close(code=1007, reason=exc.reason)
                return False
            await ws.send_text(json.dumps({"type": "error", "reason": exc.reason}))
            return True
        if not isinstance(event, dict):
            await ws.send_text(json.dumps({"type": "error", "reason": "expected a JSON object"}))
            return True
        if event.get("type") == "presence":
            status, note = event.get("status"), event.get("note", "")
            if status not in ("online", "away", "busy", "dnd", "invisible") or not isinstance(note, str) \
                    or len(note) > 200:
                await ws.send_text(json.dumps({"type": "error", "reason": "bad presence"}))
                return True
            await fan.set_status(user.id, ws, status, note)
        elif event.get("type") == "sip_contact":
            if reason := await device_contacts.publish(ws, user.id, event.get("uri")):
                await ws.send_text(json.dumps({"type": "error", "reason": reason}))
        elif event.get("type") == "send":
            await _send(ws, token, event.get("message"))
        elif event.get("type") == "ping":
            await ws.send_text(json.dumps({"type": "pong"}))
        else:
            await ws.send_text(json.dumps({"type": "error", "reason": "unknown message type"}))
        return True

    return app
