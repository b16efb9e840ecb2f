"""The text of a message on the wire (the hub has no subject field) and local file names of
attachments a colleague named: plain functions, no hub."""

from __future__ import annotations

import pytest

from whitephone.store.messages import Message
from whitephone.sync.message_sync import parse_body, safe_file_name, wire_body


def _msg(kind: str, body: str, subject: str | None = None) -> Message:
    return Message(id=1, hub_id=None, client_id="x", kind=kind, direction="out", body=body, subject=subject)


@pytest.mark.parametrize("kind, subject, body", [
    ("text", None, "Lunch?"),
    ("text", "Minutes", "see below"),
    ("text", None, "Subject: the quarterly numbers\n\nare attached below"),
    ("text", None, "Subject: no blank line"),
    ("text", "Re", "Subject: x\n\ny"),
    ("text", None, "Voice mail"),  # a text may say it: only a voice mail's default is dropped
    ("voice", None, ""),
    ("voice", "Call me", ""),
    ("voice", None, "Voice mail"),
    ("voice", "Call me", "Voice mail"),
    ("video", None, "Video mail"),
    ("video", None, "Subject: \n\n"),
])
def test_wire_text_gives_back_what_was_sent(kind, subject, body):
    wire = wire_body(_msg(kind, body, subject))
    assert wire  # the hub refuses an empty text
    assert parse_body(kind, wire) == (subject, body)


def test_a_text_from_another_client_is_read_as_written():
    assert parse_body("text", "Hello\n\nthere") == (None, "Hello\n\nthere")
    assert parse_body("voice", "Voice mail") == (None, "")


@pytest.mark.parametrize("name, want", [
    ("..", "attachment"), (".", "attachment"), ("", "attachment"), (None, "attachment"),
    ("a/b/tone.ogg", "tone.ogg"), ("a\\b\\tone.ogg", "tone.ogg"), ("tone.ogg", "tone.ogg"),
    ("bad\x00name\n.ogg", "badname.ogg"),
])
def test_attachment_names_are_made_safe(name, want):
    assert safe_file_name(name) == want


def test_a_long_attachment_name_is_cut_keeping_its_extension():
    got = safe_file_name("é" * 300 + ".ogg")
    assert got.endswith(".ogg") and len(got.encode()) <= 120
    got.encode().decode("utf-8")  # cut on a character boundary
