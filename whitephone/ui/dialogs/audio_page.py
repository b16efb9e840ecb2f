"""Preferences → Audio: microphone, speaker and ringer, volumes, echo cancellation, a level meter,
"Test my audio", and codec priorities. The engine process owns the devices; this page asks it
for the list and sends it the choices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui.audio_settings import CODECS, load_audio, save_audio


class AudioPage(QWidget):
    def __init__(self, profile, calls=None, parent=None) -> None:
        super().__init__(parent)
        self.profile, self.calls = profile, calls
        self.settings = load_audio(profile)
        self.microphone, self.speaker, self.ringer = QComboBox(), QComboBox(), QComboBox()
        for combo, key in ((self.microphone, "microphone"), (self.speaker, "speaker"), (self.ringer, "ringer")):
            combo.addItem(self.tr("System default"), "")
            if self.settings[key]:  # keep the saved choice visible even before the list arrives
                combo.addItem(self.settings[key].removeprefix("pulse:"), self.settings[key])
                combo.setCurrentIndex(1)
            combo.setMinimumWidth(260)
        self.refresh = QPushButton(self.tr("Refresh"))
        self.refresh.setToolTip(self.tr("Look again for devices plugged in since"))
        self.refresh.clicked.connect(lambda: self._ask_devices(rescan=True))
        self.meter = QProgressBar()
        self.meter.setRange(0, 255)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(12)
        self.mic_volume, self.speaker_volume = self._slider(self.settings["mic_volume"]), self._slider(
            self.settings["speaker_volume"])
        self.echo = QCheckBox(self.tr("Echo cancellation (recommended without a headset)"))
        self.echo.setChecked(self.settings["echo_cancellation"])
        self.low_latency = QCheckBox(self.tr("Low latency from the first second (calls inside one office network)"))
        self.low_latency.setToolTip(self.tr(
            "Every call starts with 120 ms of buffered audio and gives up what the network does not need in the "
            "first pauses (down to 40 ms once the network proves steady). This starts at 40 ms at once instead; "
            "on the internet the first burst of jitter then costs a short gap. Applied when no call is up."))
        self.low_latency.setChecked(self.settings["low_latency"])
        self.test = QPushButton(self.tr("Test my audio"))
        self.test.setToolTip(self.tr("Records three seconds from the microphone, then plays them back"))
        self.test.clicked.connect(self._test)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.codecs = QListWidget()
        self.codecs.setAccessibleName(self.tr("Codecs, preferred first"))
        self.codecs.addItems(self.settings["codecs"])
        self.codecs.setMaximumHeight(80)
        self.codecs.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        up, down = QPushButton(self.tr("Up")), QPushButton(self.tr("Down"))
        down.setToolTip(self.tr("Move the selected codec down: preferred later"))
        up.setToolTip(self.tr("Move the selected codec up: preferred earlier"))
        up.clicked.connect(lambda: self._move(-1))
        down.clicked.connect(lambda: self._move(1))

        form = QFormLayout()
        mic_row = QHBoxLayout()
        mic_row.addWidget(self.microphone, 1)
        mic_row.addWidget(self.refresh)
        mic_label = QLabel(self.tr("Microphone"))
        mic_label.setBuddy(self.microphone)  # a row of two widgets gets no buddy from addRow
        form.addRow(mic_label, mic_row)
        form.addRow(self.tr("Level"), self.meter)
        form.addRow(self.tr("Microphone volume"), self.mic_volume)
        form.addRow(self.tr("Speaker"), self.speaker)
        form.addRow(self.tr("Speaker volume"), self.speaker_volume)
        form.addRow(self.tr("Ringer"), self.ringer)
        form.addRow("", self.echo)
        form.addRow("", self.low_latency)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addStretch(1)
        form.addRow("", test_row)
        codec_row = QHBoxLayout()
        codec_row.addWidget(self.codecs, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        codec_row.addLayout(buttons)
        form.addRow(self.tr("Codecs, first preferred"), codec_row)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.status)
        v.addStretch(1)

        if calls is None or calls.ready is None:
            self.status.setText(self.tr("The call engine is not running; the devices appear once it is."))
            for w in (self.refresh, self.test):
                w.setEnabled(False)
        else:
            calls.audioEvent.connect(self.on_event)
            self._ask_devices(rescan=not calls.windows and not calls.incoming)
            calls.send("meter", seconds=600)

    def _slider(self, value: float) -> QSlider:
        s = QSlider(Qt.Orientation.Horizontal)
        s.setRange(0, 200)
        s.setValue(int(round(value * 100)))
        s.setToolTip(self.tr("100 % leaves the level as it is"))
        return s

    def _move(self, step: int) -> None:
        row = self.codecs.currentRow()
        if row < 0 or not 0 <= row + step < self.codecs.count():
            return
        item = self.codecs.takeItem(row)
        self.codecs.insertItem(row + step, item)
        self.codecs.setCurrentRow(row + step)

    def _ask_devices(self, rescan: bool) -> None:
        if self.calls is not None:
            self.calls.send("audio_devices", rescan=rescan)

    def _test(self) -> None:
        self.test.setEnabled(False)
        self.status.setText(self.tr("Opening the microphone…"))
        self.calls.send("audio_test", seconds=3, path=str(self.profile.logs_dir / "audio-test.wav"))

    def on_event(self, ev: dict) -> None:
        kind = ev.get("event")
        if kind == "devices":
            self._fill(self.microphone, ev.get("inputs", []), self.settings["microphone"])
            self._fill(self.speaker, ev.get("outputs", []), self.settings["speaker"])
            self._fill(self.ringer, ev.get("outputs", []), self.settings["ringer"])
            if ev.get("reason"):
                self.status.setText(self.tr("No sound devices: %s") % ev["reason"])
        elif kind == "levels":
            self.meter.setValue(int(ev.get("microphone", 0)))
        elif kind == "audio" and ev.get("status") == "unavailable":
            self.status.setText(self.tr("Sound devices: %s") % ev.get("reason", ""))
        elif kind == "audio" and ev.get("status") == "ready":
            self.status.setText(self.tr("Sound devices ready.") + (
                "" if ev.get("echo_cancellation") or not self.echo.isChecked()
                else " " + self.tr("Echo cancellation is unavailable: %s") % ev.get("echo_cancellation_unavailable", "")))
        elif kind == "audio_test":
            phase = ev.get("phase")
            self.status.setText({"recording": self.tr("Speak now: recording three seconds…"),
                                 "playing": self.tr("Playing back what the microphone heard…"),
                                 "done": self.tr("Audio test finished."),
                                 "no_input": self.tr("No sound came from the microphone: %s") % ev.get("reason", ""),
                                 }.get(phase, ""))
            if phase in ("done", "no_input"):
                self.test.setEnabled(True)
        elif kind == "error" and ev.get("cmd") == "audio_test":
            self.status.setText(ev.get("reason", ""))
            self.test.setEnabled(True)

    @staticmethod
    def _fill(combo: QComboBox, devices: list[dict], chosen: str) -> None:
        current = combo.currentData() or chosen
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(QCoreApplication.translate("AudioPage", "System default"), "")
        for d in devices:
            combo.addItem(d["name"], d["id"])
        if current and combo.findData(current) < 0:
            combo.addItem(QCoreApplication.translate("AudioPage", "%s (not connected)") % current.removeprefix("pulse:"), current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def values(self) -> dict:
        return {"microphone": self.microphone.currentData() or "", "speaker": self.speaker.currentData() or "",
                "ringer": self.ringer.currentData() or "", "mic_volume": self.mic_volume.value() / 100,
                "speaker_volume": self.speaker_volume.value() / 100, "echo_cancellation": self.echo.isChecked(),
                "low_latency": self.low_latency.isChecked(), "codecs": [self.codecs.item(i).text() for i in range(self.codecs.count())]}

    def apply(self) -> None:
        new = self.values()
        save_audio(self.profile, new)
        if self.calls is not None and self.calls.ready is not None:
            self.calls.apply_audio(previous=self.settings)
        self.settings = new

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.stop_meter()
        super().closeEvent(event)

    def stop_meter(self) -> None:
        if self.calls is not None and self.calls.ready is not None:
            self.calls.send("meter", seconds=0)


__all__ = ["AudioPage", "CODECS"]
