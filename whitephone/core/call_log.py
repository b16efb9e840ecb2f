"""Writes the call log as a call goes: started → answered → ended, linked to the contact."""

from __future__ import annotations

from datetime import UTC, datetime

from whitephone.core.calls import CallLogEntry, result_for
from whitephone.core.dial import number_from_uri
from whitephone.store import Store


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class CallLogService:
    def __init__(self, store: Store, region: str) -> None:
        self.store = store
        self.region = region

    def started(self, direction: str, peer_uri: str, *, peer_name: str = "", account: str = "",
                number_e164: str | None = None) -> CallLogEntry:
        """Log a call that starts ringing (in) or dialling (out); links it to a contact by number."""
        e164 = number_e164 or number_from_uri(peer_uri, self.region)
        contact = self.store.contacts.by_number(e164) if e164 else []
        entry = CallLogEntry(
            direction=direction, peer_uri=peer_uri, peer_name=peer_name, account=account,
            number_e164=e164, contact_id=contact[0].id if contact else None,
            line="phone" if e164 else "pc",  # a number (PSTN) call, else PC to PC by SIP address
            started_at=_now(), result="missed" if direction == "in" else "failed",
        )
        self.store.calls.add(entry)
        return entry

    def answered(self, entry: CallLogEntry, codec: str = "") -> None:
        entry.answered_at = entry.answered_at or _now()
        entry.codec = codec or entry.codec
        entry.result = "answered"
        self.store.calls.update(entry)

    def ended(self, entry: CallLogEntry, *, sip_code: int | None = None, reason: str = "",
              recording: str = "", cancelled_by_us: bool = False, failed: bool = False) -> None:
        """Finish a call's row; `failed`: it was cut off on our side (the call engine stopped)."""
        entry.ended_at = _now()
        entry.sip_code, entry.reason = sip_code, reason
        entry.recording = recording or entry.recording
        entry.result = "failed" if failed else result_for(entry.direction, entry.answered_at is not None, sip_code,
                                                           cancelled_by_us)
        if entry.answered_at:
            start = datetime.fromisoformat(entry.answered_at)
            entry.duration = max(0, round((datetime.fromisoformat(entry.ended_at) - start).total_seconds()))
        entry.viewed = entry.result != "missed"
        self.store.calls.update(entry)
