"""An older profile's tls.proxy URL moved into Preferences → Network → HTTP proxy
(core/http_proxy.py migrate) in the less common cases: an IPv6 proxy address, no keyring to move
the password into (tried once per session, and the Report-a-problem zip still holds no password),
on real profile folders and the test keyring file."""

from __future__ import annotations

import logging
import zipfile

import pytest

from tests.core.test_http_proxy import profile  # noqa: F401
from whitephone.core import http_proxy
from whitephone.core.accounts import TLS_SETTINGS_KEY
from whitephone.net.proxy import ProxyURL
from whitephone.profile import Profile


@pytest.fixture
def no_keyring(monkeypatch) -> list[int]:
    """A desktop without a keyring service: every write to it fails (the tries counted)."""
    import keyring
    from keyring.errors import KeyringError

    tries: list[int] = []

    def refuse(*_a):
        tries.append(1)
        raise KeyringError("no keyring here")

    monkeypatch.setattr(keyring, "set_password", refuse)
    return tries


def test_an_older_ipv6_tls_proxy_url_is_moved_with_its_credentials(profile):  # noqa: F811
    """http://alice:…@[::1]:3128 keeps its user, its password (into the keyring) and its brackets,
    and every part gets an HTTP proxy URL it can parse back to the same proxy."""
    profile.set(TLS_SETTINGS_KEY, {"proxy": "http://alice:s3cret@[::1]:3128"})
    choice = http_proxy.load(profile)
    assert "s3cret" not in profile.settings_path.read_text("utf-8")
    assert (choice.mode, choice.user, choice.address) == ("manual", "alice", "[::1]:3128"), choice
    assert profile.get_secret(http_proxy.PASSWORD_SECRET) == "s3cret"
    setting = http_proxy.setting(profile)
    assert setting == "http://alice:s3cret@[::1]:3128"
    assert ProxyURL.parse(setting) == ProxyURL("::1", 3128, "alice", "s3cret")
    assert ProxyURL.parse(setting).label == "http://alice@[::1]:3128"


def test_without_a_keyring_the_older_url_is_tried_once_per_session(profile, no_keyring, caplog):  # noqa: F811
    """setting() is read for every new hub connection and engine account command: without a
    keyring the move is tried (and warned about) once, and the URL is still used every time."""
    profile.set(TLS_SETTINGS_KEY, {"proxy": "http://alice:pw@proxy.example.com:3128"})
    caplog.set_level(logging.WARNING)
    for _ in range(20):  # twenty hub requests on new connections
        assert http_proxy.setting(profile) == "http://alice:pw@proxy.example.com:3128"
    warned = [r for r in caplog.records if "tls.proxy" in r.getMessage() or "keyring" in r.getMessage()]
    assert len(no_keyring) == 1 and len(warned) == 2, (len(no_keyring), [r.getMessage() for r in warned])
    # a different URL written there since is a new wish: tried again
    profile.set(TLS_SETTINGS_KEY, {"proxy": "http://bob:pw2@proxy.example.com:3128"})
    assert http_proxy.setting(profile) == "http://bob:pw2@proxy.example.com:3128"
    assert len(no_keyring) == 2


@pytest.mark.parametrize("password", ["pa ss", "p@ss", "it's \"q\" @ x"])
def test_the_problem_report_has_no_proxy_password_of_a_profile_without_keyring(profile, no_keyring, password):  # noqa: F811
    """Without a keyring the older tls.proxy URL (password inside) stays in settings.json, by design;
    Help → Report a problem's settings.json keeps the proxy's address and user but no password,
    whatever characters it holds."""
    from whitephone.problem_report import build_zip

    profile.set(TLS_SETTINGS_KEY, {"proxy": f"http://alice:{password}@proxy.example.com:3128"})
    http_proxy.setting(profile)  # the window starting: the migration cannot move it
    assert password in Profile.open(profile.root).get(TLS_SETTINGS_KEY)["proxy"]  # still in settings.json
    profile.logs_dir.mkdir(parents=True, exist_ok=True)
    (profile.logs_dir / "whitephone.log").write_text(
        f"proxy http://alice:{password}@proxy.example.com:3128 tried\n"
        f"settings {{'proxy': 'http://alice:{password}@proxy.example.com:3128'}}\n"
        "hub http://127.0.0.2:8080 for bob@example.com\n", "utf-8")
    dest = profile.root / "report.zip"
    build_zip(profile.logs_dir, dest, dict(profile.settings))  # what MainWindow.report_problem passes
    with zipfile.ZipFile(dest) as z:
        text = z.read("settings.json").decode()
        log = z.read("logs/whitephone.log").decode()
    assert "proxy.example.com" in text and "alice" in text
    for part in {password, *password.split("@"), *password.split(" ")} - {"", "x"}:
        assert f"{part}@proxy" not in text + log and f":{part}" not in text + log, (part, text, log)
    assert "http://127.0.0.2:8080 for bob@example.com" in log  # a port is no password: left alone
