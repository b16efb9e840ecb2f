"""What the hub says reaches the user as sentences (issue 12 review, point 9)."""

from __future__ import annotations

import time

import pytest

from tests.sync.conftest import PASSWORD, Client
from tests.sync.test_cli import err, wp
from whitephone.sync.hub_client import HubError, normalize_url
from whitephone.sync.messages import reason_text
from whitephone.ui.tabs.online_monitor import last_seen_text


@pytest.mark.parametrize("raw, said", [
    ("deleted", "It was deleted on the hub (by a colleague or on another computer), so this change could "
                "not be kept."),
    ("phones has more than 100 items", "There are too many phone numbers (at most 100)."),
    ("photo is longer than 700000 characters", "The photo is too large (at most 512 kB)."),
    ("notes is longer than 20000 characters", "The notes is too long (at most 20000 characters)."),
    ("e-mail already registered", "This e-mail address already has an account."),
    ("some reason", "Some reason."),
])
def test_hub_reasons_read_as_sentences(raw, said):
    assert reason_text(raw) == said


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999", "https://hub:abc"])
def test_a_malformed_hub_address_is_a_sentence(url):
    with pytest.raises(HubError) as e:
        normalize_url(url)
    assert e.value.kind == "invalid" and "is not a hub address" in str(e.value)


def test_validation_errors_of_the_hub_read_as_sentences(hub, tmp_path):
    c = Client(tmp_path / "c")
    try:
        with pytest.raises(HubError) as e:
            c.session.register(hub.base, "Acme", "Ann", "not-an-address", PASSWORD)
        assert str(e.value) == "The e-mail address is not valid."
        c.session.register(hub.base, "Acme", "Ann", "ann@example.com", PASSWORD)
    finally:
        c.close()
    d = Client(tmp_path / "d")
    try:
        with pytest.raises(HubError) as e:
            d.session.register(hub.base, "Acme", "Ann", "ann@example.com", PASSWORD)
        assert str(e.value) == "This e-mail address already has an account."
    finally:
        d.close()


def test_cli_malformed_address_is_exit_2_with_a_sentence(tmp_path, profile_dir):
    r = wp(tmp_path / "p", "login", "--server", "http://[::1", "--email", "a@example.com", "--password-stdin",
           stdin=PASSWORD + "\n")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert err(r)["kind"] == "invalid" and err(r)["error"].endswith(".")


def test_last_seen_says_one_hour_and_one_minute_in_the_singular():
    now = time.time()
    assert last_seen_text(now - 100, "offline") == "1 minute ago"
    assert last_seen_text(now - 300, "offline") == "5 minutes ago"
    assert last_seen_text(now - 3700, "offline") == "1 hour ago"
    assert last_seen_text(now - 7300, "offline") == "2 hours ago"
