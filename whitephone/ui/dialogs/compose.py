"""New message: text, voice mail or video mail to one or several colleagues. Sending writes the
message to the store's outbox (the sync worker delivers it, also after being offline)."""

from __future__ import annotations

import time
import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import theme
from whitephone.ui.discard_guard import guard
from whitephone.ui.voice_recorder import DEFAULT_MAX_SECONDS, VoiceRecorderPanel, countdown

KIND_PAGES = ("text", "voice", "video")
# ui/video_mail.NO_CAMERA (the reason camera_problem() gives), marked for lupdate
NO_CAMERA = QT_TRANSLATE_NOOP("VideoPanel", "No camera was found on this computer. Connect one (and allow "
                                            "WhitePhone to use it) to record a video mail; you can send a voice "
                                            "mail or a text instead.")


class VideoPanel(QWidget):
    """Camera preview, Record / Stop, play back, record again; or why there is no camera."""

    def __init__(self, path, max_seconds: float = DEFAULT_MAX_SECONDS, parent=None) -> None:
        super().__init__(parent)
        from whitephone.ui.video_mail import camera_problem

        self.target = str(path)
        self.max_seconds = max_seconds
        self.path: str | None = None
        self.recorder = None
        v = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        problem = camera_problem()
        self.record_btn = QPushButton(self.tr("Record"))
        self.record_btn.clicked.connect(self.toggle)
        if problem:
            self.status.setText(self.tr(problem))  # i18n: marked (NO_CAMERA)
            theme.tone(self.status, "warning")
            self.record_btn.setEnabled(False)
            v.addStretch()
            v.addWidget(self.status)
            v.addStretch()
            return
        from PySide6.QtMultimediaWidgets import QVideoWidget

        from whitephone.ui.recording_player import MediaPane
        from whitephone.ui.video_mail import VideoMailRecorder

        self.preview = QVideoWidget()
        self.preview.setMinimumSize(320, 240)
        self.recorder = VideoMailRecorder(self.preview, self)
        self.recorder.finished.connect(self._finished)
        self.recorder.failed.connect(lambda text: self._ended(self.tr("Not recorded: %s") % text))
        self.recorder.durationChanged.connect(self._recording_for)
        self.playback = MediaPane(video=True)
        self.playback.setVisible(False)
        v.addWidget(self.preview, 1)
        v.addWidget(self.playback, 1)
        v.addWidget(self.record_btn)
        v.addWidget(self.status)
        self.recorder.start_preview()

    def _recording_for(self, ms: int) -> None:
        """The countdown to the company's maximum (the recorder stops itself there)."""
        text, near = countdown(ms / 1000, self.max_seconds)
        self.status.setText(self.tr("Recording… %s") % text)
        theme.tone(self.status, "error" if near else "", "font-weight:bold" if near else "")

    def toggle(self) -> None:
        from PySide6.QtMultimedia import QMediaRecorder

        if self.recorder is None:
            return
        if self.recorder.recorder.recorderState() == QMediaRecorder.RecorderState.RecordingState:
            self.recorder.stop()
            self.record_btn.setEnabled(False)
            return
        self.path = None
        self.playback.stop()
        self.playback.setVisible(False)
        self.preview.setVisible(True)
        self.recorder.record(self.target, self.max_seconds)
        self.record_btn.setText(self.tr("Stop"))

    def _finished(self, path: str) -> None:
        self.path = path
        self.preview.setVisible(False)
        self.playback.setVisible(True)
        self.playback.load(path)
        self._ended(self.tr("Recorded. Play it back, record again, or send it."))

    def _ended(self, text: str) -> None:
        theme.tone(self.status, "")
        self.record_btn.setEnabled(True)
        self.record_btn.setText(self.tr("Record again") if self.path else self.tr("Record"))
        self.status.setText(text)

    def close_devices(self) -> None:
        if self.recorder is not None:
            self.recorder.close()


class ComposeDialog(QDialog):
    """To (colleagues), subject, and a text, a voice mail or a video mail."""

    def __init__(self, app, calls=None, to=(), kind: str = "text", subject: str = "", reply_to=None,
                 contacts=(), parent=None) -> None:
        """`to`: [(user id, name)] chosen already; `contacts`: [(user id, name)] of people outside
        the company I may write to (accepted contact requests, from the Online Monitor)."""
        super().__init__(parent)
        self.app, self.calls, self.reply_to = app, calls, reply_to
        self.setWindowTitle(self.tr("New message"))
        self.resize(620, 560)
        self.sent = None
        me = (app.session.info or {}).get("user_id") if getattr(app, "session", None) else None
        people = [u for u in app.store.messages.users() if u.get("id") != me]
        known = {u["id"] for u in people}
        for uid, name in [*contacts, *to]:  # contacts, and whom we reply to, beside the company's directory
            if uid not in known and uid != me:
                known.add(uid)
                people.append({"id": uid, "name": name, "email": ""})

        self.find = QLineEdit()
        self.find.setAccessibleName(self.tr("Find a colleague"))
        self.find.setPlaceholderText(self.tr("Find a colleague"))
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._filter)
        self.people = QListWidget()
        self.people.setAccessibleName(self.tr("To"))
        self.people.setMaximumHeight(150)
        chosen = {uid for uid, _n in to}
        for u in sorted(people, key=lambda u: (u.get("name") or u.get("email") or "").casefold()):
            label = u.get("name") or u.get("email") or str(u["id"])
            if u.get("email") and u.get("name"):
                label += f" <{u['email']}>"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, u["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u["id"] in chosen else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.no_people = QLabel(self.tr("No colleagues known yet: sign in to your company's hub and let it sync."))
        self.no_people.setWordWrap(True)
        self.no_people.setVisible(not people)
        self.subject = QLineEdit(subject)
        self.subject.setMaxLength(200)

        folder = app.store.messages.files_dir / "drafts"  # the store copies what is sent
        token = uuid.uuid4().hex[:8]
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Message"))
        self.text.setPlaceholderText(self.tr("Write your message"))
        self.max_seconds = app.store.messages.voice_mail_seconds()  # the company's, as the hub last said
        self.voice = VoiceRecorderPanel(calls, folder / f"voice-{token}.wav", self.max_seconds)
        self.video = None  # made when its tab is first opened (opens the camera)
        self._video_target = folder / f"video-{token}.mp4"
        self.kinds = QTabWidget()
        self.kinds.addTab(self.text, self.tr("Text"))
        self.kinds.addTab(self.voice, self.tr("Voice mail"))
        self.kinds.addTab(QWidget(), self.tr("Video mail"))
        self.kinds.currentChanged.connect(self._kind_changed)

        form = QFormLayout()
        to_box = QVBoxLayout()
        to_box.addWidget(self.find)
        to_box.addWidget(self.people)
        to_box.addWidget(self.no_people)
        form.addRow(self.tr("To:"), to_box)
        form.addRow(self.tr("Subject:"), self.subject)
        self.error = QLabel()
        self.error.setWordWrap(True)
        theme.tone(self.error, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_btn = self.buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_btn.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_btn.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.kinds, 1)
        v.addWidget(self.error)
        v.addWidget(self.buttons)
        self.kinds.setCurrentIndex(KIND_PAGES.index(kind) if kind in KIND_PAGES else 0)
        QTimer.singleShot(0, (self.text.setFocus if chosen else self.find.setFocus))
        self._subject = subject
        guard(self, self.has_draft)  # Esc / closing with a written text or a recording asks first

    def has_draft(self) -> bool:
        """Something would be lost by closing: a text, a changed subject or a recording."""
        return bool(self.text.toPlainText().strip() or self.subject.text().strip() != self._subject.strip()
                    or self.voice.path or (self.video is not None and self.video.path))

    # ------------------------------------------------------------------ parts
    def kind(self) -> str:
        return KIND_PAGES[self.kinds.currentIndex()]

    def _kind_changed(self, index: int) -> None:
        if KIND_PAGES[index] == "video" and self.video is None:
            self.video = VideoPanel(self._video_target, self.max_seconds)
            self.kinds.blockSignals(True)
            self.kinds.removeTab(2)
            self.kinds.insertTab(2, self.video, self.tr("Video mail"))
            self.kinds.setCurrentIndex(2)
            self.kinds.blockSignals(False)

    def _filter(self, text: str) -> None:
        t = text.strip().casefold()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(bool(t) and t not in item.text().casefold())

    def recipients(self) -> list[int]:
        return [self.people.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.people.count())
                if self.people.item(i).checkState() == Qt.CheckState.Checked]

    def set_recipients(self, ids) -> None:
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids
                               else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------------ sending
    def send(self) -> None:
        from whitephone.store.messages import MessageError

        to = self.recipients()
        subject = self.subject.text().strip() or None
        if not to:
            self.error.setText(self.tr("Choose at least one colleague to send to."))
            return
        store = self.app.store.messages
        try:
            if self.kind() == "text":
                if not self.text.toPlainText().strip():
                    self.error.setText(self.tr("Write something first."))
                    return
                self.sent = store.queue_text(to, self.text.toPlainText(), subject=subject, reply_to=self.reply_to)
            elif self.kind() == "voice":
                if not self.voice.path:
                    self.error.setText(self.tr("Record your voice mail first (Record, then Stop)."))
                    return
                self.sent = store.queue_voice(to, self.voice.path, subject=subject, reply_to=self.reply_to)
            else:
                if self.video is None or not self.video.path:
                    self.error.setText(self.tr("Record your video mail first.") if self.video is None
                                       or self.video.recorder is not None else self.video.status.text())
                    return
                self.sent = store.queue_video(to, self.video.path, subject=subject, reply_to=self.reply_to)
        except (MessageError, ValueError, OSError) as exc:
            self.error.setText(self.tr("Not sent: %s") % exc)  # the draft stays open: nothing lost
            return
        self.sent_at = time.time()
        self.accept()

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self.voice.cancel()
        if self.video is not None:
            self.video.close_devices()
        # the store copied what was sent; a recording not sent was thrown away with the dialog
        for draft in (self.voice.target, self._video_target):
            draft.unlink(missing_ok=True)
        super().done(result)
