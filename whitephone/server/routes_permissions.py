"""Changing an existing user's permissions (seed 000 "Changing User Permissions"):
`PUT /api/v1/users/{id}/permissions {permissions}`. Needs `users`; a non-admin may give or take
away only permissions they hold themselves (the rule of adding a user); an admin's permissions are
all of them and not set here; nobody changes their own. The change holds from the user's next
request (the hub reads permissions with the token) and is audited.

No `from __future__ import annotations`: FastAPI must resolve the closure-local dependency types.
"""

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException
from fastapi import Path as PathParam
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from whitephone.protocol import Strict, User
from whitephone.server.db import users, writer

PathId = Annotated[int, PathParam(ge=1, le=2**62)]
Permission = Literal["logo", "company", "products", "users", "pstn", "announcements", "crm_admin", "reports"]


class SetPermissions(Strict):
    permissions: list[Permission]


def add_permission_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable) -> None:
    Me = Annotated[object, Depends(current_user)]

    @app.put("/api/v1/users/{user_id}/permissions", response_model=User)
    def set_permissions(user_id: PathId, body: SetPermissions, me: Me) -> User:
        if not (me.is_admin or "users" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'users' permission")
        if user_id == me.id:
            raise HTTPException(400, "you cannot change your own permissions")
        wanted = sorted(set(body.permissions))
        with writer(engine) as conn:
            row = conn.execute(select(users).where(users.c.id == user_id, users.c.company_id == me.company_id)
                               ).first()
            if row is None:
                raise HTTPException(404, "no such user")
            if row.is_admin:
                raise HTTPException(400, "an admin holds every permission")
            before = sorted(row.permissions or [])
            changed = set(before) ^ set(wanted)
            if not me.is_admin and (beyond := sorted(changed - set(me.permissions or []))):
                raise HTTPException(403, f"you can grant or remove only permissions you hold (not {', '.join(beyond)})")
            if changed:
                conn.execute(update(users).where(users.c.id == user_id).values(permissions=wanted))
                audit(conn, me, "set_permissions", {"user_id": user_id, "before": before, "after": wanted})
            r = conn.execute(select(users).where(users.c.id == user_id)).one()
        return User(id=r.id, company_id=r.company_id, email=r.email, name=r.name, is_admin=r.is_admin,
                    disabled=r.disabled, hidden=r.hidden, permissions=list(r.permissions or []),
                    last_seen=r.last_seen)
