"""Calls in the GUI: the engine adapter (events → Qt signals), the call and incoming-call windows,
and the controller that turns call requests into engine commands and call-log rows."""

from __future__ import annotations

import html
import logging
import re
import threading
import time
from collections import deque

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.accounts import (
    default_account,
    engine_command,
    load_accounts,
    number_uri,
    password_secret,
    phone_account,
)
from whitephone.core.call_log import CallLogService
from whitephone.core.calls import CallLogEntry, CallLogFilter
from whitephone.core.dial import DialTarget, callback_uri, number_from_uri
from whitephone.phone import display
from whitephone.sip.client import EngineClient
from whitephone.ui.audio_settings import engine_args, engine_commands, load_audio, with_jitter_buffer

log = logging.getLogger(__name__)


class EngineBridge(QObject):
    """Engine events arrive on the client's reader thread; this re-emits them on the main thread."""

    event = Signal(dict)

    def __init__(self, args: list[str] | None = None, parent=None, stderr_path: str | None = None) -> None:
        super().__init__(parent)
        self.client = EngineClient(self.event.emit, args or [], stderr_path=stderr_path)

    def start(self) -> None:
        self.client.start_async()

    def send(self, cmd: str, **params) -> None:
        self.client.send(cmd, **params)

    def stop(self) -> None:
        self.client.stop()

    def restart(self, args: list[str]) -> None:
        """Restart the engine with new arguments off the main thread (its shut-down takes a moment)."""
        threading.Thread(target=self.client.restart_with, args=(args,), name="wp-engine-restart", daemon=True).start()


class CallWindow(QWidget):
    """One call: who, state, timer, codec; hang up, hold, mute, keypad, record, transfer."""

    def __init__(self, controller: CallController, call_id: int, title: str, subtitle: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.controller, self.call_id = controller, call_id
        self.setWindowTitle(self.tr("Call — %s") % title)
        self.resize(340, 420)
        self.answered_at: float | None = None
        self.held = self.muted = self.recording = False
        v = QVBoxLayout(self)
        self.name = QLabel(f"<b style='font-size:15pt'>{html.escape(title)}</b>")
        self.sub = QLabel(html.escape(subtitle))
        self.state = QLabel(self.tr("Calling…"))
        self.timer_label = QLabel("00:00")
        self.timer_label.setStyleSheet("font-size: 20pt;")
        self.codec = QLabel("")
        self.codec.setStyleSheet("color: #666;")
        for w in (self.name, self.sub, self.state, self.timer_label, self.codec):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            v.addWidget(w)
        pad = QGridLayout()
        for i, key in enumerate("123456789*0#"):
            b = QPushButton(key)
            b.setFixedHeight(34)
            b.clicked.connect(lambda _=False, k=key: self.controller.send("dtmf", call=self.call_id, digits=k))
            pad.addWidget(b, i // 3, i % 3)
        v.addLayout(pad)
        row = QHBoxLayout()
        self.hold_btn = QPushButton(self.tr("Hold"))
        self.hold_btn.clicked.connect(self.toggle_hold)
        self.mute_btn = QPushButton(self.tr("Mute"))
        self.mute_btn.clicked.connect(self.toggle_mute)
        self.rec_btn = QPushButton(self.tr("Record"))
        self.rec_btn.clicked.connect(self.start_recording)
        self.xfer_btn = QPushButton(self.tr("Transfer…"))
        self.xfer_btn.clicked.connect(self.transfer)
        for b in (self.hold_btn, self.mute_btn, self.rec_btn, self.xfer_btn):
            row.addWidget(b)
        v.addLayout(row)
        self.hangup_btn = QPushButton(self.tr("Hang up"))
        self.hangup_btn.setStyleSheet("background: #c62828; color: white; padding: 8px;")
        self.hangup_btn.clicked.connect(lambda: self.controller.send("hangup", call=self.call_id))
        v.addWidget(self.hangup_btn)
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self._update_timer)

    def on_event(self, ev: dict) -> None:
        kind = ev["event"]
        if kind == "state":
            labels = {"calling": self.tr("Calling…"), "early": self.tr("Ringing…"),
                      "connecting": self.tr("Connecting…"), "confirmed": self.tr("Connected"),
                      "disconnected": self.tr("Call ended")}
            self.state.setText(labels.get(ev["state"], ev["state"]))
            if ev["state"] == "confirmed" and self.answered_at is None:
                self.answered_at = time.monotonic()
                self._tick.start()
        elif kind == "media":
            if ev.get("status") == "active":
                self.codec.setText(self.tr("Codec: %s (%d kHz)") % (ev["codec"], ev["clock_rate"] // 1000))
                self.state.setText(self.tr("Connected"))
            elif ev.get("status") == "held":
                self.state.setText(self.tr("On hold") if ev.get("by") == "local" else self.tr("Held by the other side"))
        elif kind == "ended":
            self._tick.stop()
            reason = ev.get("reason") or ""
            self.state.setText(self.tr("Call ended") + (f" — {ev['code']} {reason}" if ev["code"] >= 300 else ""))
            for b in (self.hangup_btn, self.hold_btn, self.mute_btn, self.rec_btn, self.xfer_btn):
                b.setEnabled(False)
            QTimer.singleShot(2500, self.close)

    def _update_timer(self) -> None:
        if self.answered_at is not None:
            s = int(time.monotonic() - self.answered_at)
            self.timer_label.setText(f"{s // 60:02d}:{s % 60:02d}")

    def toggle_hold(self) -> None:
        self.held = not self.held
        self.controller.send("hold" if self.held else "resume", call=self.call_id)
        self.hold_btn.setText(self.tr("Resume") if self.held else self.tr("Hold"))

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.controller.send("mute", call=self.call_id, muted=self.muted)
        self.mute_btn.setText(self.tr("Unmute") if self.muted else self.tr("Mute"))

    def start_recording(self) -> None:
        path = self.controller.recording_path(self.call_id)
        self.controller.send("record", call=self.call_id, path=str(path))
        self.controller.recordings[self.call_id] = str(path)
        self.rec_btn.setEnabled(False)
        self.rec_btn.setText(self.tr("Recording"))

    def transfer(self) -> None:
        uri, ok = QInputDialog.getText(self, self.tr("Transfer"), self.tr("Transfer this call to (SIP address):"))
        if ok and uri.strip():
            self.controller.send("transfer", call=self.call_id, uri=uri.strip())


class IncomingCallWindow(QWidget):
    """Ringing: who is calling (from the address book) and their recent calls, before pick-up."""

    def __init__(self, controller: CallController, call_id: int, caller: str, detail: str,
                 history: list[CallLogEntry]) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.controller, self.call_id = controller, call_id
        self.setWindowTitle(self.tr("Incoming call — %s") % caller)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(f"<b style='font-size:15pt'>{html.escape(caller)}</b>"))
        v.addWidget(QLabel(html.escape(detail)))
        if history:
            lines = [f"{h.started_at[:16].replace('T', ' ')} — {h.direction}, {h.result}"
                     + (f", {h.duration}s" if h.duration else "") for h in history[:5]]
            v.addWidget(QLabel(self.tr("<i>Recent calls:</i><br>") + "<br>".join(html.escape(x) for x in lines)))
        else:
            v.addWidget(QLabel(self.tr("<i>No earlier calls with this caller.</i>")))
        row = QHBoxLayout()
        self.accept_btn = QPushButton(self.tr("Accept"))
        self.accept_btn.setStyleSheet("background: #2e7d32; color: white; padding: 8px;")
        self.accept_btn.clicked.connect(lambda: self.controller.accept(self.call_id))
        self.decline_btn = QPushButton(self.tr("Decline"))
        self.decline_btn.clicked.connect(lambda: self.controller.send("decline", call=self.call_id))
        self.busy_btn = QPushButton(self.tr("Send busy"))
        self.busy_btn.clicked.connect(lambda: self.controller.send("busy", call=self.call_id))
        for b in (self.accept_btn, self.decline_btn, self.busy_btn):
            row.addWidget(b)
        v.addLayout(row)


class CallController(QObject):
    """Starts the engine, places and receives calls, keeps the call log."""

    callsChanged = Signal()
    audioEvent = Signal(dict)  # devices, levels, audio, audio_test: for Preferences → Audio

    def __init__(self, app, window, engine_args: list[str] | None = None) -> None:
        super().__init__(window)
        self.app, self.window = app, window
        self.log_service = CallLogService(app.store, app.profile.region)
        self.bridge = EngineBridge(engine_args or self._default_args(), self,
                                   str(app.profile.logs_dir / "engine-stderr.log"))
        self.bridge.event.connect(self.on_event)
        self.windows: dict[int, QWidget] = {}
        self.incoming: dict[int, IncomingCallWindow] = {}
        self.entries: dict[int, CallLogEntry] = {}
        self.recordings: dict[int, str] = {}
        self.pending: list[tuple[DialTarget, object]] = []  # asked for before the engine was ready
        self.dialling: deque[tuple[DialTarget, object]] = deque()  # sent, awaiting `calling`
        self.ready: dict | None = None
        self.accounts_sent: dict[str, dict] = {}  # account id -> the `account` command the engine has
        self.restart_args: list[str] | None = None  # start-up settings changed: applied when no call is up
        window.callRequested.connect(self.place_call)

    def _default_args(self) -> list[str]:
        listen = self.app.profile.get("sip_listen", "0.0.0.0:5060")
        return ["--listen", listen, "--log", str(self.app.profile.logs_dir / "pjsip.log"),
                *engine_args(load_audio(self.app.profile))]

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

    def start(self) -> None:
        self.window.calls_status.setText(self.tr("SIP: starting…"))
        self.bridge.start()

    def stop(self) -> None:
        self.bridge.stop()

    def send(self, cmd: str, **params) -> None:
        try:
            self.bridge.send(cmd, **params)
        except RuntimeError as exc:
            QMessageBox.warning(self.window, self.tr("Call"), str(exc))

    def recording_path(self, call_id: int):
        return self.app.profile.recordings_dir / f"call-{time.strftime('%Y%m%d-%H%M%S')}-{call_id}.wav"

    # -- outgoing ---------------------------------------------------------------------------
    @Slot(object, object)
    def place_call(self, target: DialTarget, contact) -> None:
        if self.ready is None or self.pending:  # before the engine (and its accounts) are ready
            self.pending.append((target, contact))
            return
        accounts = load_accounts(self.app.profile)
        if target.kind == "number":
            acc = phone_account(accounts)
            if acc is None or acc.id not in self.accounts_sent:
                QMessageBox.information(
                    self.window, self.tr("Call"),
                    self.tr("To call phone numbers, add your provider's SIP account (Preferences → Accounts). "
                            "SIP addresses (sip:name@host) can be called directly."))
                return
            uri, account = number_uri(acc, target.uri), acc.id
        else:
            acc = default_account(accounts)
            uri, account = target.uri, acc.id if acc is not None and acc.id in self.accounts_sent else None
            account = target.account or account
        self.dialling.append((target, contact))  # the engine answers each call with `calling`, in order
        if account is None:
            self.send("call", uri=uri)  # the engine's own local account
        else:
            self.send("call", uri=uri, account=account)

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
            return {a.id: engine_command(a, None if a.local else profile.get_secret(password_secret(a.id)))
                    for a in accounts}

        def send(wanted: dict[str, dict]) -> None:
            if self.ready is None:  # the engine went away meanwhile; `ready` sends them again
                return
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
            self.accounts_sent.clear()  # a new engine process has none
            self.apply_accounts(then=self._flush_pending)
            audio = load_audio(self.app.profile)
            if (audio["mic_volume"], audio["speaker_volume"]) != (1.0, 1.0):
                self.send("volume", microphone=audio["mic_volume"], speaker=audio["speaker_volume"])
        elif kind == "error" and '"cmd": "call"' in ev.get("command", "") and self.dialling:
            target, _contact = self.dialling.popleft()  # that call never started
            QMessageBox.warning(self.window, self.tr("Call"),
                                self.tr("Cannot call %s: %s") % (target.display, ev.get("reason", "")))
        elif kind == "error" and '"cmd": "account"' in ev.get("command", ""):
            m = re.search(r'"id": "([^"]+)"', ev["command"])
            if m:  # the engine refused the account (a URI pjsip cannot use)
                self.accounts_sent.pop(m.group(1), None)
                self.window.account_status.on_event({"event": "registration_failed", "account": m.group(1),
                                                     "code": 0, "reason": ev.get("reason", "")})
        elif kind == "error" and self.ready is None:
            self.window.calls_status.setText(self.tr("SIP: not available"))
            self.window.set_calls_available(False, ev.get("reason", ""))
            self.window.account_status.engine_stopped()
        elif kind == "engine_died":
            self.ready = None
            self.accounts_sent.clear()
            self.window.account_status.engine_stopped()
            self.window.set_calls_available(False, self.tr("The call engine stopped; restarting it."))
            self.window.statusBar().showMessage(
                self.tr("The call engine stopped unexpectedly (%s); %s") % (
                    ev.get("code"), self.tr("restarting it.") if ev.get("restarting") else self.tr("calls are off.")),
                15000)
            for w in list(self.windows.values()) + list(self.incoming.values()):
                w.close()
            self.windows.clear()
            self.incoming.clear()
        elif kind == "calling":
            self._outgoing(ev)
        elif kind == "incoming":
            self._incoming(ev)
        elif kind in ("registered", "registration_failed"):
            self.window.account_status.on_event(ev)
        elif kind in ("devices", "levels", "audio", "audio_test") or (
                kind == "error" and "audio" in ev.get("command", "")):
            if kind == "audio" and ev.get("status") == "unavailable":
                self.window.statusBar().showMessage(
                    self.tr("No sound: %s. Calls connect, but you will not hear or be heard "
                            "(Preferences → Audio).") % ev.get("reason", ""), 20000)
            self.audioEvent.emit(ev)
            return
        call_id = ev.get("call")
        if call_id is None:
            return
        if kind == "state" and ev.get("state") == "confirmed" and call_id in self.entries:
            self.log_service.answered(self.entries[call_id])
            dlg = self.incoming.pop(call_id, None)
            if dlg is not None:
                dlg.close()
        if kind == "media" and ev.get("status") == "active" and call_id in self.entries:
            self.entries[call_id].codec = f"{ev['codec']}/{ev['clock_rate']}"
        w = self.windows.get(call_id)
        if w is not None:
            w.on_event(ev)
        if kind == "ended":
            self._ended(call_id, ev)

    def _who(self, uri: str, e164: str | None) -> tuple[str, str, int | None]:
        hits = self.app.store.contacts.by_number(e164) if e164 else []
        if hits:
            c = hits[0]
            company = f" — {', '.join(c.companies)}" if c.companies else ""
            return c.display_name, display(e164, e164, self.app.profile.region) + company, c.id
        shown = display(e164, e164, self.app.profile.region) if e164 else uri.strip("<>")
        return shown, uri.strip("<>"), None

    def _outgoing(self, ev: dict) -> None:
        target, contact = self.dialling.popleft() if self.dialling else (None, None)
        e164 = target.e164 if target else None
        entry = self.log_service.started("out", ev["uri"], account=ev.get("account", ""), number_e164=e164)
        if contact is not None and entry.contact_id is None:
            entry.contact_id = contact.id
            self.app.store.calls.update(entry)
        self.entries[ev["call"]] = entry
        title = contact.best_display_name() if contact else (target.display if target else ev["uri"])
        w = CallWindow(self, ev["call"], title, target.display if target else ev["uri"])
        self.windows[ev["call"]] = w
        w.show()

    def _incoming(self, ev: dict) -> None:
        uri = callback_uri(ev["remote_uri"], ev.get("remote_contact", ""))  # logged: call back reaches it
        e164 = number_from_uri(uri, self.app.profile.region)
        name, detail, contact_id = self._who(uri, e164)
        entry = self.log_service.started("in", uri, account=ev.get("account", ""))
        self.entries[ev["call"]] = entry
        history = self.app.store.calls.list(CallLogFilter(contact_id=contact_id, limit=5)) if contact_id else []
        dlg = IncomingCallWindow(self, ev["call"], name, detail, [h for h in history if h.id != entry.id])
        self.incoming[ev["call"]] = dlg
        dlg.show()
        self.windows[ev["call"]] = CallWindow(self, ev["call"], name, detail)
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

    def _ended(self, call_id: int, ev: dict) -> None:
        entry = self.entries.pop(call_id, None)
        dlg = self.incoming.pop(call_id, None)
        if dlg is not None:
            dlg.close()
        self.windows.pop(call_id, None)
        QTimer.singleShot(0, self._restart_if_idle)
        if entry is not None:
            we_hung_up = ev.get("code") in (486, 603) and entry.direction == "in"
            self.log_service.ended(entry, sip_code=ev.get("code"), reason=ev.get("reason", ""),
                                   recording=self.recordings.pop(call_id, ""), cancelled_by_us=we_hung_up)
        self.callsChanged.emit()
