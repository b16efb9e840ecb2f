"""Reminder links (protocol/links.py) and the client's reading of them (store parse_link): the id as
the hub makes it, an appointment's occurrence only when it is a date."""

from __future__ import annotations

import math

import pytest

from whitephone.protocol.links import LinkError, split_link
from whitephone.store.messages import parse_link


def test_a_record_id_is_taken_whole_spaces_and_at_signs_included():
    assert split_link("crm_record:Job 42") == ("crm_record", "Job 42", None)
    assert split_link("crm_record:a@1700000000") == ("crm_record", "a@1700000000", None)
    assert parse_link("crm_record:a@1700000000") == ("crm_record", "a@1700000000", None)


def test_an_appointments_occurrence_is_epoch_seconds_or_an_iso_time():
    assert split_link("appointment:u@1700000000") == ("appointment", "u", 1700000000.0)
    assert split_link("appointment:u@2026-12-05T08:00:00+00:00")[2] == pytest.approx(1796457600.0)
    assert split_link("appointment:a@b") == ("appointment", "a@b", None)  # no time: part of the uid


@pytest.mark.parametrize("when", ["nan", "inf", "-inf", "1e20", "-1", "99999999999999", "9999-12-31T23:59:59"])
def test_an_occurrence_out_of_range_is_refused_and_the_client_opens_the_appointment_whole(when):
    with pytest.raises(LinkError, match="out of range"):
        split_link(f"appointment:u@{when}")
    kind, uid, t = parse_link(f"appointment:u@{when}")
    assert (kind, uid, t) == ("appointment", "u", None)


@pytest.mark.parametrize("bad", ["", "nocolon", "crm_record:", "CRM:x", "a:b\x00c", "x:" + "y" * 200])
def test_malformed_links_are_refused(bad):
    with pytest.raises(LinkError):
        split_link(bad)


def test_the_client_reads_what_the_hub_sent_even_if_it_would_refuse_it():
    assert parse_link(None) is None and parse_link("") is None
    assert parse_link("kind:" + "y" * 300) == ("kind", "y" * 300, None)
    assert not math.isnan(parse_link("appointment:u@1700000000")[2])
