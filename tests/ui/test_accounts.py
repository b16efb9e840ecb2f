"""Preferences → Accounts (validation, keyring, persistence) and the status bar following a real
engine's registration events (a local account; a registrar that refuses, challenges, accepts)."""

from __future__ import annotations

import re
import socket
import threading

import keyring
import pytest
from keyring.backends import fail

from tests.sip.agents import AgentProcess
from whitephone.core.accounts import SipAccount, load_accounts, password_secret, save_accounts
from whitephone.ui.account_status import AccountStatus
from whitephone.ui.dialogs import accounts_page
from whitephone.ui.dialogs.accounts_page import AccountEditor, AccountsPage, normalize_values, validate
from whitephone.ui.dialogs.preferences import PreferencesDialog

# -- validation ------------------------------------------------------------------------------


def check(**fields) -> dict[str, str]:
    values = {"display_name": "", "uri": "sip:alice@example.com", "local": False,
              "registrar": "example.com", "proxy": "", "user": "", "password": None,
              "transport": "udp", "reg_interval": 300, "srtp": "off", **fields}
    return validate(normalize_values(values))


def test_validation_says_what_is_wrong_with_each_field():
    assert check() == {}
    assert "Enter the account's SIP address" in check(uri="")["uri"]
    assert "not a SIP address" in check(uri="sip:example.com")["uri"]
    assert check(uri="alice@example.com") == {}  # pasted without sip: is fine
    assert "between 1 and 65535" in check(uri="sip:alice@example.com:70000")["uri"]
    assert "registrar your provider gave you" in check(registrar="")["registrar"]
    assert "not a registrar address" in check(registrar="sip:exa mple.com")["registrar"]
    assert "not a proxy address" in check(proxy="sip:a b")["proxy"]
    assert "quotes" in check(display_name='The "Boss"')["display_name"]
    assert "spaces" in check(user="al ice")["user"]
    assert "line breaks" in check(password="a\nb")["password"]
    assert "60 to 3600" in check(reg_interval=5)["reg_interval"]
    assert check(local=True, registrar="", uri="sip:alice@192.0.2.5:5070") == {}  # "no registrar"
    other = SipAccount(id="o", uri="sip:alice@example.com", registrar="sip:example.com")
    values = normalize_values({"uri": "sip:alice@example.com", "registrar": "example.com", "reg_interval": 300})
    assert "already uses" in validate(values, [other])["uri"]


def test_editor_shows_errors_next_to_fields_and_stays_open(qtbot):
    ed = AccountEditor(None, [])
    qtbot.addWidget(ed)
    ed.show()
    ed.uri.setText("alice")
    ed.accept()
    assert ed.result() == 0 and ed.isVisible()
    assert ed.errors["uri"].isVisible() and "not a SIP address" in ed.errors["uri"].text()
    assert ed.errors["registrar"].isVisible()
    assert not ed.errors["proxy"].isVisible()
    ed.local.setChecked(True)  # a local account needs no registrar
    assert not ed.registrar.isEnabled() and not ed.password.isEnabled()
    ed.uri.setText("sip:alice@192.0.2.5:5070")
    ed.accept()
    assert ed.result() == 1
    acc = ed.result_account
    assert (acc.uri, acc.local, acc.default) == ("sip:alice@192.0.2.5:5070", True, True)


# -- the page: keyring and settings ------------------------------------------------------------


def fill_editor(monkeypatch, **fields):
    """Make the next editor act as if the user typed `fields` and pressed OK."""

    def exec_(self) -> int:
        for name, value in fields.items():
            widget = getattr(self, name)
            if hasattr(widget, "setChecked"):
                widget.setChecked(value)
            elif hasattr(widget, "setValue"):
                widget.setValue(value)
            elif hasattr(widget, "findData"):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setText(value)
        self.accept()
        return self.result()

    monkeypatch.setattr(AccountEditor, "exec", exec_)


def test_accounts_page_saves_settings_and_keyring(qtbot, app, monkeypatch):
    page = AccountsPage(app.profile)
    qtbot.addWidget(page)
    assert page.empty.isVisible() is False or not page.accounts  # empty note shown with no account
    fill_editor(monkeypatch, display_name="Office", uri="sip:+442079460018@voip.example.com",
                registrar="voip.example.com", user="4420794600", password="pa55-w0rd", transport="tcp",
                reg_interval=600, srtp="optional")
    page.add_account()
    fill_editor(monkeypatch, display_name="Lab", uri="sip:me@192.0.2.5:5070", local=True)
    page.add_account()
    assert page.list.count() == 2 and "(default)" in page.list.item(0).text()
    assert load_accounts(app.profile) == []  # nothing saved before OK
    assert page.apply()
    text = app.profile.settings_path.read_text()
    assert "pa55-w0rd" not in text and "password" not in text
    office, lab = load_accounts(app.profile)
    assert (office.registrar, office.transport, office.reg_interval, office.srtp, office.default) == \
        ("sip:voip.example.com", "tcp", 600, "optional", True)
    assert lab.local and not lab.default
    assert app.profile.get_secret(password_secret(office.id)) == "pa55-w0rd"
    assert app.profile.get_secret(password_secret(lab.id)) is None

    page = AccountsPage(app.profile)  # reopened: read back from settings
    qtbot.addWidget(page)
    page.list.setCurrentRow(1)
    page.make_default()
    fill_editor(monkeypatch, display_name="Office line")  # password left empty: unchanged
    page.list.setCurrentRow(0)
    page.edit_account()
    monkeypatch.setattr(accounts_page.QMessageBox, "question",
                        lambda *a: accounts_page.QMessageBox.StandardButton.Yes)
    assert page.apply()
    office, lab = load_accounts(app.profile)
    assert office.display_name == "Office line" and lab.default and not office.default
    assert app.profile.get_secret(password_secret(office.id)) == "pa55-w0rd"
    page.list.setCurrentRow(0)
    page.remove_account()
    page.apply()
    assert [a.id for a in load_accounts(app.profile)] == [lab.id]
    assert app.profile.get_secret(password_secret(office.id)) is None


def test_without_a_keyring_the_password_is_kept_for_the_session_and_the_user_told(qtbot, app, monkeypatch):
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    warned = []
    monkeypatch.setattr(accounts_page.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    try:
        page = AccountsPage(app.profile)
        qtbot.addWidget(page)
        fill_editor(monkeypatch, uri="sip:alice@example.com", registrar="example.com", password="pw")
        page.add_account()
        page.apply()
    finally:
        keyring.set_keyring(old)
    assert warned and "No system keyring" in warned[0]
    (acc,) = load_accounts(app.profile)
    assert app.profile.get_secret(password_secret(acc.id)) == "pw"
    assert "pw" not in app.profile.settings_path.read_text().replace("pwd", "")


def test_preferences_dialog_has_the_accounts_page(qtbot, app, monkeypatch):
    dlg = PreferencesDialog(app)
    qtbot.addWidget(dlg)
    titles = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert "Accounts" in titles
    fill_editor(monkeypatch, uri="sip:me@127.0.0.1", local=True)
    dlg.accounts.add_account()
    dlg.accept()
    assert [a.uri for a in load_accounts(app.profile)] == ["sip:me@127.0.0.1"]


# -- the status bar ---------------------------------------------------------------------------


def test_status_shows_the_rung_and_tls_failures(qtbot):
    st = AccountStatus()
    qtbot.addWidget(st)
    accs = [SipAccount(id="s", uri="sip:s@example.com", registrar="sips:example.com", transport="tls"),
            SipAccount(id="a", uri="sip:a@example.com", registrar="sip:example.com")]
    st.set_accounts(accs, "udp")
    assert st.state_text("s") == "registering…"  # TLS runs through the relay on any engine
    st.on_event({"event": "registered", "account": "s", "code": 200, "reason": "OK", "expires": 300})
    st.on_event({"event": "rung", "account": "s", "for": "registration", "rung": "tls-proxy"})
    assert "(TLS via proxy)" in st.labels["s"].text()
    st.on_event({"event": "tls_error", "kind": "expired", "reason": "...", "server": "example.com:5061"})
    assert st.state_text("s") == "TLS: the server's certificate has expired"
    st.on_event({"event": "registration_failed", "account": "s", "code": 503, "reason": "Service Unavailable",
                 "tls_error": {"kind": "hostname", "reason": "...", "server": "example.com:5061"}})
    assert st.state_text("s") == "TLS: the server's certificate is for another name"  # not "503 …"
    assert st.state_text("a") == "registering…"  # a UDP account is not concerned


def test_status_texts_for_each_failure(qtbot):
    st = AccountStatus()
    qtbot.addWidget(st)
    accs = [SipAccount(id="a", uri="sip:a@example.com", registrar="sip:example.com"),
            SipAccount(id="t", uri="sip:t@example.com", registrar="sip:example.com", transport="tcp"),
            SipAccount(id="l", uri="sip:l@127.0.0.1")]
    st.set_accounts(accs, None)
    assert st.state_text("a") == "calls off"
    st.set_accounts(accs, "udp")
    assert st.state_text("a") == "registering…"
    assert st.state_text("t") == "TCP transport not running in the engine"
    assert st.state_text("l") == "local, no registrar"
    for code, reason, expected in [
        (401, "Unauthorized", "401: wrong user name or password"),
        (407, "Proxy Authentication Required", "407: wrong user name or password"),
        (403, "Forbidden", "403: refused by the provider"),
        (408, "Request Timeout", "timeout: no answer from the registrar (408)"),
        (502, "gethostbyname() has returned error (PJ_ERESOLVE)", "DNS: the registrar's name was not found"),
        (500, "Server Internal Error", "500 Server Internal Error"),
    ]:
        st.on_event({"event": "registration_failed", "account": "a", "code": code, "reason": reason})
        assert st.state_text("a").startswith(expected)
        assert expected.split(":")[0] in st.labels["a"].text()
    st.on_event({"event": "registered", "account": "a", "code": 200, "reason": "OK", "expires": 300})
    assert st.state_text("a") == "registered"
    st.on_event({"event": "registered", "account": "zz", "code": 200, "expires": 300})  # not ours: ignored
    st.set_accounts(accs[1:], "udp")
    assert "a" not in st.labels


class Registrar:
    """A stand-in provider on a real UDP socket: answers each REGISTER with `code` (401 with a
    digest challenge). The real registrar (Kamailio) is tested in tests/sip."""

    REASONS = {200: "OK", 401: "Unauthorized", 403: "Forbidden"}

    def __init__(self, code: int) -> None:
        self.code = code
        self.requests: list[str] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                data, addr = self.sock.recvfrom(65535)
            except OSError:
                return
            msg = data.decode("utf-8", "replace")
            if not msg.startswith("REGISTER "):
                continue
            self.requests.append(msg)
            head = [line for line in msg.split("\r\n\r\n", 1)[0].split("\r\n")[1:] if line]
            keep = [h for h in head if h.split(":", 1)[0].strip().lower() in ("via", "v", "from", "f", "call-id",
                                                                                 "i", "cseq")]
            to = next(h for h in head if h.split(":", 1)[0].strip().lower() in ("to", "t"))
            lines = [f"SIP/2.0 {self.code} {self.REASONS[self.code]}", *keep, to + ";tag=reg1"]
            if self.code == 401:
                lines.append('WWW-Authenticate: Digest realm="test", nonce="8c2a19f0", algorithm=MD5')
            if self.code == 200:
                contact = next(h for h in head if h.split(":", 1)[0].strip().lower() in ("contact", "m"))
                expires = re.search(r"expires[=:]\s*(\d+)", msg, re.IGNORECASE)
                secs = expires.group(1) if expires else "300"
                lines += [f"Contact: {contact.split(':', 1)[1].strip().split(';expires')[0]};expires={secs}",
                          f"Expires: {secs}"]
            lines.append("Content-Length: 0")
            self.sock.sendto(("\r\n".join(lines) + "\r\n\r\n").encode(), addr)

    def close(self) -> None:
        self.sock.close()


def status(window, acc_id: str) -> str:
    return window.account_status.state_text(acc_id)


def wait_status(qtbot, window, acc_id: str, text: str, timeout: int = 15000) -> None:
    try:
        qtbot.waitUntil(lambda: text in status(window, acc_id), timeout=timeout)
    except Exception:
        raise AssertionError(f"status of {acc_id} is {status(window, acc_id)!r}, not {text!r}") from None


@pytest.fixture
def engine_window(qtbot, app):
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


@pytest.mark.sip
@pytest.mark.xdist_group("sip")
def test_status_bar_follows_registration_through_edits(qtbot, app, engine_window):
    reg = Registrar(403)
    try:
        acc = SipAccount(id="office", uri="sip:alice@127.0.0.1", display_name="Office",
                         registrar=f"sip:127.0.0.1:{reg.port}", reg_interval=120)
        app.profile.set_secret(password_secret("office"), "right-pw")
        save_accounts(app.profile, [acc])
        w = engine_window
        w.accounts_changed()  # as after Preferences → OK
        assert status(w, "office") == "calls off"
        w.start_engine(["--listen", "127.0.0.1:0"])
        wait_status(qtbot, w, "office", "403: refused by the provider")
        assert "Office" in w.account_status.labels["office"].text()

        reg.code = 401  # edited in Preferences: sent again (the engine unregisters the old one first)
        acc.reg_interval = 180
        save_accounts(app.profile, [acc])
        w.accounts_changed()
        wait_status(qtbot, w, "office", "401: wrong user name or password")
        assert any('username="alice"' in r and "Authorization" in r for r in reg.requests)  # keyring → engine

        reg.code = 200
        acc.reg_interval = 240
        save_accounts(app.profile, [acc])
        w.accounts_changed()
        wait_status(qtbot, w, "office", "registered")

        seen = len(reg.requests)
        save_accounts(app.profile, [])  # removed: unregistered and gone from the status bar
        w.accounts_changed()
        qtbot.waitUntil(lambda: any(re.search(r"expires[=:]\s*0\b", r, re.IGNORECASE)
                                    for r in reg.requests[seen:]), timeout=10000)
        assert "office" not in w.account_status.labels
    finally:
        reg.close()


@pytest.mark.sip
@pytest.mark.xdist_group("sip")
def test_dns_failure_is_named(qtbot, app, engine_window):
    save_accounts(app.profile, [SipAccount(id="dns", uri="sip:alice@example.invalid",
                                           registrar="sip:registrar.example.invalid")])
    engine_window.start_engine(["--listen", "127.0.0.1:0"])
    wait_status(qtbot, engine_window, "dns", "DNS: the registrar's name was not found", timeout=30000)


@pytest.mark.sip
@pytest.mark.xdist_group("sip")
def test_local_account_places_the_calls(qtbot, app, engine_window):
    save_accounts(app.profile, [SipAccount(id="lab", uri="sip:me@127.0.0.1", display_name="Lab")])
    w = engine_window
    w.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: w.calls.ready is not None and "lab" in w.calls.accounts_sent, timeout=15000)
    assert status(w, "lab") == "local, no registrar"
    events = []
    w.calls.bridge.event.connect(events.append)
    with AgentProcess("--answer", "--once") as peer:
        w.dial.setText(peer.uri)
        w.call_from_dial_bar()
        incoming = peer.wait_for("incoming")
        assert "me@127.0.0.1" in incoming["remote_uri"]
        qtbot.waitUntil(lambda: any(e.get("event") == "calling" for e in events), timeout=10000)
        assert next(e for e in events if e.get("event") == "calling")["account"] == "lab"
        call_window = next(iter(w.calls.windows.values()))
        qtbot.waitUntil(lambda: call_window.answered_at is not None, timeout=10000)
        call_window.hangup_btn.click()
        peer.wait_for("ended")


def test_status_of_an_automatic_account_shows_the_rung_the_ladder_found(qtbot):
    st = AccountStatus()
    qtbot.addWidget(st)
    accs = [SipAccount(id="auto", uri="sip:me@example.com", registrar="sip:example.com"),
            SipAccount(id="u", uri="sip:u@example.com", registrar="sip:example.com", transport="udp")]
    assert accs[0].transport == "auto"  # the default for new accounts
    st.set_accounts(accs, "tcp")  # any engine: the ladder picks the rung
    assert st.state_text("auto") == "registering…"
    st.on_event({"event": "registered", "account": "auto", "code": 200, "reason": "OK", "expires": 300})
    st.on_event({"event": "rung", "account": "auto", "for": "registration", "rung": "tls"})
    assert "registered" in st.labels["auto"].text() and "(TLS)" in st.labels["auto"].text()
    # a certificate refused on the ladder names its account only
    st.on_event({"event": "tls_error", "account": "auto", "kind": "untrusted", "reason": "...", "server": "x:443"})
    assert st.state_text("auto") == "TLS: certificate not from a trusted authority"
    assert st.state_text("u") == "UDP transport not running in the engine"
