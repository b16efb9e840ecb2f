"""The company logo: one PNG or JPEG of at most 1 MB per company, in `DATA/logos/<company id>`
(the type is read from the bytes and its structure checked as attachments' are, `filetypes.py`).
Every user of the company may fetch it (served as a download, never sniffed); uploading or removing
it needs the `logo` permission and is audited. An upload is written to a temporary file of its own
in the same folder, then renamed over the logo, so concurrent uploads leave one whole logo.

No `from __future__ import annotations`: FastAPI must resolve the closure-local dependency types.
"""

import asyncio
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from sqlalchemy.engine import Engine
from starlette.requests import ClientDisconnect

from whitephone.server.db import writer
from whitephone.server.filetypes import HEAD_BYTES, sniff, structure_fault
from whitephone.server.limits import REFUSED

MAX_LOGO = 1_000_000
_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}  # sniffed family -> type


def add_logo_routes(app: FastAPI, engine: Engine, current_user: Callable, audit: Callable, data_dir: Path) -> None:
    Me = Annotated[object, Depends(current_user)]
    root = data_dir / "logos"

    def require_logo(me) -> None:
        if not (me.is_admin or "logo" in (me.permissions or [])):
            raise HTTPException(403, "needs the 'logo' permission")

    @app.get("/api/v1/company/logo")
    def get_logo(me: Me) -> Response:
        try:
            data = (root / str(me.company_id)).read_bytes()
        except FileNotFoundError:
            raise HTTPException(404, "the company has no logo") from None
        family = sniff(data[:16])
        mime = _TYPES.get(family, "application/octet-stream")
        name = f"company-logo.{'jpg' if family == 'jpeg' else family or 'bin'}"
        return Response(data, media_type=mime, headers={
            "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
            "Content-Disposition": f'attachment; filename="{name}"'})

    @app.put("/api/v1/company/logo", status_code=204)
    async def put_logo(request: Request, me: Me) -> None:
        require_logo(me)
        data = await _read_logo(request)
        family = sniff(data[:16])
        if family not in _TYPES:
            raise HTTPException(415, "the logo must be a PNG or JPEG picture")
        if fault := structure_fault(family, data[:HEAD_BYTES], len(data)):
            raise HTTPException(415, f"the logo is no sound {_TYPES[family]} picture: {fault}")
        await asyncio.to_thread(_store, me, data)

    async def _read_logo(request: Request) -> bytes:
        """The body, or 413 once it is past MAX_LOGO (read to its end, so the answer reaches the
        client; the hub's body limit cuts off a body without a length that goes on)."""
        data, too_big = bytearray(), False
        try:
            async for chunk in request.stream():
                if not too_big:
                    data += chunk
                    too_big = len(data) > MAX_LOGO
        except ClientDisconnect:
            if request.scope.get(REFUSED):  # the body limit answered 413 already
                raise HTTPException(413, "request body too large") from None
            raise HTTPException(400, "the upload broke off") from None
        if too_big:
            raise HTTPException(413, f"the logo is larger than {MAX_LOGO // 1_000_000} MB")
        return bytes(data)

    def _store(me, data: bytes) -> None:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=root, prefix=f"{me.company_id}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, root / str(me.company_id))  # readers see the old logo or the new one
        except BaseException:
            os.unlink(tmp)
            raise
        with writer(engine) as conn:
            audit(conn, me, "set_logo", {"bytes": len(data)})

    @app.delete("/api/v1/company/logo", status_code=204)
    def delete_logo(me: Me) -> None:
        require_logo(me)
        (root / str(me.company_id)).unlink(missing_ok=True)
        with writer(engine) as conn:
            audit(conn, me, "remove_logo", {})
