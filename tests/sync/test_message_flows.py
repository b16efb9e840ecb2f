"""Messages end to end (issue 14): two headless clients (profile + store + session + SyncEngine)
and a real hub over HTTP on SQLite and PostgreSQL: text, voice mail as Ogg Opus with its PESQ,
announcements to a market, a reminder due while the recipient is offline, an upload cut halfway
by a real TCP cut, trash and restore, a retried send stored once."""

from __future__ import annotations

import shutil
import subprocess
import time

import numpy as np
import pytest

from tests.sync.conftest import PASSWORD, Client
from tests.sync.tcp_cut import CuttingProxy
from whitephone.core import voice_mail
from whitephone.store import MessageError
from whitephone.sync import message_sync
from whitephone.sync.hub_client import HubError

SENTENCES = ("The birch canoe slid on the smooth planks. Glue the sheet to the dark blue background. "
             "It is easy to tell the depth of a well. These days a chicken leg is a rare dish. "
             "Rice is often served in round bowls.")


def speech_wav(folder, repeat: int = 1):
    """16 kHz mono speech (espeak-ng and sox, as benchmarks/call_quality.py makes it)."""
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("needs espeak-ng and sox")
    raw, wav = folder / "speech_raw.wav", folder / f"speech{repeat}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(raw), " ".join([SENTENCES] * repeat)],
                   check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav), "gain", "-n", "-6",
                    "pad", "0.5", "1"], check=True)
    return wav


def pesq_wb(ref: np.ndarray, deg: np.ndarray) -> float:
    from pesq import pesq

    n = min(len(ref), len(deg))
    return float(pesq(16000, ref[:n].astype(float), deg[:n].astype(float), "wb"))


def only(rows):
    assert len(rows) == 1, rows
    return rows[0]


def test_text_message_with_subject_read_and_reply(clients):
    ann, bob = clients("ann"), clients("bob")
    msg = ann.store.messages.queue_text(["bob@example.com"], "Lunch at noon?", subject="Lunch")
    assert msg.status == "queued" and msg.direction == "out" and msg.hub_id is None
    summary = ann.engine.sync_once()
    assert summary.messages_sent == 1
    sent = ann.store.messages.get(msg.id)
    assert sent.status == "sent" and sent.hub_id and sent.error is None
    assert sent.recipients == [{"id": sent.recipients[0]["id"], "name": "bob", "email": "bob@example.com"}]

    bob.engine.sync_once()
    got = only(bob.store.messages.list())
    assert (got.kind, got.direction, got.subject, got.body) == ("text", "in", "Lunch", "Lunch at noon?")
    assert (got.sender_name, got.sender_email, got.read) == ("ann", "ann@example.com", False)
    assert bob.store.messages.unread_counts()["text"] == 1
    assert [m.id for m in bob.store.messages.list(sender="ann@example.com")] == [got.id]
    assert bob.store.messages.list(sender="carol@example.com") == []
    assert [m.id for m in bob.store.messages.search("NOON")] == [got.id]

    # read here, then on the hub
    bob.store.messages.mark_read([got.id])
    bob.engine.sync_once()
    inbox = bob.session.ensure().inbox()
    assert [m["read"] for m in inbox] == [True]
    assert bob.store.messages.unread_counts()["all"] == 0
    bob.store.messages.mark_read([got.id], read=False)  # unread again (kept here: the hub has no unread)
    assert bob.store.messages.count(unread=True) == 1

    # a reply
    bob.store.messages.queue_text([got.sender_id], "Yes!", reply_to=got.id)
    bob.engine.sync_once()
    ann.engine.sync_once()
    reply = only(ann.store.messages.list(kind="text", unread=True))
    assert (reply.body, reply.sender_email) == ("Yes!", "bob@example.com")


def test_sending_to_several_and_to_nobody_known(clients):
    ann, bob, cid = clients("ann"), clients("bob"), clients("cid")
    msg = ann.store.messages.queue_text(["bob@example.com", "cid@example.com"], "Team meeting at 3")
    bad = ann.store.messages.queue_text(["nobody@example.com"], "Hello?")
    ann.engine.sync_once()
    assert ann.store.messages.get(msg.id).status == "sent"
    failed = ann.store.messages.get(bad.id)
    assert failed.status == "failed" and "nobody@example.com" in failed.error
    for c in (bob, cid):
        c.engine.sync_once()
        assert only(c.store.messages.list()).body == "Team meeting at 3"
    with pytest.raises(MessageError, match="empty"):
        ann.store.messages.queue_text(["bob@example.com"], "   ")
    with pytest.raises(MessageError, match="recipient"):
        ann.store.messages.queue_text([], "x")
    with pytest.raises(MessageError, match="not an e-mail"):
        ann.store.messages.queue_text(["bob at example"], "x")


def test_voice_mail_is_ogg_opus_and_keeps_speech_quality(clients, tmp_path):
    wav = speech_wav(tmp_path)
    ann, bob = clients("ann"), clients("bob")
    msg = ann.store.messages.queue_voice(["bob@example.com"], wav, subject="Call me back")
    att = msg.attachment
    assert att["mime"] == "audio/ogg" and voice_mail.is_ogg_opus(att["path"])
    ann.engine.sync_once()
    assert ann.store.messages.get(msg.id).status == "sent"

    bob.engine.sync_once()
    got = only(bob.store.messages.list(kind="voice"))
    assert (got.subject, got.body, got.attachment["mime"]) == ("Call me back", "", "audio/ogg")
    assert got.attachment["path"] is None  # fetched on demand
    path = bob.engine.fetch_attachment(got.id)
    assert path.read_bytes() == open(att["path"], "rb").read()
    assert bob.store.messages.attachment_path(got.id) == path

    ref, rate = voice_mail.decode(wav)
    deg, rate2 = voice_mail.decode(path)
    assert rate == rate2 == 16000
    score = pesq_wb(ref, deg)
    seconds = len(ref) / rate
    per_minute = path.stat().st_size * 60 / seconds
    print(f"\nvoice mail: {seconds:.1f} s of speech -> {path.stat().st_size} bytes Ogg Opus "
          f"({per_minute / 1000:.0f} kB a minute, WAV {wav.stat().st_size} bytes); PESQ WB {score:.2f}")
    assert score > 3.5
    assert per_minute < 160_000


def test_voice_mail_of_an_unreadable_file_is_refused_with_a_reason(clients, tmp_path):
    ann = clients("ann")
    bad = tmp_path / "notes.wav"
    bad.write_text("not a sound")
    with pytest.raises(MessageError, match="not a sound file"):
        ann.store.messages.queue_voice(["bob@example.com"], bad)
    with pytest.raises(MessageError, match="does not exist"):
        ann.store.messages.queue_voice(["bob@example.com"], tmp_path / "missing.wav")
    with pytest.raises(MessageError, match="not an MP4"):
        ann.store.messages.queue_video(["bob@example.com"], bad)
    assert ann.store.messages.count() == 0
    assert not list((ann.store.messages.files_dir / "out").glob("*"))


def test_announcement_to_a_market_reaches_its_members_only(clients):
    ann, bob, cid = clients("ann"), clients("bob"), clients("cid")
    ann.session.ensure().create_market("Fish")
    bob.engine.messages.join_market(bob.session.ensure(), "fish")
    markets = {mk["name"]: mk for mk in cid.engine.markets()}
    assert markets["Fish"]["members"] == 1 and not markets["Fish"]["joined"]

    a = ann.store.messages.queue_announcement("Fresh cod today", market="Fish")
    company = ann.store.messages.queue_announcement("Office closed on Friday")
    nowhere = ann.store.messages.queue_announcement("Hello", market="Cheese")
    ann.engine.sync_once()
    assert ann.store.messages.get(a.id).status == "sent"
    assert ann.store.messages.get(company.id).status == "sent"
    assert "no market" in ann.store.messages.get(nowhere.id).error

    bob.engine.sync_once()
    cid.engine.sync_once()
    got = {m.body: m for m in bob.store.messages.list(kind="announcement")}
    assert set(got) == {"Fresh cod today", "Office closed on Friday"}
    assert got["Fresh cod today"].market == "Fish" and got["Office closed on Friday"].market is None
    assert [m.body for m in cid.store.messages.list(kind="announcement")] == ["Office closed on Friday"]

    # a colleague without the Announcements permission is refused, with the hub's reason
    refused = bob.store.messages.queue_announcement("Me too")
    bob.engine.sync_once()
    r = bob.store.messages.get(refused.id)
    assert r.status == "failed" and "announcements" in r.error

    assert bob.engine.leave_market("Fish")["joined"] is False
    ann.store.messages.queue_announcement("Fresh salmon", market="Fish")
    ann.engine.sync_once()
    bob.engine.sync_once()
    assert "Fresh salmon" not in {m.body for m in bob.store.messages.list()}
    with pytest.raises(HubError, match="no market"):
        bob.engine.messages.join_market(bob.session.ensure(), "Cheese")


def test_a_reminder_due_while_offline_arrives_on_reconnect(clients):
    ann, bob = clients("ann"), clients("bob")
    bob.engine.sync_once()  # bob has been online once, then goes away (no sync, no socket)
    due = time.time() + 1.0
    r = ann.store.messages.queue_reminder(["bob@example.com"], "Call the supplier", due)
    ann.engine.sync_once()
    assert ann.store.messages.get(r.id).status == "sent"
    client = ann.session.ensure()
    deadline = time.monotonic() + 30
    while any(x["body"] == "Call the supplier" for x in client.request("GET", "/api/v1/reminders")):
        assert time.monotonic() < deadline, "the hub did not deliver the reminder"
        time.sleep(0.2)
    assert bob.store.messages.count(kind="reminder") == 0
    bob.engine.sync_once()  # back online
    got = only(bob.store.messages.list(kind="reminder"))
    assert (got.body, got.sender_email, got.read) == ("Call the supplier", "ann@example.com", False)


def test_an_upload_cut_halfway_resumes_where_it_stopped(clients, hub, tmp_path, monkeypatch):
    wav = speech_wav(tmp_path, repeat=4)
    ann, bob = clients("ann"), clients("bob")
    bob.engine.sync_once()
    ann.engine.sync_once()  # knows bob
    monkeypatch.setattr(message_sync, "CHUNK", 16 * 1024)
    with CuttingProxy("127.0.0.1", hub.port) as proxy:
        far = Client(tmp_path / "ann-far")  # ann's laptop, behind a line that breaks
        try:
            far.session.login(proxy.url, "ann@example.com", PASSWORD)
            far.engine.sync_once()
            msg = far.store.messages.queue_voice(["bob@example.com"], wav)
            size = msg.attachment["size"]
            assert size > 80 * 1024
            proxy.cut_after(size // 2)  # client-to-hub bytes from now on, then the line goes
            with pytest.raises(HubError) as e:
                far.engine.sync_once()
            assert e.value.kind == "unreachable"
            waiting = far.store.messages.get(msg.id)
            assert waiting.status == "queued" and "Waiting for the hub" in waiting.error
            _, _, upload_id = only(far.store.messages.to_send())
            hub_offset = ann.session.ensure().upload_offset(upload_id)
            assert 0 < hub_offset < size
            proxy.restore()
            proxy.count_from_now()
            far.engine.sync_once()
            done = far.store.messages.get(msg.id)
            assert done.status == "sent" and done.attachment["hub_id"] == upload_id
            # only the rest went the second time (and the HTTP around it)
            assert proxy.upstream_bytes < size - hub_offset + 32 * 1024
        finally:
            far.close()
    bob.engine.sync_once()
    got = only(bob.store.messages.list(kind="voice"))
    path = bob.engine.messages.fetch_attachment(bob.session.ensure(), got.id)
    assert path.read_bytes() == open(msg.attachment["path"], "rb").read()


def test_trash_restore_and_purge(clients):
    ann, bob = clients("ann"), clients("bob")
    for text in ("one", "two", "three"):
        ann.store.messages.queue_text(["bob@example.com"], text)
    ann.engine.sync_once()
    bob.engine.sync_once()
    ids = {m.body: m.id for m in bob.store.messages.list()}
    assert bob.store.messages.trash([ids["one"], ids["two"]]) == 2
    assert [m.body for m in bob.store.messages.list()] == ["three"]
    assert {m.body for m in bob.store.messages.list(trash=True)} == {"one", "two"}
    assert bob.store.messages.count(trash=True) == 2
    assert bob.store.messages.list(trash=True)[0].deleted_at.startswith("20")
    assert bob.store.messages.restore([ids["one"]]) == 1
    assert {m.body for m in bob.store.messages.list()} == {"one", "three"}
    assert bob.store.messages.purge_trash(older_than_days=30) == 0  # trashed just now: kept 30 days
    assert bob.store.messages.purge_trash(older_than_days=0) == 1
    assert bob.store.messages.list(trash=True) == []
    bob.engine.sync_once()  # deleted on the hub too
    assert sorted(m["body"] for m in bob.session.ensure().inbox()) == ["one", "three"]
    assert bob.store.messages.get(ids["two"]) is None


def test_a_retried_send_is_stored_once(clients, monkeypatch):
    ann, bob = clients("ann"), clients("bob")
    client = ann.session.ensure()
    real = client.send_message
    calls = []

    def answer_lost(*a, **kw):
        calls.append(a)
        stored = real(*a, **kw)  # the hub stores it ...
        if len(calls) == 1:  # ... and the answer never comes back
            raise HubError("unreachable", "The hub did not answer.")
        return stored

    monkeypatch.setattr(client, "send_message", answer_lost)
    msg = ann.store.messages.queue_text(["bob@example.com"], "Only once, please")
    with pytest.raises(HubError):
        ann.engine.sync_once()
    assert ann.store.messages.get(msg.id).status == "queued"
    ann.engine.sync_once()  # the retry
    assert len(calls) == 2 and ann.store.messages.get(msg.id).status == "sent"
    bob.engine.sync_once()
    assert [m["body"] for m in bob.session.ensure().inbox()] == ["Only once, please"]
    assert [m.body for m in bob.store.messages.list()] == ["Only once, please"]
    bob.engine.messages.pull(bob.session.ensure())  # pulling again stores nothing new
    assert bob.store.messages.count() == 1


def test_composing_offline_waits_in_the_outbox_and_goes_on_reconnect(proc_hub, clients):
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    proc_hub.kill()
    msg = ann.store.messages.queue_text(["bob@example.com"], "Written on the train")
    with pytest.raises(HubError):
        ann.engine.sync_once()
    assert ann.store.messages.outbox_count() == 1 and ann.engine.status().messages_waiting == 1
    proc_hub.start()
    ann.engine.sync_once()
    assert ann.store.messages.get(msg.id).status == "sent"
    bob.engine.sync_once()
    assert only(bob.store.messages.list()).body == "Written on the train"


def test_live_delivery_through_the_running_worker(clients):
    """The workers' own timers are an hour: the new queued row wakes the sender's, the hub's live
    event the recipient's. A second message queued while the first is being sent goes too."""
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    bob.engine.sync_once()
    for c in (ann, bob):
        c.engine.pull_interval = 3600.0
        c.engine.start()
    try:
        assert bob.engine.wait_connected(10)
        for n, text in enumerate(("Are you there?", "Hello?", "Call me"), start=1):
            ann.store.messages.queue_text(["bob@example.com"], text)
            deadline = time.monotonic() + 20
            while bob.store.messages.count() < n:
                assert time.monotonic() < deadline, f"message {n} not delivered"
                time.sleep(0.02)
    finally:
        ann.engine.stop()
        bob.engine.stop()
    assert [m.body for m in bob.store.messages.list()] == ["Call me", "Hello?", "Are you there?"]


def test_contact_requests_arrive_as_messages_and_are_answered(clients):
    ann, bob = clients("ann"), clients("bob")
    zed = clients("zed", register=True)  # another company
    zed_client = zed.session.ensure()
    ann_id = ann.session.info["user_id"]
    zed_client.send_contact_request(ann_id)
    bob.session.ensure().send_contact_request(ann_id)
    ann.engine.sync_once()
    reqs = {m.sender_id: m for m in ann.store.messages.list(kind="contact_request")}
    assert len(reqs) == 2 and all(m.request_status == "pending" and not m.read for m in reqs.values())
    from_bob = reqs[bob.session.info["user_id"]]
    assert from_bob.sender_email == "bob@example.com" and "bob asks to add you" in from_bob.body
    from_zed = reqs[zed.session.info["user_id"]]
    assert ann.store.messages.unread_counts()["contact_request"] == 2

    done = ann.engine.messages.answer_contact_request(ann.session.ensure(), from_zed.id, accept=True)
    assert done.request_status == "accepted" and done.read
    done = ann.engine.answer_contact_request(from_bob.id, accept=False)
    assert done.request_status == "declined"
    assert {r["status"] for r in zed_client.contact_requests()} == {"accepted"}
    ann.engine.sync_once()  # answered requests stay answered, none added twice
    assert ann.store.messages.count(kind="contact_request") == 2
    with pytest.raises(MessageError, match="not a contact request"):
        ann.engine.messages.answer_contact_request(ann.session.ensure(), 999, accept=True)


def test_video_mail_goes_as_mp4(clients, tmp_path):
    """The MP4 container as the hub checks it, with the movie header its length is read from (the
    recording itself is the window's: QtMultimedia)."""
    from tests.server.media import mp4_bytes

    MP4 = mp4_bytes(12)
    video = tmp_path / "hello.mp4"
    video.write_bytes(MP4)
    ann, bob = clients("ann"), clients("bob")
    msg = ann.store.messages.queue_video(["bob@example.com"], video, subject="Site visit")
    ann.engine.sync_once()
    assert ann.store.messages.get(msg.id).status == "sent"
    bob.engine.sync_once()
    got = only(bob.store.messages.list(kind="video"))
    assert (got.subject, got.body, got.attachment["mime"], got.attachment["name"]) == (
        "Site visit", "", "video/mp4", "hello.mp4")
    assert bob.engine.messages.fetch_attachment(bob.session.ensure(), got.id).read_bytes() == MP4


def test_snoozed_reminder_comes_back(clients):
    ann, bob = clients("ann"), clients("bob")
    ann.store.messages.queue_reminder([bob.session.info["user_id"]], "Renew the lease", time.time())
    ann.engine.sync_once()
    deadline = time.monotonic() + 30
    while not bob.store.messages.list(kind="reminder"):
        assert time.monotonic() < deadline, "reminder not delivered"
        bob.engine.sync_once()
        time.sleep(0.2)
    first = only(bob.store.messages.list(kind="reminder"))
    again = bob.store.messages.snooze(first.id, minutes=0.01)
    assert bob.store.messages.get(first.id).read and again.kind == "reminder" and again.direction == "out"
    while len(bob.store.messages.list(kind="reminder", unread=True)) < 1:
        assert time.monotonic() < deadline, "snoozed reminder did not come back"
        bob.engine.sync_once()
        time.sleep(0.2)
    back = only(bob.store.messages.list(kind="reminder", unread=True))
    assert back.body == "Renew the lease" and back.direction == "in" and back.id != first.id
    with pytest.raises(MessageError, match="not a reminder"):
        bob.store.messages.snooze(back.id + 100, minutes=5)
