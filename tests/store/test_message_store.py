"""store.messages without a hub: filters, search, unread counts, trash, files, bad input."""

from __future__ import annotations

import time
import wave

import pytest

from whitephone.store import MessageError, Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "wp.sqlite3")
    yield s
    s.close()


def incoming(store, hub_id, kind="text", body="hi", sender=("Ann Smith", "ann@example.com", 7), at=None, **kw):
    (mid,) = store.messages.add_incoming([{
        "hub_id": hub_id, "client_id": f"00000000-0000-0000-0000-{hub_id:012d}", "kind": kind, "body": body,
        "sender_name": sender[0], "sender_email": sender[1], "sender_id": sender[2],
        "received_at": at or time.time(), "sent_at": at or time.time(), "status": "sent", **kw}])
    return mid


def tone_wav(path, seconds=1.0, rate=16000):
    import numpy as np

    t = np.arange(int(seconds * rate)) / rate
    x = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(x.tobytes())
    return path


def test_filters_search_and_counts(store):
    m = store.messages
    old = incoming(store, 1, body="Invoice 50% paid", at=1_700_000_000)
    incoming(store, 2, kind="voice", body="", sender=("Bob", "bob@example.com", 8))
    incoming(store, 3, kind="announcement", body="Office closed")
    assert m.add_incoming([{"hub_id": 3, "client_id": "x", "kind": "text", "body": "dup"}]) == []  # hub id once
    assert m.count() == 3
    assert m.unread_counts() == {"text": 1, "voice": 1, "video": 0, "announcement": 1, "reminder": 0,
                                 "contact_request": 0, "all": 3}
    assert [x.kind for x in m.list(kind="voice")] == ["voice"]
    assert len(m.list(kind=["voice", "announcement"])) == 2
    assert [x.sender_name for x in m.list(sender="BOB@example.com")] == ["Bob"]
    assert len(m.list(sender="ann smith")) == 2 and len(m.list(sender=7)) == 2
    assert [x.id for x in m.list(until="2024-01-01")] == [old]
    assert old not in [x.id for x in m.list(since="2024-01-01T00:00")]
    assert [x.id for x in m.search("50%")] == [old]  # LIKE wildcards are literal
    assert m.search("5_%") == []
    assert m.search("   ") == []
    assert len(m.list(limit=2)) == 2 and len(m.list(offset=2)) == 1
    with pytest.raises(MessageError, match="not a kind"):
        m.list(kind="fax")
    with pytest.raises(MessageError, match="not a date"):
        m.list(since="yesterday")
    m.mark_read([old])
    assert m.count(unread=True) == 2 and m.unread_counts()["text"] == 0
    assert m.reads_to_push() == [(old, 1)]


def test_voice_mail_is_encoded_and_files_go_with_the_trash(store, tmp_path):
    m = store.messages
    wav = tone_wav(tmp_path / "t44.wav", rate=44100)  # not an Opus rate: resampled to 48 kHz
    msg = m.queue_voice(["bob@example.com"], wav, subject="Tone")
    att = msg.attachment
    assert att["mime"] == "audio/ogg" and att["size"] < wav.stat().st_size // 5
    assert abs(att["duration"] - 1.0) < 0.01
    assert m.outbox_count() == 1
    before = m.pending_mark()
    assert m.trash([msg.id]) == 1 and m.outbox_count() == 0  # a trashed queued message is not sent
    assert m.to_send() == []
    assert m.restore([msg.id]) == 1 and m.outbox_count() == 1 and m.pending_mark() != before
    m.trash(msg.id)
    assert m.purge_trash(older_than_days=0) == 1
    assert m.get(msg.id) is None
    assert list((tmp_path / "messages" / "out").glob("*")) == []


def test_a_wav_of_30_minutes_and_more_is_refused(store, tmp_path, monkeypatch):
    from whitephone.core import voice_mail

    monkeypatch.setattr(voice_mail, "MAX_SECONDS", 0.5)
    with pytest.raises(MessageError, match="at most"):
        store.messages.queue_voice(["bob@example.com"], tone_wav(tmp_path / "t.wav"))
    assert store.messages.count() == 0


def test_retry_and_reply_to(store):
    m = store.messages
    msg = m.queue_text([3], "hello")
    m.update_outgoing(msg.id, status="failed", error="no")
    assert m.retry([msg.id]) == 1 and m.get(msg.id).status == "queued" and m.get(msg.id).error is None
    with pytest.raises(MessageError, match="no message 99"):
        m.queue_text([3], "re", reply_to=99)
    with pytest.raises(MessageError, match="too long"):
        m.queue_text([3], "x" * 20001)
    assert m.queue_text([3], "re", reply_to=msg.id).reply_to == msg.id


def test_encoding_while_recording(store, tmp_path):
    import numpy as np

    from whitephone.core import voice_mail

    w = voice_mail.OpusWriter(tmp_path / "rec.ogg", 16000)
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 440 * np.arange(16000) / 16000)).astype(np.int16)
    for k in range(0, len(tone), 320):  # 20 ms blocks, as the recorder gives them
        w.write(tone[k:k + 320])
    enc = w.close()
    assert voice_mail.is_ogg_opus(enc.path)
    assert abs(enc.duration - 1.0) < 1e-6 and not (tmp_path / "rec.ogg.part").exists()
    msg = store.messages.queue_voice([3], enc.path)
    assert open(msg.attachment["path"], "rb").read() == enc.path.read_bytes()  # taken as it is
    decoded, rate = voice_mail.decode(enc.path)
    assert rate == 16000 and abs(len(decoded) - 16000) < 400
    gone = voice_mail.OpusWriter(tmp_path / "again.ogg")
    gone.write(tone[:320])
    gone.discard()
    assert not list(tmp_path.glob("again*"))
    with pytest.raises(voice_mail.VoiceMailError, match="not 44100"):
        voice_mail.OpusWriter(tmp_path / "x.ogg", 44100)
