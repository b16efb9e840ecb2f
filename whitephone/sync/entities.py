"""The entities this client syncs, each declared once on top of the shared declaration
(`whitephone/protocol/entities.py`, the one the hub validates against).

Adding an entity (CRM records, notes, messages, appointments) is one small step: a row adapter
in `whitephone/store/sync_rows.py` (how its rows read and apply as wire fields) and one line in
SYNCED below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whitephone.protocol.entities import (
    ADDRESS_BOOK,
    CALL_LOG,
    CONTACT,
    CRM_CHANGE,
    CRM_NOTE,
    CRM_RECORD,
    EntitySpec,
    FieldError,
    validate_fields,
)


@dataclass(frozen=True)
class SyncedEntity:
    """A synced entity on the client: its shared declaration, and when a row is ready to push."""

    spec: EntitySpec
    # an append-only row is written once on the hub: push it when it is final (None: always)
    ready: Callable[[dict[str, Any]], bool] | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def merge(self) -> str:
        """"field" (field-by-field merge) or "append_only"."""
        return self.spec.merge

    def wire_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The declared, client-writable fields of a row (anything else stays local)."""
        return {k: v for k, v in fields.items() if k in self.spec.fields and k not in self.spec.hub_owned}

    def problem(self, fields: dict[str, Any]) -> str | None:
        """Why the hub would refuse these fields (too long, wrong type...), or None."""
        try:
            validate_fields(self.name, fields)
        except FieldError as exc:
            return str(exc)
        return None


def _call_finished(fields: dict[str, Any]) -> bool:
    return bool(fields.get("ended_at"))


SYNCED: dict[str, SyncedEntity] = {e.name: e for e in (
    SyncedEntity(ADDRESS_BOOK),
    SyncedEntity(CONTACT),
    SyncedEntity(CALL_LOG, ready=_call_finished),
    SyncedEntity(CRM_RECORD),
    SyncedEntity(CRM_NOTE),
    SyncedEntity(CRM_CHANGE),  # written by the hub only: pulled, never pushed
)}


def ready(entity: str, fields: dict[str, Any]) -> bool:
    e = SYNCED.get(entity)
    return e is not None and (e.ready is None or e.ready(fields))
