"""The entity declarations accept what the client stores and refuse hostile values with a reason."""

from __future__ import annotations

from typing import get_args

import pytest

from whitephone.protocol import Entity
from whitephone.protocol.entities import ENTITIES, FieldError, client_fields, validate_fields


def test_every_wire_entity_is_declared():
    assert set(get_args(Entity)) == set(ENTITIES)


def test_a_full_contact_is_valid():
    validate_fields("contact", {
        "book": "b1", "kind": "person", "given_name": "Anne", "family_name": "Smith", "display_name": "Anne Smith",
        "birthday": "--04-01", "notes": "n", "phones": [{"number": "+44 20", "kind": "work", "e164": "+4420"}],
        "emails": [{"address": "a@b.test", "kind": "home"}],
        "addresses": [{"street1": "1 Road", "city": "London", "country": "GB", "kind": "home"}],
        "websites": [{"url": "https://x.test", "kind": "work"}], "companies": [{"name": "Acme", "role": "CEO"}],
        "tags": ["vip"], "custom": {"Account": "42"}, "photo": "aGVsbG8=", "photo_mime": "image/png",
        "group_id": None})


@pytest.mark.parametrize(("entity", "fields", "reason"), [
    ("contact", {"colour": "red"}, "unknown field"),
    ("contact", {"display_name": "\ud800"}, "lone surrogate"),
    ("contact", {"notes": "a\x00b"}, "NUL"),
    ("contact", {"display_name": "x" * 201}, "longer than 200"),
    ("contact", {"phones": [[[[[]]]]]}, "must be an object"),
    ("contact", {"custom": {"k": {"deep": 1}}}, "must be text"),
    ("contact", {"tags": ["t"] * 201}, "more than 200"),
    ("call_log", {"duration": float("nan")}, "whole number"),
    ("call_log", {"duration": 10**30}, "between"),
    ("call_log", {"viewed": 1}, "true or false"),
    ("appointment", {"organizer_id": True}, "whole number"),
    ("appointment", {"participants": [{"kind": "user", "answer": "maybe"}]}, "must be one of"),
    ("appointment", {"overrides": [{"recurrence_id": "x", "start": 5}]}, "must be text"),
    ("nope", {}, "unknown entity"),
])
def test_hostile_fields_are_refused_with_a_reason(entity, fields, reason):
    with pytest.raises(FieldError, match=reason):
        validate_fields(entity, fields)


def test_hub_owned_fields_are_dropped_from_client_writes():
    assert client_fields("crm_record", {"title": "T", "task_number": 9}) == {"title": "T"}
    assert ENTITIES["crm_note"].merge == "append_only"
