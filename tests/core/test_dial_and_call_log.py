"""Click-to-call targets and the call log written as calls progress."""

from __future__ import annotations

import pytest

from whitephone.core.call_log import CallLogService
from whitephone.core.calls import CallLogFilter, result_for
from whitephone.core.contact import ContactData, Phone
from whitephone.core.contacts import ContactsService
from whitephone.core.dial import DialError, number_from_uri, parse_dial_target


@pytest.mark.parametrize("text,kind,uri", [
    ("tel:+44-20-7946-0018", "number", "+442079460018"),
    ("callto:+442079460018", "number", "+442079460018"),
    ("callto://+44%2020%207946%200018", "number", "+442079460018"),
    ("020 7946 0018", "number", "+442079460018"),
    ("sip:alice@192.0.2.5:5070", "sip", "sip:alice@192.0.2.5:5070"),
    ("sips:bob@example.com", "sip", "sips:bob@example.com"),
    ("carol@pbx.example.com", "sip", "sip:carol@pbx.example.com"),
])
def test_dial_targets(text, kind, uri):
    t = parse_dial_target(text, "GB")
    assert (t.kind, t.uri) == (kind, uri)


@pytest.mark.parametrize("bad", ["", "hello world", "sip:", "12", "tel:abc"])
def test_bad_dial_targets_explain_themselves(bad):
    with pytest.raises(DialError, match="."):
        parse_dial_target(bad, "GB")


def test_number_from_caller_uri():
    assert number_from_uri("<sip:+442079460018@carrier.example>", "US") == "+442079460018"
    assert number_from_uri("sip:alice@10.0.0.1", "GB") is None


def test_results():
    assert result_for("in", False, 487) == "missed"
    assert result_for("in", False, 603, cancelled_by_us=True) == "rejected"
    assert result_for("out", False, 486) == "busy"
    assert result_for("out", False, 487, cancelled_by_us=True) == "cancelled"
    assert result_for("out", True, 200) == "answered"
    assert result_for("out", False, 503) == "failed"


def test_call_log_links_contact_and_counts_missed(store):
    ContactsService(store, "GB").add(ContactData(given_name="Ann", family_name="Lee",
                                                 phones=[Phone("020 7946 0018")]))
    log = CallLogService(store, "GB")
    missed = log.started("in", "sip:+442079460018@carrier.example", peer_name="ANN LEE")
    log.ended(missed, sip_code=487)
    out = log.started("out", "sip:bob@192.0.2.5")
    log.answered(out, codec="G722")
    log.ended(out, sip_code=200, recording="/tmp/r.wav")
    rows = store.calls.list()
    assert [r.result for r in rows] == ["answered", "missed"]
    assert rows[1].contact_name == "Ann Lee" and rows[1].line == "phone"
    assert rows[0].line == "pc" and rows[0].codec == "G722" and rows[0].recording == "/tmp/r.wav"
    assert store.calls.unviewed_missed() == 1
    assert [r.result for r in store.calls.list(CallLogFilter(line="phone"))] == ["missed"]
    assert [r.result for r in store.calls.list(CallLogFilter(direction="out"))] == ["answered"]
    store.calls.mark_viewed()
    assert store.calls.unviewed_missed() == 0


@pytest.mark.parametrize("remote_uri, contact, expected", [
    ("<sip:bob@127.0.0.1>", "<sip:bob@127.0.0.1:25064;ob>", "sip:bob@127.0.0.1:25064"),
    ("sip:bob@192.0.2.7", "<sip:bob@192.0.2.7:5070;transport=TCP>", "sip:bob@192.0.2.7:5070;transport=tcp"),
    ("sip:bob@example.com", "<sip:bob@192.0.2.7:5070>", "sip:bob@example.com"),  # via the registrar
    ("sip:bob@192.0.2.7:5080", "<sip:bob@192.0.2.7:5070>", "sip:bob@192.0.2.7:5080"),  # port known
    ("sip:bob@192.0.2.7", "<sip:bob@198.51.100.1:5070>", "sip:bob@192.0.2.7"),  # NAT: not the same host
    ("sip:+442079460018@10.0.0.1", "", "sip:+442079460018@10.0.0.1"),
])
def test_callback_uri_keeps_a_direct_callers_port(remote_uri, contact, expected):
    from whitephone.core.dial import callback_uri

    assert callback_uri(remote_uri, contact) == expected
