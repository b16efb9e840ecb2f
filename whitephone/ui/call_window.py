"""The window of one call: who, state, timer, codec; hang up, hold, mute, keypad, record, transfer,
and with a second call: swap, merge into a conference, complete an attended transfer.

Every toggle shows what the engine confirmed (its `media`, `muted`, `recording` events), never a
guess made when the button was pressed."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import theme
from whitephone.ui.icons import icon
from whitephone.ui.rich_text import escape, rich_label

if TYPE_CHECKING:
    from whitephone.ui.calls import CallController

KEYPAD = "123456789*0#"
HANG_UP_KEY = "Esc"  # what softphones use; the Hang up button's tooltip says so


# the usual SIP final answers, in the user's words (the engine passes the remote's English phrase)
SIP_REASONS = {
    400: QT_TRANSLATE_NOOP("SipReasons", "Bad request"),
    401: QT_TRANSLATE_NOOP("SipReasons", "Sign-in required"),
    402: QT_TRANSLATE_NOOP("SipReasons", "Payment required"),
    403: QT_TRANSLATE_NOOP("SipReasons", "Not allowed"),
    404: QT_TRANSLATE_NOOP("SipReasons", "No such number or address"),
    407: QT_TRANSLATE_NOOP("SipReasons", "Sign-in required"),
    408: QT_TRANSLATE_NOOP("SipReasons", "No answer"),
    410: QT_TRANSLATE_NOOP("SipReasons", "The number is no longer in use"),
    480: QT_TRANSLATE_NOOP("SipReasons", "Not available now"),
    484: QT_TRANSLATE_NOOP("SipReasons", "Incomplete number"),
    486: QT_TRANSLATE_NOOP("SipReasons", "Busy"),
    487: QT_TRANSLATE_NOOP("SipReasons", "Cancelled"),
    488: QT_TRANSLATE_NOOP("SipReasons", "The call's settings were not accepted"),
    500: QT_TRANSLATE_NOOP("SipReasons", "Server problem"),
    502: QT_TRANSLATE_NOOP("SipReasons", "Gateway problem"),
    503: QT_TRANSLATE_NOOP("SipReasons", "Service unavailable"),
    504: QT_TRANSLATE_NOOP("SipReasons", "The server did not answer"),
    600: QT_TRANSLATE_NOOP("SipReasons", "Busy"),
    603: QT_TRANSLATE_NOOP("SipReasons", "Declined"),
    604: QT_TRANSLATE_NOOP("SipReasons", "No such number or address"),
    606: QT_TRANSLATE_NOOP("SipReasons", "The call's settings were not accepted"),
}


def sip_reason(code: int, phrase: str | None = None) -> str:
    """A SIP answer's reason as shown: the usual codes in the user's language, another code's
    phrase as the other side sent it."""
    known = SIP_REASONS.get(int(code or 0))
    return QCoreApplication.translate("SipReasons", known) if known else (phrase or "")  # i18n: marked


class CallWindow(QWidget):
    """One call; the controller feeds it the call's engine events (`on_event`)."""

    def __init__(self, controller: CallController, call_id: int, title: str, subtitle: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.controller, self.call_id, self.title = controller, call_id, title
        self.setWindowTitle(self.tr("Call — %s") % title)
        self.resize(360, 460)
        self.answered_at: float | None = None
        self.held = self.muted = self.recording = False
        self.connected = self.ended = False
        self.transfer_target: int | None = None  # attended transfer: the call to join this one with
        self.colleague: tuple[int, str] | None = None  # a call to a colleague: (user id, name)
        v = QVBoxLayout(self)
        self.name = rich_label(f"<b style='font-size:15pt'>{escape(title)}</b>")
        self.sub = rich_label(escape(subtitle))
        self.state = QLabel(self.tr("Calling…"))
        self.timer_label = QLabel("00:00")
        self.timer_label.setStyleSheet("font-size: 20pt;")
        self.codec = QLabel("")
        theme.tone(self.codec, "muted")
        self.media_path = QLabel("")  # how the audio travels: direct, via STUN, relayed (udp/tcp)
        self.media_path.setObjectName("mediaPath")
        theme.tone(self.media_path, "muted")
        self.rec_indicator = QLabel("● " + self.tr("Recording"))
        theme.tone(self.rec_indicator, "error", "font-weight: bold;")
        self.rec_indicator.setVisible(False)
        self.notice = QLabel("")  # transfer progress, conference
        self.notice.setWordWrap(True)
        for w in (self.name, self.sub, self.state, self.timer_label, self.codec, self.media_path, self.rec_indicator,
                  self.notice):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            v.addWidget(w)
        pad = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(KEYPAD):
            b = QPushButton(key)
            b.setFixedHeight(34)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typed digits reach the window
            # Slots here are this window's own methods, never lambdas over `self`: a lambda held
            # by a child's connection keeps the window alive through Qt, a cycle Python's collector
            # cannot see, and every call left its window in memory (tests/ui/test_call_leak.py).
            b.setProperty("dtmf", key)
            b.clicked.connect(self._key_clicked)
            self.keys[key] = b
            pad.addWidget(b, i // 3, i % 3)
        self.pad_label = QLabel()  # the dial pad's heading: its icon
        self._pad_icon()
        theme.notifier().changed.connect(self._pad_icon)  # drawn in the new theme's colour
        self.pad_label.setToolTip(self.tr("Dial pad: click or type 0-9, * and #"))
        self.pad_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(self.pad_label)
        v.addLayout(pad)
        row = QHBoxLayout()
        self.hold_btn = QPushButton(self.tr("Hold"))
        self.hold_btn.clicked.connect(self.toggle_hold)
        self.mute_btn = QPushButton(self.tr("Mute"))
        self.mute_btn.clicked.connect(self.toggle_mute)
        self.rec_btn = QPushButton(self.tr("Record"))
        self.rec_btn.clicked.connect(self.toggle_recording)
        self.xfer_btn = QPushButton(self.tr("Transfer…"))
        self.xfer_btn.clicked.connect(self.show_transfer_menu)
        self.crm_btn = QPushButton(self.tr("CRM"))
        self.crm_btn.setToolTip(self.tr("The caller's CRM records; a new one links this call"))
        self.crm_btn.clicked.connect(self.open_crm)
        for b, role in ((self.hold_btn, "hold"), (self.mute_btn, "mute"), (self.rec_btn, "record"),
                        (self.xfer_btn, "transfer"), (self.crm_btn, "crm")):
            b.setIcon(icon(role))
            row.addWidget(b)
        v.addLayout(row)
        second = QHBoxLayout()  # with another call: swap, merge, complete an attended transfer
        self.swap_btn = QPushButton(self.tr("Swap"))
        self.swap_btn.setToolTip(self.tr("Talk to the call on hold; this one goes on hold"))
        self.swap_btn.clicked.connect(self._swap)
        self.merge_btn = QPushButton(self.tr("Merge into conference"))
        self.merge_btn.setToolTip(self.tr("Everyone in your calls hears everyone"))
        self.merge_btn.clicked.connect(self._merge)
        self.complete_btn = QPushButton(self.tr("Complete transfer"))
        self.complete_btn.clicked.connect(self.complete_transfer)
        for b, role in ((self.swap_btn, "swap"), (self.merge_btn, "merge"), (self.complete_btn, "transfer")):
            b.setIcon(icon(role))
            b.setVisible(False)
            second.addWidget(b)
        v.addLayout(second)
        self.hangup_btn = QPushButton(self.tr("Hang up"))
        self.hangup_btn.setToolTip(self.tr("Hang up (%s)") % HANG_UP_KEY)
        self.hangup_btn.setIcon(icon("hang_up", "white"))
        theme.coloured_button(self.hangup_btn, "hang_up")
        self.hangup_btn.clicked.connect(self.hang_up)
        v.addWidget(self.hangup_btn)
        self.voice_mail_btn = QPushButton(self.tr("Leave a voice mail"))
        self.voice_mail_btn.clicked.connect(self.leave_voice_mail)
        self.voice_mail_btn.setVisible(False)
        v.addWidget(self.voice_mail_btn)
        QShortcut(QKeySequence(HANG_UP_KEY), self, self.hang_up)
        self._tick = QTimer(self, interval=500)
        self._tick.timeout.connect(self._update_timer)

    def _pad_icon(self, _theme: str = "") -> None:
        """The dial pad's heading icon, drawn for this screen's scale (crisp at 200 %)."""
        self.pad_label.setPixmap(icon("dial_pad").pixmap(QSize(20, 20), self.devicePixelRatioF()))

    def open_crm(self):
        crm = getattr(self.controller.window, "crm", None)
        return crm.open_for_call(self) if crm is not None else None

    # -- engine events ----------------------------------------------------------------------
    def on_event(self, ev: dict) -> None:
        kind = ev["event"]
        if kind == "state":
            labels = {"calling": self.tr("Calling…"), "early": self.tr("Ringing…"),
                      "connecting": self.tr("Connecting…"), "confirmed": self.tr("Connected"),
                      "disconnected": self.tr("Call ended")}
            self.state.setText(labels.get(ev["state"], ev["state"]))
            if ev["state"] == "confirmed" and self.answered_at is None:
                self.answered_at = time.monotonic()
                self.connected = True
                self._tick.start()
        elif kind == "media":
            if ev.get("status") == "active":
                self.codec.setText(self.tr("Codec: %s (%d kHz)") % (ev["codec"], ev["clock_rate"] // 1000))
                self.state.setText(self.tr("Connected"))
                self._show_hold(False)
                if "muted" in ev:
                    self._set_muted(bool(ev["muted"]))
            elif ev.get("status") == "held":
                by_us = ev.get("by") == "local"
                self.state.setText(self.tr("On hold") if by_us else self.tr("Held by the other side"))
                self._show_hold(by_us)
        elif kind == "media_path":
            self.media_path.setText(media_path_text(ev))
        elif kind == "muted":
            self._set_muted(bool(ev["muted"]))
        elif kind == "recording":
            self.recording = bool(ev["recording"])
            self.rec_indicator.setVisible(self.recording)
            self.rec_btn.setText(self.tr("Stop recording") if self.recording else self.tr("Record"))
            self.rec_btn.setIcon(icon("stop_recording" if self.recording else "record"))
            if ev.get("reason"):  # could not start, or stopped by itself (disk full)
                self.notice.setText(ev["reason"])
        elif kind == "playing" and ev.get("reason"):
            self.notice.setText(ev["reason"])
        elif kind == "error" and ev.get("cmd") in ("hold", "resume"):  # a hold the engine gave up on
            self.hold_failed(ev.get("reason", ""))
        elif kind == "transfer_status":
            self._transfer_progress(ev)
        elif kind == "transfer_request":
            self.notice.setText(self.tr("The other side transferred you to %s") % ev.get("to", ""))
        elif kind == "conference":
            self.notice.setText(self.tr("Conference: %n calls merged", "", len(ev.get("calls", []))))
        elif kind == "ended":
            self.ended = True
            self._tick.stop()
            code = int(ev.get("code") or 0)
            self.state.setText(self.tr("Call ended") + (f" — {code} {sip_reason(code, ev.get('reason'))}"
                                                         if code >= 300 else ""))
            self.rec_indicator.setVisible(False)
            for b in (self.hangup_btn, self.hold_btn, self.mute_btn, self.rec_btn, self.xfer_btn, self.swap_btn,
                      self.merge_btn, self.complete_btn, *self.keys.values()):
                b.setEnabled(False)
            why = self._unanswered_reason(int(ev.get("code") or 0))
            if ev.get("waiting") and not ev.get("cancelled") and ev.get("reason"):
                # it never went out: why (no way to the server, the account removed) stays readable
                self.notice.setText(self.tr("The call did not go out: %s") % ev["reason"])
                QTimer.singleShot(15000, self.close)
            elif why is not None:  # the colleague did not take it: offer a voice mail, stay open
                self.voice_mail_btn.setText(self.tr("Leave a voice mail"))
                self.voice_mail_btn.setVisible(True)
                self.voice_mail_btn.setFocus()
                self._why = why
                QTimer.singleShot(60000, self.close)
            else:
                QTimer.singleShot(2500, self.close)

    def _call_buttons(self) -> tuple:
        return (self.hold_btn, self.mute_btn, self.rec_btn, self.xfer_btn, *self.keys.values())

    def wait_for_network(self) -> None:
        """The engine holds the call until the account's server can be reached (its ladder
        climbs): only Hang up works meanwhile."""
        self.state.setText(self.tr("Connecting…"))
        self.notice.setText(self.tr("Waiting for the network: the call goes out once the server can be reached."))
        for b in self._call_buttons():
            b.setEnabled(False)

    def went_out(self) -> None:
        self.state.setText(self.tr("Calling…"))
        self.notice.setText("")
        for b in self._call_buttons():
            b.setEnabled(True)

    UNANSWERED = {408: QT_TRANSLATE_NOOP("CallWindow", "%s did not answer."),
                  480: QT_TRANSLATE_NOOP("CallWindow", "%s did not answer."),
                  487: QT_TRANSLATE_NOOP("CallWindow", "%s did not answer."),
                  486: QT_TRANSLATE_NOOP("CallWindow", "%s is busy."), 600: QT_TRANSLATE_NOOP("CallWindow", "%s is busy."),
                  603: QT_TRANSLATE_NOOP("CallWindow", "%s declined the call."),
                  404: QT_TRANSLATE_NOOP("CallWindow", "%s is offline.")}

    def _unanswered_reason(self, code: int) -> str | None:
        """Why a colleague's call was not taken, or None (answered, or not a colleague)."""
        if self.colleague is None or self.connected or code not in self.UNANSWERED:
            return None
        return self.tr(self.UNANSWERED[code]) % self.colleague[1]  # i18n: marked

    def leave_voice_mail(self) -> None:
        if self.colleague is None:
            return
        self.controller.leave_voice_mail(self.colleague[0], self.colleague[1], getattr(self, "_why", ""))
        self.close()

    def _show_hold(self, held: bool) -> None:
        self.held = held
        self.hold_btn.setText(self.tr("Resume") if held else self.tr("Hold"))
        self.hold_btn.setIcon(icon("resume" if held else "hold"))
        self.hold_btn.setEnabled(True)

    def hold_failed(self, reason: str) -> None:
        """The engine refused hold or resume: the button stays as it was, and says why."""
        self._show_hold(self.held)
        self.state.setText(self.tr("Could not hold: %s") % reason if not self.held
                           else self.tr("Could not resume: %s") % reason)

    def _set_muted(self, muted: bool) -> None:
        self.muted = muted
        self.mute_btn.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        self.mute_btn.setIcon(icon("unmute" if muted else "mute"))

    def _transfer_progress(self, ev: dict) -> None:
        to = ev.get("to") or self.tr("the other call")
        code = int(ev.get("code") or 0)
        if not ev.get("final"):
            self.notice.setText(self.tr("Transferring to %s…") % to)
        elif code // 100 == 2:
            self.notice.setText(self.tr("Transferred to %s") % to)
        else:
            self.notice.setText(self.tr("Transfer to %s failed: %d %s") % (to, code, sip_reason(code, ev.get("reason"))))
            self.complete_btn.setEnabled(True)

    def _update_timer(self) -> None:
        if self.answered_at is not None:
            s = int(time.monotonic() - self.answered_at)
            self.timer_label.setText(f"{s // 60:02d}:{s % 60:02d}")

    # -- user actions -----------------------------------------------------------------------
    def hang_up(self) -> None:
        if not self.ended:
            self.controller.send("hangup", call=self.call_id)

    def send_dtmf(self, key: str) -> None:
        if self.connected and not self.ended:
            self.controller.send("dtmf", call=self.call_id, digits=key)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        key = event.text()
        if key and key in KEYPAD:
            self.send_dtmf(key)
            button = self.keys[key]
            button.setDown(True)  # the key lights up as if clicked
            QTimer.singleShot(120, button, lambda: button.setDown(False))  # not after the window is gone
            return
        super().keyPressEvent(event)

    HOLD_ANSWER_MS = 10_000

    def toggle_hold(self) -> None:
        """Ask for hold (or resume); the button changes when the engine's media event confirms
        it, and comes back as it was when the engine refuses (`hold_failed`)."""
        cmd = "resume" if self.held else "hold"
        if self.controller.send(cmd, call=self.call_id) is not None:
            self.hold_btn.setEnabled(False)
            self.hold_btn.setText(self.tr("Resuming…") if self.held else self.tr("Holding…"))
            # the far end may refuse the re-INVITE without any media change: then say so
            QTimer.singleShot(self.HOLD_ANSWER_MS, self._hold_unanswered)

    def _hold_unanswered(self) -> None:
        if not self.hold_btn.isEnabled() and self.hangup_btn.isEnabled():
            self.hold_failed(self.tr("the other side did not accept it"))

    def toggle_mute(self) -> None:
        self.controller.send("mute", call=self.call_id, muted=not self.muted)

    def toggle_recording(self) -> None:
        if self.recording:
            self.controller.send("record_stop", call=self.call_id)
        else:
            path = self.controller.recordings.get(self.call_id) or str(self.controller.recording_path(self.call_id))
            self.controller.send("record", call=self.call_id, path=path)

    def _key_clicked(self) -> None:
        self.send_dtmf(self.sender().property("dtmf"))

    def _swap(self) -> None:
        self.controller.swap(self.call_id)

    def _merge(self) -> None:
        self.controller.merge()

    def _transfer_target_chosen(self) -> None:
        self.choose_transfer_target(self.sender().data())

    def show_transfer_menu(self) -> None:
        """Blind transfer to an address, or attended: join this call with another of ours."""
        menu = QMenu(self)
        menu.addAction(self.tr("To an address…"), self.transfer_to_address)
        for other in self.controller.other_calls(self.call_id):
            action = menu.addAction(self.tr("To %s (after talking to them)") % other.title)
            action.setData(other.call_id)
            action.triggered.connect(self._transfer_target_chosen)
        menu.popup(self.xfer_btn.mapToGlobal(self.xfer_btn.rect().bottomLeft()))
        self._menu = menu

    def transfer_to_address(self, uri: str | None = None) -> None:
        if uri is None:
            uri, ok = QInputDialog.getText(self, self.tr("Transfer"), self.tr("Transfer this call to (SIP address):"))
            if not ok:
                return
        if uri.strip():
            self.controller.send("transfer", call=self.call_id, uri=uri.strip())

    def choose_transfer_target(self, other_call: int) -> None:
        """Attended transfer, step 1: the call to join this one with (talk to them first)."""
        self.transfer_target = other_call
        other = self.controller.windows.get(other_call)
        self.complete_btn.setText(self.tr("Complete transfer to %s") % (other.title if other else other_call))
        self.complete_btn.setVisible(True)
        self.complete_btn.setEnabled(True)

    def complete_transfer(self) -> None:
        """Attended transfer, step 2: our two parties are joined and both our calls end."""
        if self.transfer_target is None:
            return
        self.complete_btn.setEnabled(False)
        self.controller.send("transfer", call=self.call_id, to_call=self.transfer_target)

    def show_second_call_buttons(self, others: int) -> None:
        """The controller tells each window how many other calls are up."""
        self.swap_btn.setVisible(others > 0 and self.held)
        self.merge_btn.setVisible(others > 0)
        if self.transfer_target is not None and self.transfer_target not in self.controller.windows:
            self.transfer_target = None
            self.complete_btn.setVisible(False)

    # -- closing ----------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        """A call never goes on without its window: closing it during a call asks first."""
        if self.ended or not self.isVisible() or self.controller.ready is None:
            event.accept()  # over, never shown, or the engine (and the call with it) is gone
            return
        answer = QMessageBox.question(self, self.tr("Call in progress"),
                                      self.tr("Hang up the call with %s?") % self.title,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            event.ignore()
            return
        self.hang_up()
        event.accept()

    def finish(self, message: str = "") -> None:
        """Close without asking (the engine is gone: the call with it)."""
        self.ended = True
        if message:
            self.state.setText(message)
        self.close()


def media_path_text(ev: dict) -> str:
    """The call's media path in words (the engine's `media_path` event)."""
    over = str(ev.get("transport", "udp")).upper()
    path = ev.get("path")
    if path == "direct":
        return QCoreApplication.translate("MediaPath", "Audio: direct")
    if path == "stun":
        return QCoreApplication.translate("MediaPath", "Audio: direct through the NAT (STUN)")
    if path == "relayed":
        return QCoreApplication.translate("MediaPath", "Audio: relayed by the server over %s") % over
    return ""
