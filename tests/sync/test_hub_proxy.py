"""The window's connection to the hub through the user's HTTP proxy (sync/hub_transport.py,
net/proxy.py `proxy_for`): sign-in, sync push/pull and the presence WebSocket through a proxy that
wants NTLM, Negotiate or Basic (tests/net/authproxy.py, pyspnego's server side) and through a real
tinyproxy, the profile's tls.proxy setting before the system's (https_proxy), no_proxy, and the
embedded hub on this computer's own address never through a proxy.

The hubs behind proxies listen on 127.0.0.2: a loopback address the client does not take for this
computer's own name (127.0.0.1, localhost, ::1 are), so it goes through the proxy; each test shows
that by the proxy's log and by the hub becoming unreachable once the proxy stops."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

import pytest

from tests.net.authproxy import AuthProxy
from tests.schema_templates import migrated_sqlite
from tests.server.conftest import RunningHub
from tests.sip.tlspeer import Tinyproxy
from tests.sync.conftest import PASSWORD, Client
from tests.sync.test_live import wait_for
from whitephone.core.accounts import TLS_SETTINGS_KEY
from whitephone.core.contact import ContactData
from whitephone.net.proxy import ProxyURL, ReachError, proxy_for
from whitephone.sync.hub_client import HubClient, HubError

USERS = {"alice": "s3cret-Pa55"}
FAR = "127.0.0.2"  # the hub "elsewhere": reached through the proxy


@pytest.fixture(autouse=True)
def clean_environment(tmp_path, monkeypatch):
    """No proxy from the machine running the tests; no Kerberos realm for Negotiate (it falls
    back to NTLM inside SPNEGO, as on a laptop without a ticket)."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    conf = tmp_path / "krb5.conf"
    conf.write_text("")
    monkeypatch.setenv("KRB5_CONFIG", str(conf))
    monkeypatch.setenv("KRB5CCNAME", f"FILE:{tmp_path / 'no-ticket'}")


def _hub(tmp_path: Path, host: str = FAR, tls: tuple | None = None) -> RunningHub:
    db = tmp_path / f"hub-{host}.sqlite3"
    migrated_sqlite(db)
    return RunningHub(f"sqlite:///{db}", tmp_path / f"hub-{host}", host=host, tls=tls)


@pytest.fixture
def far_hub(tmp_path):
    h = _hub(tmp_path)
    yield h
    h.stop()


@pytest.fixture
def made(tmp_path):
    clients: list[Client] = []

    def make(name: str, proxy: str = "") -> Client:
        c = Client(tmp_path / name)
        if proxy:
            c.profile.set(TLS_SETTINGS_KEY, {"proxy": proxy})
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()


def _with_user(proxy: AuthProxy, user: str = "alice", password: str = USERS["alice"]) -> str:
    return ProxyURL("127.0.0.1", proxy.port, user, password).url


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again: nothing listens there


def _sync_both_ways(a: Client, b: Client) -> None:
    """A contact made on A reaches B through the hub, and B's edit reaches A."""
    cid = a.store.contacts.add(ContactData(given_name="Via", family_name="Proxy"), a.company_book())
    assert a.engine.sync_once().pushed >= 1
    b.engine.sync_once()
    assert b.names(b.company_book()) == ["Via Proxy"]
    uid = a.store.contacts.get(cid).uid
    on_b = next(c for c in b.store.contacts.iter_all(b.company_book()) if c.uid == uid)
    on_b.nickname = "Tunnel"
    b.store.contacts.update(on_b)
    assert b.engine.sync_once().pushed >= 1
    a.engine.sync_once()
    assert a.store.contacts.get(cid).nickname == "Tunnel"


def _presence_through(a: Client, b: Client) -> None:
    """Both WebSockets connect, and A's status reaches B's roster."""
    a.engine.start(sync=False)
    b.engine.start(sync=False)
    assert a.engine.wait_connected() and b.engine.wait_connected()

    def alice_on_b():
        return next((e for e in b.engine.roster() if e.name == "alice"), None)

    assert wait_for(lambda: alice_on_b() is not None and alice_on_b().status == "online")
    a.engine.set_presence("away", "behind the proxy")
    assert wait_for(lambda: (alice_on_b().status, alice_on_b().note) == ("away", "behind the proxy"))
    a.engine.stop()
    b.engine.stop()


def _two_signed_in(make, hub: RunningHub, proxy: str, ca_file: str | None = None) -> tuple[Client, Client]:
    a, b = make("alice", proxy), make("bob", proxy)
    a.session.register(hub.base, "Acme", "alice", "alice@example.com", PASSWORD, ca_file=ca_file)
    a.session.ensure().add_user("bob", "bob@example.com", PASSWORD, [])
    b.session.login(hub.base, "bob@example.com", PASSWORD, ca_file=ca_file)
    return a, b


# ---------------------------------------------------------------- which proxy

def test_which_proxy_the_setting_then_the_system_never_this_computer(monkeypatch):
    monkeypatch.setenv("https_proxy", "http://system-proxy.example:3128")
    assert proxy_for("hub.example.com") == ProxyURL("system-proxy.example", 3128)
    assert proxy_for("hub.example.com", "http://bob:pw@mine.example:8080") == ProxyURL("mine.example", 8080, "bob", "pw")
    for own in ("127.0.0.1", "localhost", "::1", "[::1]", "LOCALHOST", "office.localhost"):
        assert proxy_for(own, "http://mine.example:8080") is None, own
    monkeypatch.setenv("no_proxy", "hub.example.com,.corp.example")
    assert proxy_for("hub.example.com", "http://mine.example:8080") is None
    assert proxy_for("crm.corp.example") is None
    assert proxy_for("elsewhere.example") == ProxyURL("system-proxy.example", 3128)
    monkeypatch.delenv("https_proxy")
    monkeypatch.delenv("no_proxy")
    assert proxy_for("hub.example.com") is None  # nothing set anywhere: direct
    with pytest.raises(ReachError, match=r"proxy setting \(Preferences → Network → HTTP proxy\) is not usable.*https://"):
        proxy_for("hub.example.com", "https://tls-proxy.example:443")


# ---------------------------------------------------------------- authenticating proxies

def test_sign_in_sync_and_presence_through_an_ntlm_proxy(tmp_path, far_hub, made):
    with AuthProxy(tmp_path / "proxy", ["NTLM"], USERS) as proxy:
        a, b = _two_signed_in(made, far_hub, _with_user(proxy))
        _sync_both_ways(a, b)
        _presence_through(a, b)
        log = proxy.log()
        assert f"CONNECT {FAR}:{far_hub.port} HTTP/1.1" in log
        assert "Proxy-Authorization: NTLM " in log
        assert PASSWORD not in log and USERS["alice"] not in log
        assert "GET /api/v1/ws" not in log  # the WebSocket went inside a tunnel too, not as a proxied request
    # the proxy is gone: so is the way to the hub (nothing went around it)
    with pytest.raises(HubError) as err:
        a.engine.sync_once()
    assert err.value.kind == "proxy"
    assert f"Cannot reach the hub at {far_hub.base} through the proxy: cannot reach the HTTP proxy" in str(err.value)
    assert a.engine.status().state == "offline"


def test_sign_in_and_sync_through_a_negotiate_proxy(tmp_path, far_hub, made):
    with AuthProxy(tmp_path / "proxy", ["Negotiate", "NTLM", "Basic"], USERS) as proxy:
        a, b = _two_signed_in(made, far_hub, _with_user(proxy))
        _sync_both_ways(a, b)
        assert "Proxy-Authorization: Negotiate " in proxy.log()  # the strongest scheme offered
        assert "Proxy-Authorization: Basic" not in proxy.log()


def test_sign_in_through_a_basic_proxy(tmp_path, far_hub, made):
    with AuthProxy(tmp_path / "proxy", ["Basic"], USERS) as proxy:
        a = made("alice", _with_user(proxy))
        a.session.register(far_hub.base, "Acme", "alice", "alice@example.com", PASSWORD)
        assert a.session.ensure().me()["email"] == "alice@example.com"
        assert "Proxy-Authorization: Basic " in proxy.log()


@pytest.mark.parametrize("scheme", ["NTLM", "Negotiate", "Basic"])
def test_a_wrong_proxy_password_is_told_at_sign_in(tmp_path, far_hub, made, scheme):
    with AuthProxy(tmp_path / "proxy", [scheme], USERS) as proxy:
        a = made("alice", _with_user(proxy, password="wrong"))
        with pytest.raises(HubError) as err:
            a.session.register(far_hub.base, "Acme", "alice", "alice@example.com", PASSWORD)
    assert err.value.kind == "proxy"
    text = str(err.value)
    assert text.startswith(f"Cannot reach the hub at {far_hub.base} through the proxy: ")
    assert f"refused the user name or password of alice ({scheme} authentication)" in text
    assert "wrong" not in text
    assert not a.session.signed_in and not a.session.info  # nothing reached the hub, nothing kept


def test_the_sign_in_dialog_says_what_the_proxy_refused(tmp_path, far_hub, made):
    pytest.importorskip("PySide6")
    from whitephone.ui.dialogs.sign_in import error_text

    with AuthProxy(tmp_path / "proxy", ["NTLM"], USERS) as proxy:
        a = made("alice", _with_user(proxy, password="wrong"))
        with pytest.raises(HubError) as err:
            a.session.login(far_hub.base, "alice@example.com", PASSWORD)
    text = error_text(err.value)
    assert "refused the user name or password of alice (NTLM authentication)" in text
    assert "Check the HTTP proxy's address, user name and password" in text


def test_a_proxy_that_never_answers_is_bounded_by_the_connect_time_out(tmp_path):
    """A proxy that takes the connection and says nothing: the hub request fails with the proxy
    named, within the client's own connect time-out (not a hang)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(silent.accept()[0]), daemon=True).start()
    client = HubClient(f"https://{FAR}:9", proxy=f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=1.0)
    try:
        with pytest.raises(HubError) as err:
            client.request("GET", "/api/v1/me", auth=False)
        assert err.value.kind == "proxy"
        assert "did not answer the tunnel request" in str(err.value)
        with pytest.raises(HubError) as err:  # the WebSocket's way: the same proxy, the same sentence
            client.open_socket(timeout=1.0)
        assert err.value.kind == "proxy"
    finally:
        client.close()
        silent.close()
        for s in held:
            s.close()


# ---------------------------------------------------------------- tinyproxy, the system's proxy

needs_tinyproxy = pytest.mark.skipif(shutil.which("tinyproxy") is None and not Path("/usr/bin/tinyproxy").exists(),
                                     reason="tinyproxy is not installed (Debian tinyproxy)")


@needs_tinyproxy
def test_tls_hub_sync_and_presence_through_tinyproxy(tmp_path, made):
    """https and wss to the hub inside tinyproxy's CONNECT: TLS is ours, end to end, checked
    against the hub's own certificate."""
    from whitephone.sync.local_office import make_certificate

    cert, key = make_certificate(tmp_path / "cert", [FAR])
    hub = _hub(tmp_path, tls=(cert, key))
    proxy = Tinyproxy(tmp_path, allow_port=hub.port)
    try:
        a, b = _two_signed_in(made, hub, proxy.url, ca_file=str(cert))
        assert hub.base.startswith("https://")
        _sync_both_ways(a, b)
        _presence_through(a, b)
        assert f"CONNECT {FAR}:{hub.port}" in proxy.log() or f"{FAR}:{hub.port}" in proxy.log()
        proxy.stop()
        with pytest.raises(HubError) as err:
            a.engine.sync_once()
        assert err.value.kind == "proxy"
    finally:
        proxy.stop()
        hub.stop()


@needs_tinyproxy
def test_the_system_proxy_when_the_profile_names_none_and_no_proxy(tmp_path, far_hub, made, monkeypatch):
    proxy = Tinyproxy(tmp_path, allow_port=far_hub.port)
    try:
        monkeypatch.setenv("https_proxy", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        a = made("alice")
        a.session.register(far_hub.base, "Acme", "alice", "alice@example.com", PASSWORD)
        a.engine.sync_once()
        assert f"{FAR}:{far_hub.port}" in proxy.log()
        proxy.stop()
        with pytest.raises(HubError) as err:  # it went through the system's proxy, which is gone
            a.session.ensure().me()
        assert err.value.kind == "proxy"
        monkeypatch.setenv("no_proxy", FAR)  # the system says: this host directly
        assert a.session.ensure().me()["email"] == "alice@example.com"
    finally:
        proxy.stop()


@needs_tinyproxy
def test_a_proxy_refusing_the_tunnel_is_named(tmp_path, far_hub, made):
    """tinyproxy allows CONNECT to another port only: its 403 reaches the user as a sentence."""
    proxy = Tinyproxy(tmp_path, allow_port=far_hub.port + 1 if far_hub.port < 65535 else far_hub.port - 1)
    try:
        a = made("alice", proxy.url)
        with pytest.raises(HubError) as err:
            a.session.register(far_hub.base, "Acme", "alice", "alice@example.com", PASSWORD)
        assert err.value.kind == "proxy"
        assert "the proxy does not allow a tunnel to this address" in str(err.value)
    finally:
        proxy.stop()


def test_the_embedded_hub_on_this_computer_bypasses_every_proxy(tmp_path, made, monkeypatch):
    """The profile's and the system's proxies are both dead: the hub on 127.0.0.1 (the embedded
    hub's address) is still reached, HTTP and WebSocket, since no proxy could reach it anyway."""
    dead = f"http://127.0.0.1:{_dead_port()}"
    monkeypatch.setenv("https_proxy", dead)
    monkeypatch.setenv("http_proxy", dead)
    monkeypatch.setenv("all_proxy", dead)
    hub = _hub(tmp_path, host="127.0.0.1")
    try:
        a, b = _two_signed_in(made, hub, dead)
        _sync_both_ways(a, b)
        _presence_through(a, b)
        local = made("carol", dead)  # "localhost" is this computer too
        local.session.login(hub.base.replace("127.0.0.1", "localhost"), "bob@example.com", PASSWORD)
        assert local.session.ensure().me()["name"] == "bob"
    finally:
        hub.stop()


def test_the_network_tests_hub_rung_goes_the_windows_way(tmp_path, far_hub):
    """nettest's hub rung reaches the hub as the window does: through the profile's proxy, with
    its NTLM; a refused password is the rung's detail."""
    from whitephone.nettest import hub_https, network_info

    with AuthProxy(tmp_path / "proxy", ["NTLM"], USERS) as proxy:
        rung = hub_https(far_hub.base, 5.0, proxy=_with_user(proxy))
        assert rung.ok and rung.detail == f"the hub answered HTTP 200 through http://alice@127.0.0.1:{proxy.port}"
        assert "domain" in network_info(far_hub.base, 5.0, proxy=_with_user(proxy))
        rung = hub_https(far_hub.base, 5.0, proxy=_with_user(proxy, password="wrong"))
        assert not rung.ok and "refused the user name or password of alice (NTLM authentication)" in rung.detail
        assert network_info(far_hub.base, 5.0, proxy=_with_user(proxy, password="wrong")) == {}


def test_the_command_line_signs_in_and_syncs_through_the_profiles_proxy(tmp_path, far_hub):
    """`whitephone register/sync/status` read the same tls.proxy setting; a refused proxy password
    is kind "proxy", exit 3 (the hub cannot be used now), with the proxy's reason."""
    from tests.sync.test_cli import err, out, wp
    from whitephone.profile import Profile

    with AuthProxy(tmp_path / "proxy", ["NTLM"], USERS) as proxy:
        profile = tmp_path / "cli"
        Profile.open(profile).set(TLS_SETTINGS_KEY, {"proxy": _with_user(proxy)})
        got = out(wp(profile, "register", "--server", far_hub.base, "--company", "Acme", "--name", "alice",
                     "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
        assert got[-1]["user"] == "alice@example.com"
        out(wp(profile, "sync", "--once"))
        assert out(wp(profile, "status"))[-1]["online"] is True
        assert proxy.log().count("Proxy-Authorization: NTLM ") >= 3

        Profile.open(profile).set(TLS_SETTINGS_KEY, {"proxy": _with_user(proxy, password="wrong")})
        r = wp(profile, "login", "--server", far_hub.base, "--email", "alice@example.com", "--password-stdin",
               stdin=PASSWORD + "\n")
    assert r.returncode == 3
    e = err(r)
    assert e["kind"] == "proxy" and "refused the user name or password of alice (NTLM authentication)" in e["error"]


def test_an_idle_websocket_through_the_proxy_stays_up(tmp_path, far_hub, made):
    """Quiet for longer than the tunnel's set-up time-out, the same WebSocket still carries
    presence (the set-up's time-out is not left on its socket)."""
    with AuthProxy(tmp_path / "proxy", ["NTLM"], USERS) as proxy:
        a, b = _two_signed_in(made, far_hub, _with_user(proxy))
        for c in (a, b):
            c.engine.live.open_timeout = 0.5
            c.engine.start(sync=False)
        assert a.engine.wait_connected() and b.engine.wait_connected()
        first = a.engine.live._ws
        threading.Event().wait(1.5)  # idle, three times the set-up time-out
        assert a.engine.live._ws is first  # not dropped and reconnected
        a.engine.set_presence("dnd", "quiet")
        assert wait_for(lambda: any((e.name, e.status) == ("alice", "dnd") for e in b.engine.roster()))
        assert a.engine.live._ws is first
        a.engine.stop()
        b.engine.stop()
