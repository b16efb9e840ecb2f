""""Leave a voice mail": a colleague did not answer, was busy or is offline; record right here
(recording starts at once) and send it to them through the outbox."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from whitephone.ui import theme
from whitephone.ui.rich_text import escape, rich_label
from whitephone.ui.voice_recorder import VoiceRecorderPanel


class LeaveVoiceMailDialog(QDialog):
    def __init__(self, app, calls, user_id: int, name: str, why: str = "", parent=None) -> None:
        super().__init__(parent)
        self.app, self.user_id, self.name = app, int(user_id), name
        self.sent = None
        self.setWindowTitle(self.tr("Voice mail for %s") % name)
        self.resize(460, 220)
        intro = rich_label((f"<b>{escape(why)}</b><br>" if why else "")
                           + escape(self.tr("Leave %s a voice mail: speak after Record, then Stop and Send.") % name))
        intro.setWordWrap(True)
        path = app.store.messages.files_dir / "drafts" / f"voice-{uuid.uuid4().hex[:8]}.wav"
        self.recorder = VoiceRecorderPanel(calls, path, app.store.messages.voice_mail_seconds())
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.tone(self.error, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_btn = self.buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_btn.setEnabled(False)
        self.send_btn.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self.recorder.recorded.connect(lambda _p: self.send_btn.setEnabled(True))
        self.recorder.cleared.connect(lambda: self.send_btn.setEnabled(False))
        v = QVBoxLayout(self)
        v.addWidget(intro)
        v.addWidget(self.recorder, 1)
        v.addWidget(self.error)
        v.addWidget(self.buttons)
        self.recorder.start()  # records right there

    def send(self) -> None:
        from whitephone.store.messages import MessageError

        if not self.recorder.path:
            self.error.setText(self.tr("Record your voice mail first."))
            return
        try:
            self.sent = self.app.store.messages.queue_voice([self.user_id], self.recorder.path)
        except (MessageError, ValueError, OSError) as exc:
            self.error.setText(self.tr("Not sent: %s") % exc)
            return
        self.accept()

    def done(self, result: int) -> None:
        self.recorder.cancel()
        self.recorder.target.unlink(missing_ok=True)  # the store keeps its own copy of what was sent
        super().done(result)
