"""The HTTP proxy setting (core/http_proxy.py) on a real profile folder and the test keyring file:
the password never in settings.json, an older tls.proxy URL moved on first read, the one string
every part reads, and "No proxy" direct even where the system names a proxy (the hub transport,
the engine's SIP ladder and TURN, the network test)."""

from __future__ import annotations

import json

import pytest

from whitephone.core import http_proxy
from whitephone.core.accounts import TLS_SETTINGS_KEY, pin_certificate
from whitephone.core.http_proxy import HttpProxy
from whitephone.net.proxy_choice import NO_PROXY, choose, fixed_or_system
from whitephone.profile import Profile

SECRET = "Pr0xy:S3cret@x"


@pytest.fixture
def profile(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # a keyring file of this test's own
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return Profile.open(tmp_path / "profile")


def settings_text(profile) -> str:
    return profile.settings_path.read_text("utf-8")


def test_this_proxy_keeps_its_password_in_the_keyring_only(profile):
    assert http_proxy.load(profile) == HttpProxy("system") and http_proxy.setting(profile) == ""
    assert http_proxy.save(profile, HttpProxy("manual", "proxy.example.com:3128", "CORP\\alice"), SECRET)
    assert SECRET not in settings_text(profile)
    assert json.loads(settings_text(profile))["http_proxy"] == {
        "mode": "manual", "address": "proxy.example.com:3128", "user": "CORP\\alice"}
    again = Profile.open(profile.root)  # a new start reads it back, the password from the keyring
    assert http_proxy.load(again) == HttpProxy("manual", "proxy.example.com:3128", "CORP\\alice")
    p = choose("hub.example.com", http_proxy.setting(again))
    assert (p.host, p.port, p.user, p.password) == ("proxy.example.com", 3128, "CORP\\alice", SECRET)

    http_proxy.save(again, HttpProxy("manual", "proxy.example.com:3128", ""), "")  # no user: the login's own
    assert again.get_secret(http_proxy.PASSWORD_SECRET) is None
    assert http_proxy.setting(again) == "http://proxy.example.com:3128"


def test_none_and_system(profile, monkeypatch):
    monkeypatch.setenv("https_proxy", "http://system-proxy.example.com:8080")
    http_proxy.save(profile, HttpProxy("system"), None)
    assert choose("hub.example.com", http_proxy.setting(profile)).host == "system-proxy.example.com"
    assert fixed_or_system("sip.example.com", http_proxy.setting(profile)).host == "system-proxy.example.com"
    http_proxy.save(profile, HttpProxy("none"), None)
    assert http_proxy.setting(profile) == NO_PROXY
    assert choose("hub.example.com", NO_PROXY) is None and fixed_or_system("sip.example.com", NO_PROXY) is None


def test_an_older_tls_proxy_url_is_moved_on_first_start(profile):
    pin = "sip.example.com:5061=" + "ab" * 32
    profile.set(TLS_SETTINGS_KEY, {"pins": [pin], "ca_file": "/etc/ca.pem",
                                   "proxy": "http://alice:" + SECRET.replace(":", "%3A").replace("@", "%40")
                                            + "@proxy.example.com:3128"})
    assert SECRET.replace(":", "%3A").replace("@", "%40") in settings_text(profile)

    from whitephone.app import App

    app = App.open(profile.root)  # the window's start (any command reading the proxy does it too)
    try:
        assert "Pr0xy" not in settings_text(profile)
        assert http_proxy.setting(app.profile) == \
            "http://alice:" + SECRET.replace(":", "%3A").replace("@", "%40") + "@proxy.example.com:3128"
    finally:
        app.close()
    text = settings_text(profile)
    assert "Pr0xy" not in text and "proxy.example.com" in text
    saved = json.loads(text)
    assert saved["http_proxy"] == {"mode": "manual", "address": "proxy.example.com:3128", "user": "alice"}
    assert saved["tls"] == {"pins": [pin], "ca_file": "/etc/ca.pem"}  # the rest of "tls" kept
    assert Profile.open(profile.root).get_secret(http_proxy.PASSWORD_SECRET) == SECRET
    assert not http_proxy.migrate(Profile.open(profile.root))  # once
    # later writes of "tls" (a certificate trusted in a later start) bring nothing back
    pin_certificate(Profile.open(profile.root), "other.example.com:5061", "cd" * 32)
    assert "Pr0xy" not in settings_text(profile)
    assert http_proxy.load(Profile.open(profile.root)).user == "alice"


def test_a_migration_without_a_keyring_leaves_the_setting_and_uses_it(profile, monkeypatch):
    import keyring
    from keyring.errors import KeyringError

    def no_keyring(*_a):
        raise KeyringError("no keyring here")

    monkeypatch.setattr(keyring, "set_password", no_keyring)  # a desktop without a keyring service
    url = "http://alice:pw@proxy.example.com:3128"
    profile.set(TLS_SETTINGS_KEY, {"proxy": url})
    assert not http_proxy.migrate(profile)
    assert http_proxy.setting(profile) == url  # still used as before, not lost
    assert "http_proxy" not in json.loads(settings_text(profile))


def test_an_unusable_older_url_is_moved_without_what_looks_like_credentials(profile):
    profile.set(TLS_SETTINGS_KEY, {"proxy": "ftp://bob:secret@proxy.example.com"})
    assert http_proxy.migrate(profile)
    assert "secret" not in settings_text(profile)
    assert http_proxy.load(profile) == HttpProxy("manual", "proxy.example.com", "")


@pytest.mark.parametrize("text,expected", [
    ("proxy.example.com:3128", "proxy.example.com:3128"), ("http://proxy.example.com:3128/", "proxy.example.com:3128"),
    (" 10.0.0.1:8080 ", "10.0.0.1:8080"), ("[2001:db8::1]:3128", "[2001:db8::1]:3128"),
])
def test_addresses(text, expected):
    assert http_proxy.normal_address(text) == expected


@pytest.mark.parametrize("text,words", [
    ("", "Give the proxy's address"), ("proxy.example.com", "has no port"),
    ("proxy.example.com:99999", "between 1 and 65535"), ("https://proxy.example.com:3128", "not an HTTP proxy"),
    ("alice:pw@proxy.example.com:3128", "their own fields"), ("proxy example:3128", "not an HTTP proxy"),
    ("proxy.example.com:3128/path", "not an HTTP proxy"),
])
def test_bad_addresses_are_named(text, words):
    with pytest.raises(ValueError, match=words):
        http_proxy.normal_address(text)


def test_the_engine_climbs_no_proxy_rung_with_no_proxy(profile, monkeypatch):
    """sip/reach.py and sip/nat.py: NO_PROXY is neither a proxy host nor the system's proxy."""
    import argparse

    from whitephone.sip.nat import NatSettings
    from whitephone.sip.reach import signalling_plan

    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    events: list[dict] = []
    ns = argparse.Namespace(proxy=NO_PROXY, registrar="sip:127.0.0.1:9", call=None, tls_port=[9],
                            transport=None, tls_server="", probe_timeout=0.5, profile=None, ca_file=None,
                            pin_cert=[])
    signalling_plan(ns, events.append)
    ladder = next(e for e in events if e.get("event") == "ladder")
    assert ladder["proxy"] is None and "tls-proxy" not in [t["rung"] for t in ladder["tried"]]
    ns.proxy = ""  # the system's: the environment's proxy is a rung
    events.clear()
    signalling_plan(ns, events.append)
    ladder = next(e for e in events if e.get("event") == "ladder")
    assert ladder["proxy"] == "http://127.0.0.1:9" and "tls-proxy" in [t["rung"] for t in ladder["tried"]]

    nat = NatSettings(turn="turns:turn.example.com:443", proxy=NO_PROXY)
    nat.check()
    assert nat.http_proxy("turn.example.com") is None
    assert NatSettings(proxy="").http_proxy("turn.example.com").port == 9
