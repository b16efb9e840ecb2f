"""Issue 14: `message send --voice/--video` refuses a file longer than the company's longest voice
mail (set on the hub by an admin) with exit 2 and the reason; real CLI processes, a real hub."""

from __future__ import annotations

import httpx
import numpy as np
import soundfile as sf

from tests.server.media import mp4_bytes
from tests.sync.test_cli import PASSWORD, err, out, wp


def test_send_refuses_voice_and_video_longer_than_the_company_allows(hub, tmp_path, profile_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        auth = {"Authorization": f"Bearer {tok['access_token']}"}
        assert h.post("/api/v1/users", headers=auth, json={"name": "Bob", "email": "bob@example.com",
                                                           "password": PASSWORD}).status_code == 201
        out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin",
               stdin=PASSWORD + "\n"))
        # the admin shortens it after Bob signed in: the send asks the hub again
        assert h.patch("/api/v1/company", headers=auth, json={"voice_mail_seconds": 20}).status_code == 200

    long_wav, short_wav = tmp_path / "long.wav", tmp_path / "short.wav"
    t = np.arange(16000 * 25) / 16000
    sf.write(str(long_wav), (0.1 * np.sin(2 * np.pi * 300 * t)).astype("float32"), 16000)
    sf.write(str(short_wav), (0.1 * np.sin(2 * np.pi * 300 * t[:16000 * 5])).astype("float32"), 16000)
    r = wp(b, "message", "send", "--to", "alice@example.com", "--voice", str(long_wav))
    assert r.returncode == 2 and "25 seconds long" in err(r)["error"] and "at most 20 seconds" in err(r)["error"]
    long_mp4 = tmp_path / "long.mp4"
    long_mp4.write_bytes(mp4_bytes(95))
    r = wp(b, "message", "send", "--to", "alice@example.com", "--video", str(long_mp4))
    assert r.returncode == 2 and "1 minute 35 seconds long" in err(r)["error"], r.stderr
    # offline (--no-send) the limit kept from the last look still holds
    r = wp(b, "message", "send", "--no-send", "--to", "alice@example.com", "--voice", str(long_wav))
    assert r.returncode == 2 and "at most 20 seconds" in err(r)["error"]
    assert out(wp(b, "message", "list", "--offline")) == []  # nothing was queued
    (sent,) = out(wp(b, "message", "send", "--to", "alice@example.com", "--voice", str(short_wav)))
    assert sent["status"] == "sent" and sent["attachment"]["mime"] == "audio/ogg"
