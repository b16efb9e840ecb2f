"""Password hashing (argon2id), hashed bearer tokens and login throttling."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections import defaultdict, deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from whitephone.server.db import tokens, users

ACCESS_TTL = 900.0
REFRESH_TTL = 30 * 86400.0
_hasher = PasswordHasher()  # argon2id with the library's current parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    # Tokens are long random strings, so one SHA-256 is enough; the DB never holds a usable token.
    return hashlib.sha256(token.encode()).hexdigest()


def issue_tokens(conn: Connection, user_id: int) -> dict:
    now = time.time()
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(insert(tokens), [
        {"token_hash": _digest(access), "user_id": user_id, "kind": "access", "expires": now + ACCESS_TTL},
        {"token_hash": _digest(refresh), "user_id": user_id, "kind": "refresh", "expires": now + REFRESH_TTL},
    ])
    return {"access_token": access, "refresh_token": refresh, "expires_in": int(ACCESS_TTL)}


def user_for_token(conn: Connection, token: str, kind: str = "access"):
    """The enabled user row a valid token belongs to, or None."""
    row = conn.execute(
        select(users).join(tokens, tokens.c.user_id == users.c.id).where(
            tokens.c.token_hash == _digest(token), tokens.c.kind == kind, tokens.c.expires > time.time())
    ).first()
    if row is None or row.disabled:
        return None
    return row


def revoke(conn: Connection, token: str) -> None:
    conn.execute(delete(tokens).where(tokens.c.token_hash == _digest(token)))


def revoke_all(conn: Connection, user_id: int) -> None:
    conn.execute(delete(tokens).where(tokens.c.user_id == user_id))


class LoginThrottle:
    """At most `limit` failed logins per account and per address within `window` seconds."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._fails: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        q = self._fails[key]
        cutoff = time.monotonic() - self.window
        while q and q[0] < cutoff:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        return any(len(self._recent(k)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        for k in keys:
            self._recent(k).append(now)

    def succeeded(self, account_key: str) -> None:
        self._fails.pop(account_key, None)
