"""Issue 14 (a defect the tester found): `message fetch` with attachment names a colleague chose.

The hub accepts any attachment name up to 255 characters without "/" or "\\" (".." and a
255-character name included); the recipient's `message fetch` must save it, or say why, never
crash with a traceback."""

from __future__ import annotations

import httpx

from tests.sync.test_cli import PASSWORD, out, wp

OGG = None


def _ogg(tmp_path):
    import numpy as np
    import soundfile as sf

    p = tmp_path / "tone.ogg"
    t = np.arange(16000) / 16000
    sf.write(str(p), (0.2 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 16000, format="OGG", subtype="OPUS")
    return p.read_bytes()


def _setup(hub, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    h = httpx.Client(base_url=hub.base)
    tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
    h.headers["Authorization"] = f"Bearer {tok['access_token']}"
    r = h.post("/api/v1/users", json={"name": "Bob", "email": "bob@example.com", "password": PASSWORD})
    assert r.status_code == 201
    bob_id = r.json()["id"]
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin",
           stdin=PASSWORD + "\n"))
    return a, b, h, bob_id


def _send_voice_named(h, bob_id, data: bytes, name: str) -> None:
    r = h.post("/api/v1/attachments", json={"length": len(data), "name": name, "content_type": "audio/ogg"})
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    r = h.patch(f"/api/v1/attachments/{aid}", content=data,
                headers={"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
    assert r.status_code < 300, r.text
    r = h.post("/api/v1/messages", json={"to": bob_id, "kind": "voice_mail", "body": "hi", "attachments": [aid]})
    assert r.status_code == 201, r.text


def test_fetch_of_a_voice_mail_with_a_long_name_saves_it(hub, tmp_path):
    """A 250-character name is fine on the hub; the recipient's local copy is named
    "<hub id>-<name>.part" (> 255 bytes), so the fetch dies with OSError ENAMETOOLONG and a traceback."""
    a, b, h, bob_id = _setup(hub, tmp_path)
    data = _ogg(tmp_path)
    _send_voice_named(h, bob_id, data, "v" * 246 + ".ogg")
    (row,) = out(wp(b, "message", "list"))
    dest = tmp_path / "got.ogg"
    r = wp(b, "message", "fetch", str(row["id"]), "--out", str(dest))
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 0 and dest.read_bytes() == data


def test_fetch_into_a_folder_of_an_attachment_named_dotdot(hub, tmp_path):
    """An attachment named ".." (accepted by the hub): `message fetch ID --out FOLDER` builds
    FOLDER/".." and copyfile crashes (IsADirectoryError traceback) instead of saving the file."""
    a, b, h, bob_id = _setup(hub, tmp_path)
    data = _ogg(tmp_path)
    _send_voice_named(h, bob_id, data, "..")
    (row,) = out(wp(b, "message", "list"))
    folder = tmp_path / "downloads"
    folder.mkdir()
    r = wp(b, "message", "fetch", str(row["id"]), "--out", str(folder))
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 0
    saved = [p for p in folder.iterdir()]
    assert len(saved) == 1 and saved[0].read_bytes() == data


def test_fetch_into_a_folder_of_my_own_voice_mail_keeps_its_name(hub, tmp_path):
    """The sender's own copy is stored as "<client uuid>.ogg"; `fetch --out FOLDER` splits on the
    first "-" and names the file after the rest of the UUID ("4f1c-...-....ogg"), not the
    attachment's name ("tone.ogg") that `message list` shows."""
    a, b, h, bob_id = _setup(hub, tmp_path)
    src = tmp_path / "tone.ogg"
    src.write_bytes(_ogg(tmp_path))
    (sent,) = out(wp(a, "message", "send", "--to", "bob@example.com", "--voice", str(src)))
    folder = tmp_path / "downloads"
    folder.mkdir()
    (got,) = out(wp(a, "message", "fetch", str(sent["id"]), "--out", str(folder)))
    assert got["path"] == str(folder / sent["attachment"]["name"])
