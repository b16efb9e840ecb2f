"""Profiles, company details, forgotten passwords and contact requests."""

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Path, Request, Response
from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Engine

from whitephone.protocol import (
    Company,
    CompanyUpdate,
    ContactRequest,
    ForgotPassword,
    NewContactRequest,
    Profile,
    ProfileUpdate,
    ResetPassword,
)
from whitephone.protocol.media import DEFAULT_SECONDS
from whitephone.server import auth
from whitephone.server.db import companies, contact_requests, password_resets, users, writer
from whitephone.server.fanout import CLOSE_SIGNED_OUT, Fanout

RESET_TTL = 3600.0
CONTACT_REQUESTS_PER_HOUR = 20  # per sender: enough for people, too few to spam a company
# Reset mails, counted per e-mail address asked for (known or not: the answer must not tell) and
# per client address: (limit, window seconds).
FORGOT_PER_ACCOUNT = (3, 3600.0)
FORGOT_PER_ADDRESS = (10, 3600.0)
PathId = Annotated[int, Path(ge=1, le=2**62)]


def accepted_contacts(conn, user_id: int) -> set[int]:
    rows = conn.execute(select(contact_requests.c.from_id, contact_requests.c.to_id).where(
        contact_requests.c.status == "accepted",
        or_(contact_requests.c.from_id == user_id, contact_requests.c.to_id == user_id)))
    return {a if b == user_id else b for a, b in rows}


def add_profile_routes(app: FastAPI, engine: Engine, current_user: Callable, mail: Callable,
                       audit: Callable, fan: Fanout, public_url: str, throttle: auth.Throttle) -> None:
    Me = Annotated[object, Depends(current_user)]

    def _profile(r) -> Profile:
        return Profile(id=r.id, name=r.name, email=r.email, region=r.region, timezone=r.timezone,
                       hidden=r.hidden, preferences=r.preferences or {})

    @app.get("/api/v1/profile", response_model=Profile)
    def get_profile(me: Me) -> Profile:
        return _profile(me)

    @app.patch("/api/v1/profile", response_model=Profile)
    def update_profile(body: ProfileUpdate, me: Me) -> Profile:
        values = body.model_dump(exclude_none=True)
        with writer(engine) as conn:
            if values:
                conn.execute(update(users).where(users.c.id == me.id).values(**values))
            return _profile(conn.execute(select(users).where(users.c.id == me.id)).one())

    def _company(r) -> Company:
        return Company(id=r.id, name=r.name, regions=r.regions or [],
                       voice_mail_seconds=r.voice_mail_seconds or DEFAULT_SECONDS)

    @app.get("/api/v1/company", response_model=Company)
    def get_company(me: Me) -> Company:
        with engine.connect() as conn:
            r = conn.execute(select(companies).where(companies.c.id == me.company_id)).one()
        return _company(r)

    @app.patch("/api/v1/company", response_model=Company)
    def update_company(body: CompanyUpdate, me: Me) -> Company:
        if body.name is not None and not (me.is_admin or "company" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'company' permission")
        if body.regions is not None and not (me.is_admin or "products" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'products' permission")
        if body.voice_mail_seconds is not None and not me.is_admin:
            raise HTTPException(403, "only company admins may change the longest voice and video mail")
        values = body.model_dump(exclude_none=True)
        with writer(engine) as conn:
            if values:
                conn.execute(update(companies).where(companies.c.id == me.company_id).values(**values))
                audit(conn, me, "update_company", values)
            r = conn.execute(select(companies).where(companies.c.id == me.company_id)).one()
        return _company(r)

    @app.post("/api/v1/password/forgot", status_code=202)
    def forgot(body: ForgotPassword, request: Request) -> dict:
        address = request.client.host if request.client else "?"
        if not throttle.allow((f"forgot:{body.email}", *FORGOT_PER_ACCOUNT),
                              (f"forgot-addr:{address}", *FORGOT_PER_ADDRESS)):
            raise HTTPException(429, "too many reset requests; try again later")
        # Same answer whether or not the address exists, so it cannot be used to probe accounts.
        with writer(engine) as conn:
            conn.execute(delete(password_resets).where(password_resets.c.expires < time.time()))
            row = conn.execute(select(users).where(users.c.email == body.email)).first()
            if row is not None and not row.disabled:
                token = secrets.token_urlsafe(32)
                conn.execute(insert(password_resets).values(
                    token_hash=hashlib.sha256(token.encode()).hexdigest(), user_id=row.id,
                    expires=time.time() + RESET_TTL))
                mail(body.email, "Reset your WhitePhone password",
                     f"Open {public_url}/reset-password?token={token} within an hour to choose a new password.")
        return {"detail": "if the address is registered, a reset link was sent"}

    @app.post("/api/v1/password/reset", status_code=204)
    def reset(body: ResetPassword) -> None:
        digest = hashlib.sha256(body.token.encode()).hexdigest()
        valid = (password_resets.c.token_hash == digest) & (password_resets.c.expires >= time.time())
        with engine.connect() as conn:
            row = conn.execute(select(password_resets).where(valid)).first()
        if row is None:
            raise HTTPException(400, "reset link is invalid or expired")
        password_hash = auth.hash_password(body.new_password)  # outside the write transaction
        with writer(engine) as conn:
            if not conn.execute(delete(password_resets).where(valid)).rowcount:  # single use, even when raced
                raise HTTPException(400, "reset link is invalid or expired")
            auth.set_password(conn, row.user_id, password_hash)  # voids the user's other reset links too
        fan.close_user_threadsafe(row.user_id, CLOSE_SIGNED_OUT, "password changed")

    @app.post("/api/v1/contact-requests", response_model=ContactRequest, status_code=201, responses={
        200: {"description": "a request to this user is already pending: that one", "model": ContactRequest},
        409: {"description": "already contacts, or they asked you first (accept theirs)"},
        429: {"description": f"more than {CONTACT_REQUESTS_PER_HOUR} requests in an hour by this user"}})
    def request_contact(body: NewContactRequest, me: Me, response: Response) -> ContactRequest:
        if body.to == me.id:
            raise HTTPException(400, "cannot add yourself")
        with writer(engine) as conn:
            # The sender's row lock serialises their requests across hub processes (PostgreSQL; on
            # SQLite the writer lock does), so the duplicate check and the count below hold.
            conn.execute(select(users.c.id).where(users.c.id == me.id).with_for_update())
            target = conn.execute(select(users).where(users.c.id == body.to, users.c.disabled.is_(False))).first()
            if target is None or (target.hidden and target.company_id != me.company_id):
                raise HTTPException(404, "no such user")
            between = or_(and_(contact_requests.c.from_id == me.id, contact_requests.c.to_id == body.to),
                          and_(contact_requests.c.from_id == body.to, contact_requests.c.to_id == me.id))
            for r in conn.execute(select(contact_requests).where(
                    between, contact_requests.c.status.in_(("pending", "accepted"))).order_by(contact_requests.c.id)):
                if r.status == "accepted":
                    raise HTTPException(409, "you are already contacts")
                if r.from_id == body.to:
                    raise HTTPException(409, f"they asked you first: accept request {r.id}")
                response.status_code = 200
                return ContactRequest(id=r.id, from_id=r.from_id, to_id=r.to_id, status=r.status)
            sent = conn.execute(select(func.count()).select_from(contact_requests).where(
                contact_requests.c.from_id == me.id, contact_requests.c.created > time.time() - 3600)).scalar()
            if sent >= CONTACT_REQUESTS_PER_HOUR:
                raise HTTPException(429, f"at most {CONTACT_REQUESTS_PER_HOUR} contact requests an hour; "
                                         "try again later")
            rid = conn.execute(insert(contact_requests).values(
                from_id=me.id, to_id=body.to, status="pending", created=time.time())).inserted_primary_key[0]
        out = ContactRequest(id=rid, from_id=me.id, to_id=body.to, status="pending")
        fan.send_threadsafe([body.to], {"type": "contact_request", "request": out.model_dump()})
        return out

    @app.get("/api/v1/contact-requests", response_model=list[ContactRequest])
    def list_requests(me: Me) -> list[ContactRequest]:
        with engine.connect() as conn:
            rows = conn.execute(select(contact_requests).where(
                or_(contact_requests.c.from_id == me.id, contact_requests.c.to_id == me.id)
            ).order_by(contact_requests.c.id))
            return [ContactRequest(id=r.id, from_id=r.from_id, to_id=r.to_id, status=r.status) for r in rows]

    def _answer(request_id: int, me, status: str) -> ContactRequest:
        with writer(engine) as conn:
            cond = and_(contact_requests.c.id == request_id, contact_requests.c.to_id == me.id,
                        contact_requests.c.status == "pending")
            r = conn.execute(select(contact_requests).where(cond)).first()
            if r is None:
                raise HTTPException(404, "no such pending request")
            conn.execute(update(contact_requests).where(cond).values(status=status))
        out = ContactRequest(id=r.id, from_id=r.from_id, to_id=r.to_id, status=status)
        if status == "accepted":
            fan.link(r.from_id, r.to_id)
            # each now watches the other: tell both the other's status at once, not at its next change
            fan.send_threadsafe([r.from_id], fan.presence_event(r.to_id))
            fan.send_threadsafe([r.to_id], fan.presence_event(r.from_id))
        fan.send_threadsafe([r.from_id], {"type": "contact_request", "request": out.model_dump()})
        return out

    @app.post("/api/v1/contact-requests/{request_id}/accept", response_model=ContactRequest)
    def accept(request_id: PathId, me: Me) -> ContactRequest:
        return _answer(request_id, me, "accepted")

    @app.post("/api/v1/contact-requests/{request_id}/decline", response_model=ContactRequest)
    def decline(request_id: PathId, me: Me) -> ContactRequest:
        return _answer(request_id, me, "declined")
