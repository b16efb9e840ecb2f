"""Preferences → Accounts: the user's SIP accounts (any standard registrar/provider, or a local
account without registrar), one of them the default for outgoing calls.

Accounts are saved in settings.json without passwords; each password goes to the OS keyring
(Profile.set_secret). Nothing is saved until the Preferences dialog is accepted.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.accounts import (
    REG_INTERVAL_RANGE,
    SRTP_MODES,
    TRANSPORTS,
    SipAccount,
    as_sip_host,
    is_sip_host,
    is_sip_uri,
    load_accounts,
    new_account_id,
    normalized,
    password_secret,
    save_accounts,
)
from whitephone.ui import theme

FIELDS = ("display_name", "uri", "registrar", "proxy", "user", "password", "transport", "reg_interval", "srtp")
_PORT = re.compile(r":(\d+)(?:;|$)")
_BAD_NAME = re.compile(r'["<>\x00-\x1f]')


def _bad_port(uri: str) -> bool:
    host_part = uri.split("@", 1)[-1]
    m = _PORT.search(host_part)
    return bool(m) and not 1 <= int(m.group(1)) <= 65535


def normalize_values(values: dict) -> dict:
    """What people paste, made into URIs: `alice@example.com` → `sip:alice@example.com`,
    `sip.example.com` → `sip:sip.example.com`."""
    v = dict(values)
    for key in ("display_name", "uri", "registrar", "proxy", "user"):
        v[key] = str(v.get(key) or "").strip()
    if v["uri"] and not v["uri"].lower().startswith(("sip:", "sips:")) and "@" in v["uri"]:
        v["uri"] = "sip:" + v["uri"]
    for key in ("registrar", "proxy"):
        v[key] = as_sip_host(v[key])
    return v


def validate(values: dict, others: list[SipAccount] = ()) -> dict[str, str]:
    """Per-field messages (empty when the account can be saved). `values` as normalize_values
    returns them, `local` True for an account without registrar; `others` are the other accounts."""
    errors: dict[str, str] = {}
    if _BAD_NAME.search(values.get("display_name", "")):
        errors["display_name"] = QCoreApplication.translate("AccountEditor", "The display name cannot contain quotes or angle brackets.")
    uri = values.get("uri", "")
    if not uri:
        errors["uri"] = QCoreApplication.translate("AccountEditor", "Enter the account's SIP address, e.g. sip:alice@sip.example.com.")
    elif not is_sip_uri(uri):
        errors["uri"] = QCoreApplication.translate("AccountEditor", "“%s” is not a SIP address. Write it as sip:user@host "
                            "(a port may follow: sip:alice@192.0.2.5:5070).") % uri
    elif _bad_port(uri):
        errors["uri"] = QCoreApplication.translate("AccountEditor", "The port must be between 1 and 65535.")
    elif any(o.uri.lower() == uri.lower() and o.registrar == values.get("registrar", "") for o in others):
        errors["uri"] = QCoreApplication.translate("AccountEditor", "Another account already uses this SIP address and registrar.")
    if not values.get("local"):
        registrar = values.get("registrar", "")
        if not registrar:
            errors["registrar"] = QCoreApplication.translate("AccountEditor", "Enter the registrar your provider gave you (e.g. sip.example.com), "
                                      "or tick “No registrar” for a local account.")
        elif not is_sip_host(registrar):
            errors["registrar"] = QCoreApplication.translate("AccountEditor", "“%s” is not a registrar address. Write it as sip:host or "
                                      "sip:host:port.") % registrar
        elif _bad_port(registrar):
            errors["registrar"] = QCoreApplication.translate("AccountEditor", "The port must be between 1 and 65535.")
        proxy = values.get("proxy", "")
        if proxy and not is_sip_host(proxy):
            errors["proxy"] = QCoreApplication.translate("AccountEditor", "“%s” is not a proxy address. Write it as sip:host or sip:host:port, "
                                  "or leave it empty.") % proxy
        elif proxy and _bad_port(proxy):
            errors["proxy"] = QCoreApplication.translate("AccountEditor", "The port must be between 1 and 65535.")
        user = values.get("user", "")
        if re.search(r"[\s\"<>]", user):
            errors["user"] = QCoreApplication.translate("AccountEditor", "The authentication user cannot contain spaces, quotes or angle brackets.")
        password = values.get("password")
        if password is not None and ("\n" in password or "\r" in password):
            errors["password"] = QCoreApplication.translate("AccountEditor", "The password cannot contain line breaks.")
        lo, hi = REG_INTERVAL_RANGE
        try:
            interval = int(values.get("reg_interval", 300))
        except (TypeError, ValueError):
            interval = -1
        if not lo <= interval <= hi:
            errors["reg_interval"] = QCoreApplication.translate("AccountEditor", "Register every %d to %d seconds.") % (lo, hi)
    if values.get("transport", "auto") not in TRANSPORTS:
        errors["transport"] = QCoreApplication.translate("AccountEditor", "Choose automatic, UDP, TCP or TLS.")
    if values.get("srtp", "off") not in SRTP_MODES:
        errors["srtp"] = QCoreApplication.translate("AccountEditor", "Choose off, optional or mandatory.")
    return errors


class AccountEditor(QDialog):
    """Add or edit one account; OK only closes once every field is valid."""

    def __init__(self, account: SipAccount | None, others: list[SipAccount], has_password: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit SIP account") if account else self.tr("Add SIP account"))
        self.account = account
        self.others = others
        a = account or SipAccount(id="", uri="")
        self.display_name = QLineEdit(a.display_name)
        self.display_name.setPlaceholderText(self.tr("e.g. Office line"))
        self.uri = QLineEdit(a.uri)
        self.uri.setPlaceholderText("sip:alice@sip.example.com")  # i18n: not text
        self.local = QCheckBox(self.tr("No registrar (local account: calls and is called by direct SIP address)"))
        self.local.setChecked(account is not None and a.local)
        self.registrar = QLineEdit(a.registrar)
        self.registrar.setPlaceholderText("sip:sip.example.com")  # i18n: not text
        self.proxy = QLineEdit(a.proxy)
        self.proxy.setPlaceholderText(self.tr("optional, e.g. sip:proxy.example.com;lr"))
        self.user = QLineEdit(a.user)
        self.user.setPlaceholderText(self.tr("empty = the user part of the SIP address"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged (kept in the keyring)") if has_password
                                         else self.tr("kept in the system keyring"))
        self.transport = QComboBox()
        for t in TRANSPORTS:
            self.transport.addItem(self.tr("Automatic (finds a way through the firewall)") if t == "auto"
                                   else t.upper(), t)
        self.transport.setCurrentIndex(max(0, self.transport.findData(a.transport)))
        self.reg_interval = QSpinBox()
        self.reg_interval.setRange(*REG_INTERVAL_RANGE)
        self.reg_interval.setSingleStep(60)
        self.reg_interval.setSuffix(self.tr(" s"))
        self.reg_interval.setValue(min(max(a.reg_interval, REG_INTERVAL_RANGE[0]), REG_INTERVAL_RANGE[1]))
        self.srtp = QComboBox()
        for mode, text in zip(SRTP_MODES, (self.tr("Off"), self.tr("Optional (encrypt when the other side can)"),
                                           self.tr("Mandatory (refuse unencrypted calls)")), strict=True):
            self.srtp.addItem(text, mode)
        self.srtp.setCurrentIndex(max(0, self.srtp.findData(a.srtp)))
        self.default = QCheckBox(self.tr("Default account for outgoing calls"))
        self.default.setChecked(a.default or not others)

        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = [("display_name", self.tr("Display name"), self.display_name),
                ("uri", self.tr("SIP address"), self.uri),
                ("local", "", self.local),
                ("registrar", self.tr("Registrar"), self.registrar),
                ("proxy", self.tr("Outbound proxy"), self.proxy),
                ("user", self.tr("Authentication user"), self.user),
                ("password", self.tr("Password"), self.password),
                ("transport", self.tr("Transport"), self.transport),
                ("reg_interval", self.tr("Register every"), self.reg_interval),
                ("srtp", self.tr("Encryption (SRTP)"), self.srtp),
                ("default", "", self.default)]
        self.field_widgets: dict[str, QWidget] = {}
        for key, label, widget in rows:
            self.field_widgets[key] = widget
            if key in FIELDS:
                box = QWidget()
                bv = QVBoxLayout(box)
                bv.setContentsMargins(0, 0, 0, 0)
                bv.setSpacing(2)
                bv.addWidget(widget)
                err = QLabel()
                err.setTextFormat(Qt.TextFormat.PlainText)  # messages are text: "account's", not HTML
                err.setObjectName(f"error_{key}")
                theme.tone(err, "error")
                err.setWordWrap(True)
                err.hide()
                bv.addWidget(err)
                self.errors[key] = err
                form.addRow(label, box)
                form.labelForField(box).setBuddy(widget)
                widget.setAccessibleName(label)  # the label is not its sibling: named here for screen readers
            else:
                form.addRow(label, widget)
        self.local.toggled.connect(self._local_toggled)
        self._local_toggled(self.local.isChecked())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self.result_account: SipAccount | None = None
        self.result_password: str | None = None  # None = unchanged

    def _local_toggled(self, local: bool) -> None:
        for key in ("registrar", "proxy", "user", "password", "reg_interval"):
            self.field_widgets[key].setEnabled(not local)
            if local:
                self.errors[key].hide()

    def values(self) -> dict:
        return normalize_values({
            "display_name": self.display_name.text(), "uri": self.uri.text(),
            "local": self.local.isChecked(),
            "registrar": "" if self.local.isChecked() else self.registrar.text(),
            "proxy": "" if self.local.isChecked() else self.proxy.text(),
            "user": "" if self.local.isChecked() else self.user.text(),
            "password": self.password.text() or None,
            "transport": self.transport.currentData(), "reg_interval": self.reg_interval.value(),
            "srtp": self.srtp.currentData(),
        })

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        if errors:
            self.field_widgets[next(k for k in FIELDS if k in errors)].setFocus()
        # grow (or shrink back) to fit the messages: wrapped labels need a height for this width
        self.layout().activate()
        self.resize(self.width(), max(self.layout().totalHeightForWidth(self.width()),
                                      self.layout().totalMinimumSize().height()))

    def accept(self) -> None:
        v = self.values()
        others = [o for o in self.others if self.account is None or o.id != self.account.id]
        errors = validate(v, others)
        self.show_errors(errors)
        if errors:
            return
        self.result_account = SipAccount(
            id=self.account.id if self.account else new_account_id(), uri=v["uri"],
            display_name=v["display_name"], registrar=v["registrar"], proxy=v["proxy"], user=v["user"],
            transport=v["transport"], reg_interval=int(v["reg_interval"]), srtp=v["srtp"],
            default=self.default.isChecked())
        self.result_password = "" if v["local"] else v["password"]
        super().accept()


class AccountsPage(QWidget):
    """The list of accounts: add, edit, remove, choose the default. `apply()` saves them."""

    def __init__(self, profile, parent=None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.accounts: list[SipAccount] = load_accounts(profile)
        self._passwords: dict[str, str] = {}  # id -> new password ("" = delete)
        self._removed: set[str] = set()
        self.changed = False
        self.keyring_missing = False
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Accounts"))
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(lambda _it: self.edit_account())
        self.list.currentRowChanged.connect(self._update_buttons)
        self.add_btn = QPushButton(self.tr("Add…"))
        self.add_btn.setToolTip(self.tr("Add a SIP account"))
        self.add_btn.clicked.connect(self.add_account)
        self.edit_btn = QPushButton(self.tr("Edit…"))
        self.edit_btn.setToolTip(self.tr("Edit the selected account"))
        self.edit_btn.clicked.connect(self.edit_account)
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.setToolTip(self.tr("Remove the selected account"))
        self.remove_btn.clicked.connect(self.remove_account)
        self.default_btn = QPushButton(self.tr("Make default"))
        self.default_btn.clicked.connect(self.make_default)
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.remove_btn, self.default_btn):
            buttons.addWidget(b)
        buttons.addStretch()
        self.empty = QLabel(self.tr("No SIP account yet. Without one, WhitePhone still calls and answers "
                                    "SIP addresses directly; to call phone numbers, add the account your "
                                    "provider gave you."))
        self.empty.setWordWrap(True)
        note = QLabel(self.tr("Passwords are kept in the system keyring, never in the settings file. "
                              "The default account places outgoing calls; phone numbers go through the "
                              "default account, or the first one with a registrar."))
        note.setWordWrap(True)
        theme.tone(note, "muted")
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("SIP accounts:")))
        v.addWidget(self.list, 1)
        v.addWidget(self.empty)
        v.addLayout(buttons)
        v.addWidget(note)
        self.reload()

    # -- list --------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        self.list.clear()
        automatic = self.tr("automatic")
        srtp = {"optional": self.tr("optional"), "mandatory": self.tr("mandatory")}
        for a in self.accounts:
            kind = self.tr("local, no registrar") if a.local else (
                f"{a.registrar} · {automatic if a.transport == 'auto' else a.transport.upper()}" + (f" · SRTP {srtp.get(a.srtp, a.srtp)}" if a.srtp != "off" else ""))
            text = f"{a.label}" + ("  " + self.tr("(default)") if a.default else "") + f"\n{a.uri} · {kind}"
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, a.id)
            if a.default:
                f = it.font()
                f.setBold(True)
                it.setFont(f)
            self.list.addItem(it)
            if a.id == select:
                self.list.setCurrentItem(it)
        if self.list.currentRow() < 0 and self.accounts:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self.accounts)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        a = self.current()
        for b in (self.edit_btn, self.remove_btn):
            b.setEnabled(a is not None)
        self.default_btn.setEnabled(a is not None and not a.default)

    def current(self) -> SipAccount | None:
        it = self.list.currentItem()
        if it is None:
            return None
        acc_id = it.data(Qt.ItemDataRole.UserRole)
        return next((a for a in self.accounts if a.id == acc_id), None)

    # -- actions -------------------------------------------------------------------------------
    def _run_editor(self, account: SipAccount | None) -> AccountEditor:
        # an account with a registrar has its password in the keyring (not read here: no prompt)
        return AccountEditor(account, self.accounts, account is not None and not account.local, self)

    def _take(self, editor: AccountEditor) -> None:
        acc = editor.result_account
        if acc.default:
            for a in self.accounts:
                a.default = False
        if editor.result_password is not None:
            self._passwords[acc.id] = editor.result_password
        self.accounts = normalized(self.accounts)
        self.changed = True
        self.reload(select=acc.id)

    def add_account(self) -> None:
        editor = self._run_editor(None)
        if editor.exec():
            self.accounts.append(editor.result_account)
            self._take(editor)

    def edit_account(self) -> None:
        a = self.current()
        if a is None:
            return
        editor = self._run_editor(a)
        if editor.exec():
            i = self.accounts.index(a)
            self.accounts[i] = editor.result_account
            self._take(editor)

    def remove_account(self) -> None:
        a = self.current()
        if a is None:
            return
        if QMessageBox.question(self, self.tr("Remove account"),
                                self.tr("Remove the account %s? Its password is deleted from the keyring.")
                                % a.label) != QMessageBox.StandardButton.Yes:
            return
        self.accounts.remove(a)
        self._removed.add(a.id)
        self._passwords.pop(a.id, None)
        self.accounts = normalized(self.accounts)
        self.changed = True
        self.reload()

    def make_default(self) -> None:
        a = self.current()
        if a is None:
            return
        for o in self.accounts:
            o.default = o is a
        self.changed = True
        self.reload(select=a.id)

    # -- saving --------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Save the accounts (settings.json) and passwords (keyring). True if anything changed."""
        if not self.changed:
            return False
        for acc_id in self._removed:
            self.profile.delete_secret(password_secret(acc_id))
        for acc_id, password in self._passwords.items():
            if password:
                if not self.profile.set_secret(password_secret(acc_id), password):
                    self.keyring_missing = True
            else:
                self.profile.delete_secret(password_secret(acc_id))
        save_accounts(self.profile, self.accounts)
        if self.keyring_missing:
            QMessageBox.warning(self, self.tr("Accounts"),
                                self.tr("No system keyring is available: the password is kept for this "
                                        "session only and must be entered again after a restart."))
        self._removed.clear()
        self._passwords.clear()
        self.changed = False
        return True
