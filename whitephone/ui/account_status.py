"""Each SIP account's registration state in the main window's status bar, with the reason when
registration fails (wrong password, refused, no answer, name not found; a TLS or HTTP proxy
failure's own words in the tooltip), and a warning when the HTTP proxy got the password in clear."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from whitephone.core.accounts import SipAccount
from whitephone.ui import theme
from whitephone.ui.rich_text import escape

# green registered, amber trying, red failed, grey none (blue: a local account, no registrar)
# (names of ui/theme.py colours: each theme has its own shade)
COLORS = {"ok": "green", "pending": "amber", "failed": "red", "local": "blue", "off": "grey"}


class AccountStatus(QWidget):
    """One label per account, kept up to date from the engine's `registered` and
    `registration_failed` events (CallController forwards them)."""

    changed = Signal()  # a state changed: the tray's status dot follows (ui/tray.py)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(12)
        self.accounts: dict[str, SipAccount] = {}
        self.labels: dict[str, QLabel] = {}
        self.states: dict[str, tuple[str, str]] = {}  # id -> (kind, text)
        self.transport: str | None = None
        self.rungs: dict[str, str] = {}  # id -> the rung its registration uses (udp/tcp/tls/tls-proxy)
        self.reasons: dict[str, str] = {}  # id -> the engine's own words for a TLS/proxy failure (tooltip)
        self.clear_proxies: set[str] = set()  # HTTP proxies that got a password with Basic (unencrypted)
        theme.notifier().changed.connect(self._theme_changed)

    def _theme_changed(self, _name: str) -> None:
        for acc_id in self.states:
            self._render(acc_id)

    # -- what the user configured ---------------------------------------------------------
    def set_accounts(self, accounts: list[SipAccount], engine_transport: str | None = None) -> None:
        """Show these accounts; `engine_transport` is the running engine's ("udp"/"tcp"), None when
        no engine runs. Other accounts keep their state until `registering` or an event."""
        self.accounts = {a.id: a for a in accounts}
        self.transport = engine_transport
        for acc_id in list(self.labels):
            if acc_id not in self.accounts:
                self.labels.pop(acc_id).deleteLater()
                self.states.pop(acc_id, None)
                self.reasons.pop(acc_id, None)
        for a in accounts:
            if a.id not in self.labels:
                label = QLabel()
                self.labels[a.id] = label
                self._layout.addWidget(label)
            if engine_transport is None:
                self._set(a.id, "off", self.tr("calls off"))
            elif a.local:
                self._set(a.id, "local", self.tr("local, no registrar"))
            elif a.transport not in (engine_transport, "tls", "auto"):  # TLS: the relay; auto: the ladder
                self._set(a.id, "failed", self.tr("%s transport not running in the engine")
                          % a.transport.upper())
            elif a.id not in self.states or self.states[a.id][0] in ("off", "local"):
                self._set(a.id, "pending", self.tr("registering…"))
            else:
                self._render(a.id)

    def registering(self, acc_id: str) -> None:
        """The account was (re)sent to the engine: its registration starts again."""
        a = self.accounts.get(acc_id)
        if a is None or a.local or self.transport is None or a.transport not in (self.transport, "tls", "auto"):
            return  # nothing to register, or the state already says why it cannot
        self._set(acc_id, "pending", self.tr("registering…"))

    def engine_stopped(self) -> None:
        self.transport = None
        for acc_id in self.accounts:
            self._set(acc_id, "off", self.tr("calls off"))

    # -- engine events ---------------------------------------------------------------------
    def on_event(self, ev: dict) -> None:
        if ev.get("event") == "tls_error":  # the relay names the server; the ladder names the account
            for a in self.accounts.values():
                if (a.id == ev.get("account") or (not ev.get("account") and a.transport == "tls")) and not a.local:
                    self._set(a.id, "failed", self.tls_failure_text(ev), str(ev.get("reason") or ""))
            return
        if ev.get("event") == "proxy_warning" and ev.get("kind") == "basic_in_clear":
            self.clear_proxies.add(str(ev.get("proxy") or ""))
            for acc_id in self.states:
                self._render(acc_id)
            return
        acc_id = ev.get("account")
        if acc_id not in self.accounts:
            return
        code = int(ev.get("code") or 0)
        if ev.get("event") == "rung" and ev.get("for") == "registration":
            self.rungs[acc_id] = str(ev.get("rung") or "")
            if self.states.get(acc_id, ("", ""))[0] == "ok":
                self._set(acc_id, "ok", self.tr("registered"))
        elif ev.get("event") == "registered":
            if int(ev.get("expires") or 0) > 0:
                self._set(acc_id, "ok", self.tr("registered"))
            else:
                self._set(acc_id, "off", self.tr("not registered"))
        elif ev.get("event") == "registration_failed" and isinstance(ev.get("tls_error"), dict):
            self._set(acc_id, "failed", self.tls_failure_text(ev["tls_error"]),  # TLS's words, not pjsip's 503
                      str(ev["tls_error"].get("reason") or ""))
        elif ev.get("event") == "registration_failed":
            self._set(acc_id, "failed", self.failure_text(code, str(ev.get("reason") or "")))

    RUNG_NAMES = {"udp": "UDP", "tcp": "TCP", "tls": "TLS",  # i18n: not text
                  "tls-proxy": QT_TRANSLATE_NOOP("AccountStatus", "TLS via proxy")}

    def tls_failure_text(self, ev: dict) -> str:
        kind = str(ev.get("kind") or "")
        words = {"expired": self.tr("TLS: the server's certificate has expired"),
                 "hostname": self.tr("TLS: the server's certificate is for another name"),
                 "self_signed": self.tr("TLS: self-signed certificate, not trusted"),
                 "untrusted": self.tr("TLS: certificate not from a trusted authority"),
                 "pin_mismatch": self.tr("TLS: the certificate is not the pinned one"),
                 "proxy": self.tr("HTTP proxy refused the connection")}
        return words.get(kind, self.tr("TLS: cannot reach the server"))

    def failure_text(self, code: int, reason: str) -> str:
        """Why registration failed, in words, with the SIP code kept for the provider's support."""
        low = reason.lower()
        if "resolve" in low or "dns" in low or "gethostbyname" in low:
            return self.tr("DNS: the registrar's name was not found (%d)") % code
        if code in (401, 407):
            return self.tr("%d: wrong user name or password") % code
        if code == 403:
            return self.tr("403: refused by the provider (forbidden)")
        if code == 404:
            return self.tr("404: the registrar does not know this account")
        if code == 408:
            return self.tr("timeout: no answer from the registrar (408)")
        if code in (502, 503) and ("connect" in low or "refused" in low or "unreachable" in low):
            return self.tr("%d: cannot reach the registrar") % code
        return f"{code} {reason}".strip()

    # -- display -----------------------------------------------------------------------------
    def overall(self) -> tuple[str, str]:
        """(kind, colour) for all accounts together, the worst first: failed, registering,
        registered or local; "off" when no account or no engine."""
        kinds = {kind for kind, _ in self.states.values()}
        kind = next((k for k in ("failed", "pending", "ok", "local") if k in kinds), "off")
        return kind, theme.colour(COLORS[kind])

    def state_text(self, acc_id: str) -> str:
        return self.states.get(acc_id, ("", ""))[1]

    def _set(self, acc_id: str, kind: str, text: str, reason: str = "") -> None:
        """`reason`: the engine's own words for a failure, shown in the tooltip (they name the
        proxy's refusal, a scheme WhitePhone cannot do, a certificate's fault…)."""
        self.states[acc_id] = (kind, text)
        self.reasons[acc_id] = reason
        self._render(acc_id)

    def _via_clear_proxy(self, acc_id: str) -> bool:
        """The account's signalling goes through an HTTP proxy that got a password with Basic."""
        a = self.accounts[acc_id]
        return bool(self.clear_proxies) and not a.local and (a.transport == "tls" or self.rungs.get(acc_id) == "tls-proxy")

    def _render(self, acc_id: str) -> None:
        kind, text = self.states[acc_id]
        a = self.accounts[acc_id]
        label = self.labels[acc_id]
        dot = f"<span style='color:{theme.colour(COLORS[kind])}'>●</span>"
        rung = self.RUNG_NAMES.get(self.rungs.get(acc_id, ""), "") if kind == "ok" else ""
        rung = self.tr(rung) if rung else ""  # i18n: marked
        warn = self._via_clear_proxy(acc_id)
        label.setText(f"{dot} {escape(a.label)}: {escape(text)}" + (f" ({rung})" if rung else "")
                      + (" ⚠" if warn else ""))
        tip = [f"{a.uri}" + (f" — {a.registrar}" if a.registrar else "")]
        if self.reasons.get(acc_id):
            tip.append(self.tr("Why: %s") % self.reasons[acc_id])
        if warn:
            tip.append(self.tr("Warning: your proxy password crossed the network unencrypted (Basic "
                               "authentication to %s); ask IT to offer Negotiate or NTLM on the proxy")
                       % ", ".join(sorted(self.clear_proxies)))
        # rich text on purpose, every part escaped: a proxy's status line is the proxy's to write
        label.setToolTip("<qt>" + "<br>".join(escape(t) for t in tip) + "</qt>")
        self.changed.emit()
