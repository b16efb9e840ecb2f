"""Issue 14: announcements and reminders go with client ids, so one whose answer was lost (the line
broke after the hub committed: a real proxy drops the answer) waits in the outbox, goes again and
is stored once. Two headless clients and a real hub over HTTP on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest

from tests.sync.answer_drop import AnswerDroppingProxy
from tests.sync.conftest import PASSWORD, Client
from whitephone.sync.hub_client import HubError

pytestmark = pytest.mark.timeout(180)


def test_an_announcement_and_a_reminder_whose_answers_were_lost_are_stored_once(clients, hub, tmp_path):
    _ann, bob = clients("ann"), clients("bob")
    bob.engine.sync_once()
    with AnswerDroppingProxy("127.0.0.1", hub.port) as proxy:
        far = Client(tmp_path / "ann-far")  # ann's laptop, behind a line that breaks
        try:
            far.session.login(proxy.url, "ann@example.com", PASSWORD)
            far.engine.sync_once()
            a = far.store.messages.queue_announcement("Office closed on Friday")
            proxy.drop_answer_to(b"POST /api/v1/announcements ")
            with pytest.raises(HubError):
                far.engine.sync_once()
            assert proxy.dropped == 1
            waiting = far.store.messages.get(a.id)
            assert waiting.status == "queued" and "Waiting for the hub" in waiting.error
            far.engine.sync_once()  # sent again: the hub answers with the first result
            assert far.store.messages.get(a.id).status == "sent"

            due = time.time() + 3600
            r = far.store.messages.queue_reminder(["bob@example.com"], "Call the supplier", due,
                                                  link="crm_record:rec-1")
            proxy.drop_answer_to(b"POST /api/v1/reminders ")
            with pytest.raises(HubError):
                far.engine.sync_once()
            assert proxy.dropped == 2 and far.store.messages.get(r.id).status == "queued"
            far.engine.sync_once()
            sent = far.store.messages.get(r.id)
            assert sent.status == "sent" and len(sent.recipients) == 1
        finally:
            far.close()
    pending = [x for x in bob.session.ensure().request("GET", "/api/v1/reminders") if x["body"] == "Call the supplier"]
    assert len(pending) == 1 and pending[0]["link"] == "crm_record:rec-1" and pending[0]["due"] == due
    bob.engine.sync_once()
    assert [m.body for m in bob.store.messages.list(kind="announcement")] == ["Office closed on Friday"]
    assert [m["body"] for m in bob.session.ensure().inbox()] == ["Office closed on Friday"]


def test_a_reminder_brings_its_link_and_a_snooze_keeps_it(clients):
    ann, bob = clients("ann"), clients("bob")
    bob_id = bob.session.info["user_id"]
    ann.store.messages.queue_reminder([bob_id], "Dentist", time.time(), link="appointment:ap-1@2026-12-07T08:00:00+00:00")
    ann.store.messages.queue_reminder([bob_id], "Boiler", time.time(), link="crm_record:rec-7")
    ann.engine.sync_once()
    deadline = time.monotonic() + 60
    while len(bob.store.messages.list(kind="reminder")) < 2:
        assert time.monotonic() < deadline, "reminders not delivered"
        bob.engine.sync_once()
        time.sleep(0.2)
    got = {m.body: m for m in bob.store.messages.list(kind="reminder")}
    assert (got["Boiler"].link, got["Boiler"].record) == ("crm_record:rec-7", "rec-7")
    assert got["Dentist"].link == "appointment:ap-1@2026-12-07T08:00:00+00:00" and got["Dentist"].record is None
    again = bob.store.messages.snooze(got["Boiler"].id, minutes=0.01)
    assert again.link == "crm_record:rec-7"
    while len(bob.store.messages.list(kind="reminder", unread=True)) < 2:
        assert time.monotonic() < deadline, "the snoozed reminder did not come back"
        bob.engine.sync_once()
        time.sleep(0.2)
    back = [m for m in bob.store.messages.list(kind="reminder", unread=True) if m.body == "Boiler"]
    assert len(back) == 1 and back[0].record == "rec-7" and back[0].id != got["Boiler"].id


def test_the_company_voice_mail_limit_reaches_the_client(clients, tmp_path):
    ann, bob = clients("ann"), clients("bob")
    assert bob.store.messages.voice_mail_seconds() == 180
    ann.session.ensure().update_company(voice_mail_seconds=20)
    bob.engine.messages.company_settings(bob.session.ensure())
    assert bob.store.messages.voice_mail_seconds() == 20
    import numpy as np
    import soundfile as sf

    wav = tmp_path / "long.wav"
    sf.write(str(wav), np.zeros(16000 * 25, dtype="float32"), 16000)
    from whitephone.store import MessageError

    with pytest.raises(MessageError, match="at most 20 seconds"):
        bob.store.messages.queue_voice(["ann@example.com"], wav)
    assert bob.store.messages.outbox_count() == 0
    # a later sign-in learns it too
    c = Client(tmp_path / "bob2")
    try:
        c.session.login(bob.session.info["url"], "bob@example.com", PASSWORD)
        assert c.store.messages.voice_mail_seconds() == 20
    finally:
        c.close()
