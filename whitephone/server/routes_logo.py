"""The company logo: one PNG or JPEG of at most 1 MB per company, in `DATA/logos/<company id>`
(the type is read from the bytes). Every user of the company may fetch it; uploading or removing
it needs the `logo` permission and is audited.

No `from __future__ import annotations`: FastAPI must resolve the closure-local dependency types.
"""

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from sqlalchemy.engine import Engine

from whitephone.server.db import writer

MAX_LOGO = 1_000_000
_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))


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
        mime = next((m for magic, m in _TYPES if data.startswith(magic)), "application/octet-stream")
        return Response(data, media_type=mime, headers={"Cache-Control": "no-cache"})

    @app.put("/api/v1/company/logo", status_code=204)
    async def put_logo(request: Request, me: Me) -> None:
        require_logo(me)
        data = await request.body()
        if len(data) > MAX_LOGO:
            raise HTTPException(413, f"the logo is larger than {MAX_LOGO // 1_000_000} MB")
        if not any(data.startswith(magic) for magic, _ in _TYPES):
            raise HTTPException(415, "the logo must be a PNG or JPEG picture")
        await asyncio.to_thread(_store, me, data)

    def _store(me, data: bytes) -> None:
        root.mkdir(parents=True, exist_ok=True)
        tmp = root / f"{me.company_id}.tmp{os.getpid()}"
        tmp.write_bytes(data)
        os.replace(tmp, root / str(me.company_id))  # readers see the old logo or the new one
        with writer(engine) as conn:
            audit(conn, me, "set_logo", {"bytes": len(data)})

    @app.delete("/api/v1/company/logo", status_code=204)
    def delete_logo(me: Me) -> None:
        require_logo(me)
        (root / str(me.company_id)).unlink(missing_ok=True)
        with writer(engine) as conn:
            audit(conn, me, "remove_logo", {})
