"""Preferences → Caller: what the call-time popup does for a caller no contact has (seed 001)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from whitephone.core.caller import AUTO_CREATE_SETTING
from whitephone.ui import theme


class CallerPage(QWidget):
    def __init__(self, profile, parent=None) -> None:
        super().__init__(parent)
        self.profile = profile
        v = QVBoxLayout(self)
        self.auto_create = QCheckBox(self.tr("&Create a contact for callers who are in no address book"))
        self.auto_create.setChecked(bool(profile.get(AUTO_CREATE_SETTING, False)))
        v.addWidget(self.auto_create)
        note = QLabel(self.tr("The contact is named after the caller's name as their phone sends it, or the "
                              "number, and goes to your default address book. Without this, the popup "
                              "beside a ringing call offers \"Create contact\" with the number filled in."))
        note.setWordWrap(True)
        theme.tone(note, "muted")
        v.addWidget(note)
        v.addStretch(1)

    def apply(self) -> None:
        if self.auto_create.isChecked() != bool(self.profile.get(AUTO_CREATE_SETTING, False)):
            self.profile.set(AUTO_CREATE_SETTING, self.auto_create.isChecked())
