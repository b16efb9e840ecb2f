"""The hub's HTTP routes read their JSON bodies with protocol/strictjson.py `loads` (strict RFC 8259)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute

from whitephone.protocol.strictjson import BadJson, loads


class StrictRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            try:
                self._json = loads(await self.body())
            except BadJson as exc:
                # FastAPI answers this with 422 and the reason in detail[0].ctx.error
                raise json.JSONDecodeError(exc.reason, "", 0) from None
        return self._json


class StrictRoute(APIRoute):
    """Every HTTP route reads its JSON body with `loads`."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def strict(request: Request):
            return await handler(StrictRequest(request.scope, request.receive))

        return strict
