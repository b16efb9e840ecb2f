"""Call logs as plain data: every call, answered or not, with its outcome."""

from __future__ import annotations

from dataclasses import dataclass

RESULTS = ("answered", "missed", "rejected", "busy", "cancelled", "failed")
DIRECTIONS = ("in", "out")


@dataclass
class CallLogEntry:
    direction: str  # "in" | "out"
    peer_uri: str
    started_at: str  # ISO 8601 UTC
    account: str = ""
    peer_name: str = ""
    number_e164: str | None = None
    contact_id: int | None = None
    line: str = "pc"  # "pc" (PC to PC) | "phone" (a PSTN number)
    answered_at: str | None = None
    ended_at: str | None = None
    duration: int = 0
    result: str = "failed"
    sip_code: int | None = None
    reason: str = ""
    codec: str = ""
    recording: str = ""
    viewed: bool = True
    id: int | None = None
    uid: str | None = None
    contact_name: str = ""  # filled when read back, from the linked contact


@dataclass(frozen=True)
class CallLogFilter:
    line: str | None = None  # "pc" | "phone" | None for both
    direction: str | None = None
    result: str | None = None
    contact_id: int | None = None
    since: str | None = None  # ISO date/time, inclusive
    until: str | None = None  # ISO date/time, exclusive
    limit: int = 200
    before_id: int | None = None  # paging: rows older than this id


def result_for(direction: str, answered: bool, sip_code: int | None, cancelled_by_us: bool = False) -> str:
    """The log result of a finished call from what SIP told us."""
    if answered:
        return "answered"
    if direction == "in":
        if sip_code in (486, 600):
            return "busy"
        if sip_code in (603,) or cancelled_by_us:
            return "rejected"
        return "missed"
    if cancelled_by_us or sip_code == 487:
        return "cancelled"
    if sip_code in (486, 600):
        return "busy"
    if sip_code in (603,):
        return "rejected"
    return "failed"
