"""Break-it review of issue 14 (hub side): the company's longest voice/video mail as the hub
enforces it, and reminder links. Each test fails on the code as reviewed."""

from __future__ import annotations

import io
import struct
import time
import uuid

import numpy as np
import pytest

from tests.server.conftest import bearer, register
from tests.server.media import opus_bytes

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


def _upload(client, tok, data: bytes, content_type: str) -> int:
    r = client.post("/api/v1/attachments", headers=bearer(tok), json={"length": len(data), "content_type": content_type})
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    r = client.patch(f"/api/v1/attachments/{aid}", content=data, headers={
        **bearer(tok), "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert r.status_code == 200 and r.json()["finished"], r.text
    return aid


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


def test_an_ima_adpcm_wav_of_five_minutes_passes_a_one_minute_limit(client):
    """A user records a 5-minute voice mail and saves it as an IMA ADPCM WAV (a format the hub's
    file check accepts, fmt 0x11). The hub reads its length as data size / block size / rate (1 s
    per 505 samples), sees ~0.6 s and stores it although the company allows 60 s. Expected: 413."""
    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    data = adpcm_wav(300)
    import soundfile as sf

    assert sf.info(io.BytesIO(data)).duration > 299  # it really is five minutes of sound
    r = _send(client, t["cat"], ids["bob"], "voice_mail", [_upload(client, t["cat"], data, "audio/wav")])
    assert r.status_code == 413, f"a 5-minute voice mail went through a 60 s limit: {r.status_code} {r.text[:200]}"


def test_a_video_mail_with_a_one_second_sound_track_passes_whatever_its_video_lasts(client):
    """A video mail MP4 whose movie header and video track say 30 minutes but whose sound track
    says 1 s: the hub measures only the first sound track (mutagen), so the 30-minute video is
    stored against a 60 s limit. Expected: 413 (the longest track/the movie header counts)."""
    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    data = mp4_with_tracks(1800, 1800, 48000, 48000)
    r = _send(client, t["cat"], ids["bob"], "video_mail", [_upload(client, t["cat"], data, "video/mp4")])
    assert r.status_code == 413, f"a 30-minute video mail went through a 60 s limit: {r.status_code} {r.text[:200]}"


def test_a_sound_track_with_timescale_zero_reads_as_zero_seconds_and_passes(client):
    """A sound track whose mdhd timescale is 0 has no readable length (mutagen answers 0.0 on the
    division by zero), but the hub takes 0 s as a length and stores the 30-minute video mail.
    Expected: 413 "cannot be read", like a file with no length at all."""
    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    data = mp4_with_tracks(1800, 1800, 0, 5)
    r = _send(client, t["cat"], ids["bob"], "video_mail", [_upload(client, t["cat"], data, "video/mp4")])
    assert r.status_code == 413, f"a length-less video mail was stored: {r.status_code} {r.text[:200]}"


def test_a_voice_mail_carrying_a_long_video_attachment_is_not_measured(client):
    """A voice mail may carry more than one attachment; the hub measures only those of type
    audio/*. A 2 s Ogg plus a 30-minute video/mp4 rides through a 60 s limit (the recipient gets
    the long file). Expected: every audio/video attachment of a voice/video mail is measured (413)."""
    from tests.server.media import mp4_bytes

    admin, t, ids = _team(client)
    _limit(client, admin, 60)
    short = _upload(client, t["cat"], opus_bytes(2), "audio/ogg")
    long_video = _upload(client, t["cat"], mp4_bytes(1800), "video/mp4")
    assert _send(client, t["cat"], ids["bob"], "video_mail", [long_video]).status_code == 413  # alone: refused
    r = _send(client, t["cat"], ids["bob"], "voice_mail", [short, long_video])
    assert r.status_code == 413, f"a 30-minute video rode on a voice mail: {r.status_code} {r.text[:200]}"


def test_a_voice_mail_uploaded_before_the_hub_upgrade_is_refused_as_unreadable(client, hub):
    """Migration 0012 adds attachments.duration empty for every upload already finished. A client
    that finished uploading a 20 s voice mail before the hub was upgraded (the send itself still in
    its outbox: the connection broke) sends it after the upgrade with the same hub attachment id:
    the hub answers 413 "the length of this voice mail cannot be read from its file" for a
    perfectly good Ogg Opus file, and the message fails for good. Expected: the hub measures the
    stored file when it has no duration yet, and the send is 201."""
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


def test_snoozing_a_crm_reminder_whose_record_id_has_a_space_is_refused(client):
    """A CRM record's id may be any 1-64 characters (sync Mutation.id), e.g. "Job 42" from an
    import or another client. Its reminder message carries link "crm_record:Job 42" (made by the
    hub), and a snooze sends that link back on POST /api/v1/reminders: the hub's own link is
    refused (422: the pattern forbids spaces), so the window's snooze ends "Not sent" and the
    reminder never comes back. Expected: a link the hub made is accepted again (201)."""
    from tests.server.test_crm_hub import _team as crm_team

    _admin, bob, _cat, ids = crm_team(client)
    msg, _v = _crm_reminder_message(client, bob, "Job 42")
    assert msg["link"] == "crm_record:Job 42"
    r = client.post("/api/v1/reminders", headers=bearer(bob), json={
        "to": ids["bob"], "body": msg["body"], "due": time.time() + 300, "link": msg["link"],
        "client_id": str(uuid.uuid4())})
    assert r.status_code == 201, f"the snooze of the hub's own reminder was refused: {r.status_code} {r.text[:300]}"


def test_a_snoozed_reminder_of_a_closed_record_still_arrives(client):
    """A CRM record's reminder is dropped when the record is closed or deleted ("none while ...
    the record closed"; deliver_due skips a record that is gone). Snoozing it makes a plain
    reminder with link "crm_record:<uid>" and no crm_record column, so closing the record
    afterwards does not drop it: five minutes later "Reminder: task 1: Boiler broken" pops up
    again for a closed job. Expected: the snoozed reminder follows its record like the first."""
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


# ---------------------------------------------------------------- hub CPU on crafted media
def _ogg_pages(b: bytes) -> list[bytes]:
    out, p = [], 0
    while p < len(b):
        n = b[p + 26]
        e = p + 27 + n + sum(b[p + 27:p + 27 + n])
        out.append(b[p:e])
        p = e
    return out


def test_finishing_an_upload_of_a_multiplexed_ogg_costs_the_hub_seconds_of_cpu(client, hub):
    """Any signed-in user can upload a 15 MB "audio/ogg" whose first pages are a real Opus head and
    the rest tiny pages of another logical stream. On completion the hub reads its length with
    mutagen, which (the last page not being the Opus stream's) walks every page in Python holding
    the GIL: seconds of hub CPU per upload (13 s for 50 MB, the default limit), repeatable up to the
    user's 2 GB quota and in parallel; the answer is a refusal at send anyway. Expected: the
    duration read is bounded (a completed upload answers in under a second)."""
    import threading

    import httpx

    _admin, t, _ids = _team(client)
    head = b"".join(_ogg_pages(opus_bytes(1))[:2])
    tiny = b"OggS\0\0" + struct.pack("<qIII", 0, 99, 0, 0) + b"\x01\x01x"
    data = head + tiny * ((15 * 2**20) // len(tiny))
    r = client.post("/api/v1/attachments", headers=bearer(t["cat"]), json={"length": len(data), "content_type": "audio/ogg"})
    assert r.status_code == 201, r.text
    aid, chunk, off = r.json()["id"], 2 * 2**20, 0
    while off + chunk < len(data):
        r = client.patch(f"/api/v1/attachments/{aid}", content=data[off:off + chunk], headers={
            **bearer(t["cat"]), "Upload-Offset": str(off), "Content-Type": "application/offset+octet-stream"})
        assert r.status_code in (200, 204), r.text
        off += chunk
    latencies: list[float] = []
    stop = threading.Event()

    def probe():
        with httpx.Client(base_url=hub.base, timeout=30) as c:
            while not stop.is_set():
                t0 = time.monotonic()
                c.get("/api/v1/company", headers=bearer(t["bob"]))
                latencies.append(time.monotonic() - t0)
                time.sleep(0.05)

    th = threading.Thread(target=probe)
    th.start()
    t0 = time.monotonic()
    with httpx.Client(base_url=hub.base, timeout=120) as c:
        r = c.patch(f"/api/v1/attachments/{aid}", content=data[off:], headers={
            **bearer(t["cat"]), "Upload-Offset": str(off), "Content-Type": "application/offset+octet-stream"})
    took = time.monotonic() - t0
    stop.set()
    th.join()
    assert r.status_code in (200, 204, 413, 415), r.text
    assert took < 1.0, (f"completing the upload took {took:.1f} s of hub time (another user's slowest request "
                        f"meanwhile: {max(latencies):.2f} s)")


# ---------------------------------------------------------------- client ids
def test_a_retried_announcement_after_its_permission_was_removed_is_reported_as_not_sent(client):
    """Bob posts an announcement; the answer is lost (the client resends with the same client id,
    the point of this feature). Meanwhile an admin removes Bob's Announcements permission. The
    retry gets 403 before the hub looks at the client id, so Bob's outbox marks it "Not sent:
    needs the announcements permission" although every colleague already has it. Expected: a
    repeat of a stored announcement answers 200 with the first result (it posts nothing)."""
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
