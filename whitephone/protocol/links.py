"""What a reminder reminds of, as "<kind>:<id>": "crm_record:<record id>" (the id as the sync
protocol allows it: any characters but NUL, spaces included) or "appointment:<uid>" with an optional
"@<occurrence>" (epoch seconds or an ISO time). Shared by the hub (which refuses an occurrence it
could not turn into a date) and the client (which opens such an appointment as a whole)."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

MAX_LENGTH = 200
_SHAPE = re.compile(r"[a-z_]{1,32}:[^\x00]{1,160}", re.DOTALL)
LATEST = 4102444800.0  # the year 2100, as protocol Timestamp


class LinkError(ValueError):
    pass


def occurrence(when: str) -> float | None:
    """The epoch seconds a suffix names; None when it is no time at all (then it is part of the
    uid); LinkError when it reads as a time out of range (NaN, infinite, before 1970 or after 2100)."""
    try:
        t = float(when)
    except ValueError:
        try:
            d = datetime.fromisoformat(when)
        except ValueError:
            return None
        try:
            t = (d if d.tzinfo else d.replace(tzinfo=UTC)).timestamp()
        except (OverflowError, OSError, ValueError):
            t = math.nan
    if not (math.isfinite(t) and 0 <= t <= LATEST):
        raise LinkError(f"the occurrence time {when[:40]!r} is out of range (epoch seconds 0-{LATEST:.0f})")
    return t


def split_link(link: str) -> tuple[str, str, float | None]:
    """(kind, id, occurrence time or None); LinkError when the link is malformed."""
    if len(link) > MAX_LENGTH or not _SHAPE.fullmatch(link):
        raise LinkError("a link is '<kind>:<id>' (kind: a-z and _, up to 32; id: 1-160 characters, no NUL)")
    kind, _, rest = link.partition(":")
    if kind == "appointment":
        uid, at, when = rest.rpartition("@")
        if at and uid and (t := occurrence(when)) is not None:
            return kind, uid, t
    return kind, rest, None


def check_link(link: str) -> str:
    """The link, for a pydantic AfterValidator (LinkError is a ValueError: a 422 with its reason)."""
    split_link(link)
    return link
