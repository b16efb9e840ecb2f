"""Password hashing (argon2id), hashed bearer tokens and the throttle of logins and reset mails.

argon2 takes a few hundred milliseconds of CPU on purpose: callers hash and verify outside any
database transaction (on SQLite one write transaction stops every other writer).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from whitephone.server.db import auth_throttle, password_resets, tokens, users, writer

ACCESS_TTL = 900.0
REFRESH_TTL = 30 * 86400.0
_hasher = PasswordHasher()  # argon2id with the library's current parameters


def _yield_cpu() -> None:
    """On the argon2 threads: a lower CPU priority (Linux: per thread), so password work gives way
    to every other request when the cores are busy instead of stalling them."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass


# argon2 runs on a few threads of its own (half the cores), queued: 15 parallel registrations
# otherwise took every core and stalled all other requests for seconds.
_argon2 = ThreadPoolExecutor(max(1, (os.cpu_count() or 2) // 2), "argon2", _yield_cpu)


def hash_password(password: str) -> str:
    return _argon2.submit(_hasher.hash, password).result()


# Checked when the e-mail is unknown or the account disabled, so that answer takes as long as a
# wrong password and cannot tell which addresses have accounts.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
_count_lock = threading.Lock()
_verified = 0


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches `stored`; None (no such account) checks a dummy hash and says no."""
    global _verified
    with _count_lock:
        _verified += 1
    return _argon2.submit(_verify, stored or _DUMMY_HASH, password).result() and stored is not None


def verifications() -> int:
    """Passwords checked by this process so far (tests and benchmarks count the throttle's work)."""
    return _verified


def _digest(token: str) -> str:
    # Tokens are long random strings, so one SHA-256 is enough; the DB never holds a usable token.
    return hashlib.sha256(token.encode()).hexdigest()


def issue_tokens(conn: Connection, user_id: int, family: str | None = None) -> dict:
    """A new access and refresh token of one session (`family`: the session's id, kept across
    refreshes; a sign-in starts a new one). The session id leads each token ("<family>.<secret>"),
    so a WebSocket opened with an older access token of the session is still known as its own."""
    now = time.time()
    family = family or secrets.token_hex(8)
    access, refresh = f"{family}.{secrets.token_urlsafe(32)}", f"{family}.{secrets.token_urlsafe(32)}"
    conn.execute(insert(tokens), [
        {"token_hash": _digest(access), "user_id": user_id, "kind": "access", "expires": now + ACCESS_TTL,
         "family": family},
        {"token_hash": _digest(refresh), "user_id": user_id, "kind": "refresh", "expires": now + REFRESH_TTL,
         "family": family},
    ])
    return {"access_token": access, "refresh_token": refresh, "expires_in": int(ACCESS_TTL)}


def session_of(token: str) -> str | None:
    """The session id a token carries (None for a token issued before sessions had one)."""
    family, dot, _ = token.partition(".")
    return family if dot and family else None


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


def revoke_session(conn: Connection, user_id: int, token: str) -> None:
    """Sign out one session: the tokens issued together with `token` and their refreshes (a token
    without a session id: itself only)."""
    family = session_of(token)
    if family is None:
        revoke(conn, token)
        return
    conn.execute(delete(tokens).where(tokens.c.user_id == user_id, tokens.c.family == family))


def revoke_all(conn: Connection, user_id: int) -> None:
    conn.execute(delete(tokens).where(tokens.c.user_id == user_id))


def set_password(conn: Connection, user_id: int, password_hash: str) -> None:
    """A new password ends every session and voids every outstanding reset link of the user."""
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))
    revoke_all(conn, user_id)
    conn.execute(delete(password_resets).where(password_resets.c.user_id == user_id))


class Throttle:
    """Fixed-window counters in the database (`auth_throttle`), so they hold across restarts and
    hub processes. `allow` counts an attempt *before* the work it guards and answers whether every
    key is still within its limit: one atomic upsert per key, so 30 parallel guesses are 30 counts
    and only the first `limit` go on to a password check. Expired windows are pruned as it goes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._insert = (postgresql if engine.dialect.name == "postgresql" else sqlite).insert

    def allow(self, *limits: tuple[str, int, float]) -> bool:
        """`limits`: (key, limit, window seconds) triples; True if no key is over its limit."""
        now, ok = time.time(), True
        with writer(self.engine) as conn:
            # Rows another transaction holds are left for the next prune: waiting here could deadlock.
            expired = select(auth_throttle.c.key).where(auth_throttle.c.expires <= now).with_for_update(skip_locked=True)
            conn.execute(delete(auth_throttle).where(auth_throttle.c.key.in_(expired)))
            for key, limit, window in limits:
                ok = self._count(conn, key, window, now) <= limit and ok
        return ok

    def _count(self, conn: Connection, key: str, window: float, now: float) -> int:
        stmt = self._insert(auth_throttle).values(key=key, expires=now + window, count=1)
        expired = auth_throttle.c.expires <= now
        stmt = stmt.on_conflict_do_update(index_elements=[auth_throttle.c.key], set_={
            "count": case((expired, 1), else_=auth_throttle.c.count + 1),
            "expires": case((expired, now + window), else_=auth_throttle.c.expires)})
        return conn.execute(stmt.returning(auth_throttle.c.count)).scalar_one()

    def forgive(self, clear: str, *refund: str) -> None:
        """After a success: forget the `clear` key's attempts and take this one back from `refund`."""
        with writer(self.engine) as conn:
            conn.execute(delete(auth_throttle).where(auth_throttle.c.key == clear))
            if refund:
                conn.execute(update(auth_throttle).where(auth_throttle.c.key.in_(refund), auth_throttle.c.count > 0)
                             .values(count=auth_throttle.c.count - 1))


