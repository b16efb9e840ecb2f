"""Messages: the send path's single writer (group commit), the inbox routes and the backlog.

A send used to take two thread-pool hops (token check, then insert) and one SQLite transaction per
message, all fighting over one write lock. Now the route runs on the event loop and queues the send;
one writer thread takes everything queued so far, checks all their tokens, recipients and
attachments with one query each, inserts the whole batch in one transaction (group commit) and
hands the stored messages back to the loop in one call, which answers the requests and queues the
live deliveries in id order. While it writes one batch, the next one gathers.

On PostgreSQL the batch holds an advisory lock, so message ids commit in increasing order across hub
processes too (a client's `since_message` cursor never jumps over a message committed later).
Other processes get `(id, recipient)` pairs over the bus and read the rows themselves, so a long
body never meets NOTIFY's 8 000-byte payload limit.

No `from __future__ import annotations`: FastAPI must resolve the closure-local dependency types.
"""

import asyncio
import hashlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlalchemy.engine import Connection, Engine

from whitephone.protocol import Message, SendMessage
from whitephone.protocol.media import DEFAULT_SECONDS, describe, duration_of, timed, too_long
from whitephone.server.db import attachments, companies, message_attachments, messages, tokens, users, writer
from whitephone.server.fanout import Fanout

log = logging.getLogger(__name__)
PathId = Annotated[int, PathParam(ge=1, le=2**62)]
MESSAGE_LOCK = 424244  # PostgreSQL advisory lock held while a batch of messages commits
MAX_BATCH = 500
_KIND_MEDIA = {"voice_mail": "audio/", "video_mail": "video/"}


def lock_message_order(conn: Connection) -> None:
    """Take the lock every insert into `messages` holds until it commits (PostgreSQL; SQLite writes
    one transaction at a time): ids then commit in order, so a client's `after=<highest id seen>`
    cursor never passes a message still being written. Call it before the insert."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MESSAGE_LOCK})")


def message_dict(r, refs: list[dict] | None = None) -> dict:
    return {"id": r.id, "sender_id": r.sender_id, "recipient_id": r.recipient_id, "kind": r.kind, "body": r.body,
            "created": r.created, "read": r.read, "market_id": r.market_id, "attachments": refs or [],
            "client_id": r.client_id, "link": r.link}


def attachment_refs(conn: Connection, message_ids: list[int]) -> dict[int, list[dict]]:
    """The attachments of these messages, by message id (one query)."""
    if not message_ids:
        return {}
    out: dict[int, list[dict]] = {}
    for i in range(0, len(message_ids), 900):
        rows = conn.execute(
            select(message_attachments.c.message_id, attachments.c.id, attachments.c.content_type,
                   attachments.c.length, attachments.c.name)
            .join(attachments, attachments.c.id == message_attachments.c.attachment_id)
            .where(message_attachments.c.message_id.in_(message_ids[i:i + 900]))
            .order_by(message_attachments.c.message_id, attachments.c.id))
        for r in rows:
            out.setdefault(r.message_id, []).append(
                {"id": r.id, "content_type": r.content_type, "length": r.length, "name": r.name})
    return out


def load_messages(conn: Connection, where, limit: int | None = None) -> list[dict]:
    stmt = select(messages).where(*where).order_by(messages.c.id)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = conn.execute(stmt).all()
    refs = attachment_refs(conn, [r.id for r in rows])
    return [message_dict(r, refs.get(r.id)) for r in rows]


def _length_fault(kind: str, media: list, limit: int) -> str | None:
    """Why a voice or video mail's recordings break the company's longest voice mail, or None."""
    what = "voice mail" if kind == "voice_mail" else "video mail"
    for f in media:
        if f.duration is None:
            return (f"the length of this {what} cannot be read from its file (attachment {f.id}); "
                    "send Ogg Opus, WAV or MP4")
        if too_long(f.duration, limit):
            return (f"this {what} is {describe(f.duration)} long; this company allows at most "
                    f"{describe(limit)} ({limit} s)")
    return None


class Repeat(dict):
    """A message stored earlier, answered again to a send that repeats its client_id: not delivered
    or published again."""


class _Send:
    __slots__ = ("digest", "body", "future")

    def __init__(self, digest: str, body: SendMessage, future: asyncio.Future) -> None:
        self.digest, self.body, self.future = digest, body, future


class MessageWriter:
    """The one thread that stores sent messages, a batch per transaction."""

    def __init__(self, engine: Engine, fan: Fanout, files: Path | None = None) -> None:
        self.engine, self.fan, self.files = engine, fan, files
        self.pg = engine.dialect.name == "postgresql"
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.loop: asyncio.AbstractEventLoop | None = None

    async def send(self, token: str, body: SendMessage) -> dict:
        loop = asyncio.get_running_loop()
        if self._thread is None:
            with self._start_lock:
                if self._thread is None:
                    self.loop = loop
                    self._thread = threading.Thread(target=self._run, name="message-writer", daemon=True)
                    self._thread.start()
        future = loop.create_future()
        self._queue.put(_Send(hashlib.sha256(token.encode()).hexdigest(), body, future))
        return await future

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(10)
            self._thread = None

    def _run(self) -> None:
        stop = False
        while not stop:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            results = self._write(batch)
            self.loop.call_soon_threadsafe(self._done, batch, results)
            stored = [(r["id"], r["recipient_id"]) for r in results if isinstance(r, dict) and not isinstance(r, Repeat)]
            if stored and self.fan.bus is not None:
                try:
                    self.fan.publish_messages(stored)
                except Exception:
                    log.exception("could not publish %d messages to the other hubs", len(stored))

    def _write(self, batch: list[_Send]) -> list:
        try:
            with writer(self.engine) as conn:
                return self._write_in(conn, batch)
        except Exception as exc:
            if len(batch) == 1:
                return [exc]
            # one bad send (a value the database refuses) must not fail the others
            return [self._write([s])[0] for s in batch]

    def _measured(self, conn: Connection, f):
        """The attachment with its length: one finished before the hub measured lengths (migration
        0012 left it empty) is measured now from its stored file, and the length kept."""
        if f.duration is not None or self.files is None:
            return f
        duration = duration_of(self.files / str(f.company_id) / str(f.id))
        if duration is None:
            return f
        conn.execute(update(attachments).where(attachments.c.id == f.id).values(duration=duration))
        return SimpleNamespace(id=f.id, duration=duration)

    def _write_in(self, conn: Connection, batch: list[_Send]) -> list:
        now = time.time()
        lock_message_order(conn)
        senders = {r.token_hash: r for r in conn.execute(
            select(tokens.c.token_hash, users.c.id, users.c.company_id)
            .join(users, users.c.id == tokens.c.user_id)
            .where(tokens.c.token_hash.in_({s.digest for s in batch}), tokens.c.kind == "access",
                   tokens.c.expires > now, users.c.disabled.is_(False)))}
        company_of = {r.id: r.company_id for r in conn.execute(
            select(users.c.id, users.c.company_id).where(users.c.id.in_({s.body.to for s in batch})))}
        limits = {r.id: r.voice_mail_seconds or DEFAULT_SECONDS for r in conn.execute(
            select(companies.c.id, companies.c.voice_mail_seconds).where(
                companies.c.id.in_({r.company_id for r in senders.values()})))} \
            if any(s.body.kind in _KIND_MEDIA for s in batch) else {}
        wanted = {a for s in batch for a in s.body.attachments}
        files = {r.id: r for r in conn.execute(select(attachments).where(attachments.c.id.in_(wanted)))} \
            if wanted else {}
        # Sends with a client_id already stored (a retry) answer with the stored message.
        keyed = {(senders[s.digest].id, s.body.client_id.lower()) for s in batch
                 if s.body.client_id and s.digest in senders}
        stored = {(m["sender_id"], m["client_id"]): m for m in load_messages(
            conn, [tuple_(messages.c.sender_id, messages.c.client_id).in_(keyed)])} if keyed else {}
        results: list = [None] * len(batch)
        rows, refs, where = [], [], []
        first: dict[tuple, int] = {}  # (sender, client_id) -> index of its first send in this batch
        repeats: list[tuple[int, int]] = []
        for i, s in enumerate(batch):
            sender = senders.get(s.digest)
            if sender is None:
                results[i] = HTTPException(401, "invalid or expired token")
                continue
            key = (sender.id, s.body.client_id.lower()) if s.body.client_id else None
            if key in stored:
                results[i] = Repeat(stored[key])
                continue
            if key in first:
                repeats.append((i, first[key]))
                continue
            if company_of.get(s.body.to) != sender.company_id:
                results[i] = HTTPException(404, "no such user")
                continue
            mine = []
            for aid in dict.fromkeys(s.body.attachments):
                f = files.get(aid)
                if f is None or f.company_id != sender.company_id or f.owner_id != sender.id:
                    results[i] = HTTPException(404, f"no such attachment: {aid}")
                    break
                if f.finished is None:
                    results[i] = HTTPException(409, f"attachment {aid} is not completely uploaded")
                    break
                mine.append({"id": f.id, "content_type": f.content_type, "length": f.length, "name": f.name})
            else:
                prefix = _KIND_MEDIA.get(s.body.kind)
                if prefix and not any(a["content_type"].startswith(prefix) for a in mine):
                    results[i] = HTTPException(422, f"a {s.body.kind} needs an attachment of type {prefix}*")
                    continue
                if prefix and (fault := _length_fault(s.body.kind, [self._measured(conn, files[a["id"]])
                                                                     for a in mine if timed(a["content_type"])],
                                                      limits[sender.company_id])):
                    results[i] = HTTPException(413, fault)
                    continue
                rows.append({"company_id": sender.company_id, "sender_id": sender.id, "recipient_id": s.body.to,
                             "kind": s.body.kind, "body": s.body.body, "created": now, "read": False,
                             "client_id": key[1] if key else None})
                refs.append(mine)
                where.append(i)
                if key:
                    first[key] = i
        if rows:
            ids = conn.execute(insert(messages).returning(messages.c.id, sort_by_parameter_order=True),
                               rows).scalars().all()
            links = [{"message_id": mid, "attachment_id": a["id"]} for mid, mine in zip(ids, refs, strict=True) for a in mine]
            if links:
                conn.execute(insert(message_attachments), links)
            for i, row, mid, mine in zip(where, rows, ids, refs, strict=True):
                results[i] = {"id": mid, "sender_id": row["sender_id"], "recipient_id": row["recipient_id"],
                              "kind": row["kind"], "body": row["body"], "created": now, "read": False,
                              "market_id": None, "attachments": mine, "client_id": row["client_id"], "link": None}
        for i, j in repeats:
            results[i] = Repeat(results[j]) if isinstance(results[j], dict) else results[j]
        return results

    def _done(self, batch: list[_Send], results: list) -> None:
        """On the loop: answer the requests, then deliver in id order."""
        live = []
        for s, r in zip(batch, results, strict=True):
            if isinstance(r, dict) and not isinstance(r, Repeat):
                live.append(([r["recipient_id"]], json.dumps({"type": "message", "message": r})))
            if not s.future.done():  # a request whose client went away is still stored and delivered
                if isinstance(r, BaseException):
                    s.future.set_exception(r)
                else:
                    s.future.set_result(r)
        if live:
            self.fan.queue_local(live)


def add_message_routes(app: FastAPI, engine: Engine, current_user: Callable, fan: Fanout,
                       files: Path | None = None) -> MessageWriter:
    """Send, inbox, read and delete (`files`: where the attachments are stored, to measure one that
    has no length yet); returns the writer (stop it when the app ends)."""
    Me = Annotated[object, Depends(current_user)]
    out = MessageWriter(engine, fan, files)

    def fetch(ids: list[int]) -> list[dict]:
        with engine.connect() as conn:
            return load_messages(conn, [messages.c.id.in_(ids)])

    fan.message_loader = fetch  # messages other hub processes stored, by id

    @app.post("/api/v1/messages", response_model=Message, status_code=201)
    async def send_message(body: SendMessage, request: Request) -> Response:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise HTTPException(401, "missing bearer token")
        stored = await out.send(header[7:].strip(), body)
        return Response(json.dumps(stored), status_code=201, media_type="application/json")

    @app.get("/api/v1/messages", response_model=list[Message])
    def list_messages(me: Me, after: Annotated[int, Query(ge=0, le=2**62)] = 0,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[Message]:
        with engine.connect() as conn:
            return [Message(**m) for m in load_messages(
                conn, [messages.c.recipient_id == me.id, messages.c.id > after], limit)]

    def _own_message(conn, me, message_id: int):
        if conn.execute(select(messages.c.id).where(messages.c.id == message_id,
                                                    messages.c.recipient_id == me.id)).first() is None:
            raise HTTPException(404, "no such message")

    @app.post("/api/v1/messages/{message_id}/read", status_code=204)
    def mark_read(message_id: PathId, me: Me) -> None:
        with writer(engine) as conn:
            lock_message_order(conn)  # read_seq values commit in order (the read-since cursor)
            _own_message(conn, me, message_id)
            seq = conn.execute(select(func.coalesce(func.max(messages.c.read_seq), 0) + 1).where(
                messages.c.recipient_id == me.id)).scalar_one()
            conn.execute(update(messages).where(messages.c.id == message_id, messages.c.read.is_(False))
                         .values(read=True, read_seq=seq))

    @app.get("/api/v1/messages/read-since")
    def read_since(me: Me, after: Annotated[int, Query(ge=0, le=2**62)] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 500) -> list[dict]:
        """The caller's messages marked read after the cursor `after` (a `seq` from an earlier
        answer), in the order they were marked: [{id, seq}] (the user's other computers)."""
        with engine.connect() as conn:
            rows = conn.execute(select(messages.c.id, messages.c.read_seq).where(
                messages.c.recipient_id == me.id, messages.c.read_seq > after)
                .order_by(messages.c.read_seq).limit(limit))
            return [{"id": r.id, "seq": r.read_seq} for r in rows]

    @app.delete("/api/v1/messages/{message_id}", status_code=204)
    def delete_message(message_id: PathId, me: Me) -> None:
        with writer(engine) as conn:
            _own_message(conn, me, message_id)
            conn.execute(delete(message_attachments).where(message_attachments.c.message_id == message_id))
            conn.execute(delete(messages).where(messages.c.id == message_id))

    return out

