"""Preferences → Keys and headset: the global hotkey (ui/global_hotkey.py) and the USB headset's
buttons (ui/headset.py). While the key field has the focus the global hotkey is set aside, so
pressing it there records it; a key that cannot be had is said and not saved."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QKeySequenceEdit,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import a11y
from whitephone.ui.global_hotkey import GLOBAL_HOTKEY, unsupported_reason
from whitephone.ui.headset import HEADSET_DEVICE, USE_HEADSET


class KeysPage(QWidget):
    def __init__(self, profile, window=None, parent=None) -> None:
        super().__init__(parent)
        self.profile, self.window = profile, window
        hotkey = profile.get(GLOBAL_HOTKEY, "") or ""
        self.hotkey_on = QCheckBox(self.tr("Answer and hang up with a global hotkey"))
        self.hotkey_on.setChecked(bool(hotkey))
        self.hotkey_on.setAccessibleDescription(self.tr("The key answers a ringing call or hangs up the "
                                                        "current one, also while another program is in front"))
        self.hotkey = QKeySequenceEdit(QKeySequence(hotkey))
        self.hotkey.setMaximumSequenceLength(1)
        self.hotkey.setClearButtonEnabled(True)
        self.hotkey.setAccessibleName(self.tr("Global hotkey"))
        self.hotkey_note = QLabel()
        self.hotkey_note.setWordWrap(True)
        why = unsupported_reason(getattr(getattr(window, "global_hotkey", None), "platform", None))
        if why is not None:
            self.hotkey_note.setText(why)
            self.hotkey_on.setEnabled(False)
            self.hotkey.setEnabled(False)
        elif getattr(getattr(window, "global_hotkey", None), "error", None):
            self.hotkey_note.setText(self.tr("Not active: %s") % window.global_hotkey.error)
        hk = getattr(window, "global_hotkey", None)
        if hk is not None:
            QApplication.instance().focusChanged.connect(self._focus_changed)
            self.destroyed.connect(hk.resume)  # (a page closed while recording)
        hot = QGroupBox(self.tr("Global hotkey"))
        form = QFormLayout(hot)
        form.addRow(self.hotkey_on)
        form.addRow(self.tr("Key"), self.hotkey)
        form.addRow(self.hotkey_note)

        self.headset_on = QCheckBox(self.tr("Use headset buttons"))
        self.headset_on.setChecked(bool(profile.get(USE_HEADSET, True)))
        self.headset_on.setAccessibleDescription(self.tr("A USB headset's call button answers and hangs up, its "
                                                         "mute button mutes; its lights show the call"))
        self.device = QComboBox()
        a11y.name(self.device, self.tr("Headset"))
        self.device.addItem(self.tr("The first headset found"), "")
        devices = list(getattr(getattr(window, "headset", None), "devices", []) or [])
        for d in devices:
            self.device.addItem(d.name, d.key)
        wanted = profile.get(HEADSET_DEVICE, "") or ""
        if wanted and self.device.findData(wanted) < 0:
            self.device.addItem(self.tr("%s (not plugged in)") % wanted, wanted)
        self.device.setCurrentIndex(max(0, self.device.findData(wanted)))
        self.headset_note = QLabel(self.tr("No USB headset with call buttons is plugged in.") if not devices else "")
        self.headset_note.setWordWrap(True)
        head = QGroupBox(self.tr("Headset"))
        form2 = QFormLayout(head)
        form2.addRow(self.headset_on)
        form2.addRow(self.tr("Headset"), self.device)
        form2.addRow(self.headset_note)
        v = QVBoxLayout(self)
        v.addWidget(hot)
        v.addWidget(head)
        v.addStretch(1)

    def _focus_changed(self, _old, new) -> None:
        hk = getattr(self.window, "global_hotkey", None)
        if hk is None:
            return
        if new is not None and (new is self.hotkey or self.hotkey.isAncestorOf(new)):
            hk.suspend()
        else:
            hk.resume()

    def chosen_hotkey(self) -> str:
        if not self.hotkey_on.isChecked():
            return ""
        return self.hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def apply(self) -> None:
        hotkey = self.chosen_hotkey()
        if hotkey != (self.profile.get(GLOBAL_HOTKEY, "") or ""):
            hk = getattr(self.window, "global_hotkey", None)
            why = hk.apply(hotkey) if hk is not None else None
            if why:  # the hotkey that worked (if any) stays, and stays saved
                QMessageBox.warning(self, self.tr("Global hotkey"), why)
            else:
                self.profile.set(GLOBAL_HOTKEY, hotkey)
        use, device = self.headset_on.isChecked(), self.device.currentData() or ""
        if use != bool(self.profile.get(USE_HEADSET, True)) or device != (self.profile.get(HEADSET_DEVICE, "") or ""):
            self.profile.set(USE_HEADSET, use)
            self.profile.set(HEADSET_DEVICE, device)
            headset = getattr(self.window, "headset", None)
            if headset is not None:
                headset.apply()
