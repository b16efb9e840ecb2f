"""Preferences → Office, My profile, and User Admin. Every hub request runs on the Team's
worker; the dialogs show what came back, or the hub's reason in a sentence."""

from __future__ import annotations

import html
import zoneinfo
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

PHOTO_MAX_BYTES = 1024 * 1024
PERMISSIONS = ("logo", "company", "products", "users", "pstn", "announcements", "crm_admin")


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
                                 % html.escape(office.colleague_url))
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


class MyProfileDialog(QDialog):
    """Name, photo (≤ 1 MB), region, time zone, hidden from outside searches; change password."""

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("My profile"))
        self.setMinimumWidth(460)
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.photo = QLabel()
        self.photo.setFixedSize(96, 96)
        self.photo.setStyleSheet("border: 1px solid #bbb; background: #f4f4f4;")
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        photo_btn = QPushButton(self.tr("Choose photo…"))
        photo_btn.clicked.connect(self.choose_photo)
        top.addWidget(self.photo)
        top.addWidget(photo_btn, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch()
        v.addLayout(top)
        f = QFormLayout()
        self.name = QLineEdit()
        self.email = QLabel(html.escape(team.app.session.info.get("email", "")))
        self.region = QLineEdit()
        self.region.setMaxLength(2)
        self.region.setPlaceholderText("GB")
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(zoneinfo.available_timezones()))
        self.hidden = QCheckBox(self.tr("Hide me from searches by other companies"))
        f.addRow(self.tr("Name:"), self.name)
        f.addRow(self.tr("E-mail:"), self.email)
        f.addRow(self.tr("Region (country code):"), self.region)
        f.addRow(self.tr("Time zone:"), self.timezone)
        f.addRow("", self.hidden)
        v.addLayout(f)
        pw = QPushButton(self.tr("Change password…"))
        pw.clicked.connect(self.change_password)
        v.addWidget(pw, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = QLabel()
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        v.addWidget(self.buttons)
        self._load_photo()
        self.message.setText(self.tr("Loading your profile from the hub…"))
        team.run(lambda: team.app.session.ensure().request("GET", "/api/v1/profile"), self._loaded, self._failed)

    @property
    def photo_path(self) -> Path:
        return self.team.app.profile.root / "photo.png"

    def _load_photo(self) -> None:
        if self.photo_path.exists():
            self.photo.setPixmap(QPixmap(str(self.photo_path)).scaled(
                94, 94, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo.setText(self.tr("No photo"))

    def _loaded(self, p: dict) -> None:
        self.profile = p
        self.name.setText(p.get("name", ""))
        self.region.setText(p.get("region") or self.team.app.profile.region)
        self.timezone.setCurrentText(p.get("timezone") or "")
        self.hidden.setChecked(bool(p.get("hidden")))
        self.message.clear()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(f"<span style='color:#b71c1c'>{html.escape(str(exc))}</span>")

    def choose_photo(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose photo"), "",
                                                  self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"))
            if not path:
                return False
        size = Path(path).stat().st_size
        if size > PHOTO_MAX_BYTES:
            self._failed(ValueError(self.tr("That photo is %.1f MB; choose one of 1 MB or less.") % (size / 2**20)))
            return False
        image = QImage(path)
        if image.isNull():
            self._failed(ValueError(self.tr("That file is not a picture WhitePhone can read.")))
            return False
        image.scaled(256, 256, Qt.AspectRatioMode.KeepAspectRatio,
                     Qt.TransformationMode.SmoothTransformation).save(str(self.photo_path), "PNG")
        self._load_photo()
        self.message.clear()
        return True

    def save(self) -> None:
        region = self.region.text().strip().upper()
        tz = self.timezone.currentText().strip()
        if region and (len(region) != 2 or not region.isalpha()):
            self._failed(ValueError(self.tr("The region is a two-letter country code, such as GB or DE.")))
            return
        if tz and tz not in zoneinfo.available_timezones():
            self._failed(ValueError(self.tr("“%s” is not a time zone; pick one from the list.") % tz))
            return
        body = {"name": self.name.text().strip(), "hidden": self.hidden.isChecked()}
        if region:
            body["region"] = region
        if tz:
            body["timezone"] = tz
        if not body["name"]:
            self._failed(ValueError(self.tr("Enter your name.")))
            return
        self.buttons.setEnabled(False)

        def done(_p) -> None:
            if region:
                self.team.app.profile.region = region
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self._failed(exc)

        self.team.run(lambda: self.team.app.session.ensure().request("PATCH", "/api/v1/profile", json=body),
                      done, failed)

    def change_password(self) -> None:
        old, ok = QInputDialog.getText(self, self.tr("Change password"), self.tr("Current password:"),
                                       QLineEdit.EchoMode.Password)
        if not ok:
            return
        new, ok = QInputDialog.getText(self, self.tr("Change password"),
                                       self.tr("New password (at least 8 characters):"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        if len(new) < 8:
            self._failed(ValueError(self.tr("The new password needs at least 8 characters.")))
            return
        self.team.run(lambda: self.team.app.session.ensure().request(
            "POST", "/api/v1/password", json={"old_password": old, "new_password": new}),
            lambda _r: self.message.setText(self.tr("Password changed. Other computers signed in as you must "
                                                    "sign in again.")), self._failed)


class CompanyProfileDialog(QDialog):
    """The company's name and regions; the hub lets holders of `company` / `products` change them."""

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Company profile"))
        self.setMinimumWidth(420)
        f = QFormLayout(self)
        self.name = QLineEdit()
        self.regions = QLineEdit()
        self.regions.setPlaceholderText(self.tr("country codes, e.g. GB, DE, FR"))
        f.addRow(self.tr("Company name:"), self.name)
        f.addRow(self.tr("Regions you trade in:"), self.regions)
        self.message = QLabel()
        self.message.setWordWrap(True)
        f.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        f.addRow(self.buttons)
        self.loaded: dict = {}
        team.run(lambda: team.app.session.ensure().company(), self._loaded, self._failed)

    def _loaded(self, c: dict) -> None:
        self.loaded = c
        self.name.setText(c.get("name", ""))
        self.regions.setText(", ".join(c.get("regions") or []))

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(f"<span style='color:#b71c1c'>{html.escape(str(exc))}</span>")

    def save(self) -> None:
        regions = [r.strip().upper() for r in self.regions.text().replace(";", ",").split(",") if r.strip()]
        bad = [r for r in regions if len(r) != 2 or not r.isalpha()]
        if bad:
            self._failed(ValueError(self.tr("Regions are two-letter country codes; “%s” is not one.") % bad[0]))
            return
        body: dict = {}
        if self.name.text().strip() != self.loaded.get("name"):
            body["name"] = self.name.text().strip()
        if regions != (self.loaded.get("regions") or []):
            body["regions"] = regions
        if not body:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self.team.run(lambda: self.team.app.session.ensure().request("PATCH", "/api/v1/company", json=body),
                      lambda _c: self.accept(), self._failed)


class UserAdminDialog(QDialog):
    """Users (add, disable, remove) and call groups (create, members), for admins and holders of
    the `users` permission (groups: `crm_admin`). The hub checks every change."""

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("User Admin"))
        self.resize(760, 460)
        v = QVBoxLayout(self)
        tabs = QTabWidget()
        v.addWidget(tabs)
        users = QWidget()
        uv = QVBoxLayout(users)
        self.users = QTableWidget(0, 4)
        self.users.setHorizontalHeaderLabels([self.tr("Name"), self.tr("E-mail"), self.tr("Permissions"),
                                              self.tr("State")])
        self.users.verticalHeader().hide()
        self.users.horizontalHeader().setStretchLastSection(True)
        self.users.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.users.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        uv.addWidget(self.users)
        row = QHBoxLayout()
        self.add_btn = QPushButton(self.tr("Add user…"))
        self.add_btn.clicked.connect(self.add_user)
        self.disable_btn = QPushButton(self.tr("Disable"))
        self.disable_btn.clicked.connect(self.disable_user)
        self.enable_btn = QPushButton(self.tr("Enable"))
        self.enable_btn.setEnabled(False)
        self.enable_btn.setToolTip(self.tr("The hub cannot enable an account yet"))
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.clicked.connect(self.remove_user)
        for b in (self.add_btn, self.disable_btn, self.enable_btn, self.remove_btn):
            row.addWidget(b)
        row.addStretch()
        uv.addLayout(row)
        tabs.addTab(users, self.tr("Users"))

        groups = QWidget()
        gv = QHBoxLayout(groups)
        left = QVBoxLayout()
        self.groups = QListWidget()
        self.groups.currentRowChanged.connect(self._show_members)
        new_group = QPushButton(self.tr("New call group…"))
        new_group.clicked.connect(self.new_group)
        left.addWidget(self.groups)
        left.addWidget(new_group)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Members:")))
        self.members = QListWidget()
        right.addWidget(self.members)
        mrow = QHBoxLayout()
        add_member, remove_member = QPushButton(self.tr("Add member…")), QPushButton(self.tr("Remove member"))
        add_member.clicked.connect(self.add_member)
        remove_member.clicked.connect(self.remove_member)
        mrow.addWidget(add_member)
        mrow.addWidget(remove_member)
        right.addLayout(mrow)
        gv.addLayout(left)
        gv.addLayout(right)
        tabs.addTab(groups, self.tr("Call groups"))

        self.message = QLabel()
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        v.addWidget(box)
        self.user_rows: list[dict] = []
        self.group_rows: list[dict] = []
        self.reload()

    def _hub(self, method: str, path: str, then=None, **kw) -> None:
        self.team.run(lambda: self.team.app.session.ensure().request(method, path, **kw),
                      lambda r: (self.message.clear(), then(r) if then else self.reload()), self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(f"<span style='color:#b71c1c'>{html.escape(str(exc))}</span>")

    def reload(self) -> None:
        def work():
            client = self.team.app.session.ensure()
            return client.users(), client.request("GET", "/api/v1/groups")

        self.team.run(work, self._show, self._failed)

    def _show(self, data) -> None:
        users, groups = data
        self.user_rows, self.group_rows = users, groups
        self.users.setRowCount(len(users))
        for i, u in enumerate(users):
            perms = self.tr("administrator") if u["is_admin"] else ", ".join(u["permissions"]) or "—"
            state = self.tr("disabled") if u["disabled"] else self.tr("active")
            for j, text in enumerate((u["name"], u["email"], perms, state)):
                self.users.setItem(i, j, QTableWidgetItem(text))
        self.users.resizeColumnsToContents()
        current = self.groups.currentRow()
        self.groups.clear()
        for g in groups:
            self.groups.addItem(g["name"])
        if groups:
            self.groups.setCurrentRow(min(max(current, 0), len(groups) - 1))
        self._show_members(self.groups.currentRow())

    def _selected_user(self) -> dict | None:
        row = self.users.currentRow()
        if row < 0 or row >= len(self.user_rows):
            self.message.setText(self.tr("Select a user in the list first."))
            return None
        return self.user_rows[row]

    def add_user(self, name: str = "", email: str = "", password: str = "", permissions: list[str] | None = None,
                 ask: bool = True) -> None:
        if ask:
            dlg = AddUserDialog(self)
            if not dlg.exec():
                return
            name, email, password, permissions = dlg.values()
        self._hub("POST", "/api/v1/users", json={"name": name, "email": email, "password": password,
                                                 "permissions": permissions or []})

    def disable_user(self) -> None:
        u = self._selected_user()
        if u is not None:
            self._hub("POST", f"/api/v1/users/{u['id']}/disable")

    def remove_user(self, confirm: bool = True) -> None:
        u = self._selected_user()
        if u is None:
            return
        if confirm and QMessageBox.question(self, self.tr("Remove user"), self.tr(
                "Remove %s? They can no longer sign in; what they shared stays.") % u["name"]) \
                != QMessageBox.StandardButton.Yes:
            return
        self._hub("DELETE", f"/api/v1/users/{u['id']}")

    def new_group(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("New call group"), self.tr("Name (e.g. Sales):"))
            if not ok or not name.strip():
                return
        self._hub("POST", "/api/v1/groups", json={"name": name.strip()})

    def _show_members(self, row: int) -> None:
        self.members.clear()
        if row < 0 or row >= len(self.group_rows):
            return
        names = {u["id"]: u["name"] for u in self.user_rows}
        for uid in self.group_rows[row]["members"]:
            item = QListWidgetItem(names.get(uid, f"user {uid}"))
            item.setData(Qt.ItemDataRole.UserRole, uid)
            self.members.addItem(item)

    def add_member(self, user_id: int | None = None) -> None:
        row = self.groups.currentRow()
        if row < 0:
            self.message.setText(self.tr("Create or select a call group first."))
            return
        if user_id is None:
            labels = [f"{u['name']} <{u['email']}>" for u in self.user_rows]
            choice, ok = QInputDialog.getItem(self, self.tr("Add member"), self.tr("User:"), labels, 0, False)
            if not ok:
                return
            user_id = self.user_rows[labels.index(choice)]["id"]
        self._hub("POST", f"/api/v1/groups/{self.group_rows[row]['id']}/members", json={"user_id": user_id})

    def remove_member(self) -> None:
        row, item = self.groups.currentRow(), self.members.currentItem()
        if row >= 0 and item is not None:
            self._hub("DELETE", f"/api/v1/groups/{self.group_rows[row]['id']}/members/"
                                f"{item.data(Qt.ItemDataRole.UserRole)}")


class AddUserDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add user"))
        f = QFormLayout(self)
        self.name, self.email, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("at least 8 characters; tell them, they can change it"))
        f.addRow(self.tr("Name:"), self.name)
        f.addRow(self.tr("E-mail:"), self.email)
        f.addRow(self.tr("Password:"), self.password)
        self.perms = {p: QCheckBox(p) for p in PERMISSIONS}
        box = QWidget()
        h = QHBoxLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        for c in self.perms.values():
            h.addWidget(c)
        f.addRow(self.tr("Permissions:"), box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        f.addRow(buttons)

    def values(self) -> tuple[str, str, str, list[str]]:
        return (self.name.text().strip(), self.email.text().strip(), self.password.text(),
                [p for p, c in self.perms.items() if c.isChecked()])
