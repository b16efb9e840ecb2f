"""Preferences → Network: the port and transport WhitePhone listens on for SIP, and the HTTP
proxy (the system's, none, or this one; core/http_proxy.py) with a Test button that runs the
network test's proxy check on its own thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from whitephone.core import http_proxy
from whitephone.core.accounts import default_account, load_accounts
from whitephone.ui.network_settings import TRANSPORTS, load_listen, save_listen, screening_on
from whitephone.ui.tasks import Worker


class NetworkPage(QWidget):
    def __init__(self, profile, calls=None, parent=None, hub: str = "", hub_ca_file: str | None = None) -> None:
        super().__init__(parent)
        self.profile, self.calls = profile, calls
        self.hub, self.hub_ca_file = hub, hub_ca_file  # what Test reaches (else the default account's server)
        self.worker: Worker | None = None
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
        form.addRow(self._proxy_box())

    # -- the HTTP proxy ------------------------------------------------------------------------
    def _proxy_box(self) -> QGroupBox:
        saved = self.saved_proxy = http_proxy.load(self.profile)
        box = QGroupBox(self.tr("HTTP proxy"))
        form = QFormLayout(box)
        self.proxy_system = QRadioButton(self.tr("System settings"))
        self.proxy_none = QRadioButton(self.tr("No proxy"))
        self.proxy_manual = QRadioButton(self.tr("This proxy:"))
        self.proxy_modes = QButtonGroup(self)
        row = QHBoxLayout()
        for button, mode in ((self.proxy_system, "system"), (self.proxy_none, "none"), (self.proxy_manual, "manual")):
            self.proxy_modes.addButton(button)
            button.setProperty("mode", mode)
            button.setChecked(saved.mode == mode)
            row.addWidget(button)
        row.addStretch(1)
        form.addRow(row)
        self.proxy_address = QLineEdit(saved.address)
        self.proxy_address.setPlaceholderText("proxy.example.com:3128")  # i18n: not text
        self.proxy_user = QLineEdit(saved.user)
        self.proxy_user.setPlaceholderText(self.tr("empty: my Windows/Kerberos login"))
        self.proxy_password = QLineEdit()
        self.proxy_password.setEchoMode(QLineEdit.EchoMode.Password)
        # the keyring is not read here (a desktop keyring may prompt): a saved user has a saved password
        self.proxy_password.setPlaceholderText(self.tr("unchanged (kept in the keyring)") if saved.user
                                               else self.tr("kept in the system keyring"))
        form.addRow(self.tr("Address"), self.proxy_address)
        form.addRow(self.tr("User name"), self.proxy_user)
        form.addRow(self.tr("Password"), self.proxy_password)
        self.proxy_test = QPushButton(self.tr("Test"))
        self.proxy_test.setToolTip(self.tr("Try the proxy settings above now"))
        self.proxy_test.clicked.connect(self.test_proxy)
        self.proxy_result = QLabel()
        self.proxy_result.setWordWrap(True)
        self.proxy_result.setObjectName("proxyTestResult")
        test_row = QHBoxLayout()
        test_row.addWidget(self.proxy_test)
        test_row.addStretch(1)
        form.addRow(test_row)
        form.addRow(self.proxy_result)
        self.proxy_modes.buttonToggled.connect(lambda *_: self._proxy_fields())
        self._proxy_fields()
        return box

    def _proxy_fields(self) -> None:
        manual = self.proxy_manual.isChecked()
        for w in (self.proxy_address, self.proxy_user, self.proxy_password):
            w.setEnabled(manual)

    def proxy_mode(self) -> str:
        button = self.proxy_modes.checkedButton()
        return button.property("mode") if button is not None else "system"

    def proxy_choice(self) -> http_proxy.HttpProxy:
        """What the fields say; ValueError with a sentence for an unusable address."""
        mode = self.proxy_mode()
        if mode != "manual":
            return http_proxy.HttpProxy(mode, self.saved_proxy.address, self.saved_proxy.user)
        try:
            address = http_proxy.normal_address(self.proxy_address.text())
        except ValueError as exc:
            raise ValueError(self._address_error(exc)) from None
        return http_proxy.HttpProxy("manual", address, self.proxy_user.text().strip())

    def _address_error(self, exc: ValueError) -> str:
        text = self.proxy_address.text().strip()
        if not text:
            return self.tr("Give the proxy's address, such as proxy.example.com:3128.")
        if "no port" in str(exc):
            return self.tr("“%s” has no port: write it as host:port, such as proxy.example.com:3128.") % text
        if "between 1 and 65535" in str(exc):
            return self.tr("The proxy's port must be between 1 and 65535.")
        return self.tr("“%s” is not an HTTP proxy address: write it as host:port or http://host:port "
                       "(the user name and password have their own fields).") % text

    def _password(self, choice: http_proxy.HttpProxy) -> str | None:
        """The password to save: the one typed; None keeps the saved one (same user, nothing
        typed); "" deletes it (no user name any more)."""
        if choice.mode != "manual":
            return None
        if not choice.user:
            return ""
        if self.proxy_password.text():
            return self.proxy_password.text()
        return None if choice.user == self.saved_proxy.user else ""

    def validate(self) -> str:
        """"" when the page can be saved, else what to correct (the dialog stays open)."""
        try:
            self.proxy_choice()
        except ValueError as exc:
            self.proxy_address.setFocus()
            return str(exc)
        return ""

    def test_proxy(self) -> None:
        """Reach the hub (else the default account's server) through the proxy as the fields say,
        on a thread of its own; the result in words below."""
        try:
            choice = self.proxy_choice()
        except ValueError as exc:
            self.proxy_result.setText(str(exc))
            return
        typed, profile, saved = self.proxy_password.text(), self.profile, self.saved_proxy
        hub, ca_file = self.hub, self.hub_ca_file
        accounts = load_accounts(profile)
        default = default_account(accounts)
        registrar = default.registrar if default is not None and default.registrar else \
            next((a.registrar for a in accounts if a.registrar), "")

        def job():
            from whitephone import nettest

            password = typed
            if not password and choice.mode == "manual" and choice.user and choice.user == saved.user:
                password = profile.get_secret(http_proxy.PASSWORD_SECRET) or ""
            return nettest.proxy_check(http_proxy.setting_for(choice, password), hub, registrar, ca_file=ca_file)

        self.proxy_test.setEnabled(False)
        self.proxy_result.setText(self.tr("Testing…"))
        if self.worker is None:
            self.worker = Worker("wp-proxy-test")
        worker = self.worker

        def mine(callback):  # a result that comes after the page stopped (Preferences closed) is dropped
            return lambda value: callback(value) if self.worker is worker else None

        worker.submit(job, mine(self._tested), mine(self._test_failed))

    def _tested(self, check) -> None:
        self.proxy_test.setEnabled(True)
        if check is None:
            self.proxy_result.setText(self.tr("There is nothing to reach yet: sign in to a hub or add a SIP account "
                                              "with a registrar, then test again."))
        elif check.unusable:
            self.proxy_result.setText(self.tr("The proxy setting cannot be used: %1.")
                                      .replace("%1", check.detail.rstrip(".")))
        elif check.ok and check.via:
            self.proxy_result.setText(self.tr("It works: %1 answered through the proxy %2 (%3).")
                                      .replace("%1", check.target).replace("%2", check.via).replace("%3", check.detail))
        elif check.ok:
            self.proxy_result.setText(self.tr("No proxy is used for %1, and it answered directly (%2).")
                                      .replace("%1", check.target).replace("%2", check.detail))
        elif check.via:
            self.proxy_result.setText(self.tr("%1 could not be reached through the proxy %2: %3.")
                                      .replace("%1", check.target).replace("%2", check.via)
                                      .replace("%3", check.detail.rstrip(".")))
        else:
            self.proxy_result.setText(self.tr("%1 could not be reached (no proxy is used for it): %2.")
                                      .replace("%1", check.target).replace("%2", check.detail.rstrip(".")))

    def _test_failed(self, exc: BaseException) -> None:
        self.proxy_test.setEnabled(True)
        self.proxy_result.setText(self.tr("The test could not run: %s") % exc)

    def stop(self) -> None:
        """Preferences closes: the worker's thread ends (at once, or when a test still running
        reaches its own time-out); that test's result is dropped."""
        if self.worker is not None:
            worker, self.worker = self.worker, None
            worker.stop(timeout=0.1)

    def _apply_proxy(self) -> None:
        choice = self.proxy_choice()
        password = self._password(choice)
        if choice == self.saved_proxy and password is None:
            return
        if not http_proxy.save(self.profile, choice, password):
            QMessageBox.warning(self, self.tr("HTTP proxy"),
                                self.tr("No system keyring is available: the proxy's password is kept for this "
                                        "session only and must be typed again after a restart."))
        self.saved_proxy = choice
        # new connections use it at once (the hub's are read per connection); the engine gets its
        # accounts and the hub's relay again with the new proxy (re-registering through it)
        if self.calls is not None:
            self.calls.apply_proxy()

    def apply(self) -> bool:
        self._apply_proxy()
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
