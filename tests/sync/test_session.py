"""Sign-in, token refresh, sign-out, profiles per hub, the embedded hub."""

from __future__ import annotations

import pytest

from tests.server.conftest import RunningHub
from tests.sync.conftest import PASSWORD, Client
from whitephone.core.contact import ContactData
from whitephone.sync.hub_client import HubClient, HubError


def test_an_expired_access_token_is_refreshed_once_and_kept(clients):
    a = clients("alice")
    client = a.session.ensure()
    old_refresh = client.tokens.refresh_token
    client.tokens.access_token = "expired"
    assert client.me()["email"] == "alice@example.com"
    assert client.tokens.refresh_token != old_refresh
    # the new refresh token is what the keyring holds: the next process resumes with it
    again = Client(a.root)
    try:
        assert again.session.resume() and again.session.ensure().me()["email"] == "alice@example.com"
    finally:
        again.close()


def test_a_refresh_token_used_up_elsewhere_is_taken_from_the_keyring(clients):
    a = clients("alice")
    other = Client(a.root)  # a second process of the same profile (the CLI beside the app)
    try:
        assert other.session.resume()  # rotates the refresh token: A's copy is used up
        client = a.session.ensure()
        client.tokens.access_token = "expired"
        assert client.me()["email"] == "alice@example.com"
    finally:
        other.close()


def test_sign_out_ends_the_session_on_the_hub(clients):
    a = clients("alice")
    tokens = a.session.ensure().tokens
    a.session.logout()
    assert not a.session.signed_in and a.engine.status().state == "signed_out"
    probe = HubClient(a.session.info["url"], tokens)
    with pytest.raises(HubError) as err:
        probe.me()
    assert err.value.kind == "bad_credentials"
    probe.close()
    with pytest.raises(HubError):
        a.session.ensure()
    a.session.login(a.session.info["url"], "alice@example.com", PASSWORD)
    assert a.engine.status().state != "signed_out"


def test_a_profile_holding_one_hubs_data_refuses_another_hub(clients, db_url, tmp_path):
    a = clients("alice")
    a.engine.sync_once()
    other = RunningHub(f"sqlite:///{tmp_path / 'other.sqlite3'}", tmp_path / "other")
    try:
        fresh = Client(tmp_path / "fresh")
        fresh.session.register(other.base, "Other Co", "Zed", "zed@example.com", PASSWORD)
        fresh.close()
        with pytest.raises(HubError) as err:
            a.session.login(other.base, "zed@example.com", PASSWORD)
        assert err.value.kind == "profile_in_use" and "another profile folder" in str(err.value)
        assert a.session.info["email"] == "alice@example.com"  # still the first hub's profile
    finally:
        other.stop()


def test_sign_in_errors_are_told_apart(clients):
    a = clients("alice")
    url = a.session.info["url"]
    with pytest.raises(HubError) as err:
        a.session.login(url, "alice@example.com", "not the password")
    assert (err.value.kind, str(err.value)) == ("bad_credentials", "Wrong e-mail or password.")
    fresh = Client(a.root.parent / "fresh")
    try:
        with pytest.raises(HubError) as err:
            fresh.session.login("http://127.0.0.1:9", "alice@example.com", PASSWORD)
        assert err.value.kind == "unreachable"
        with pytest.raises(HubError) as err:
            fresh.session.register(url, "", "x", "bad-address", PASSWORD)
        assert err.value.kind == "invalid" and err.value.status == 422
    finally:
        fresh.close()
    a.session.forgot_password(url, "alice@example.com")  # always accepted


def test_the_embedded_hub_starts_on_the_profile_folder_and_stops_cleanly(tmp_path):
    from whitephone.sync.embedded_hub import EmbeddedHub

    hub = EmbeddedHub(tmp_path / "hub")
    url = hub.start()
    assert url.startswith("http://127.0.0.1:")
    c = Client(tmp_path / "me")
    try:
        c.session.register(url, "Just me", "Me", "me@example.com", PASSWORD)
        assert c.engine.sync_once().pushed == 1
    finally:
        c.close()
    assert (tmp_path / "hub" / "hub.sqlite3").exists()
    assert oct((tmp_path / "hub" / "sip-secret").stat().st_mode & 0o777) == "0o600"
    hub.stop()
    assert not hub.running
    hub.start()  # again, same port and data: the session still works
    c = Client(tmp_path / "me")
    try:
        assert c.session.resume() and c.engine.sync_once().pushed == 0
    finally:
        c.close()
        hub.stop()


def test_the_profiles_embedded_hub_keeps_its_port_or_moves_the_session_with_it(tmp_path):
    import socket

    from whitephone.sync.embedded_hub import EmbeddedHub

    me = Client(tmp_path / "me")
    hub = EmbeddedHub.for_profile(me.profile)
    try:
        url = hub.start()
        me.session.register(url, "Just me", "Me", "me@example.com", PASSWORD)
        me.engine.sync_once()
        hub.stop()
        again = EmbeddedHub.for_profile(me.profile)
        assert again.start() == url  # same port: the session's address still holds
        assert me.engine.sync_once().pushed == 0
        again.stop()
        with socket.socket() as squatter:  # someone took the port meanwhile
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            squatter.bind(("127.0.0.1", again.port))
            squatter.listen()
            moved = EmbeddedHub.for_profile(me.profile)
            new_url = moved.start()
            assert new_url != url
            me.session.move_hub(new_url)
            me.store.contacts.add(ContactData(given_name="After", family_name="Move"), me.company_book())
            assert me.engine.sync_once().pushed == 1
            moved.stop()
        fresh = Client(tmp_path / "me")  # a later start resumes at the new address
        try:
            hub = EmbeddedHub.for_profile(fresh.profile)
            assert hub.start() == new_url and fresh.session.resume()
        finally:
            fresh.close()
    finally:
        hub.stop()
        me.close()


def test_an_untrusted_certificate_is_told_as_such(tmp_path):
    import subprocess

    from whitephone.sync.embedded_hub import EmbeddedHub

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    hub = EmbeddedHub(tmp_path / "hub", certfile=cert, keyfile=key)
    url = hub.start()
    assert url.startswith("https://127.0.0.1:")
    c = Client(tmp_path / "me")
    try:
        with pytest.raises(HubError) as err:
            c.session.register(url, "Acme", "Me", "me@example.com", PASSWORD)
        assert err.value.kind == "certificate" and "not trusted" in str(err.value)
        # trusting that certificate (remembered for this hub: a later start resumes over it)
        assert c.session.register(url, "Acme", "Me", "me@example.com", PASSWORD, ca_file=str(cert))["url"] == url
        again = Client(tmp_path / "me")
        try:
            assert again.session.resume() and again.engine.sync_once().pushed == 1
        finally:
            again.close()
    finally:
        c.close()
        hub.stop()


def test_a_plain_http_hub_loads_no_certificate_authorities():
    """Issue 18: httpx loads certifi's ~150 CAs into every client's TLS context (~1 MiB kept in the
    window), even for the embedded hub on http://127.0.0.1. A plain http:// hub gets a context that
    verifies and trusts nothing; an https:// hub keeps the system's trust; a given context is kept."""
    import ssl

    from whitephone.sync.hub_client import tls_for

    plain = tls_for("http://127.0.0.1:8123", True)
    assert isinstance(plain, ssl.SSLContext)
    assert plain.cert_store_stats()["x509_ca"] == 0
    assert plain.verify_mode == ssl.CERT_REQUIRED and plain.check_hostname
    assert tls_for("https://hub.example.com", True) is True
    own = ssl.create_default_context()
    assert tls_for("http://127.0.0.1:8123", own) is own
    assert tls_for("http://127.0.0.1:8123", False) is False
    client = HubClient("http://127.0.0.1:9")
    try:
        assert client.verify is True  # what the WebSocket is told: ws:// needs no context
    finally:
        client.close()


def test_a_client_closed_under_a_thread_answers_a_hub_error_and_the_thread_goes_on(clients):
    """The WebSocket thread holds the client it took from the session; signing out (or the embedded
    hub moving) closes that client. Its next request is a retryable HubError, never httpx's
    RuntimeError, which ended the thread (seen in CI)."""
    a = clients("alice")
    held = a.session.ensure()
    held.close()
    with pytest.raises(HubError) as err:
        held.users()
    assert err.value.kind == "unreachable"
    a.session.client = None  # the session opens a new client on the next ensure()
    assert a.session.resume() and a.session.ensure().users()
