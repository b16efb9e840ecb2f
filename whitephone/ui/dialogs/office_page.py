"""Preferences → Office: share this profile's own hub with the office (LAN, TLS) and the
automatic Away. (My Profile, Company Profile and User Admin are the Team menu's dialogs.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from whitephone.ui.rich_text import escape

PHOTO_MAX_BYTES = 1024 * 1024
PERMISSIONS = ("logo", "company", "products", "users", "pstn", "announcements", "crm_admin", "reports")


class OfficePage(QWidget):
    """Preferences → Office: share the own hub with the office; automatic Away."""

    def __init__(self, parts, parent=None) -> None:
        super().__init__(parent)
        self.parts = parts
        office = parts.window.app.office
        f = QFormLayout(self)
        self.share = QCheckBox(self.tr("Let other computers in my office connect"))
        self.share.setChecked(office.shared)
        self.share.setEnabled(office.configured)
        self.address = QLabel()
        self.address.setWordWrap(True)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not office.configured:
            self.address.setText(self.tr("This computer signs in to a company hub; its administrator decides "
                                         "who can connect."))
        elif office.shared:
            self.address.setText(self.tr("Colleagues sign in to <b>%s</b> (“Sign in to my company's hub”).")
                                 % escape(office.colleague_url))
        else:
            self.address.setText(self.tr("Only this computer uses your office hub. Switch this on to give "
                                         "colleagues an address to sign in to (secured with TLS)."))
        self.away = QSpinBox()
        self.away.setRange(0, 240)
        self.away.setSuffix(self.tr(" min"))
        self.away.setSpecialValueText(self.tr("never"))
        self.away.setValue(int(parts.idle.minutes))
        f.addRow(self.share)
        f.addRow(self.address)
        f.addRow(self.tr("Set me Away after this long without activity:"), self.away)

    def apply(self) -> None:
        profile = self.parts.window.app.profile
        profile.set("away_after_minutes", self.away.value())
        self.parts.idle.minutes = float(self.away.value())
        if self.share.isEnabled() and self.share.isChecked() != self.parts.window.app.office.shared:
            self.parts.share_office(self.share.isChecked())
