"""JSON as the hub and the client read it from each other: strict RFC 8259, text that can be stored
and sent on.

Python's `json` takes `NaN`, `Infinity`, `1e400` (which becomes infinity) and `"\\ud800"` (a lone
surrogate, which no database, encoder or peer accepts), and a deeply nested document makes it raise
RecursionError. `loads` refuses all of these with a reason: the hub reads every HTTP body
(server/strictjson.py `StrictRoute`) and WebSocket frame through it, the client each frame of the
hub's WebSocket (sync/presence.py).

Cheap on the hot path: the constant and float hooks only run for those literals, and the
surrogate check only re-encodes the document when its bytes hold a `\\uD800`-`\\uDFFF` escape.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

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
