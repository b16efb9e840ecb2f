"""User Admin (seed 000), for admins and holders of the `users` permission: the company's users
with their permissions and state; add a user (granting only permissions the admin holds, as the
hub requires), disable, enable, remove; and the call groups with their members (changed by holders
of `crm_admin`). Every refusal shows the hub's reason."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from whitephone.sync.permissions import (
    LABELS,
    PERMISSIONS,
    SHORT,
    grantable,
    holds,
    may_admin_users,
    permissions_text,
    state_text,
)
from whitephone.ui import a11y, theme
from whitephone.ui.dialogs import hub_dialog
from whitephone.ui.dialogs.hub_dialog import HubDialog

USER_ID = Qt.ItemDataRole.UserRole

# the texts of whitephone.sync.permissions (plain Python, no tr), marked here for lupdate
PERMISSION_TEXTS = (
    QT_TRANSLATE_NOOP("Permission", "Upload the company logo"),
    QT_TRANSLATE_NOOP("Permission", "Edit the company profile"),
    QT_TRANSLATE_NOOP("Permission", "Company regions and products"),
    QT_TRANSLATE_NOOP("Permission", "User admin (add, disable, remove users)"),
    QT_TRANSLATE_NOOP("Permission", "Calls to phone numbers"),
    QT_TRANSLATE_NOOP("Permission", "Send announcements"),
    QT_TRANSLATE_NOOP("Permission", "CRM admin and call groups"),
    QT_TRANSLATE_NOOP("Permission", "Team reports (everyone's calls per day)"),
    # short names (permissions.SHORT), as the user list shows them
    QT_TRANSLATE_NOOP("Permission", "Logo"), QT_TRANSLATE_NOOP("Permission", "Company"),
    QT_TRANSLATE_NOOP("Permission", "Products"), QT_TRANSLATE_NOOP("Permission", "Users"),
    QT_TRANSLATE_NOOP("Permission", "Phone calls"), QT_TRANSLATE_NOOP("Permission", "Announcements"),
    QT_TRANSLATE_NOOP("Permission", "CRM admin"), QT_TRANSLATE_NOOP("Permission", "Reports"),
    # permissions_text and state_text
    QT_TRANSLATE_NOOP("Permission", "All (admin)"), QT_TRANSLATE_NOOP("Permission", "None"),
    QT_TRANSLATE_NOOP("Permission", "Admin"), QT_TRANSLATE_NOOP("Permission", "Disabled"),
    QT_TRANSLATE_NOOP("Permission", "Active"),
)


def permission_tr(text: str) -> str:
    """A text of whitephone.sync.permissions in the window's language."""
    return QCoreApplication.translate("Permission", text)  # i18n: marked


def user_permissions_text(user: dict) -> str:
    """permissions_text, each part translated."""
    if user.get("is_admin") or not user.get("permissions"):
        return permission_tr(permissions_text(user))
    return ", ".join(permission_tr(SHORT.get(p, p)) for p in PERMISSIONS if p in user["permissions"]) \
        or permission_tr("None")


class PermissionBoxes(QGroupBox):
    """A tick box per permission; those `me` does not hold are shown but cannot be changed."""

    def __init__(self, me: dict, checked: list[str] = (), parent=None) -> None:
        super().__init__(self.tr("Permissions"), parent)
        grid = QGridLayout(self)
        allowed = set(grantable(me))
        self._initial = set(checked)
        self.boxes: dict[str, QCheckBox] = {}
        for i, p in enumerate(PERMISSIONS):
            box = QCheckBox(permission_tr(LABELS[p]))
            box.setChecked(p in checked)
            box.setEnabled(p in allowed)
            if p not in allowed:
                box.setToolTip(self.tr("You do not hold this permission, so you cannot grant or remove it."))
            self.boxes[p] = box
            grid.addWidget(box, i // 2, i % 2)
        if len(allowed) < len(PERMISSIONS):
            hint = QLabel(self.tr("Greyed permissions are ones you do not hold, so you cannot change them."))
            hint.setWordWrap(True)
            grid.addWidget(hint, (len(PERMISSIONS) + 1) // 2, 0, 1, 2)

    def checked(self) -> list[str]:
        """The ticked permissions; one this user may not change stays as it was."""
        return [p for p, box in self.boxes.items() if (box.isChecked() if box.isEnabled() else p in self._initial)]


class AddUserDialog(QDialog):
    """Name, e-mail, password (twice) and permissions."""

    def __init__(self, me: dict, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a user"))
        self.name, self.email, self.password, self.confirm = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.password, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.email.setPlaceholderText("name@example.com")  # i18n: not text
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Confirm password"), self.confirm)
        self.permissions = PermissionBoxes(me)
        self.boxes = self.permissions.boxes
        self.error = QLabel()
        theme.tone(self.error, "error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add user"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.permissions)
        v.addWidget(self.error)
        v.addWidget(buttons)

    def values(self) -> dict:
        """{name, email, password, permissions}; ValueError with what is wrong."""
        name, email, pw = self.name.text().strip(), self.email.text().strip(), self.password.text()
        if not name:
            raise ValueError(self.tr("Enter the user's name."))
        if "@" not in email or email.startswith("@") or email.endswith("@"):
            raise ValueError(self.tr("Enter the user's e-mail address."))
        if len(pw) < 8:
            raise ValueError(self.tr("The password needs at least 8 characters."))
        if pw != self.confirm.text():
            raise ValueError(self.tr("The password and its confirmation differ."))
        return {"name": name, "email": email, "password": pw, "permissions": self.permissions.checked()}

    def _ok(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class PermissionsDialog(QDialog):
    """Change one user's permissions."""

    def __init__(self, me: dict, user: dict, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Permissions of %s") % user["name"])
        self.permissions = PermissionBoxes(me, user.get("permissions") or [])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(f"{user['name']} <{user['email']}>"))
        v.addWidget(self.permissions)
        v.addWidget(buttons)


class UserAdminDialog(HubDialog):
    def __init__(self, session, parent=None, worker=None) -> None:
        super().__init__(session, parent, worker)
        self.setWindowTitle(self.tr("User Admin"))
        self.me: dict = {}
        self.users: list[dict] = []
        self.groups: list[dict] = []

        # users
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Users"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("E-mail"), self.tr("Permissions"),
                                              self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(
            lambda _: self.permissions_button.isEnabled() and self._permissions_clicked())
        self.add_button = QPushButton(self.tr("Add user…"))
        self.add_button.clicked.connect(self._add_user_clicked)
        self.disable_button = QPushButton(self.tr("Disable"))
        self.disable_button.clicked.connect(lambda: self.disable_user(self.selected_user_id()))
        self.enable_button = QPushButton(self.tr("Enable"))
        self.enable_button.clicked.connect(lambda: self.enable_user(self.selected_user_id()))
        self.permissions_button = QPushButton(self.tr("Permissions…"))
        self.permissions_button.clicked.connect(self._permissions_clicked)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("Remove the selected user from the company"))
        self.remove_button.clicked.connect(self._remove_clicked)
        row = QHBoxLayout()
        for b in (self.add_button, self.permissions_button, self.disable_button, self.enable_button,
                  self.remove_button):
            row.addWidget(b)
        row.addStretch()
        users_page = QWidget()
        uv = QVBoxLayout(users_page)
        uv.addWidget(self.table)
        uv.addLayout(row)

        # call groups
        self.group_list = QListWidget()
        self.group_list.setAccessibleName(self.tr("Call groups"))
        self.group_list.currentRowChanged.connect(lambda _: self._show_members())
        self.member_list = QListWidget()
        self.member_list.setAccessibleName(self.tr("Members"))
        self.member_list.currentRowChanged.connect(lambda _: self._update_buttons())
        self.member_pick = QComboBox()
        a11y.name(self.member_pick, self.tr("Colleague to add"))
        self.new_group_button = QPushButton(self.tr("New group…"))
        self.new_group_button.clicked.connect(self._new_group_clicked)
        self.rename_group_button = QPushButton(self.tr("Rename…"))
        self.rename_group_button.setToolTip(self.tr("Rename the selected call group"))
        self.rename_group_button.clicked.connect(self._rename_group_clicked)
        self.delete_group_button = QPushButton(self.tr("Delete…"))
        self.delete_group_button.setToolTip(self.tr("Delete the selected call group"))
        self.delete_group_button.clicked.connect(self._delete_group_clicked)
        self.add_member_button = QPushButton(self.tr("Add member"))
        self.add_member_button.clicked.connect(
            lambda: self.add_member(self.selected_group_id(), self.member_pick.currentData()))
        self.remove_member_button = QPushButton(self.tr("Remove member"))
        self.remove_member_button.clicked.connect(self._remove_member_clicked)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Call groups")))
        left.addWidget(self.group_list)
        gb = QHBoxLayout()
        for b in (self.new_group_button, self.rename_group_button, self.delete_group_button):
            gb.addWidget(b)
        left.addLayout(gb)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Members")))
        right.addWidget(self.member_list)
        mb = QHBoxLayout()
        self.member_pick.setMinimumContentsLength(18)
        mb.addWidget(self.member_pick, 1)
        mb.addWidget(self.add_member_button)
        mb.addWidget(self.remove_member_button)
        right.addLayout(mb)
        self.groups_note = QLabel()
        self.groups_note.setWordWrap(True)
        groups_page = QWidget()
        gv = QVBoxLayout(groups_page)
        cols = QHBoxLayout()
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        gv.addLayout(cols)
        gv.addWidget(self.groups_note)

        self.pages = QTabWidget()
        self.pages.addTab(users_page, self.tr("Users"))
        self.pages.addTab(groups_page, self.tr("Call groups"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(self.pages)
        v.addWidget(self.message)
        v.addWidget(close)
        self.resize(760, 480)
        self._update_buttons()
        self.refresh()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        def fetch():
            client = self.client()
            return client.me(), client.users(), client.groups()

        self.run(fetch, self._loaded)

    def _loaded(self, result) -> None:
        self.me, self.users, self.groups = result
        if not may_admin_users(self.me):
            self.show_error(self.tr("User Admin needs the Users permission; ask your administrator."))
        selected = self.selected_user_id()
        self.table.setRowCount(len(self.users))
        for i, u in enumerate(self.users):
            cells = [u["name"], u["email"], user_permissions_text(u), permission_tr(state_text(u))]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(USER_ID, u["id"])
                if u.get("disabled"):
                    item.setForeground(QColor(theme.colour("muted")))
                self.table.setItem(i, j, item)
            if u["id"] == selected:
                self.table.selectRow(i)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        current = self.selected_group_id()
        self.group_list.clear()
        for g in self.groups:
            item = QListWidgetItem(g["name"])
            item.setData(USER_ID, g["id"])
            self.group_list.addItem(item)
            if g["id"] == current:
                self.group_list.setCurrentItem(item)
        self._show_members()
        self._update_buttons()

    def _name_of(self, user_id: int) -> str:
        return next((f"{u['name']} <{u['email']}>" for u in self.users if u["id"] == user_id), f"#{user_id}")

    def _show_members(self) -> None:
        self.member_list.clear()
        members = (self.group(self.selected_group_id()) or {}).get("members", [])
        for uid in members:
            item = QListWidgetItem(self._name_of(uid))
            item.setData(USER_ID, uid)
            self.member_list.addItem(item)
        self.member_pick.clear()  # who can still join: enabled users not in the group
        for u in self.users:
            if not u.get("disabled") and u["id"] not in members:
                self.member_pick.addItem(self._name_of(u["id"]), u["id"])
        self._update_buttons()

    # ------------------------------------------------------------------ selection
    def user(self, user_id) -> dict | None:
        return next((u for u in self.users if u["id"] == user_id), None)

    def group(self, group_id) -> dict | None:
        return next((g for g in self.groups if g["id"] == group_id), None)

    def selected_user_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(USER_ID) if items else None

    def selected_group_id(self) -> int | None:
        item = self.group_list.currentItem()
        return item.data(USER_ID) if item else None

    def select_user(self, user_id: int) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(USER_ID) == user_id:
                self.table.selectRow(i)

    def _update_buttons(self) -> None:
        busy = self.pending > 0
        admin = may_admin_users(self.me) and not busy
        u = self.user(self.selected_user_id())
        mine = u is not None and u["id"] == self.me.get("id")
        self.add_button.setEnabled(admin)
        self.permissions_button.setEnabled(admin and u is not None and not mine and not u.get("is_admin"))
        self.disable_button.setEnabled(admin and u is not None and not u.get("disabled") and not mine)
        self.enable_button.setEnabled(admin and u is not None and bool(u.get("disabled")))
        self.remove_button.setEnabled(admin and u is not None and not mine)
        groups = holds(self.me, "crm_admin") and not busy
        g = self.selected_group_id() is not None
        self.new_group_button.setEnabled(groups)
        for b in (self.rename_group_button, self.delete_group_button):
            b.setEnabled(groups and g)
        self.add_member_button.setEnabled(groups and g and self.member_pick.count() > 0)
        self.remove_member_button.setEnabled(groups and g and self.member_list.currentItem() is not None)
        self.groups_note.setText("" if not self.me or holds(self.me, "crm_admin") else
                                 self.tr("Only holders of the CRM admin permission can change call groups."))

    def _set_busy(self, busy: bool) -> None:
        self._update_buttons()

    # ------------------------------------------------------------------ users
    def _add_user_clicked(self) -> None:
        dlg = AddUserDialog(self.me, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.add_user(**dlg.values())

    def add_user(self, name: str, email: str, password: str, permissions: list[str]) -> None:
        self._act(lambda c: c.add_user(name, email, password, permissions),
                  self.tr("%s was added; their login details were e-mailed to %s.") % (name, email))

    def _permissions_clicked(self) -> None:
        u = self.user(self.selected_user_id())
        if u is None:
            return
        dlg = PermissionsDialog(self.me, u, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.set_permissions(u["id"], dlg.permissions.checked())

    def set_permissions(self, user_id: int, permissions: list[str]) -> None:
        self._act(lambda c: c.set_permissions(user_id, permissions),
                  self.tr("The permissions of %s are changed.") % self._name_of(user_id))

    def disable_user(self, user_id: int | None) -> None:
        if user_id is not None:
            self._act(lambda c: c.disable_user(user_id),
                      self.tr("%s is disabled and signed out everywhere.") % self._name_of(user_id))

    def enable_user(self, user_id: int | None) -> None:
        if user_id is not None:
            self._act(lambda c: c.enable_user(user_id), self.tr("%s can sign in again.") % self._name_of(user_id))

    def _remove_clicked(self) -> None:
        uid = self.selected_user_id()
        if uid is not None and hub_dialog.ask(self, self.tr("Remove user"), self.tr(
                "Remove %s from the company? Their account and private data are deleted; "
                "this cannot be undone.") % self._name_of(uid)):
            self.remove_user(uid)

    def remove_user(self, user_id: int) -> None:
        self._act(lambda c: c.remove_user(user_id), self.tr("%s was removed.") % self._name_of(user_id))

    # ------------------------------------------------------------------ call groups
    def _new_group_clicked(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New call group"), self.tr("Name of the call group:"))
        if ok and name.strip():
            self.create_group(name.strip())

    def create_group(self, name: str, members: list[int] | None = None) -> None:
        self._act(lambda c: c.create_group(name, members), self.tr("Call group “%s” created.") % name)

    def _rename_group_clicked(self) -> None:
        g = self.group(self.selected_group_id())
        if g is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename call group"), self.tr("New name:"), text=g["name"])
        if ok and name.strip() and name.strip() != g["name"]:
            self.rename_group(g["id"], name.strip())

    def rename_group(self, group_id: int, name: str) -> None:
        self._act(lambda c: c.rename_group(group_id, name), self.tr("Call group renamed to “%s”.") % name)

    def _delete_group_clicked(self) -> None:
        g = self.group(self.selected_group_id())
        if g is not None and hub_dialog.ask(self, self.tr("Delete call group"),
                                            self.tr("Delete the call group “%s”?") % g["name"]):
            self.delete_group(g["id"])

    def delete_group(self, group_id: int) -> None:
        self._act(lambda c: c.delete_group(group_id), self.tr("Call group deleted."))

    def add_member(self, group_id: int | None, user_id: int | None) -> None:
        if group_id is not None and user_id is not None:
            self._act(lambda c: c.add_group_member(group_id, user_id),
                      self.tr("%s joined the call group.") % self._name_of(user_id))

    def _remove_member_clicked(self) -> None:
        item = self.member_list.currentItem()
        if item is not None:
            self.remove_member(self.selected_group_id(), item.data(USER_ID))

    def remove_member(self, group_id: int | None, user_id: int) -> None:
        if group_id is not None:
            self._act(lambda c: c.remove_group_member(group_id, user_id),
                      self.tr("%s left the call group.") % self._name_of(user_id))

    # ------------------------------------------------------------------ plumbing
    def _act(self, fn, done_text: str) -> None:
        """One change on the hub, then the lists again; the hub's reason if it refuses."""
        def work():
            client = self.client()
            fn(client)
            return client.me(), client.users(), client.groups()

        def done(result) -> None:
            self._loaded(result)
            self.show_info(done_text)

        self.run(work, done)
