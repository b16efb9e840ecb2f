"""Issue 14 review fixes (hub side): the company's longest voice/video mail read from each file
as players take it (protocol/media_length.py) for every timed attachment, in bounded work, and for
uploads finished before the hub measured lengths; reminder links as the hub makes them (any record
id), a snoozed CRM reminder following its record, an appointment's occurrence in range; a retried
announcement. Against a real hub on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import struct
import time
import uuid

import numpy as np
import pytest

from tests.server.conftest import bearer, register
from tests.server.media import opus_bytes
from tests.server.test_voice_mail_limit_and_client_ids import _upload

pytestmark = pytest.mark.timeout(120)


def _team(client, company="Acme", domain="acme.test"):
    admin = register(client, company, f"a@{domain}")
    ids, toks = {}, {}
    for name in ("bob", "cat"):
        ids[name] = client.post("/api/v1/users", headers=bearer(admin), json={
            "name": name, "email": f"{name}@{domain}", "password": "password123", "permissions": []}).json()["id"]
        toks[name] = client.post("/api/v1/login", json={"email": f"{name}@{domain}",
                                                        "password": "password123"}).json()
    return admin, toks, ids


def _send(client, tok, to, kind, aids):
    return client.post("/api/v1/messages", headers=bearer(tok),
                       json={"to": to, "kind": kind, "body": "hi", "attachments": aids})


def _limit(client, admin, seconds):
    r = client.patch("/api/v1/company", headers=bearer(admin), json={"voice_mail_seconds": seconds})
    assert r.status_code == 200, r.text


# ---------------------------------------------------------------- crafted media
def _box(t: bytes, d: bytes) -> bytes:
    return struct.pack(">I", 8 + len(d)) + t + d


def _full(t: bytes, d: bytes) -> bytes:
    return _box(t, b"\0\0\0\0" + d)


def _mvhd(ts: int, dur: int) -> bytes:
    return _full(b"mvhd", struct.pack(">IIII", 0, 0, ts, dur) + struct.pack(">IH", 0x00010000, 0x0100) + b"\0" * 10
                 + struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000) + b"\0" * 24
                 + struct.pack(">I", 3))


def _trak(kind: bytes, ts: int, dur: int) -> bytes:
    mdhd = _full(b"mdhd", struct.pack(">IIIIHH", 0, 0, ts, dur, 0x55C4, 0))
    hdlr = _full(b"hdlr", struct.pack(">I4s12x", 0, kind) + b"x\0")
    return _box(b"trak", _box(b"mdia", mdhd + hdlr))


def mp4_with_tracks(movie_s: float, video_s: float, audio_ts: int, audio_units: int) -> bytes:
    """An MP4 whose movie and video track last `movie_s`/`video_s` seconds and whose sound track
    has the given mdhd timescale and duration."""
    moov = _box(b"moov", _mvhd(1000, int(movie_s * 1000)) + _trak(b"vide", 1000, int(video_s * 1000))
                + _trak(b"soun", audio_ts, audio_units))
    return _box(b"ftyp", b"isom\0\0\x02\0isommp41") + moov + _box(b"mdat", b"\0" * 64)


def adpcm_wav(seconds: float, subtype: str = "IMA_ADPCM") -> bytes:
    """A real IMA ADPCM WAV (libsndfile writes it; every player plays all of it)."""
    import soundfile as sf

    t = np.arange(int(8000 * seconds)) / 8000
    buf = io.BytesIO()
    sf.write(buf, (0.1 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 8000, format="WAV", subtype=subtype)
    return buf.getvalue()


def test_an_ima_adpcm_wav_of_five_minutes_is_refused_by_a_one_minute_limit(client):
    """A 5-minute voice mail saved as an IMA ADPCM WAV (fmt 0x11): its length comes from the
    format's samples per block (not data size / block size / rate, ~0.6 s): 413 at a 60 s limit."""
    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    data = adpcm_wav(300)
    import soundfile as sf

    assert sf.info(io.BytesIO(data)).duration > 299  # it really is five minutes of sound
    r = _send(client, t["cat"], ids["bob"], "voice_mail", [_upload(client, t["cat"], data, "audio/wav")])
    assert r.status_code == 413, f"a 5-minute voice mail went through a 60 s limit: {r.status_code} {r.text[:200]}"


def test_a_video_mail_is_as_long_as_its_longest_track_or_movie_header(client):
    """A video mail MP4 whose movie header and video track say 30 minutes but whose sound track
    says 1 s is 30 minutes long (the longest counts, not the first sound track): 413."""
    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    data = mp4_with_tracks(1800, 1800, 48000, 48000)
    r = _send(client, t["cat"], ids["bob"], "video_mail", [_upload(client, t["cat"], data, "video/mp4")])
    assert r.status_code == 413, f"a 30-minute video mail went through a 60 s limit: {r.status_code} {r.text[:200]}"


def test_a_track_with_timescale_zero_has_no_length_and_is_refused(client):
    """A sound track whose mdhd timescale is 0 has no readable length (not 0 s): 413 "cannot be
    read", like a file with no length at all."""
    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    data = mp4_with_tracks(1800, 1800, 0, 5)
    r = _send(client, t["cat"], ids["bob"], "video_mail", [_upload(client, t["cat"], data, "video/mp4")])
    assert r.status_code == 413, f"a length-less video mail was stored: {r.status_code} {r.text[:200]}"


def test_every_timed_attachment_of_a_voice_mail_is_measured(client):
    """A voice mail may carry more than one attachment: a 2 s Ogg plus a 30-minute video/mp4 is
    refused at a 60 s limit (every audio/video attachment counts, whatever its type)."""
    from tests.server.media import mp4_bytes

    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    short = _upload(client, t["cat"], opus_bytes(2), "audio/ogg")
    long_video = _upload(client, t["cat"], mp4_bytes(1800), "video/mp4")
    assert _send(client, t["cat"], ids["bob"], "video_mail", [long_video]).status_code == 413  # alone: refused
    r = _send(client, t["cat"], ids["bob"], "voice_mail", [short, long_video])
    assert r.status_code == 413, f"a 30-minute video rode on a voice mail: {r.status_code} {r.text[:200]}"


def test_a_voice_mail_uploaded_before_the_hub_upgrade_is_measured_at_send(client, hub):
    """Migration 0012 leaves attachments.duration empty for every upload already finished. A 20 s
    voice mail uploaded before the upgrade and sent after it is measured from the stored file at
    send (201), and its length kept."""
    import sqlalchemy as sa

    _admin, t, ids = _team(client)
    aid = _upload(client, t["cat"], opus_bytes(20), "audio/ogg")
    with hub.app.state.engine.begin() as conn:  # the row as migration 0012 leaves an older upload
        conn.execute(sa.text("UPDATE attachments SET duration = NULL WHERE id = :i"), {"i": aid})
    r = _send(client, t["cat"], ids["bob"], "voice_mail", [aid])
    assert r.status_code == 201, f"a good 20 s voice mail uploaded before the upgrade: {r.status_code} {r.text[:200]}"


# ---------------------------------------------------------------- reminder links
def _crm_reminder_message(client, tok, record_id: str, **fields):
    from datetime import UTC, datetime, timedelta

    from tests.server.test_crm_hub import _mut, _push, _record, _wait_for

    soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    res = _push(client, tok, _mut("crm_record", record_id, _record(remind_at=soon, **fields)))
    assert res[0]["status"] == "applied", res
    return _wait_for(lambda: [m for m in client.get("/api/v1/messages", headers=bearer(tok)).json()
                              if m["kind"] == "reminder"], "reminder message")[0], res[0]["version"]


def test_snoozing_a_crm_reminder_whose_record_id_has_a_space_is_accepted(client):
    """A CRM record's id may be any 1-64 characters (sync Mutation.id), e.g. "Job 42". Its
    reminder message carries link "crm_record:Job 42" (made by the hub), and a snooze sends that
    link back on POST /api/v1/reminders: accepted (201)."""
    from tests.server.test_crm_hub import _team as crm_team

    _admin, bob, _cat, ids = crm_team(client)
    msg, _v = _crm_reminder_message(client, bob, "Job 42")
    assert msg["link"] == "crm_record:Job 42"
    r = client.post("/api/v1/reminders", headers=bearer(bob), json={
        "to": ids["bob"], "body": msg["body"], "due": time.time() + 300, "link": msg["link"],
        "client_id": str(uuid.uuid4())})
    assert r.status_code == 201, f"the snooze of the hub's own reminder was refused: {r.status_code} {r.text[:300]}"


def test_a_snoozed_reminder_of_a_closed_record_does_not_arrive(client):
    """A CRM record's reminder is dropped when the record is closed or deleted; a snoozed one
    (link "crm_record:<uid>") follows its record the same way."""
    from tests.server.test_crm_hub import _mut, _push
    from tests.server.test_crm_hub import _team as crm_team

    _admin, bob, _cat, ids = crm_team(client)
    msg, version = _crm_reminder_message(client, bob, "r1")
    r = client.post("/api/v1/reminders", headers=bearer(bob), json={  # the window's snooze
        "to": ids["bob"], "body": msg["body"], "due": time.time() + 2, "link": msg["link"],
        "client_id": str(uuid.uuid4())})
    assert r.status_code == 201, r.text
    _push(client, bob, _mut("crm_record", "r1", {"status": "closed"}, base=version))
    time.sleep(4)
    got = [m for m in client.get("/api/v1/messages", headers=bearer(bob)).json() if m["kind"] == "reminder"]
    assert len(got) == 1, f"the snoozed reminder of a closed record arrived: {[m['body'] for m in got]}"


# ---------------------------------------------------------------- hub work on crafted media
def test_finishing_an_upload_of_a_multiplexed_ogg_reads_only_its_head_and_tail(client, hub, monkeypatch):
    """A 15 MB "audio/ogg" whose first pages are a real Opus head and the rest tiny pages of
    another logical stream (mutagen walked every page in Python holding the GIL: seconds of hub CPU
    per upload). The hub reads its length from the head and the tail only (counted: no wall-clock
    bound on a loaded machine), finds no length and refuses the voice mail at send."""
    import whitephone.protocol.media_length as media_length
    from tests.server.media import multiplexed_ogg

    read = []

    def counting_open(path, mode="r", *a, **kw):
        return _Counting(open(path, mode, *a, **kw), read)  # noqa: SIM115

    monkeypatch.setattr(media_length, "open", counting_open, raising=False)
    _admin, t, ids = _team(client)
    data = multiplexed_ogg(15 * 2**20)
    r = client.post("/api/v1/attachments", headers=bearer(t["cat"]), json={"length": len(data), "content_type": "audio/ogg"})
    assert r.status_code == 201, r.text
    aid, chunk, off = r.json()["id"], 2 * 2**20, 0
    while off < len(data):
        r = client.patch(f"/api/v1/attachments/{aid}", content=data[off:off + chunk], headers={
            **bearer(t["cat"]), "Upload-Offset": str(off), "Content-Type": "application/offset+octet-stream"})
        assert r.status_code in (200, 204), r.text
        off += chunk
    assert r.json()["finished"], r.text
    assert read and sum(read) < 512 * 1024, f"the length read took {sum(read)} bytes of a {len(data)}-byte file"
    r = _send(client, t["cat"], ids["bob"], "voice_mail", [aid])
    assert r.status_code == 413 and "cannot be read" in r.text, r.text


class _Counting:
    """A file whose reads are counted (bytes) into `into`."""

    def __init__(self, f, into: list) -> None:
        self._f, self._into = f, into

    def read(self, *a):
        out = self._f.read(*a)
        self._into.append(len(out))
        return out

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


# ---------------------------------------------------------------- client ids
def test_a_retried_announcement_after_its_permission_was_removed_answers_the_first_result(client):
    """Bob posts an announcement; the answer is lost and meanwhile an admin removes Bob's
    Announcements permission. The retry with the same client id answers 200 with the first result
    (it posts nothing), not 403."""
    admin = register(client, "Acme", "a@acme.test")
    bob_id = client.post("/api/v1/users", headers=bearer(admin), json={
        "name": "bob", "email": "bob@acme.test", "password": "password123",
        "permissions": ["announcements"]}).json()["id"]
    bob = client.post("/api/v1/login", json={"email": "bob@acme.test", "password": "password123"}).json()
    body = {"body": "Office closed on Friday", "client_id": str(uuid.uuid4())}
    first = client.post("/api/v1/announcements", headers=bearer(bob), json=body)
    assert first.status_code == 201, first.text
    r = client.put(f"/api/v1/users/{bob_id}/permissions", headers=bearer(admin), json={"permissions": []})
    assert r.status_code == 200, r.text
    again = client.post("/api/v1/announcements", headers=bearer(bob), json=body)
    assert again.status_code == 200 and again.json() == first.json(), \
        f"the retry of a posted announcement: {again.status_code} {again.text[:200]}"
