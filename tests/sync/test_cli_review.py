"""The hub commands on the unhappy paths a hostile tester found (issue 12 review): real
`whitephone` processes against a real hub."""

from __future__ import annotations

import subprocess

import httpx

from tests.sync.test_cli import PASSWORD, err, out, wp


def _login(profile, hub, email="alice@example.com", *extra):
    return wp(profile, "login", "--server", hub.base, "--email", email, "--password-stdin", *extra,
              stdin=PASSWORD + "\n")


def _register(profile, hub, email="alice@example.com"):
    return wp(profile, "register", "--server", hub.base, "--company", "Acme", "--name", email.split("@")[0],
              "--email", email, "--password-stdin", stdin=PASSWORD + "\n")


def test_logout_says_how_many_changes_wait_and_another_user_is_refused(hub, tmp_path, profile_dir):
    a, c = tmp_path / "a", tmp_path / "c"
    out(_register(a, hub))
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        h.post("/api/v1/users", headers={"Authorization": f"Bearer {tok['access_token']}"},
               json={"name": "Carol", "email": "carol@example.com", "password": PASSWORD})
    out(wp(a, "contacts", "add", "--name", "Alice Secret Doctor", "--book", "Personal"))
    r = wp(a, "logout", "--wait", "0")  # sign out at once, without the final push
    assert r.returncode == 5, r.stderr
    e = err(r)
    assert e["kind"] == "changes_waiting" and e["waiting"] >= 1 and f"{e['waiting']} change" in e["error"]
    refused = _login(a, hub, "carol@example.com")
    assert refused.returncode == 2 and err(refused)["kind"] == "profile_in_use"
    assert "alice@example.com" in err(refused)["error"]
    out(_login(c, hub, "carol@example.com"))
    out(wp(c, "sync", "--once"))
    assert out(wp(c, "contacts", "search", "Secret")) == []
    # alice again: her change reaches her account, and logout is clean
    out(_login(a, hub))
    assert out(wp(a, "logout")) == [{"signed_out": True, "hub": hub.base, "waiting": 0}]


def test_logout_ends_this_session_only_and_everywhere_all(hub, tmp_path, profile_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    out(_register(a, hub))
    out(_login(b, hub))
    out(wp(a, "logout"))
    assert out(wp(b, "sync", "--once"))  # the other computer is still signed in
    out(_login(a, hub))
    out(wp(a, "logout", "--everywhere"))
    r = wp(b, "sync", "--once")
    assert r.returncode == 4 and err(r)["kind"] == "bad_credentials"


def test_register_refused_locally_creates_nothing_on_the_hub(hub, tmp_path, profile_dir):
    a = tmp_path / "a"
    out(_register(a, hub))
    out(wp(a, "sync", "--once"))
    r = _register(a, hub, "nina@example.com")
    assert r.returncode == 2 and err(r)["kind"] == "profile_in_use"
    with httpx.Client(base_url=hub.base) as h:
        assert h.post("/api/v1/login", json={"email": "nina@example.com", "password": PASSWORD}).status_code == 401


def test_a_missing_or_bad_certificate_file_is_a_sentence_and_logout_still_works(tmp_path, profile_dir):
    from whitephone.sync.embedded_hub import EmbeddedHub

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    hub = EmbeddedHub(tmp_path / "hub", certfile=cert, keyfile=key)
    hub.base = hub.start()
    a = tmp_path / "a"
    try:
        for bad in (tmp_path / "nonexistent.pem", key.parent / "not-a-cert.pem"):
            if bad.name.startswith("not"):
                bad.write_text("hello\n")
            r = wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "A", "--email",
                   "a@example.com", "--password-stdin", "--ca-file", str(bad), stdin=PASSWORD + "\n")
            assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
            assert err(r)["kind"] == "certificate" and str(bad) in err(r)["error"]
        out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "A", "--email",
               "a@example.com", "--password-stdin", "--ca-file", str(cert), stdin=PASSWORD + "\n"))
        cert.rename(tmp_path / "moved.pem")
        r = wp(a, "sync", "--once")
        assert r.returncode == 3 and err(r)["kind"] == "certificate", r.stderr
        r = wp(a, "logout")
        assert r.returncode in (0, 5) and "Traceback" not in r.stderr, r.stderr
        assert out(wp(a, "status"))[0]["online"] is False
    finally:
        hub.stop()
