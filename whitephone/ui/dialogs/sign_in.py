"""The first-run / sign-in window: this computer's own hub, a company hub, or a new company.

Every hub request runs on the Team's worker; this window only shows forms, a busy state and the
answer (a clear sentence for a wrong password, an unreachable hub, a certificate problem, a
disabled account).
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCommandLinkButton,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from whitephone.sync.hub_client import HubError
from whitephone.ui import theme
from whitephone.ui.rich_text import escape
from whitephone.ui.user_errors import hub_error_text

CHOICE, LOCAL, COMPANY, REGISTER = range(4)


def error_text(exc: BaseException) -> str:
    """A sentence for the user for what went wrong signing in."""
    if isinstance(exc, HubError):
        if exc.kind == "unreachable" and exc.url:
            return QCoreApplication.translate("SignIn", "Cannot reach the hub at %s. Check the address and your network, "
                                              "or ask your administrator whether the hub is running.") % exc.url
        if exc.kind == "unreachable":
            return QCoreApplication.translate("SignIn", "Cannot reach the hub. Check the address and your network, "
                                              "or ask your administrator whether the hub is running.")
        if exc.kind == "proxy":
            return QCoreApplication.translate("SignIn", "%s Check the HTTP proxy's address, user name and password (Preferences "
                                              "→ Network → HTTP proxy, or the system's proxy settings), or ask your "
                                              "administrator.") % exc
        return {
            "bad_credentials": QCoreApplication.translate("SignIn", "Wrong e-mail or password. Check them, or use “Forgotten password?”."),
            "disabled": QCoreApplication.translate("SignIn", "This account is disabled. Ask your company's administrator to enable it."),
            "certificate": QCoreApplication.translate("SignIn", "The hub's certificate is not trusted, so WhitePhone did not send your "
                                        "password. Check the address; if your office uses its own certificate, "
                                        "ask your administrator."),
            "rate_limited": QCoreApplication.translate("SignIn", "Too many attempts. Wait a few minutes and try again."),
        }.get(exc.kind) or hub_error_text(exc)
    return str(exc) or exc.__class__.__name__



def _wrapped(text: str) -> QLabel:
    """A page's heading and intro: wrapped to the window's width, never cut."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label

class SignInWindow(QDialog):
    """First run (three choices) or, with `page=COMPANY`, plain sign-in."""

    done_signing_in = Signal(dict)

    def __init__(self, team, parent=None, page: int = CHOICE) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Welcome to WhitePhone"))
        self.setMinimumWidth(520)
        self.stack = QStackedWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        v = QVBoxLayout(self)
        v.addWidget(self.stack)
        v.addWidget(self.message)
        self.stack.addWidget(self._choice_page())
        self.stack.addWidget(self._local_page())
        self.stack.addWidget(self._company_page())
        self.stack.addWidget(self._register_page())
        self.show_page(page)
        team.signedIn.connect(self._signed_in)

    # ------------------------------------------------------------------ pages
    def _choice_page(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addWidget(_wrapped(self.tr("<h2>Welcome to WhitePhone</h2><p>How will you use it?</p>")))
        self.local_choice = QCommandLinkButton(
            self.tr("Just this computer / my office"),
            self.tr("Start at once. Your data stays on this computer; later you can let other computers "
                    "in your office connect to it."))
        self.company_choice = QCommandLinkButton(
            self.tr("Sign in to my company's hub"),
            self.tr("Your company already uses WhitePhone: sign in with your e-mail and password."))
        self.register_choice = QCommandLinkButton(
            self.tr("Register a new company on a hub"),
            self.tr("Set up your company on a WhitePhone hub; you become its administrator."))
        self.local_choice.clicked.connect(lambda: self.show_page(LOCAL))
        self.company_choice.clicked.connect(lambda: self.show_page(COMPANY))
        self.register_choice.clicked.connect(lambda: self.show_page(REGISTER))
        for b in (self.local_choice, self.company_choice, self.register_choice):
            v.addWidget(b)
        v.addStretch()
        return w

    def _buttons(self, ok_text: str, ok) -> tuple[QHBoxLayout, QPushButton]:
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self.show_page(CHOICE))
        ok_btn = QPushButton(ok_text)
        ok_btn.setDefault(True)
        ok_btn.clicked.connect(ok)
        row.addWidget(back)
        row.addStretch()
        row.addWidget(ok_btn)
        return row, ok_btn

    def _local_page(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addWidget(_wrapped(self.tr("<h3>Just this computer / my office</h3><p>WhitePhone keeps your contacts, "
                                   "calls and messages on this computer. Tell us who you are:</p>")))
        f = QFormLayout()
        user = getpass.getuser() or "me"
        self.local_name = QLineEdit(user.replace(".", " ").title())
        self.local_company = QLineEdit(self.tr("My office"))
        self.local_email = QLineEdit(f"{user}@office.lan")
        self.local_email.setToolTip(self.tr("Used to sign in from another computer; it need not be real."))
        f.addRow(self.tr("Your name:"), self.local_name)
        f.addRow(self.tr("Office or company:"), self.local_company)
        f.addRow(self.tr("E-mail:"), self.local_email)
        v.addLayout(f)
        v.addStretch()
        row, self.local_ok = self._buttons(self.tr("Start"), self.start_local)
        self.local_ok.setToolTip(self.tr("Start WhitePhone on this computer alone, with the name and e-mail above"))
        v.addLayout(row)
        return w

    def _company_page(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addWidget(_wrapped(self.tr("<h3>Sign in to your company's hub</h3>")))
        f = QFormLayout()
        info = self.team.app.session.info
        self.url = QLineEdit(info.get("url", ""))
        self.url.setPlaceholderText("hub.example.com")  # i18n: not text
        self.email = QLineEdit(info.get("email", ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this computer"))
        self.remember.setChecked(True)
        f.addRow(self.tr("Hub address:"), self.url)
        f.addRow(self.tr("E-mail:"), self.email)
        f.addRow(self.tr("Password:"), self.password)
        f.addRow("", self.remember)
        v.addLayout(f)
        self.forgot = QPushButton(self.tr("Forgotten password?"))
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self.forgot_password)
        v.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)
        v.addStretch()
        row, self.sign_in_btn = self._buttons(self.tr("Sign in"), self.sign_in)
        v.addLayout(row)
        return w

    def _register_page(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addWidget(_wrapped(self.tr("<h3>Register a new company</h3><p>You become the company's "
                                   "administrator and can add your colleagues afterwards.</p>")))
        f = QFormLayout()
        self.reg_url = QLineEdit()
        self.reg_url.setPlaceholderText("hub.example.com")  # i18n: not text
        self.reg_company = QLineEdit()
        self.reg_name = QLineEdit()
        self.reg_email = QLineEdit()
        self.reg_password = QLineEdit()
        self.reg_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reg_password.setPlaceholderText(self.tr("at least 8 characters"))
        self.reg_remember = QCheckBox(self.tr("Remember me on this computer"))
        self.reg_remember.setChecked(True)
        for label, field in ((self.tr("Hub address:"), self.reg_url), (self.tr("Company:"), self.reg_company),
                             (self.tr("Your name:"), self.reg_name), (self.tr("E-mail:"), self.reg_email),
                             (self.tr("Password:"), self.reg_password)):
            f.addRow(label, field)
        f.addRow("", self.reg_remember)
        v.addLayout(f)
        v.addStretch()
        row, self.register_btn = self._buttons(self.tr("Register"), self.register)
        v.addLayout(row)
        return w

    # ------------------------------------------------------------------ actions
    def show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        self.message.hide()

    def say(self, text: str, error: bool = True) -> None:
        colour = "$error" if error else "$success"
        theme.set_html(self.message, f"<span style='color:{colour}'>{escape(text)}</span>")
        self.message.show()

    def _busy(self, busy: bool, text: str = "") -> None:
        for b in (self.local_ok, self.sign_in_btn, self.register_btn, self.forgot):
            b.setEnabled(not busy)
        if busy:
            self.say(text, error=False)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.say(error_text(exc))
        if isinstance(exc, HubError) and exc.kind == "profile_in_use" and self.stack.currentIndex() == COMPANY:
            self._offer_discard(str(exc))

    def _offer_discard(self, why: str) -> None:
        """Signing in as another account on a profile holding one: only if the user says so,
        that account's data (and its changes not yet on the hub) leave this computer first."""
        answer = QMessageBox.question(
            self, self.tr("Another account's data"),
            why + "\n\n" + self.tr("Remove that data from this computer and sign in as %s? Changes of "
                                     "that account not yet on the hub are lost.") % self.email.text().strip(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._busy(True, self.tr("Signing in…"))
        self.team.sign_in(self.url.text(), self.email.text().strip(), self.password.text(),
                          self.remember.isChecked(), self._failed, discard_local=True)

    def start_local(self) -> None:
        name, company, email = (self.local_name.text().strip(), self.local_company.text().strip(),
                                self.local_email.text().strip())
        if not name or not company or "@" not in email:
            self.say(self.tr("Enter your name, your office's name and an e-mail address."))
            return
        self._busy(True, self.tr("Starting your office hub…"))
        self.team.create_office(name, company, email, self._failed)

    def sign_in(self) -> None:
        if not self.url.text().strip() or not self.email.text().strip() or not self.password.text():
            self.say(self.tr("Enter the hub's address, your e-mail and your password."))
            return
        self._busy(True, self.tr("Signing in…"))
        self.team.sign_in(self.url.text(), self.email.text().strip(), self.password.text(),
                          self.remember.isChecked(), self._failed)

    def register(self) -> None:
        fields = (self.reg_url, self.reg_company, self.reg_name, self.reg_email)
        if any(not f.text().strip() for f in fields) or len(self.reg_password.text()) < 8:
            self.say(self.tr("Fill in every field; the password needs at least 8 characters."))
            return
        self._busy(True, self.tr("Registering your company…"))
        self.team.register(self.reg_url.text(), self.reg_company.text().strip(), self.reg_name.text().strip(),
                           self.reg_email.text().strip(), self.reg_password.text(), self.reg_remember.isChecked(),
                           self._failed)

    def forgot_password(self) -> None:
        if not self.url.text().strip() or "@" not in self.email.text():
            self.say(self.tr("Enter the hub's address and your e-mail, then click “Forgotten password?” again."))
            return
        email = self.email.text().strip()
        self._busy(True, self.tr("Asking the hub…"))

        def sent(_=None) -> None:
            self._busy(False)
            self.say(self.tr("If %s has an account there, a link to set a new password is on its way by "
                             "e-mail.") % email, error=False)

        self.team.forgot_password(self.url.text(), email, sent, self._failed)

    def _signed_in(self, info: dict) -> None:
        if not self.isVisible():
            return
        self._busy(False)
        self.done_signing_in.emit(info)
        self.accept()
