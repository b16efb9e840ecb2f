"""Preferences → Network: the port and transport WhitePhone listens on for SIP."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from whitephone.core.accounts import load_accounts
from whitephone.ui.network_settings import TRANSPORTS, load_listen, save_listen, screening_on


class NetworkPage(QWidget):
    def __init__(self, profile, calls=None, parent=None) -> None:
        super().__init__(parent)
        self.profile, self.calls = profile, calls
        _host, port, transport = load_listen(profile)
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("Any free port"))
        self.port.setValue(port)
        self.transport = QComboBox()
        for t in TRANSPORTS:
            self.transport.addItem(t.upper(), t)
        self.transport.setCurrentIndex(max(0, self.transport.findData(transport)))
        self.screen = QCheckBox(self.tr("Accept calls only through my accounts' servers and from known peers"))
        self.screen.setToolTip(self.tr("Other calls (internet SIP scanners, for one) are refused and logged. "
                                       "Known peers are the SIP addresses in your address book."))
        self.screen.setChecked(screening_on(profile, load_accounts(profile)))
        self.status = QLabel()
        self.status.setWordWrap(True)
        ready = getattr(calls, "ready", None) if calls is not None else None
        if ready:
            text = self.tr("Listening on port %d (%s).") % (ready["port"], ready["transport"].upper())
            if ready.get("fallback_reason"):
                text += " " + ready["fallback_reason"] + "."
            self.status.setText(text)
        form = QFormLayout(self)
        form.addRow(self.tr("Listening port"), self.port)
        form.addRow(self.tr("Transport"), self.transport)
        note = QLabel(self.tr("5060 is the usual SIP port. If another program uses it, WhitePhone listens "
                              "on a free port meanwhile and takes it back once it is free."))
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow("", self.screen)
        form.addRow("", self.status)

    def apply(self) -> bool:
        if self.screen.isChecked() != screening_on(self.profile, load_accounts(self.profile)):
            self.profile.set("screen_calls", self.screen.isChecked())
            if self.calls is not None:
                self.calls.apply_screening()
        _host, port, transport = load_listen(self.profile)
        if (port, transport) == (self.port.value(), self.transport.currentData()):
            return False
        save_listen(self.profile, self.port.value(), self.transport.currentData())
        if self.calls is not None:
            self.calls.apply_network()
        return True
