"""Message attachments: resumable chunked uploads, the type read from the bytes, company-scoped downloads.

The upload protocol borrows tus's core (https://tus.io/protocols/resumable-upload): create an upload
with its total length, PATCH chunks that each carry the `Upload-Offset` they start at, ask
`HEAD` for the offset after a broken connection and carry on from there. The upload is complete
when the last byte arrives. Bytes that arrived before a connection broke are kept. A finished sound
or video file's duration is read then (`protocol/media.py`), for the company's voice mail limit.

One writer per upload, whichever hub process serves it: a PATCH first takes the upload's writer
lease (`writer`, `writer_until`) with one conditional UPDATE that also checks its offset is the
committed one, so of two PATCHes at the same offset one writes and the other gets 409. The writer
writes at the committed offset, cuts the file at the end of its own bytes, fsyncs, and only then
commits the new offset (releasing the lease): the file never runs behind the recorded offset, and
after the commit its length is that offset. A lease not renewed for `LEASE` seconds (a hub that
died mid-write) lapses.

The content type is read from the bytes (`filetypes.py`: the magic as soon as 16 bytes are in, the
container's structure once its first 4 KiB are); a declared type is only accepted when the bytes
agree, and anything else is refused with 415, the upload discarded. Executable file names are
refused at creation. Per company: the largest attachment, each user's quota (announced lengths of
unfinished uploads count) and how many unfinished uploads a user may have.

Files live in `DATA/attachments/<company id>/<attachment id>`. A message of the uploader may
reference finished attachments (`attachments` in `POST /api/v1/messages`); the uploader and the
recipients of those messages may download them, nobody else (404, as for a missing one). An
attachment no message references is removed a day after its upload began.

No `from __future__ import annotations`: FastAPI must resolve the closure-local dependency types.
"""

import asyncio
import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import case, delete, exists, func, insert, or_, select, update
from sqlalchemy.engine import Engine
from starlette.requests import ClientDisconnect

from whitephone.protocol.attachments import AttachmentLimit, NewUpload, Upload
from whitephone.protocol.media import duration_of, timed
from whitephone.server.db import attachments, companies, message_attachments, messages, users, writer
from whitephone.server.filetypes import (
    ACCEPTED_TYPES,
    HEAD_BYTES,
    SNIFF_BYTES,
    is_executable_name,
    sniff,
    structure_fault,
    type_for,
)
from whitephone.server.limits import REFUSED

log = logging.getLogger(__name__)
PathId = Annotated[int, PathParam(ge=1, le=2**62)]
DEFAULT_LIMIT = 50 * 2**20  # per attachment, unless the company set its own
DEFAULT_QUOTA = 2 * 2**30  # bytes of attachments per user (announced lengths of unfinished ones count)
DEFAULT_OPEN = 10  # unfinished uploads per user
ABANDONED_AFTER = 86400.0  # an attachment no message references is removed after this long
LEASE = 60.0  # a PATCH's hold on its upload lapses this long after its last renewal (a crashed hub's)
WRITE_BLOCK = 256 * 1024


def _status(r) -> Upload:
    return Upload(id=r.id, length=r.length, offset=r.received, finished=r.finished is not None,
                  content_type=r.content_type, name=r.name, created=r.created)


def add_attachment_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable,
                          data_dir: Path) -> None:
    Me = Annotated[object, Depends(current_user)]
    root = data_dir / "attachments"

    def path_of(r) -> Path:
        return root / str(r.company_id) / str(r.id)

    def settings_of(conn, company_id: int) -> AttachmentLimit:
        r = conn.execute(select(companies.c.attachment_limit, companies.c.attachment_quota,
                                companies.c.attachment_open_limit).where(companies.c.id == company_id)).one()
        return AttachmentLimit(max_bytes=r.attachment_limit or DEFAULT_LIMIT,
                               user_quota_bytes=r.attachment_quota or DEFAULT_QUOTA,
                               max_open_uploads=r.attachment_open_limit or DEFAULT_OPEN)

    def readable(conn, me, attachment_id: int):
        """The attachment if the caller uploaded it or received a message carrying it."""
        r = conn.execute(select(attachments).where(attachments.c.id == attachment_id,
                                                   attachments.c.company_id == me.company_id)).first()
        if r is None:
            raise HTTPException(404, "no such attachment")
        if r.owner_id != me.id and not conn.execute(select(exists().where(
                message_attachments.c.attachment_id == r.id, message_attachments.c.message_id == messages.c.id,
                or_(messages.c.recipient_id == me.id, messages.c.sender_id == me.id)))).scalar():
            raise HTTPException(404, "no such attachment")
        return r

    def own(conn, me, attachment_id: int):
        r = conn.execute(select(attachments).where(attachments.c.id == attachment_id,
                                                   attachments.c.company_id == me.company_id,
                                                   attachments.c.owner_id == me.id)).first()
        if r is None:
            raise HTTPException(404, "no such attachment")
        return r

    def purge_abandoned(company_id: int) -> None:
        with writer(engine) as conn:
            rows = conn.execute(select(attachments.c.id, attachments.c.company_id).where(
                attachments.c.company_id == company_id, attachments.c.created < time.time() - ABANDONED_AFTER,
                ~exists().where(message_attachments.c.attachment_id == attachments.c.id)).limit(100)).all()
            if rows:
                conn.execute(delete(attachments).where(attachments.c.id.in_([r.id for r in rows])))
        for r in rows:
            path_of(r).unlink(missing_ok=True)

    @app.get("/api/v1/company/attachment-limit", response_model=AttachmentLimit)
    def get_limit(me: Me) -> AttachmentLimit:
        with engine.connect() as conn:
            return settings_of(conn, me.company_id)

    @app.put("/api/v1/company/attachment-limit", response_model=AttachmentLimit)
    def set_limit(body: AttachmentLimit, me: Me) -> AttachmentLimit:
        if not (me.is_admin or "company" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'company' permission")
        values = {"attachment_limit": body.max_bytes}
        if body.user_quota_bytes is not None:
            values["attachment_quota"] = body.user_quota_bytes
        if body.max_open_uploads is not None:
            values["attachment_open_limit"] = body.max_open_uploads
        with writer(engine) as conn:
            conn.execute(update(companies).where(companies.c.id == me.company_id).values(**values))
            audit(conn, me, "attachment_limit", body.model_dump(exclude_none=True))
            return settings_of(conn, me.company_id)

    @app.post("/api/v1/attachments", response_model=Upload, status_code=201, responses={
        413: {"description": "longer than the company's limit, or over the user's quota"},
        415: {"description": "a type that is never accepted, or an executable file name"},
        429: {"description": "the user has the company's maximum of unfinished uploads"}})
    def create_upload(body: NewUpload, me: Me, response: Response) -> Upload:
        if body.content_type is not None and body.content_type not in ACCEPTED_TYPES:
            raise HTTPException(415, f"attachments of type {body.content_type} are not accepted")
        if body.name is not None and is_executable_name(body.name):
            raise HTTPException(415, f"{body.name!r} is the name of a program or web page: not accepted")
        purge_abandoned(me.company_id)
        with writer(engine) as conn:
            # The uploader's row lock serialises their creations across hub processes (PostgreSQL;
            # on SQLite the writer lock does), so the quota and the open count below hold.
            conn.execute(select(users.c.id).where(users.c.id == me.id).with_for_update())
            limits = settings_of(conn, me.company_id)
            if body.length > limits.max_bytes:
                raise HTTPException(413, f"attachments may be at most {limits.max_bytes} bytes in this company")
            held, unfinished = conn.execute(select(
                func.coalesce(func.sum(attachments.c.length), 0),
                func.coalesce(func.sum(case((attachments.c.finished.is_(None), 1), else_=0)), 0),
            ).where(attachments.c.owner_id == me.id, attachments.c.company_id == me.company_id)).one()
            if unfinished >= limits.max_open_uploads:
                raise HTTPException(429, f"you have {unfinished} unfinished uploads (at most "
                                         f"{limits.max_open_uploads}): finish or delete one first")
            if held + body.length > limits.user_quota_bytes:
                raise HTTPException(413, f"over your attachment quota: you hold {held} of "
                                         f"{limits.user_quota_bytes} bytes; delete unused uploads first")
            aid = conn.execute(insert(attachments).values(
                company_id=me.company_id, owner_id=me.id, name=body.name, declared_type=body.content_type,
                length=body.length, received=0, created=time.time())).inserted_primary_key[0]
            r = conn.execute(select(attachments).where(attachments.c.id == aid)).one()
        path = path_of(r)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
        response.headers.update({"Location": f"/api/v1/attachments/{aid}", "Upload-Offset": "0",
                                 "Upload-Length": str(r.length)})
        return _status(r)

    @app.head("/api/v1/attachments/{attachment_id}")
    def upload_offset(attachment_id: PathId, me: Me) -> Response:
        with engine.connect() as conn:
            r = readable(conn, me, attachment_id)
        return Response(headers={"Upload-Offset": str(r.received), "Upload-Length": str(r.length),
                                 "Cache-Control": "no-store"})

    @app.get("/api/v1/attachments/{attachment_id}", response_model=Upload)
    def upload_status(attachment_id: PathId, me: Me, response: Response) -> Upload:
        with engine.connect() as conn:
            r = readable(conn, me, attachment_id)
        response.headers.update({"Upload-Offset": str(r.received), "Upload-Length": str(r.length),
                                 "Cache-Control": "no-store"})
        return _status(r)

    @app.patch("/api/v1/attachments/{attachment_id}", response_model=Upload, responses={
        409: {"description": "Upload-Offset is not the current offset (it is in the reply's Upload-Offset), "
                             "the upload is complete, or another PATCH is writing it"},
        413: {"description": "more bytes than the upload's length"},
        415: {"description": "the bytes are of no accepted type, not of the declared one, or not a sound "
                             "file of their type"}})
    async def upload_chunk(attachment_id: PathId, request: Request, me: Me,
                           upload_offset: Annotated[int, Header(ge=0, le=2**40)]) -> Response:
        lease = secrets.token_hex(16)
        r = await asyncio.to_thread(_claim, me, attachment_id, upload_offset, lease)
        held = True
        try:
            out, held = await _receive(r, request, lease)
            return out
        finally:
            if held:
                await asyncio.to_thread(_release, r.id, lease)

    def _claim(me, attachment_id: int, offset: int, lease: str):
        """Take the upload's writer lease if `offset` is its committed offset: one conditional UPDATE,
        so of two PATCHes (in any hub processes) at the same offset exactly one gets it."""
        now = time.time()
        with writer(engine) as conn:
            r = own(conn, me, attachment_id)
            if r.finished is not None:
                raise HTTPException(409, "the upload is already complete")
            if offset != r.received:
                raise HTTPException(409, {"code": "offset_mismatch", "offset": r.received},
                                    headers={"Upload-Offset": str(r.received)})
            taken = conn.execute(update(attachments).where(
                attachments.c.id == r.id, attachments.c.received == offset, attachments.c.finished.is_(None),
                or_(attachments.c.writer.is_(None), attachments.c.writer_until < now),
            ).values(writer=lease, writer_until=now + LEASE)).rowcount
            if not taken:
                raise HTTPException(409, "another request is writing this upload")
            return conn.execute(select(attachments).where(attachments.c.id == r.id)).one()

    def _renew(attachment_id: int, lease: str) -> bool:
        with writer(engine) as conn:
            return bool(conn.execute(update(attachments).where(
                attachments.c.id == attachment_id, attachments.c.writer == lease,
            ).values(writer_until=time.time() + LEASE)).rowcount)

    def _release(attachment_id: int, lease: str) -> None:
        with writer(engine) as conn:
            conn.execute(update(attachments).where(attachments.c.id == attachment_id, attachments.c.writer == lease)
                         .values(writer=None, writer_until=None))

    async def _receive(r, request: Request, lease: str) -> tuple[Response, bool]:
        """Write this PATCH's bytes at the committed offset, check the type, then commit the new offset
        (releasing the lease). Returns the answer and whether the lease is still held."""
        path = path_of(r)
        start = r.received
        f = await asyncio.to_thread(_open_at, path, start)
        written, pending = 0, bytearray()
        error: HTTPException | None = None
        disconnected = False
        renewed = time.monotonic()

        async def hold() -> None:
            """Before touching the file: make sure the lease is still ours for a while (renewed when a
            third of it has passed), so a request that stalled never writes over its successor's bytes."""
            nonlocal renewed
            if time.monotonic() - renewed > LEASE / 3:
                if not await asyncio.to_thread(_renew, r.id, lease):
                    raise HTTPException(409, "this request stalled and another one took over the upload")
                renewed = time.monotonic()

        try:
            try:
                async for chunk in request.stream():
                    if start + written + len(pending) + len(chunk) > r.length:
                        error = HTTPException(413, f"the upload is {r.length} bytes long")
                        break
                    pending += chunk
                    if len(pending) >= WRITE_BLOCK:
                        await hold()
                        await asyncio.to_thread(f.write, pending)
                        written += len(pending)
                        pending = bytearray()
            except ClientDisconnect:
                if request.scope.get(REFUSED):  # over the hub's body limit: refused as a whole
                    error = HTTPException(413, "request body too large")
                disconnected = True
            await hold()
            if error is not None:
                written, pending = 0, bytearray()  # this request's bytes are dropped
            elif pending:
                await asyncio.to_thread(f.write, pending)
                written += len(pending)
            received = start + written
            # Only now, after this request's write: cut what lies past it (bytes of a request that
            # died before committing), so the file's length is the offset about to be committed.
            await asyncio.to_thread(_end_at, f, received)
        finally:
            await asyncio.to_thread(f.close)
        content_type = None
        if error is None:
            content_type, fault = await asyncio.to_thread(_check_type, r, start, received)
            if fault is not None:
                await asyncio.to_thread(_discard, r, lease)
                raise HTTPException(415, fault)
        duration = None
        if timed(content_type):
            duration = await asyncio.to_thread(duration_of, path_of(r))  # a voice/video mail's limit
        row = await asyncio.to_thread(_record, r.id, lease, start, received, content_type, duration)
        if row is None:
            raise HTTPException(409, "this request stalled and another one took over the upload")
        if error is not None:
            raise error
        if disconnected:
            log.info("upload %s broke off at %d of %d bytes", r.id, received, r.length)
        out = _status(row)
        return JSONResponse(out.model_dump(), headers={"Upload-Offset": str(received),
                                                       "Upload-Length": str(r.length)}), False

    def _check_type(r, start: int, received: int) -> tuple[str | None, str | None]:
        """(the type to store once the upload is complete, else None; why the bytes are refused, or None).
        The magic is checked as soon as its 16 bytes are in; the container once the head is."""
        need = min(HEAD_BYTES, r.length)
        finished = received == r.length
        if not finished and (start >= need or received < min(SNIFF_BYTES, r.length)):
            return None, None
        with open(path_of(r), "rb") as f:
            head = f.read(need)
        family = sniff(head)
        content_type = type_for(family, r.declared_type) if family else None
        if content_type is None:
            return None, ("the file is of no accepted type or not of the declared type "
                          f"(accepted: {', '.join(ACCEPTED_TYPES)})")
        if start < need <= received and (fault := structure_fault(family, head, r.length)):
            return None, f"the file is no sound {content_type} file: {fault}"
        return (content_type if finished else None), None

    def _open_at(path: Path, offset: int):
        path.parent.mkdir(parents=True, exist_ok=True)
        f = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "r+b")  # never truncated on open
        f.seek(offset)
        return f

    def _end_at(f, offset: int) -> None:
        f.flush()
        f.truncate(offset)
        os.fsync(f.fileno())

    def _record(attachment_id: int, lease: str, start: int, received: int, content_type: str | None,
                duration: float | None = None):
        """Commit the new offset (and the type and duration, once complete) and release the lease;
        None when the lease was lost (this request stalled past LEASE and another took over)."""
        values = {"received": received, "writer": None, "writer_until": None}
        if content_type is not None:
            values |= {"content_type": content_type, "finished": time.time(), "duration": duration}
        with writer(engine) as conn:
            done = conn.execute(update(attachments).where(
                attachments.c.id == attachment_id, attachments.c.writer == lease, attachments.c.received == start,
            ).values(**values)).rowcount
            return conn.execute(select(attachments).where(attachments.c.id == attachment_id)).one() if done else None

    def _discard(r, lease: str) -> None:
        with writer(engine) as conn:
            gone = conn.execute(delete(attachments).where(attachments.c.id == r.id,
                                                          attachments.c.writer == lease)).rowcount
        if gone:
            path_of(r).unlink(missing_ok=True)

    @app.get("/api/v1/attachments/{attachment_id}/content", response_class=FileResponse, responses={
        200: {"content": {"application/octet-stream": {}}, "description": "the file, with its sniffed type"},
        409: {"description": "the upload is not complete"}})
    def download(attachment_id: PathId, me: Me) -> FileResponse:
        with engine.connect() as conn:
            r = readable(conn, me, attachment_id)
        if r.finished is None:
            raise HTTPException(409, "the upload is not complete")
        return FileResponse(path_of(r), media_type=r.content_type, filename=r.name or f"attachment-{r.id}",
                            headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private"})

    @app.delete("/api/v1/attachments/{attachment_id}", status_code=204)
    def delete_upload(attachment_id: PathId, me: Me) -> None:
        with writer(engine) as conn:
            r = own(conn, me, attachment_id)
            if conn.execute(select(exists().where(message_attachments.c.attachment_id == r.id))).scalar():
                raise HTTPException(409, "a message carries this attachment")
            if r.writer is not None and r.writer_until > time.time():
                raise HTTPException(409, "a request is writing this upload")
            conn.execute(delete(attachments).where(attachments.c.id == r.id))
        path_of(r).unlink(missing_ok=True)
