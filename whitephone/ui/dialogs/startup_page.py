"""Preferences → Start-up: start minimised to the tray, start at login (whitephone/autostart.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from whitephone import autostart
from whitephone.profile import default_profile_dir

START_MINIMISED = "start_minimised"  # settings.json: the window starts hidden in the tray


class StartupPage(QWidget):
    def __init__(self, profile, has_tray: bool, parent=None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.minimised = QCheckBox(self.tr("Start minimised to the tray"))
        self.minimised.setChecked(bool(profile.get(START_MINIMISED, False)))
        self.minimised.setAccessibleDescription(self.tr("WhitePhone starts with its window hidden; "
                                                        "click the tray icon to show it"))
        self.at_login = QCheckBox(self.tr("Start at login"))
        self.at_login.setChecked(autostart.is_enabled())
        v = QVBoxLayout(self)
        v.addWidget(self.minimised)
        if not has_tray:
            note = QLabel(self.tr("This desktop shows no tray icons: the window starts minimised instead."))
            note.setWordWrap(True)
            v.addWidget(note)
        v.addWidget(self.at_login)
        v.addStretch(1)

    def command(self) -> list[str]:
        root = self.profile.root
        default = default_profile_dir().expanduser().resolve()
        return autostart.launch_command(None if root == default else root)

    def apply(self) -> None:
        if bool(self.profile.get(START_MINIMISED, False)) != self.minimised.isChecked():
            self.profile.set(START_MINIMISED, self.minimised.isChecked())
        wanted = self.at_login.isChecked()
        if wanted == autostart.is_enabled():
            return
        try:
            autostart.enable(self.command()) if wanted else autostart.disable()
        except autostart.AutostartError as exc:
            QMessageBox.warning(self, self.tr("Start at login"), str(exc))
