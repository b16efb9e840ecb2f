"""`whitephone message|announce|market` end to end: real CLI processes, a real hub."""

from __future__ import annotations

import json

import httpx

from tests.sync.test_cli import PASSWORD, err, out, wp
from tests.sync.test_message_flows import speech_wav
from whitephone.core import voice_mail


def test_message_commands(hub, tmp_path, profile_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        assert h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
                      json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD}).status_code == 201
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin",
           stdin=PASSWORD + "\n"))

    (sent,) = out(wp(a, "message", "send", "--to", "bob@example.com", "--text", "Hello Bob", "--subject", "Hi"))
    assert sent["status"] == "sent" and sent["kind"] == "text" and sent["hub_id"]
    wav = speech_wav(tmp_path)
    (voice,) = out(wp(a, "message", "send", "--to", "bob@example.com", "--voice", str(wav)))
    assert voice["status"] == "sent" and voice["attachment"]["mime"] == "audio/ogg"

    lines = out(wp(b, "message", "list"))
    assert [(x["kind"], x["from"], x["read"]) for x in lines] == [
        ("voice", "alice@example.com", False), ("text", "alice@example.com", False)]
    assert lines[1]["subject"] == "Hi" and lines[1]["body"] == "Hello Bob" and lines[1]["time"].startswith("20")
    assert lines[0]["attachment"]["mime"] == "audio/ogg" and lines[0]["attachment"]["size"] > 10000
    assert [x["kind"] for x in out(wp(b, "message", "list", "--kind", "voice"))] == ["voice"]

    (fetched,) = out(wp(b, "message", "fetch", str(lines[0]["id"]), "--out", str(tmp_path / "vm.ogg")))
    assert fetched["size"] == voice["attachment"]["size"] and voice_mail.is_ogg_opus(tmp_path / "vm.ogg")

    out(wp(b, "message", "read", str(lines[1]["id"])))
    assert [x["kind"] for x in out(wp(b, "message", "list", "--unread"))] == ["voice"]
    (gone,) = out(wp(b, "message", "delete", str(lines[0]["id"])))
    assert gone["id"] == lines[0]["id"]
    assert [x["kind"] for x in out(wp(b, "message", "list"))] == ["text"]
    assert [x["kind"] for x in out(wp(b, "message", "list", "--trash"))] == ["voice"]
    out(wp(b, "message", "restore", str(lines[0]["id"])))
    assert len(out(wp(b, "message", "list"))) == 2

    # markets and announcements
    assert out(wp(a, "market", "create", "Fish"))[0]["name"] == "Fish"
    (joined,) = out(wp(b, "market", "join", "Fish"))
    assert joined["joined"] is True and joined["members"] == 1
    assert [(m["name"], m["joined"]) for m in out(wp(b, "market", "list"))] == [("Fish", True)]
    (ann,) = out(wp(a, "announce", "--market", "Fish", "Fresh", "cod"))
    assert ann["status"] == "sent" and ann["market"] == "Fish"
    got = [x for x in out(wp(b, "message", "list", "--kind", "announcement"))]
    assert [(x["body"], x["market"]) for x in got] == [("Fresh cod", "Fish")]
    out(wp(b, "market", "leave", "Fish"))

    # unhappy paths: a sentence, an exit status, no traceback
    r = wp(a, "message", "send", "--to", "nobody@example.com", "--text", "x")
    assert r.returncode == 2 and "nobody@example.com" in err(r)["error"]
    assert json.loads(r.stdout)["status"] == "failed"
    r = wp(b, "announce", "Me too")
    assert r.returncode == 2 and "announcements" in err(r)["error"]
    r = wp(a, "message", "send", "--to", "bob@example.com", "--voice", str(tmp_path / "missing.wav"))
    assert r.returncode == 2 and "does not exist" in err(r)["error"] and "Traceback" not in r.stderr
    r = wp(b, "message", "fetch", "9999", "--out", str(tmp_path / "x"))
    assert r.returncode == 2 and "no message 9999" in err(r)["error"]
    r = wp(b, "message", "read", "9999")
    assert r.returncode == 2 and "no message 9999" in err(r)["error"]
    r = wp(b, "market", "join", "Cheese")
    assert r.returncode == 2 and "no market" in err(r)["error"]
    r = wp(tmp_path / "c", "message", "list")
    assert r.returncode == 4 and "Not signed in" in err(r)["error"]
