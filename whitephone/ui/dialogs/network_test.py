"""Help → Network Test: runs whitephone/nettest.py on its own thread against the signed-in hub
(or an address typed in), shows each rung and, in plain words, what the network blocks and what
to ask IT to open; the report can be copied."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from whitephone.ui.tasks import Worker


class NetworkTestDialog(QDialog):
    def __init__(self, parent=None, server: str = "", credentials: Callable[[], dict] | None = None,
                 ca_file: str | None = None, proxy: str | Callable[[], str] = "",
                 pins: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Network Test"))
        self.resize(760, 460)
        self.credentials, self.ca_file = credentials, ca_file
        # what the calls use (Preferences → Network): a function is called on the test's thread
        self.proxy, self.pins = proxy, frozenset(pins)
        self.worker = Worker("wp-nettest")
        self.report = None
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("Checks whether this network lets WhitePhone reach the hub, the registrar and "
                                   "the media relay, and says what to ask IT to open.")))
        row = QHBoxLayout()
        self.server = QLineEdit(server)
        self.server.setAccessibleName(self.tr("Hub address"))
        self.server.setPlaceholderText("https://hub.example.com")  # i18n: not text
        self.run_btn = QPushButton(self.tr("Test"))
        self.run_btn.setToolTip(self.tr("Test the network: the hub, the SIP servers and the ports calls use"))
        self.run_btn.clicked.connect(self.start)
        row.addWidget(QLabel(self.tr("Hub:")))
        row.addWidget(self.server, 1)
        row.addWidget(self.run_btn)
        v.addLayout(row)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("nettestSummary")
        v.addWidget(self.summary)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Test results"))
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        v.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_btn = buttons.addButton(self.tr("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_btn.setEnabled(False)
        self.copy_btn.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def start(self) -> None:
        url = self.server.text().strip()
        if not url:
            self.summary.setText(self.tr("Give the hub's address."))
            return
        self.run_btn.setEnabled(False)
        self.copy_btn.setEnabled(False)
        self.summary.setText(self.tr("Testing… (a few seconds)"))
        self.text.clear()
        credentials, ca_file, proxy, pins = self.credentials, self.ca_file, self.proxy, self.pins

        def job():
            from whitephone import nettest

            creds = {}
            if credentials is not None:
                try:
                    creds = credentials() or {}
                except Exception:  # noqa: BLE001 - not signed in: the relay is tested without an allocation
                    creds = {}
            return nettest.run(url, turn_user=creds.get("username", ""), turn_password=creds.get("password", ""),
                               ca_file=ca_file, proxy=proxy() if callable(proxy) else proxy, pins=pins)

        self.worker.submit(job, self.show_report, self.failed)

    def show_report(self, report) -> None:
        self.report = report
        self.run_btn.setEnabled(True)
        self.copy_btn.setEnabled(True)
        self.summary.setText(report.summary + ("" if not report.blocked else "\n" + "\n".join(report.blocked)))
        self.text.setPlainText(report.text())

    def failed(self, exc: BaseException) -> None:
        self.run_btn.setEnabled(True)
        self.summary.setText(self.tr("The test could not run: %s") % exc)

    def copy(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.report.text())

    def done(self, result: int) -> None:
        self.worker.stop(timeout=0.1)  # a test still running ends on its own time-outs
        super().done(result)
