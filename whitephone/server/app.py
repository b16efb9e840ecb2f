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
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import (
    AddUser,
    ChangeFeed,
    ChangePassword,
    Login,
    MutationBatch,
    MutationResult,
    Refresh,
    RegisterCompany,
    Tokens,
    User,
)
from whitephone.server import auth
from whitephone.server.db import audit_log, companies, open_engine, users, writer
from whitephone.server.fanout import Fanout
from whitephone.server.lastseen import LastSeen
from whitephone.server.limits import BodyLimit
from whitephone.server.messaging import add_message_routes
from whitephone.server.resync import DEFAULT_RETENTION
from whitephone.server.routes_attachments import add_attachment_routes
from whitephone.server.routes_logo import add_logo_routes
from whitephone.server.routes_permissions import add_permission_routes
from whitephone.server.routes_profile import add_profile_routes
from whitephone.server.sync import apply_mutation, changes_since
from whitephone.server.team import add_team_routes, team_tasks
from whitephone.server.wsfast import HubApp
from whitephone.server.wsreads import WsReads

log = logging.getLogger(__name__)
MAX_BODY = 2 * 1024 * 1024
PathId = Annotated[int, PathParam(ge=1, le=2**62)]
WS_RATE = 20  # messages per second per connection


def _user_out(r) -> User:
    return User(id=r.id, company_id=r.company_id, email=r.email, name=r.name, is_admin=r.is_admin,
                disabled=r.disabled, hidden=r.hidden, permissions=list(r.permissions or []), last_seen=r.last_seen)


def create_app(db_url: str, data_dir: Path, sip_secret: str = "change-me",
               public_url: str = "http://127.0.0.1:8765", tombstone_retention: float = DEFAULT_RETENTION) -> FastAPI:
    """Build the hub for one database; `data_dir` holds the mail outbox; tombstones of deleted
    sync rows are purged after `tombstone_retention` seconds."""
    engine = open_engine(db_url)
    fan = Fanout()
    throttle = auth.LoginThrottle()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        fan.loop = asyncio.get_running_loop()
        if db_url.startswith("postgresql"):
            from whitephone.server.pgbus import PgBus

            fan.bus = await asyncio.to_thread(PgBus, db_url, fan.on_bus)
        async with team_tasks(_app):  # reminders, tombstone purge, SIP contact heartbeat
            yield
        await asyncio.to_thread(msg_writer.stop)
        await last_seen.flush()
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

    def require(user, perm: str) -> None:
        if not (user.is_admin or perm in (user.permissions or [])):
            raise HTTPException(403, f"needs the {perm!r} permission")

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

    add_profile_routes(app, engine, current_user, mail, audit, fan, public_url)
    device_contacts = add_team_routes(app, engine, current_user, audit, fan, tombstone_retention)
    add_attachment_routes(app, engine, current_user, audit, data_dir)
    add_logo_routes(app, engine, current_user, audit, data_dir)
    add_permission_routes(app, engine, current_user, audit)

    @app.post("/api/v1/register", response_model=Tokens, status_code=201)
    def register(body: RegisterCompany) -> Tokens:
        try:
            with writer(engine) as conn:
                cid = conn.execute(insert(companies).values(name=body.company, created=time.time())
                                   ).inserted_primary_key[0]
                uid = conn.execute(insert(users).values(
                    company_id=cid, email=body.email, name=body.name, is_admin=True, permissions=[],
                    password_hash=auth.hash_password(body.password), disabled=False, hidden=False)
                ).inserted_primary_key[0]
                return Tokens(**auth.issue_tokens(conn, uid))
        except IntegrityError:
            raise HTTPException(409, "e-mail already registered") from None

    @app.post("/api/v1/login", response_model=Tokens)
    def login(body: Login, request: Request) -> Tokens:
        keys = (f"acct:{body.email}", f"addr:{request.client.host if request.client else '?'}")
        if throttle.blocked(*keys):
            raise HTTPException(429, "too many failed logins; try again later")
        with writer(engine) as conn:
            row = conn.execute(select(users).where(users.c.email == body.email)).first()
            if row is None or not auth.verify_password(row.password_hash, body.password):
                throttle.failed(*keys)
                raise HTTPException(401, "wrong e-mail or password")
            if row.disabled:  # only told to who knows the password
                raise HTTPException(403, "this account is disabled")
            throttle.succeeded(keys[0])
            return Tokens(**auth.issue_tokens(conn, row.id))

    @app.post("/api/v1/refresh", response_model=Tokens)
    def refresh(body: Refresh) -> Tokens:
        with writer(engine) as conn:
            user = auth.user_for_token(conn, body.refresh_token, kind="refresh")
            if user is None:
                raise HTTPException(401, "invalid or expired refresh token")
            auth.revoke(conn, body.refresh_token)  # rotation: each refresh token works once
            return Tokens(**auth.issue_tokens(conn, user.id))

    @app.post("/api/v1/logout", status_code=204)
    def logout(me: Me, request: Request) -> None:
        with writer(engine) as conn:
            auth.revoke_all(conn, me.id)

    @app.post("/api/v1/password", status_code=204)
    def change_password(body: ChangePassword, me: Me) -> None:
        if not auth.verify_password(me.password_hash, body.old_password):
            raise HTTPException(403, "old password is wrong")
        with writer(engine) as conn:
            conn.execute(update(users).where(users.c.id == me.id).values(
                password_hash=auth.hash_password(body.new_password)))
            auth.revoke_all(conn, me.id)

    @app.get("/api/v1/me", response_model=User)
    def me_(me: Me) -> User:
        return _user_out(me)

    @app.get("/api/v1/users", response_model=list[User])
    def list_users(me: Me) -> list[User]:
        with engine.connect() as conn:
            rows = conn.execute(select(users).where(users.c.company_id == me.company_id).order_by(users.c.id))
            return [_user_out(r) for r in rows]

    @app.post("/api/v1/users", response_model=User, status_code=201)
    def add_user(body: AddUser, me: Me) -> User:
        require(me, "users")
        try:
            with writer(engine) as conn:
                uid = conn.execute(insert(users).values(
                    company_id=me.company_id, email=body.email, name=body.name, is_admin=False,
                    permissions=sorted(set(body.permissions)), password_hash=auth.hash_password(body.password),
                    disabled=False, hidden=False)).inserted_primary_key[0]
                audit(conn, me, "add_user", {"user_id": uid, "email": body.email})
                row = conn.execute(select(users).where(users.c.id == uid)).one()
        except IntegrityError:
            raise HTTPException(409, "e-mail already registered") from None
        mail(body.email, "Your WhitePhone account", f"Log in as {body.email} with the password you were given.")
        return _user_out(row)

    def _company_user(conn, me, user_id: int):
        row = conn.execute(select(users).where(users.c.id == user_id, users.c.company_id == me.company_id)).first()
        if row is None:
            raise HTTPException(404, "no such user")
        return row

    @app.post("/api/v1/users/{user_id}/disable", response_model=User)
    def disable_user(user_id: PathId, me: Me) -> User:
        require(me, "users")
        with writer(engine) as conn:
            _company_user(conn, me, user_id)
            conn.execute(update(users).where(users.c.id == user_id).values(disabled=True))
            auth.revoke_all(conn, user_id)
            audit(conn, me, "disable_user", {"user_id": user_id})
            return _user_out(conn.execute(select(users).where(users.c.id == user_id)).one())

    @app.delete("/api/v1/users/{user_id}", status_code=204)
    def remove_user(user_id: PathId, me: Me) -> None:
        require(me, "users")
        if user_id == me.id:
            raise HTTPException(400, "you cannot remove yourself")
        with writer(engine) as conn:
            _company_user(conn, me, user_id)
            auth.revoke_all(conn, user_id)
            conn.execute(delete(users).where(users.c.id == user_id))
            audit(conn, me, "remove_user", {"user_id": user_id})

    @app.get("/api/v1/directory", response_model=list[User])
    def directory(me: Me, q: Annotated[str, Query(min_length=1, max_length=100)]) -> list[User]:
        pattern = f"%{q.lower()}%"
        with engine.connect() as conn:
            rows = conn.execute(select(users).where(
                or_(func.lower(users.c.name).like(pattern), users.c.email.like(pattern)),
                or_(users.c.company_id == me.company_id, users.c.hidden.is_(False)),
                users.c.disabled.is_(False)).order_by(users.c.id).limit(50))
            out = [_user_out(r) for r in rows]
        for u in out:  # outsiders see a name card, not the other company's admin details
            if u.company_id != me.company_id:
                u.permissions, u.is_admin, u.last_seen = [], False, None
        return out

    msg_writer = add_message_routes(app, engine, current_user, fan)
    ws_reads = WsReads(engine)
    last_seen = LastSeen(engine)  # written in batches: a closing socket never waits for the database

    @app.post("/api/v1/sync/mutations", response_model=list[MutationResult])
    def mutate(body: MutationBatch, me: Me) -> list[MutationResult]:
        results = [apply_mutation(engine, me, m) for m in body.mutations]
        top = max((r.version or 0 for r in results), default=0)
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
        return {"username": username, "password": password.decode(), "expires": expires, "ttl": 86400}

    @app.websocket("/api/v1/ws")
    async def ws_endpoint(ws: WebSocket, token: str = "", since_message: Annotated[int, Query(ge=0, le=2**62)] = 0) -> None:
        fan.loop = asyncio.get_running_loop()
        user, contacts = await ws_reads.login(token)  # batched with other sockets' (one thread hop)
        if user is None:
            await ws.close(code=4401, reason="invalid token")
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
                text = await ws.receive_text()
                now = time.monotonic()
                if now - window >= 1.0:
                    window, count = now, 0
                count += 1
                if count > WS_RATE:
                    await ws.close(code=1008, reason="rate limit")
                    break
                await _handle(ws, user, text)
        except WebSocketDisconnect:
            pass
        finally:
            await device_contacts.drop(ws)
            await fan.detach(user.id, ws)
            if user.id not in fan.conns:
                last_seen.mark(user.id)

    app.ws_handler = ws_endpoint

    async def _handle(ws: WebSocket, user, text: str) -> None:
        try:
            event = json.loads(text)
        except ValueError:
            event = None
        if not isinstance(event, dict):
            await ws.send_text(json.dumps({"type": "error", "reason": "expected a JSON object"}))
            return
        if event.get("type") == "presence":
            status, note = event.get("status"), event.get("note", "")
            if status not in ("online", "away", "busy", "dnd", "invisible") or not isinstance(note, str) \
                    or len(note) > 200:
                await ws.send_text(json.dumps({"type": "error", "reason": "bad presence"}))
                return
            await fan.set_status(user.id, ws, status, note)
        elif event.get("type") == "sip_contact":
            if reason := await device_contacts.publish(ws, user.id, event.get("uri")):
                await ws.send_text(json.dumps({"type": "error", "reason": reason}))
        elif event.get("type") == "ping":
            await ws.send_text(json.dumps({"type": "pong"}))
        else:
            await ws.send_text(json.dumps({"type": "error", "reason": "unknown message type"}))

    return app
