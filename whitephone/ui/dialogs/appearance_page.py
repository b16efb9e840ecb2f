"""Preferences → Appearance: the theme (follow the system, light, dark), shown at once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from whitephone.ui import theme


class AppearancePage(QWidget):
    """Choosing a theme shows it at once; OK keeps it, Cancel goes back to the saved one."""

    def __init__(self, profile, parent=None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.saved = profile.get(theme.SETTING, "system")
        if self.saved not in theme.CHOICES:
            self.saved = "system"
        self.theme = QComboBox()
        for label, value in ((self.tr("Follow the system"), "system"), (self.tr("Light"), "light"),
                             (self.tr("Dark"), "dark")):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(self.theme.findData(self.saved))
        self.theme.setAccessibleDescription(self.tr("Light or dark colours; following the system "
                                                    "changes them when the desktop's setting changes"))
        self.theme.currentIndexChanged.connect(lambda _i: theme.apply(self.choice()))
        form = QFormLayout(self)
        form.addRow(self.tr("&Theme"), self.theme)
        note = QLabel(self.tr("When the desktop does not say whether it is light or dark, the light "
                              "theme is used."))
        note.setWordWrap(True)
        form.addRow("", note)

    def choice(self) -> str:
        return self.theme.currentData()

    def apply(self) -> None:
        if self.choice() != self.profile.get(theme.SETTING, "system"):
            self.profile.set(theme.SETTING, self.choice())
        self.saved = self.choice()

    def revert(self) -> None:
        """Cancel: show the saved theme again."""
        if self.choice() != self.saved:
            theme.apply(self.saved)
