"""Calls in the GUI: the engine adapter (events → Qt signals), the incoming-call window, and the
controller that turns call requests into engine commands and call-log rows (the call window is
call_window.py)."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whitephone.core import http_proxy
from whitephone.core.accounts import (
    default_account,
    engine_command,
    load_accounts,
    number_uri,
    password_secret,
    phone_account,
    pin_certificate,
    tls_engine_args,
    with_tls_args,
)
from whitephone.core.call_log import CallLogService
from whitephone.core.caller import AUTO_CREATE_SETTING, CallerInfo, look_up_caller
from whitephone.core.calls import CallLogEntry, CallLogFilter
from whitephone.core.dial import DialTarget, callback_uri, number_from_uri
from whitephone.phone import display
from whitephone.sip.client import EngineClient
from whitephone.sip.screening import host_of
from whitephone.ui import theme
from whitephone.ui.audio_settings import engine_args, engine_commands, load_audio, with_jitter_buffer
from whitephone.ui.icons import icon
from whitephone.ui.network_settings import listen_args, port_is_free, screening_on, with_listen
from whitephone.ui.rich_text import escape, rich_label
from whitephone.ui.tasks import Worker

if TYPE_CHECKING:
    from whitephone.ui.call_window import CallWindow
    from whitephone.ui.caller_popup import CallerPopup

log = logging.getLogger(__name__)

_DISPLAY_NAME = re.compile(r'^\s*"?([^"<]*?)"?\s*<')


def _ask_to_pin(parent: QWidget | None, server: str, kind: str, sha256: str) -> bool:
    """ui/dialogs/pin_cert.py's consent dialog, imported when a server's certificate needs it."""
    from whitephone.ui.dialogs.pin_cert import ask_to_pin

    return ask_to_pin(parent, server, kind, sha256)


def display_name_of(uri: str) -> str:
    """The display name of a SIP From/To value ('"Ann Lee" <sip:ann@x>' -> 'Ann Lee')."""
    m = _DISPLAY_NAME.match(uri or "")
    return m.group(1).strip() if m else ""


AUDIO_COMMANDS = ("audio_devices", "audio_settings", "volume", "meter", "audio_test", "voice_mail",
                  "voice_mail_stop")  # Preferences → Audio and voice mail


class EngineBridge(QObject):
    """Engine events arrive on the client's reader thread; this re-emits them on the main thread."""

    event = Signal(dict)

    def __init__(self, args: list[str] | None = None, parent=None, stderr_path: str | None = None,
                 early=None) -> None:
        """`early`: an engine already started while the store was opening (ui/early_engine.py)."""
        super().__init__(parent)
        self.early = early
        self.client = early.client if early is not None else EngineClient(self.event.emit, args or [],
                                                                          stderr_path=stderr_path)

    def start(self) -> None:
        if self.early is None:
            self.client.start_async()
            return
        early, self.early = self.early, None
        for ev in early.hand_over(self.event.emit):  # what it said before anyone listened, first
            self.event.emit(ev)

    def send(self, cmd: str, **params) -> int:
        return self.client.send(cmd, **params)

    def stop(self) -> None:
        self.client.stop()

    def restart(self, args: list[str]) -> None:
        """Restart the engine with new arguments off the main thread (its shut-down takes a moment)."""
        threading.Thread(target=self.client.restart_with, args=(args,), name="wp-engine-restart", daemon=True).start()


class IncomingCallWindow(QWidget):
    """Ringing: who is calling (from the address book) and their recent calls, before pick-up."""

    def __init__(self, controller: CallController, call_id: int, caller: str, detail: str,
                 history: list[CallLogEntry]) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.controller, self.call_id = controller, call_id
        self.setWindowTitle(self.tr("Incoming call — %s") % caller)
        v = QVBoxLayout(self)
        v.addWidget(rich_label(f"<b style='font-size:15pt'>{escape(caller)}</b>"))
        v.addWidget(rich_label(escape(detail)))
        if history:
            from whitephone.ui.dates import when_text

            lines = [f"{when_text(h.started_at)} — {self._history_text(h)}" for h in history[:5]]
            v.addWidget(QLabel(self.tr("<i>Recent calls:</i><br>") + "<br>".join(escape(x) for x in lines)))
        else:
            v.addWidget(QLabel(self.tr("<i>No earlier calls with this caller.</i>")))
        row = QHBoxLayout()
        self.accept_btn = QPushButton(self.tr("Accept"))
        theme.coloured_button(self.accept_btn, "answer")
        self.accept_btn.setIcon(icon("answer", "white"))
        self.accept_btn.clicked.connect(lambda: self.controller.accept(self.call_id))
        self.decline_btn = QPushButton(self.tr("Decline"))
        self.decline_btn.setIcon(icon("decline"))
        self.decline_btn.clicked.connect(lambda: self.controller.send("decline", call=self.call_id))
        self.busy_btn = QPushButton(self.tr("Send busy"))
        self.busy_btn.clicked.connect(lambda: self.controller.send("busy", call=self.call_id))
        for b in (self.accept_btn, self.decline_btn, self.busy_btn):
            row.addWidget(b)
        v.addLayout(row)

    # an earlier call's result in words (core/calls.py RESULTS)
    RESULTS = {"answered": QT_TRANSLATE_NOOP("IncomingCallWindow", "answered"),
               "missed": QT_TRANSLATE_NOOP("IncomingCallWindow", "missed"),
               "rejected": QT_TRANSLATE_NOOP("IncomingCallWindow", "declined"),
               "busy": QT_TRANSLATE_NOOP("IncomingCallWindow", "busy"),
               "cancelled": QT_TRANSLATE_NOOP("IncomingCallWindow", "cancelled"),
               "failed": QT_TRANSLATE_NOOP("IncomingCallWindow", "failed")}

    def _history_text(self, h) -> str:
        """"incoming, answered, 2:05" for an earlier call."""
        parts = [self.tr("incoming") if h.direction == "in" else self.tr("outgoing"),
                 self.tr(self.RESULTS[h.result]) if h.result in self.RESULTS else h.result]  # i18n: marked
        if h.duration:
            parts.append(f"{h.duration // 60}:{h.duration % 60:02d}")
        return ", ".join(parts)


class Fork:
    """One call to a person placed to several of their devices at once: one call window, one
    call-log row; the first leg to answer wins and the others are hung up."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.legs: set[int] = set()  # engine call ids still ringing
        self.shown: int | None = None  # the leg the call window and log row belong to
        self.best: dict | None = None  # the most telling failure so far (busy/declined beats no answer)
        self.cancelled = False  # the user hung up: every leg goes, the window with its own

    def failed(self, ev: dict) -> None:
        if self.best is None or (ev.get("code") in (486, 600, 603) and self.best.get("code") not in (486, 600, 603)):
            self.best = ev


class CallController(QObject):
    """Starts the engine, places and receives calls, keeps the call log."""

    callsChanged = Signal()
    PORT_RETRY_MS = 30_000  # how often a fallen-back engine looks whether its wanted port is free
    audioEvent = Signal(dict)  # devices, levels, audio, audio_test: for Preferences → Audio

    def __init__(self, app, window, engine_args: list[str] | None = None, early=None) -> None:
        """`early`: the engine process, already started (ui/early_engine.py)."""
        super().__init__(window)
        self.app, self.window = app, window
        self.log_service = CallLogService(app.store, app.profile.region)
        self.bridge = EngineBridge(None if early is not None else engine_args or self._default_args(), self,
                                   str(app.profile.logs_dir / "engine-stderr.log"), early=early)
        self.bridge.event.connect(self.on_event)
        self.windows: dict[int, CallWindow] = {}
        self.incoming: dict[int, IncomingCallWindow] = {}
        self.entries: dict[int, CallLogEntry] = {}
        self.recordings: dict[int, str] = {}
        self.pending: list[tuple[DialTarget, object]] = []  # asked for before the engine was ready
        self.dialling: dict[int, tuple[DialTarget, object]] = {}  # request id -> call sent, awaiting `calling`
        # calls the engine holds until their account's ladder finds a way to the server (provisional
        # negative call id -> (uri, account)); their window shows "Connecting…" and can hang up
        self.waiting: dict[int, tuple[str, str]] = {}
        self.fork_requests: dict[int, Fork] = {}  # request id -> the fork that call is a leg of
        self.forks: dict[int, Fork] = {}  # call id -> its fork, while it rings
        self.requests: dict[int, tuple] = {}  # request id -> what a failure of it must undo
        self.engine_died_message: QMessageBox | None = None  # "these calls were cut off"
        self.popups: dict[int, CallerPopup] = {}  # call id -> its caller popup (ui/caller_popup.py)
        self._popup_worker: Worker | None = None  # the popups' lookups: never behind a search
        self._lookups: dict[int, dict] = {}  # call id -> its lookup's answer ({} while it runs)
        # "New record for this call": (CallerInfo, call log uid) -> a new record; by default the
        # window's CRM record window (ui/crm_parts.py); the button is hidden when there is neither
        self.new_record_handler: Callable[[CallerInfo, str | None], None] | None = None
        self.ready: dict | None = None
        self.accounts_sent: dict[str, dict] = {}  # account id -> the `account` command the engine has
        self.restart_args: list[str] | None = None  # start-up settings changed: applied when no call is up
        self.proxy_pending = False  # Preferences → Network → HTTP proxy changed during a call
        self.pin_asked: set[str] = set()  # certificates the user was asked about in this session
        self.ask_to_pin = _ask_to_pin  # (parent, server, kind, sha256) -> bool: the consent dialog
        self._port_retry = QTimer(self, interval=self.PORT_RETRY_MS)
        self._port_retry.timeout.connect(self._retry_wanted_port)
        window.callRequested.connect(self.place_call)

    def _default_args(self) -> list[str]:
        # --profile: where the engine remembers the ladder's rung per network (sip/reach.py)
        return [*listen_args(self.app.profile), "--profile", str(self.app.profile.root),
                "--log", str(self.app.profile.logs_dir / "pjsip.log"),
                *engine_args(load_audio(self.app.profile)), *tls_engine_args(self.app.profile)]

    def apply_network(self) -> None:
        """Listen where Preferences → Network says (a restart, once no call is up)."""
        args = with_listen(self.bridge.client.args, self.app.profile)
        if args != self.bridge.client.args:
            self.restart_args = args
            self._restart_if_idle()

    def apply_proxy(self) -> None:
        """Preferences → Network → HTTP proxy changed: the engine gets the accounts (and the hub's
        media relay settings) again with it over IPC, re-registering them the new way, without a
        restart; while a call is up, once the last one ends (re-adding an account would end it)."""
        if self.windows or self.incoming or self.entries:
            self.proxy_pending = True
            return
        self.proxy_pending = False
        self.apply_accounts()
        team = getattr(self.window, "team", None)
        if team is not None and hasattr(team, "send_hub_account"):
            team.send_hub_account()

    def _retry_wanted_port(self) -> None:
        """The engine fell back to another port: take the wanted one back once it is free."""
        ready = self.ready
        if ready is None or not ready.get("wanted_port"):
            self._port_retry.stop()
            return
        if port_is_free(ready["host"], ready["wanted_port"], ready["transport"]):
            self.restart_args = self.restart_args or list(self.bridge.client.args)
            self._restart_if_idle()

    def apply_audio(self, previous: dict | None = None) -> None:
        """Send the engine the audio choices of Preferences (what changed since `previous`).
        A choice fixed when the engine starts (the jitter buffer) restarts it, at once when no
        call is up, else when the last call ends."""
        settings = load_audio(self.app.profile)
        for cmd, params in engine_commands(settings, previous):
            self.send(cmd, **params)
        args = with_jitter_buffer(self.bridge.client.args, settings)
        if args != self.bridge.client.args:
            self.restart_args = args
            self._restart_if_idle()

    def _restart_if_idle(self) -> None:
        if self.restart_args is None or self.windows or self.incoming or self.entries:
            return
        args, self.restart_args = self.restart_args, None
        self.window.set_calls_available(False, self.tr("Applying the new audio settings…"))
        self.window.calls_status.setText(self.tr("SIP: restarting…"))
        self.ready = None
        self.bridge.restart(args)

    def _offer_pin(self, ev: dict) -> None:
        """A self-signed or unknown certificate: ask the user, once per certificate and session,
        whether to trust it; yes pins it and restarts the engine with it once no call is up."""
        sha = str(ev["sha256"])
        if sha in self.pin_asked or ev.get("kind") not in ("self_signed", "untrusted"):
            return
        self.pin_asked.add(sha)
        server = str(ev.get("server") or "")
        if not self.ask_to_pin(self.window, server, str(ev.get("kind")), sha):
            return
        try:
            pin_certificate(self.app.profile, server, sha)
        except ValueError as exc:  # an event without a HOST:PORT: nothing to tie the pin to
            log.warning("cannot pin the certificate: %s", exc)
            return
        self.restart_args = with_tls_args(self.restart_args or list(self.bridge.client.args), self.app.profile)
        self._restart_if_idle()

    def start(self) -> None:
        self.window.calls_status.setText(self.tr("SIP: starting…"))
        self.bridge.start()

    def stop(self) -> None:
        self.ready = None  # work still queued for the engine (accounts, screening) finds it gone
        self._port_retry.stop()
        self.bridge.stop()
        self._close_popups()
        if self._popup_worker is not None:
            self._popup_worker.stop()
            self._popup_worker = None

    # -- the call-time popup -------------------------------------------------------------------
    def look_up(self, call_id: int, uri: str, e164: str | None, display_name: str = "",
                this_call: str | None = None) -> None:
        """Start looking the caller up on the popups' worker (as soon as the call is known, so
        the lookup runs while the ringing window is built); `show_popup` shows the answer."""
        if self._popup_worker is None:
            self._popup_worker = Worker("wp-popup")
        store, create = self.app.store, bool(self.app.profile.get(AUTO_CREATE_SETTING, False))
        slot = self._lookups[call_id] = {}

        def work() -> CallerInfo:
            return look_up_caller(store, uri, e164, display_name=display_name, create_unknown=create,
                                  this_call=this_call)

        def arrived(key: str, value) -> None:
            # the call's id now (a call that waited for the network got the engine's on going out)
            now = next((cid for cid, s in self._lookups.items() if s is slot), None)
            if now is None:
                return  # another call took the id, or the call is over
            slot[key] = value
            popup = self.popups.get(now)
            if popup is not None:
                popup.fill(value) if key == "info" else popup.failed(value)

        self._popup_worker.submit(work, lambda info: arrived("info", info), lambda exc: arrived("error", exc))

    def show_popup(self, call_id: int, anchor: QWidget, uri: str, e164: str | None, caller: str,
                   display_name: str = "", this_call: str | None = None) -> CallerPopup:
        """The caller popup beside `anchor`, shown now and filled when the lookup answers (one
        `look_up` started for this call, else a new one)."""
        old = self.popups.pop(call_id, None)
        if old is not None and shiboken6.isValid(old):
            old.close()
        from whitephone.ui.caller_popup import CallerPopup  # with the first call, not at start (issue 18)

        can_record = self.new_record_handler is not None or getattr(self.window, "crm", None) is not None
        popup = CallerPopup(caller, self.app.profile.region, can_record)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.openContact.connect(self._open_contact)
        popup.createContact.connect(self._create_contact)
        popup.newRecord.connect(lambda info: self._new_record(info, this_call))
        popup.openRecord.connect(lambda uid: getattr(self.window, "crm", None) and self.window.crm.open(record_uid=uid))
        popup.place_beside(anchor)
        popup.show()
        self.popups[call_id] = popup
        # closed by the user (or anyone) it is deleted: it must leave the registry with it
        popup.destroyed.connect(lambda *_a, cid=call_id, p=popup: self._forget_popup(cid, p))
        slot = self._lookups.get(call_id)
        if slot is None:
            self.look_up(call_id, uri, e164, display_name, this_call)
        elif "info" in slot:
            popup.fill(slot["info"])
        elif "error" in slot:
            popup.failed(slot["error"])
        return popup

    def _new_record(self, info: CallerInfo | None, call_uid: str | None) -> None:
        """The CRM record window for the caller (their records first), on a new record that links
        this call."""
        if info is None:
            return
        if self.new_record_handler is not None:
            self.new_record_handler(info, call_uid)
            return
        crm = getattr(self.window, "crm", None)
        if crm is None:
            return
        from whitephone.ui.crm_parts import Person, person_for_contact

        if info.contact is not None:
            person = person_for_contact(info.contact)
            if info.number:
                person.number = info.number
        else:
            number = info.number or info.identity.strip("<>")
            person = Person(info.display_name or number, None, number)
        crm.open(person, call=call_uid, new=True)

    def _open_contact(self, contact_id: int) -> None:
        opener = getattr(self.window, "open_contact_profile", None)
        if opener is not None:
            opener(contact_id)

    def _create_contact(self, number: str, name: str) -> None:
        creator = getattr(self.window, "new_contact_for_number", None)
        if creator is not None:
            creator(number, name)

    def _forget_popup(self, call_id: int, popup) -> None:
        for cid in [c for c, p in self.popups.items() if p is popup]:  # (the id may have changed since)
            del self.popups[cid]

    def _close_popup(self, call_id: int) -> None:
        self._lookups.pop(call_id, None)
        popup = self.popups.pop(call_id, None)
        if popup is not None and shiboken6.isValid(popup):  # a popup the user closed is already gone
            popup.close()

    def _close_popups(self) -> None:
        for call_id in list(self.popups):
            self._close_popup(call_id)
        self._lookups.clear()

    def send(self, cmd: str, **params) -> int | None:
        """Send a command; its request id (the engine's `ok`/`error` reply names it), or None
        when the engine is not running (the user is told)."""
        fork = self.forks.get(params.get("call")) if cmd == "hangup" else None
        if fork is not None:  # the user hangs up a call still ringing on several devices: all of them
            fork.cancelled = True
            for leg in fork.legs - {params["call"]}:
                self.bridge.send("hangup", call=leg)
        try:
            req = self.bridge.send(cmd, **params)
        except RuntimeError as exc:
            QMessageBox.warning(self.window, self.tr("Call"), str(exc))
            return None
        if cmd in ("hold", "resume"):
            self.requests[req] = ("hold", params["call"])
        elif cmd == "account":
            self.requests[req] = ("account", params.get("id", "default"))
        return req

    def recording_path(self, call_id: int):
        return self.app.profile.recordings_dir / f"call-{time.strftime('%Y%m%d-%H%M%S')}-{call_id}.wav"

    # -- outgoing ---------------------------------------------------------------------------
    def place_fork(self, targets: list[DialTarget], title: str) -> None:
        """Ring all these addresses of one person at once (their devices); the first to answer wins."""
        if self.ready is None or self.pending:  # the engine is not up yet: its first device will do
            self.pending.append((targets[0], None))
            return
        fork = Fork(title)
        for target in targets:
            req = self.place_call(target, None)
            if req is not None:
                self.fork_requests[req] = fork

    @Slot(object, object)
    def place_call(self, target: DialTarget, contact) -> int | None:
        if self.ready is None or self.pending:  # before the engine (and its accounts) are ready
            self.pending.append((target, contact))
            return None
        accounts = load_accounts(self.app.profile)
        if target.kind == "number":
            acc = phone_account(accounts)
            if acc is None or acc.id not in self.accounts_sent:
                QMessageBox.information(
                    self.window, self.tr("Call"),
                    self.tr("To call phone numbers, add your provider's SIP account (Preferences → Accounts). "
                            "SIP addresses (sip:name@host) can be called directly."))
                return None
            uri, account = number_uri(acc, target.uri), acc.id
        else:
            acc = default_account(accounts)
            uri, account = target.uri, acc.id if acc is not None and acc.id in self.accounts_sent else None
            account = target.account or account
        if self._already_calling(uri, account, target):
            return None
        # the engine's own local account when none is set up
        req = self.send("call", uri=uri) if account is None else self.send("call", uri=uri, account=account)
        if req is not None:
            self.dialling[req] = (target, contact)  # `calling` (or the error) names this request
        return req

    def _already_calling(self, uri: str, account: str | None, target: DialTarget) -> bool:
        """A second Call while the first is still on its way (sent, or waiting for the network):
        its window comes to the front instead of a second call."""
        for hid, (waiting_uri, waiting_account) in self.waiting.items():
            w = self.windows.get(hid)
            if waiting_uri == uri and waiting_account == (account or "default") and w is not None and not w.ended:
                w.showNormal()
                w.raise_()
                w.activateWindow()
                return True
        return any(t.uri == target.uri and t.account == target.account for t, _c in self.dialling.values())

    # -- accounts ---------------------------------------------------------------------------
    def apply_accounts(self, then=None) -> None:
        """Bring the engine's accounts in line with Preferences: new ones added, deleted ones
        removed, an edited one removed (unregistered) and added again. Passwords are read from
        the keyring off the main thread (a desktop keyring answers over D-Bus)."""
        accounts = load_accounts(self.app.profile)
        status = self.window.account_status
        status.set_accounts(accounts, self.ready["transport"] if self.ready else None)
        if self.ready is None:
            return
        profile = self.app.profile

        def read() -> dict[str, dict]:
            tls_proxy = http_proxy.setting(profile)  # Preferences → Network (its password: the keyring)
            return {a.id: engine_command(a, None if a.local else profile.get_secret(password_secret(a.id)), tls_proxy)
                    for a in accounts}

        def send(wanted: dict[str, dict]) -> None:
            if self.ready is None:  # the engine went away meanwhile; `ready` sends them again
                return
            busy = bool(self.windows or self.incoming or self.entries)
            for acc_id, old in self.accounts_sent.items():
                new = wanted.get(acc_id)
                if busy and new is not None and new != old and {**new, "tls_proxy": old.get("tls_proxy")} == old:
                    wanted[acc_id] = old  # only the HTTP proxy changed: once the last call ends
                    self.proxy_pending = True
            for acc_id in list(self.accounts_sent):
                if wanted.get(acc_id) != self.accounts_sent[acc_id]:
                    self.send("account_remove", id=acc_id)
                    del self.accounts_sent[acc_id]
            for acc_id, cmd in wanted.items():
                if acc_id not in self.accounts_sent:
                    self.send("account", **cmd)
                    self.accounts_sent[acc_id] = cmd
                    status.registering(acc_id)
            if then is not None:
                then()

        self.window.tasks.read.submit(read, send, lambda exc: then() if then is not None else None)

    def _after_accounts(self) -> None:
        self.apply_screening()
        self._flush_pending()

    def apply_screening(self) -> None:
        """Tell the engine who may ring us (Preferences → Network): only our accounts' servers
        and the address book's SIP addresses, or anyone. The book is read off the main thread."""
        if self.ready is None:
            return
        on = screening_on(self.app.profile, load_accounts(self.app.profile))

        def send(addresses: list[str]) -> None:
            if self.ready is not None:
                self.send("screening", on=on, peers=sorted({host_of(a) for a in addresses}))

        self.window.tasks.read.submit(self.app.store.contacts.sip_addresses, send, lambda exc: send([]))

    def _flush_pending(self) -> None:
        pending, self.pending = self.pending, []
        for target, contact in pending:
            self.place_call(target, contact)

    # -- events -----------------------------------------------------------------------------
    @Slot(dict)
    def on_event(self, ev: dict) -> None:
        kind = ev.get("event")
        if kind == "ready":
            self.ready = ev
            self.window.set_calls_available(True)
            self.window.calls_status.setText(self.tr("SIP: %s") % ev["uri"])
            if ev.get("fallback_reason"):
                self.window.calls_status.setToolTip(ev["fallback_reason"])
                self.window.statusBar().showMessage(
                    self.tr("%s (%d); it takes port %d back once that is free.")
                    % (ev["fallback_reason"], ev["port"], ev["wanted_port"]), 20000)
                self._port_retry.start()
            else:
                self._port_retry.stop()
            self.accounts_sent.clear()  # a new engine process has none
            self.apply_accounts(then=self._after_accounts)
            audio = load_audio(self.app.profile)
            if (audio["mic_volume"], audio["speaker_volume"]) != (1.0, 1.0):
                self.send("volume", microphone=audio["mic_volume"], speaker=audio["speaker_volume"])
        elif kind == "ok":
            self.requests.pop(ev.get("req"), None)
        elif kind == "error" and ev.get("req") in self.fork_requests:
            self.dialling.pop(ev["req"], None)  # one device of several could not be called: the others ring
            log.info("a leg of a forked call failed: %s", ev.get("reason"))
            self.fork_requests.pop(ev["req"])
        elif kind == "error" and ev.get("req") in self.dialling:
            target, _contact = self.dialling.pop(ev["req"])  # that call never started
            QMessageBox.warning(self.window, self.tr("Call"),
                                self.tr("Cannot call %s: %s") % (target.display, ev.get("reason", "")))
        elif kind == "error" and ev.get("req") in self.requests:
            self._request_failed(self.requests.pop(ev["req"]), ev.get("reason", ""))
        elif kind == "error" and self.ready is None:
            self.window.calls_status.setText(self.tr("SIP: not available"))
            self.window.set_calls_available(False, ev.get("reason", ""))
            self.window.account_status.engine_stopped()
        elif kind == "engine_died":
            self._engine_died(ev)
        elif kind == "call_refused":
            log.warning("refused a call from %s (%s): %s", ev.get("remote_uri"), ev.get("source"), ev.get("reason"))
            self.window.statusBar().showMessage(
                self.tr("Refused a call from %s: %s (Preferences → Network)") % (
                    ev.get("remote_uri", "").strip("<>"), ev.get("reason", "")), 15000)
        elif kind == "calling" and ev.get("transfer_of") is not None:
            self._transferred(ev)
        elif kind == "calling" and ev.get("waited_as") in self.waiting:
            self._went_out(ev)
        elif kind == "calling":
            self._outgoing(ev)
        elif kind == "replaced":
            self._replaced(ev)
        elif kind == "conference":
            for cid in ev.get("calls", []):
                if cid in self.windows:
                    self.windows[cid].on_event(ev)
        elif kind == "incoming":
            self._incoming(ev)
        elif kind in ("registered", "registration_failed", "rung", "tls_error", "proxy_warning"):
            self.window.account_status.on_event(ev)
            if kind == "tls_error" and ev.get("sha256"):
                self._offer_pin(ev)
        elif kind in ("devices", "levels", "audio", "audio_test", "voice_mail") or (
                kind == "error" and ev.get("cmd") in AUDIO_COMMANDS):
            if kind == "audio" and ev.get("status") == "unavailable":
                self.window.statusBar().showMessage(
                    self.tr("No sound: %s. Calls connect, but you will not hear or be heard "
                            "(Preferences → Audio).") % ev.get("reason", ""), 20000)
            self.audioEvent.emit(ev)
            return
        call_id = ev.get("call")
        if call_id is None:
            return
        if call_id in self.forks:
            ev = self._fork_event(call_id, ev)
            if ev is None:
                return
        if kind == "state" and ev.get("state") == "confirmed" and call_id in self.entries:
            self.log_service.answered(self.entries[call_id])
            dlg = self.incoming.pop(call_id, None)
            if dlg is not None:
                dlg.close()
        if kind == "media" and ev.get("status") == "active" and call_id in self.entries:
            self.entries[call_id].codec = f"{ev['codec']}/{ev['clock_rate']}"
        if kind == "recording" and ev.get("path") and ev.get("recording"):
            self.recordings[call_id] = ev["path"]
        w = self.windows.get(call_id)
        if w is not None:
            w.on_event(ev)
        if kind == "ended":
            self._ended(call_id, ev)
        if kind in ("state", "media", "ended"):
            self._update_second_call_buttons()

    def _call_window(self, call_id: int, name: str, detail: str) -> CallWindow:
        """A call's window; ui/call_window.py is imported with the first call, not at start."""
        from whitephone.ui.call_window import CallWindow

        return CallWindow(self, call_id, name, detail)

    # -- several calls ----------------------------------------------------------------------
    def other_calls(self, call_id: int) -> list[CallWindow]:
        """The other calls that are up (for swap, merge and attended transfer)."""
        return [w for cid, w in self.windows.items() if cid != call_id and w.connected and not w.ended]

    def calls_in_progress(self) -> list[CallWindow]:
        return [w for w in self.windows.values() if not w.ended and (w.connected or w.isVisible())]

    def _update_second_call_buttons(self) -> None:
        for cid, w in self.windows.items():
            w.show_second_call_buttons(len(self.other_calls(cid)))

    def swap(self, call_id: int) -> None:
        """Talk to the held call: the engine holds the one we were talking in."""
        w = self.windows.get(call_id)
        target = call_id if w is not None and w.held else next(
            (o.call_id for o in self.other_calls(call_id) if o.held), None)
        if target is not None:
            self.send("resume", call=target)

    def merge(self) -> None:
        """A 3-way (or larger) conference of every call that is up."""
        calls = [cid for cid, w in self.windows.items() if w.connected and not w.ended]
        if len(calls) >= 2:
            self.send("conference", calls=calls)

    def _request_failed(self, request: tuple, reason: str) -> None:
        """The engine refused a command: undo what the window assumed."""
        if request[0] == "account":  # a URI pjsip cannot use
            acc_id = request[1]
            self.accounts_sent.pop(acc_id, None)
            self.window.account_status.on_event({"event": "registration_failed", "account": acc_id,
                                                 "code": 0, "reason": reason})
        elif request[0] == "hold":
            from whitephone.ui.call_window import CallWindow

            w = self.windows.get(request[1])
            if isinstance(w, CallWindow):
                w.hold_failed(reason)

    def _engine_died(self, ev: dict) -> None:
        """The engine process is gone, and its calls with it: finish their call-log rows as
        failed, forget what was waiting for it, close the call windows and say what happened."""
        self.ready = None
        self.accounts_sent.clear()
        self.dialling.clear()
        self.waiting.clear()
        self.fork_requests.clear()
        self.forks.clear()
        self.requests.clear()
        self.pending.clear()  # a call asked for now would start unexpectedly after the restart
        self.window.account_status.engine_stopped()
        restarting = ev.get("restarting")
        self.window.set_calls_available(False, self.tr("The call engine stopped; restarting it.") if restarting
                                        else self.tr("The call engine stopped; calls are off until WhitePhone "
                                                     "is restarted."))
        why = self.tr("it stopped answering") if ev.get("hung") else self.tr("exit code %s") % ev.get("code")
        self.window.statusBar().showMessage(
            self.tr("The call engine stopped unexpectedly (%s); %s") % (
                why, self.tr("restarting it.") if restarting else self.tr("calls are off.")), 15000)
        cut_off = []
        for call_id, entry in list(self.entries.items()):
            self.log_service.ended(entry, sip_code=0, reason="the call engine stopped",
                                   recording=self.recordings.pop(call_id, ""), failed=True)
            w = self.windows.get(call_id)
            cut_off.append(w.windowTitle() if w is not None else entry.peer_uri)
        self.entries.clear()
        self._close_popups()
        for w in list(self.windows.values()) + list(self.incoming.values()):
            w.close()
        self.windows.clear()
        self.incoming.clear()
        if cut_off:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Call"),
                              self.tr("The call engine stopped, and these calls were cut off:\n%s")
                              % "\n".join(cut_off), QMessageBox.StandardButton.Ok, self.window)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the restart and the event loop go on meanwhile
            self.engine_died_message = box
        self.callsChanged.emit()

    def _who(self, uri: str, e164: str | None) -> tuple[str, str, int | None]:
        hits = self.app.store.contacts.by_number(e164) if e164 else []
        if hits:
            c = hits[0]
            company = f" — {', '.join(c.companies)}" if c.companies else ""
            return c.display_name, display(e164, e164, self.app.profile.region) + company, c.id
        shown = display(e164, e164, self.app.profile.region) if e164 else uri.strip("<>")
        return shown, uri.strip("<>"), None

    def _transferred(self, ev: dict) -> None:
        """The other party of a call transferred us (REFER): the engine calls the new party."""
        uri = ev["uri"]
        e164 = number_from_uri(uri, self.app.profile.region)
        name, detail, contact_id = self._who(uri, e164)
        entry = self.log_service.started("out", uri, account=ev.get("account", ""), number_e164=e164)
        self.entries[ev["call"]] = entry
        w = self._call_window(ev["call"], name, detail)
        w.notice.setText(self.tr("Transferred here by the other side"))
        self.windows[ev["call"]] = w
        w.show()

    def _replaced(self, ev: dict) -> None:
        """Attended transfer to us: the party we are joined with replaces our call with theirs."""
        uri = callback_uri(ev.get("remote_uri", ""), "")
        e164 = number_from_uri(uri, self.app.profile.region)
        name, detail, _contact_id = self._who(uri, e164)
        entry = self.log_service.started("in", uri)
        self.entries[ev["new_call"]] = entry
        w = self._call_window(ev["new_call"], name, detail)
        w.notice.setText(self.tr("Transferred to you"))
        self.windows[ev["new_call"]] = w
        old = self.windows.get(ev["call"])
        if old is not None:
            old.finish(self.tr("Replaced by the transferred call"))
        w.show()

    def _fork_event(self, call_id: int, ev: dict) -> dict | None:
        """An event of a forked call's leg: the answering leg takes the call window and log row
        and the others are hung up; a failed leg hands the window to one still ringing, and the
        last one reports the most telling failure. None when nothing else is to be done."""
        fork, kind = self.forks[call_id], ev.get("event")
        if kind == "state" and ev.get("state") == "confirmed":
            for leg in fork.legs:
                del self.forks[leg]
                if leg != call_id:
                    self.send("hangup", call=leg)  # answered elsewhere: no row, no window for these
            self._move_fork_window(fork, call_id)
            return ev
        if kind != "ended":
            return ev if call_id == fork.shown else None
        fork.legs.discard(call_id)
        del self.forks[call_id]
        fork.failed(ev)
        if call_id != fork.shown:
            return None
        if fork.cancelled:
            return ev
        if fork.legs:  # others still ring: the window waits on one of them
            self._move_fork_window(fork, next(iter(fork.legs)))
            return None
        return dict(fork.best or ev, call=call_id)

    def _move_fork_window(self, fork: Fork, call_id: int) -> None:
        if fork.shown == call_id:
            return
        w, entry = self.windows.pop(fork.shown, None), self.entries.pop(fork.shown, None)
        fork.shown = call_id
        if w is not None:
            w.call_id = call_id
            self.windows[call_id] = w
        if entry is not None:
            self.entries[call_id] = entry

    def _outgoing(self, ev: dict) -> None:
        fork = self.fork_requests.pop(ev.get("req"), None)
        if fork is not None:
            fork.legs.add(ev["call"])
            self.forks[ev["call"]] = fork
            if fork.shown is not None:  # another device of the same person: no window or row of its own
                self.dialling.pop(ev.get("req"), None)
                return
            fork.shown = ev["call"]
        target, contact = self.dialling.pop(ev.get("req"), (None, None))
        e164 = target.e164 if target else None
        entry = self.log_service.started("out", ev["uri"], account=ev.get("account", ""), number_e164=e164)
        if contact is not None and entry.contact_id is None:
            entry.contact_id = contact.id
            self.app.store.calls.update(entry)
        self.entries[ev["call"]] = entry
        title = contact.best_display_name() if contact else (target.display if target else ev["uri"])
        title = fork.title if fork is not None and fork.title else title
        w = self._call_window(ev["call"], title, target.display if target else ev["uri"])
        if target is not None and target.colleague is not None:
            w.colleague = (target.colleague, title)  # not answered: it offers "Leave a voice mail"
        self.windows[ev["call"]] = w
        if ev.get("waiting"):  # held by the engine until the account's server can be reached
            self.waiting[ev["call"]] = (ev["uri"], ev.get("account") or "default")
            w.wait_for_network()
        w.show()
        self.show_popup(ev["call"], w, ev["uri"], e164, title, this_call=entry.uid)

    def _went_out(self, ev: dict) -> None:
        """A call that waited for the network went out: what was kept under its provisional id
        (window, log row, popup, fork leg) now follows the engine's call id."""
        hid, cid = ev["waited_as"], ev["call"]
        self.waiting.pop(hid, None)
        for held in (self.windows, self.entries, self.popups, self._lookups, self.forks):
            if hid in held:
                held[cid] = held.pop(hid)
        fork = self.forks.get(cid)
        if fork is not None:
            fork.legs.discard(hid)
            fork.legs.add(cid)
            if fork.shown == hid:
                fork.shown = cid
        w = self.windows.get(cid)
        if w is not None:
            w.call_id = cid
            w.went_out()

    def leave_voice_mail(self, user_id: int, name: str, why: str) -> None:
        messages = getattr(self.window, "messages", None)
        if messages is not None:
            messages.leave_voice_mail(user_id, name, why)

    def _incoming(self, ev: dict) -> None:
        uri = callback_uri(ev["remote_uri"], ev.get("remote_contact", ""))  # logged: call back reaches it
        e164 = number_from_uri(uri, self.app.profile.region)
        name, detail, contact_id = self._who(uri, e164)
        entry = self.log_service.started("in", uri, account=ev.get("account", ""))
        self.entries[ev["call"]] = entry
        self.look_up(ev["call"], uri, e164, display_name_of(ev["remote_uri"]), this_call=entry.uid)
        history = self.app.store.calls.list(CallLogFilter(contact_id=contact_id, limit=5)) if contact_id else []
        dlg = IncomingCallWindow(self, ev["call"], name, detail, [h for h in history if h.id != entry.id])
        self.incoming[ev["call"]] = dlg
        dlg.show()
        self.show_popup(ev["call"], dlg, uri, e164, name, display_name_of(ev["remote_uri"]), this_call=entry.uid)
        self.windows[ev["call"]] = self._call_window(ev["call"], name, detail)
        notifier = getattr(self.window, "notifier", None)
        if notifier is not None and notifier.incoming_call(self, ev["call"], name, detail):
            return  # a desktop notification with Answer and Decline (ui/notifications.py)
        tray = getattr(self.window, "tray", None)
        if tray is not None:  # a desktop notification too; clicking it brings the ringing window up
            tray.notify(self.tr("Incoming call"), f"{name}\n{detail}",
                        lambda cid=ev["call"]: self.raise_ringing(cid))

    def raise_ringing(self, call_id: int) -> None:
        """The ringing window to the front (from the notification); the main window if the call
        has stopped ringing meanwhile."""
        dlg = self.incoming.get(call_id)
        if dlg is None:
            self.window.bring_to_front()
            return
        dlg.showNormal()
        dlg.raise_()
        dlg.activateWindow()

    def accept(self, call_id: int) -> None:
        self.send("answer", call=call_id)
        dlg = self.incoming.pop(call_id, None)
        if dlg is not None:
            dlg.close()
        w = self.windows.get(call_id)
        if w is not None:
            w.show()
            popup = self.popups.get(call_id)
            if popup is not None:  # stays with the call, beside its window
                popup.place_beside(w)

    def _ended(self, call_id: int, ev: dict) -> None:
        self._close_popup(call_id)
        entry = self.entries.pop(call_id, None)
        dlg = self.incoming.pop(call_id, None)
        if dlg is not None:
            dlg.close()
        self.windows.pop(call_id, None)
        self.waiting.pop(call_id, None)
        QTimer.singleShot(0, self._restart_if_idle)
        if self.proxy_pending:
            QTimer.singleShot(0, self.apply_proxy)
        if entry is not None:
            we_hung_up = (ev.get("code") in (486, 603) and entry.direction == "in") or bool(ev.get("cancelled"))
            self.log_service.ended(entry, sip_code=ev.get("code"), reason=ev.get("reason", ""),
                                   recording=self.recordings.pop(call_id, ""), cancelled_by_us=we_hung_up)
        self.callsChanged.emit()
