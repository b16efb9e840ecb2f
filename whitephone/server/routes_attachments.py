"""Message attachments: resumable chunked uploads, the type read from the bytes, company-scoped downloads.

The upload protocol borrows tus's core (https://tus.io/protocols/resumable-upload): create an upload
with its total length, PATCH chunks that each carry the `Upload-Offset` they start at, ask
`HEAD` for the offset after a broken connection and carry on from there. The upload is complete
when the last byte arrives. Bytes that arrived before a connection broke are kept (and written to
disk before the offset is recorded, so the recorded offset never runs ahead of the file).

The content type is sniffed from the file's first bytes (RIFF/WAVE, MP4/QuickTime `ftyp`, PNG, JPEG,
GIF, WebP, PDF, Ogg, WebM, MP3); a declared type is only accepted when the bytes agree, and anything
else is refused with 415, the upload discarded.

Files live in `DATA/attachments/<company id>/<attachment id>`. A message of the uploader may
reference finished attachments (`attachments` in `POST /api/v1/messages`); the uploader and the
recipients of those messages may download them, nobody else (404, as for a missing one). An
attachment no message references is removed a day after its upload began.

No `from __future__ import annotations`: FastAPI must resolve the closure-local dependency types.
"""

import asyncio
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import delete, exists, insert, or_, select, update
from sqlalchemy.engine import Engine
from starlette.requests import ClientDisconnect

from whitephone.protocol.attachments import AttachmentLimit, NewUpload, Upload
from whitephone.server.db import attachments, companies, message_attachments, messages, writer
from whitephone.server.limits import REFUSED

log = logging.getLogger(__name__)
PathId = Annotated[int, PathParam(ge=1, le=2**62)]
DEFAULT_LIMIT = 50 * 2**20  # per attachment, unless the company set its own
ABANDONED_AFTER = 86400.0  # an attachment no message references is removed after this long
SNIFF_BYTES = 16
WRITE_BLOCK = 256 * 1024

# sniffed family -> the content types a client may declare for it (the first is the default)
_FAMILIES = {
    "wav": ("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    "mp4": ("video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a"),
    "m4a": ("audio/mp4", "audio/x-m4a", "audio/m4a", "video/mp4"),
    "mov": ("video/quicktime",),
    "png": ("image/png",),
    "jpeg": ("image/jpeg", "image/jpg", "image/pjpeg"),
    "gif": ("image/gif",),
    "webp": ("image/webp",),
    "pdf": ("application/pdf",),
    "ogg": ("audio/ogg", "video/ogg", "application/ogg"),
    "webm": ("video/webm", "audio/webm"),
    "mp3": ("audio/mpeg", "audio/mp3"),
}
_CANONICAL = {"audio/x-wav": "audio/wav", "audio/wave": "audio/wav", "audio/vnd.wave": "audio/wav",
              "audio/x-m4a": "audio/mp4", "audio/m4a": "audio/mp4", "image/jpg": "image/jpeg",
              "image/pjpeg": "image/jpeg", "audio/mp3": "audio/mpeg"}
ACCEPTED_TYPES = sorted({t for family in _FAMILIES.values() for t in family})


def sniff(head: bytes) -> str | None:
    """The family of a file from its first bytes, or None when it is none we accept."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return "mov" if brand == b"qt  " else "m4a" if brand in (b"M4A ", b"M4B ") else "mp4"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def content_type_for(head: bytes, declared: str | None) -> str | None:
    """The type to store: the declared one when the bytes agree, the sniffed one when none was
    declared; None when the bytes are of no accepted type or contradict the declaration."""
    family = sniff(head)
    if family is None:
        return None
    if declared is None:
        return _FAMILIES[family][0]
    return _CANONICAL.get(declared, declared) if declared in _FAMILIES[family] else None


def _status(r) -> Upload:
    return Upload(id=r.id, length=r.length, offset=r.received, finished=r.finished is not None,
                  content_type=r.content_type, name=r.name, created=r.created)


def add_attachment_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable,
                          data_dir: Path) -> None:
    Me = Annotated[object, Depends(current_user)]
    root = data_dir / "attachments"
    busy: set[int] = set()  # attachments a PATCH is writing in this process

    def path_of(r) -> Path:
        return root / str(r.company_id) / str(r.id)

    def limit_of(conn, company_id: int) -> int:
        value = conn.execute(select(companies.c.attachment_limit).where(companies.c.id == company_id)).scalar()
        return value or DEFAULT_LIMIT

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
            return AttachmentLimit(max_bytes=limit_of(conn, me.company_id))

    @app.put("/api/v1/company/attachment-limit", response_model=AttachmentLimit)
    def set_limit(body: AttachmentLimit, me: Me) -> AttachmentLimit:
        if not (me.is_admin or "company" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'company' permission")
        with writer(engine) as conn:
            conn.execute(update(companies).where(companies.c.id == me.company_id)
                         .values(attachment_limit=body.max_bytes))
            audit(conn, me, "attachment_limit", {"max_bytes": body.max_bytes})
        return body

    @app.post("/api/v1/attachments", response_model=Upload, status_code=201)
    def create_upload(body: NewUpload, me: Me, response: Response) -> Upload:
        if body.content_type is not None and body.content_type not in ACCEPTED_TYPES:
            raise HTTPException(415, f"attachments of type {body.content_type} are not accepted")
        purge_abandoned(me.company_id)
        with writer(engine) as conn:
            limit = limit_of(conn, me.company_id)
            if body.length > limit:
                raise HTTPException(413, f"attachments may be at most {limit} bytes in this company")
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
        415: {"description": "the bytes are of no accepted type or not of the declared one"}})
    async def upload_chunk(attachment_id: PathId, request: Request, me: Me,
                           upload_offset: Annotated[int, Header(ge=0, le=2**40)]) -> Response:
        r = await asyncio.to_thread(_own_row, me, attachment_id)
        if r.finished is not None:
            raise HTTPException(409, "the upload is already complete")
        if upload_offset != r.received:
            return JSONResponse({"detail": {"code": "offset_mismatch", "offset": r.received}}, status_code=409,
                                headers={"Upload-Offset": str(r.received)})
        if r.id in busy:
            raise HTTPException(409, "another request is writing this upload")
        busy.add(r.id)
        try:
            return await _receive(r, request)
        finally:
            busy.discard(r.id)

    def _own_row(me, attachment_id: int):
        with engine.connect() as conn:
            return own(conn, me, attachment_id)

    async def _receive(r, request: Request) -> Response:
        path = path_of(r)
        start = r.received
        f = await asyncio.to_thread(_open_at, path, start)
        written, pending, head = 0, bytearray(), b""
        error: HTTPException | None = None
        disconnected = False
        try:
            try:
                async for chunk in request.stream():
                    if start + written + len(pending) + len(chunk) > r.length:
                        error = HTTPException(413, f"the upload is {r.length} bytes long")
                        break
                    pending += chunk
                    if len(pending) >= WRITE_BLOCK:
                        await asyncio.to_thread(f.write, pending)
                        written += len(pending)
                        pending = bytearray()
            except ClientDisconnect:
                if request.scope.get(REFUSED):  # over the hub's body limit: refused as a whole
                    error = HTTPException(413, "request body too large")
                disconnected = True
            if error is not None:
                await asyncio.to_thread(_truncate, f, start)  # this request's bytes are dropped
                written, pending = 0, bytearray()
            elif pending:
                await asyncio.to_thread(f.write, pending)
                written += len(pending)
            received = start + written
            if start < SNIFF_BYTES and error is None and (received >= SNIFF_BYTES or received == r.length):
                head = await asyncio.to_thread(_read_head, f)
            await asyncio.to_thread(_sync, f)
        finally:
            await asyncio.to_thread(f.close)
        content_type = None
        if head:
            content_type = content_type_for(head, r.declared_type)
            if content_type is None:
                await asyncio.to_thread(_discard, r)
                raise HTTPException(415, "the file is of no accepted type or not of the declared type "
                                         f"(accepted: {', '.join(ACCEPTED_TYPES)})")
        finished = received == r.length and error is None
        if finished and content_type is None:  # a short file whose type was found by an earlier chunk
            content_type = content_type_for(await asyncio.to_thread(_read_head_path, path), r.declared_type)
        row = await asyncio.to_thread(_record, r.id, start, received, content_type if finished else None)
        if error is not None:
            raise error
        if disconnected:
            log.info("upload %s broke off at %d of %d bytes", r.id, received, r.length)
        out = _status(row)
        return JSONResponse(out.model_dump(), headers={"Upload-Offset": str(received),
                                                       "Upload-Length": str(r.length)})

    def _open_at(path: Path, offset: int):
        path.parent.mkdir(parents=True, exist_ok=True)
        f = open(path, "r+b" if path.exists() else "w+b")  # noqa: SIM115 - closed by the caller
        f.truncate(offset)  # bytes past the recorded offset (a crash before it was recorded) go
        f.seek(offset)
        return f

    def _truncate(f, offset: int) -> None:
        f.flush()
        f.truncate(offset)
        f.seek(offset)

    def _read_head(f) -> bytes:
        f.flush()
        f.seek(0)
        return f.read(SNIFF_BYTES)

    def _read_head_path(path: Path) -> bytes:
        with open(path, "rb") as f:
            return f.read(SNIFF_BYTES)

    def _sync(f) -> None:
        f.flush()
        os.fsync(f.fileno())

    def _record(attachment_id: int, start: int, received: int, content_type: str | None):
        values = {"received": received}
        if content_type is not None:
            values |= {"content_type": content_type, "finished": time.time()}
        with writer(engine) as conn:
            conn.execute(update(attachments).where(attachments.c.id == attachment_id,
                                                   attachments.c.received == start).values(**values))
            return conn.execute(select(attachments).where(attachments.c.id == attachment_id)).one()

    def _discard(r) -> None:
        with writer(engine) as conn:
            conn.execute(delete(attachments).where(attachments.c.id == r.id))
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
            if r.id in busy:
                raise HTTPException(409, "a request is writing this upload")
            conn.execute(delete(attachments).where(attachments.c.id == r.id))
        path_of(r).unlink(missing_ok=True)
