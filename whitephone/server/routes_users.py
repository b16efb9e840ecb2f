"""A company's users: list, add, disable, enable, delete.

Nobody gives more than they have: a user with the `users` permission grants only permissions they
hold, only an admin may disable, enable or delete an admin, and the last enabled admin of a
company cannot be disabled or deleted (the company would have no way back). Every change is in
the audit log. Disabling or deleting a user closes their open WebSockets at once.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from fastapi import Path as PathParam
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from whitephone.protocol import AddUser, User
from whitephone.server import auth
from whitephone.server.accounts import forget_user
from whitephone.server.db import companies, users, writer
from whitephone.server.fanout import CLOSE_ACCOUNT, Fanout

PathId = Annotated[int, PathParam(ge=1, le=2**62)]


def user_out(r) -> User:
    return User(id=r.id, company_id=r.company_id, email=r.email, name=r.name, is_admin=r.is_admin,
                disabled=r.disabled, hidden=r.hidden, permissions=list(r.permissions or []), last_seen=r.last_seen)


def add_user_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable, mail: Callable,
                    fan: Fanout, data_dir: Path) -> None:
    Me = Annotated[object, Depends(current_user)]

    def require_users(me) -> None:
        if not (me.is_admin or "users" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'users' permission")

    def target(conn, me, user_id: int, action: str):
        """The company's user `user_id`, with the company row locked so that two admins changing
        each other at once are decided one after the other (the last-admin rule)."""
        conn.execute(select(companies.c.id).where(companies.c.id == me.company_id).with_for_update())
        row = conn.execute(select(users).where(users.c.id == user_id, users.c.company_id == me.company_id)).first()
        if row is None:
            raise HTTPException(404, "no such user")
        if row.is_admin and not me.is_admin:
            raise HTTPException(403, f"only an admin may {action} an admin")
        return row

    def keep_an_admin(conn, row, action: str) -> None:
        if not row.is_admin or row.disabled:
            return
        enabled = conn.execute(select(func.count()).select_from(users).where(
            users.c.company_id == row.company_id, users.c.is_admin.is_(True), users.c.disabled.is_(False))).scalar()
        if enabled <= 1:
            raise HTTPException(409, f"cannot {action} the last enabled admin of the company")

    @app.get("/api/v1/users", response_model=list[User])
    def list_users(me: Me) -> list[User]:
        with engine.connect() as conn:
            rows = conn.execute(select(users).where(users.c.company_id == me.company_id).order_by(users.c.id))
            return [user_out(r) for r in rows]

    @app.post("/api/v1/users", response_model=User, status_code=201)
    def add_user(body: AddUser, me: Me) -> User:
        require_users(me)
        wanted = sorted(set(body.permissions))
        if not me.is_admin and (beyond := [p for p in wanted if p not in (me.permissions or [])]):
            raise HTTPException(403, f"you can grant only permissions you hold (not {', '.join(beyond)})")
        password_hash = auth.hash_password(body.password)  # argon2 outside the write transaction
        try:
            with writer(engine) as conn:
                uid = conn.execute(insert(users).values(
                    company_id=me.company_id, email=body.email, name=body.name, is_admin=False,
                    permissions=wanted, password_hash=password_hash, disabled=False, hidden=False)
                ).inserted_primary_key[0]
                audit(conn, me, "add_user", {"user_id": uid, "email": body.email, "permissions": wanted})
                row = conn.execute(select(users).where(users.c.id == uid)).one()
        except IntegrityError:
            raise HTTPException(409, "e-mail already registered") from None
        mail(body.email, "Your WhitePhone account", f"Log in as {body.email} with the password you were given.")
        return user_out(row)

    def set_disabled(user_id: int, me, disabled: bool) -> User:
        require_users(me)
        action = "disable" if disabled else "enable"
        with writer(engine) as conn:
            row = target(conn, me, user_id, action)
            if disabled:
                keep_an_admin(conn, row, action)
                auth.revoke_all(conn, user_id)
            conn.execute(update(users).where(users.c.id == user_id).values(disabled=disabled))
            audit(conn, me, f"{action}_user", {"user_id": user_id, "email": row.email})
            out = user_out(conn.execute(select(users).where(users.c.id == user_id)).one())
        if disabled:
            fan.close_user_threadsafe(user_id, CLOSE_ACCOUNT, "account disabled")
        return out

    @app.post("/api/v1/users/{user_id}/disable", response_model=User)
    def disable_user(user_id: PathId, me: Me) -> User:
        return set_disabled(user_id, me, True)

    @app.post("/api/v1/users/{user_id}/enable", response_model=User)
    def enable_user(user_id: PathId, me: Me) -> User:
        return set_disabled(user_id, me, False)

    @app.delete("/api/v1/users/{user_id}", status_code=204)
    def remove_user(user_id: PathId, me: Me) -> None:
        require_users(me)
        if user_id == me.id:
            raise HTTPException(400, "you cannot remove yourself")
        with writer(engine) as conn:
            row = target(conn, me, user_id, "delete")
            keep_an_admin(conn, row, "delete")
            uploads = forget_user(conn, user_id)
            audit(conn, me, "remove_user", {"user_id": user_id, "email": row.email})
        fan.close_user_threadsafe(user_id, CLOSE_ACCOUNT, "account deleted", forget=True)
        for company_id, attachment_id in uploads:  # same layout as routes_attachments' path_of
            (data_dir / "attachments" / str(company_id) / str(attachment_id)).unlink(missing_ok=True)
