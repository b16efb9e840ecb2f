"""JSON input the hub accepts: strict RFC 8259, text it can store and send on.

Python's `json` takes `NaN`, `Infinity`, `1e400` (which becomes infinity) and `"\\ud800"` (a lone
surrogate, which no database, encoder or peer accepts), and a deeply nested document makes it raise
RecursionError. `loads` refuses all of these with a reason; every HTTP route reads its JSON body
through it (`StrictRoute`), and the WebSocket reads each frame through it.

Cheap on the hot path: the constant and float hooks only run for those literals, and the
surrogate check only re-encodes the document when its bytes hold a `\\uD800`-`\\uDFFF` escape.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class BadJson(ValueError):
    """Not acceptable JSON; `nested` when it is only too deep to read."""

    def __init__(self, reason: str, nested: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.nested = reason, nested


def _constant(name: str):
    raise BadJson(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJson(f"number {text[:30]} is out of range")
    return value


def loads(data: bytes | str) -> Any:
    """Parse JSON, refusing NaN/Infinity, out-of-range numbers, lone surrogates, deep nesting."""
    if isinstance(data, bytes | bytearray):
        try:  # strictly: json.loads itself would let encoded surrogates through ("surrogatepass")
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadJson("body is not UTF-8 (or holds an encoded surrogate)") from None
    try:
        value = json.loads(data, parse_constant=_constant, parse_float=_float)
    except BadJson:
        raise
    except RecursionError:
        raise BadJson("JSON nested too deeply", nested=True) from None
    except ValueError as exc:  # JSONDecodeError, or an integer with too many digits
        raise BadJson(f"invalid JSON: {exc}"[:200]) from None
    if _SURROGATE_ESCAPE.search(data):  # escaped pairs are fine; a lone one cannot be encoded
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise BadJson("text holds a lone surrogate (\\ud800-\\udfff)") from None
    return value


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
