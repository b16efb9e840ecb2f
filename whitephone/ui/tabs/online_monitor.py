"""The Online Monitor tab: colleagues and accepted contacts with their status, note and last
seen; my own status and note; Find people and contact requests. Live from the sync engine's
presence (through `Team.rosterChanged`)."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QItemSelectionModel,
    QLocale,
    QObject,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import theme
from whitephone.ui.icons import icon, presence_icon
from whitephone.ui.rich_text import escape
from whitephone.ui.team import SOUND_TEST_ID

STATUSES = ("online", "away", "busy", "dnd", "offline", "phone")
STATUS_LABELS = {"online": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Online"),
                 "away": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Away"),
                 "busy": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Busy"),
                 "dnd": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Do not disturb"),
                 "offline": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Offline"),
                 "phone": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Phone only"),
                 "invisible": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Invisible")}
MY_STATUSES = ("online", "away", "busy", "dnd", "invisible")
MESSAGE_KINDS = ((QT_TRANSLATE_NOOP("OnlineMonitorTab", "Send text"), "text"),
                 (QT_TRANSLATE_NOOP("OnlineMonitorTab", "Voice mail"), "voice"),
                 (QT_TRANSLATE_NOOP("OnlineMonitorTab", "Video mail"), "video"))


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("OnlineMonitorTab", text, "", n)  # i18n: marked


def status_text(status: str) -> str:
    """A presence state in words ("Do not disturb"), in the user's language."""
    return _tr(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def status_icon(status: str, size: int = 16) -> QIcon:
    """The icon of a presence state (seed 000's legend): colour and shape both tell it."""
    return presence_icon(status)


class LastSeen(QObject):
    """When someone was last seen, in words (a QObject: lupdate marks Qt's plural forms in tr alone)."""

    def text(self, ts: float | None, status: str) -> str:
        if status == "phone":
            return ""  # not on WhitePhone: no presence to tell
        if status not in ("offline", "invisible"):
            return self.tr("now")
        if not ts:
            return self.tr("never")
        s = int(time.time() - ts)
        if s < 90:
            return self.tr("a minute ago")
        minutes, hours = int(s / 60), int(s / 3600)
        if s < 3600:
            return self.tr("1 minute ago") if minutes == 1 else self.tr("%n minutes ago", "", minutes)
        if s < 86400:
            return self.tr("1 hour ago") if hours == 1 else self.tr("%n hours ago", "", hours)
        day = time.localtime(ts)
        return QLocale().toString(QDate(day.tm_year, day.tm_mon, day.tm_mday), QLocale.FormatType.ShortFormat)


def last_seen_text(ts: float | None, status: str) -> str:
    """"now", "never", "5 minutes ago", "2 hours ago", else the day (the locale's short date)."""
    return LastSeen().text(ts, status)


LEGEND = {
    "online": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Signed in and available; a call rings at once."),
    "away": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Signed in, but has not used the computer for a while (or chose Away)."),
    "busy": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Signed in and busy; calls still ring."),
    "dnd": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Do not disturb: please send a message instead of calling."),
    "offline": QT_TRANSLATE_NOOP("OnlineMonitorTab", "Not signed in (or invisible). “Last seen” tells when they were."),
    "phone": QT_TRANSLATE_NOOP("OnlineMonitorTab", "A contact from your address book, called on their phone number."),
}


def legend_html() -> str:
    """The seed's icon legend as text."""
    return "<br>".join(f"<b>{escape(status_text(s))}</b> — {escape(_tr(LEGEND[s]))}" for s in STATUSES)


class LegendDialog(QDialog):
    """Help → Online Monitor icons: each icon with what it means."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Online Monitor icons"))
        grid = QGridLayout(self)
        for row, s in enumerate(STATUSES):
            icon = QLabel()
            icon.setPixmap(status_icon(s).pixmap(QSize(16, 16), self.devicePixelRatioF()))
            text = QLabel(f"<b>{escape(status_text(s))}</b> — {escape(_tr(LEGEND[s]))}")
            text.setWordWrap(True)
            grid.addWidget(icon, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        grid.addWidget(box, len(STATUSES), 0, 1, 2)
        self.setMinimumWidth(480)


class OnlineMonitorTab(QWidget):
    callRequested = Signal(int)  # user id (SOUND_TEST_ID for the Sound Test)
    messageRequested = Signal(int, str)  # user id, "text" | "voice" | "video"
    profileRequested = Signal(int)
    crmRequested = Signal(int)  # user id (or a phone-only row's id): their CRM records
    signInRequested = Signal()

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        status_label = QLabel(self.tr("My status:"))
        top.addWidget(status_label)
        self.my_status = QComboBox()
        status_label.setBuddy(self.my_status)  # named "My status", not by the status it shows
        for s in MY_STATUSES:
            self.my_status.addItem(status_icon(s), status_text(s), s)
        self.my_status.activated.connect(self._status_chosen)
        top.addWidget(self.my_status)
        self.my_note = QLineEdit()
        self.my_note.setAccessibleName(self.tr("My status note"))
        self.my_note.setMaxLength(200)
        self.my_note.setPlaceholderText(self.tr("A note colleagues see (e.g. “In a meeting until 3”)"))
        self.my_note.editingFinished.connect(self._status_chosen)
        top.addWidget(self.my_note, 1)
        self.find_btn = QPushButton(self.tr("Find people…"))
        self.find_btn.setIcon(icon("search"))
        self.find_btn.clicked.connect(self.find_people)
        top.addWidget(self.find_btn)
        self.add_contact_btn = QPushButton(self.tr("Add from address book…"))
        self.add_contact_btn.setIcon(icon("new_contact"))
        self.add_contact_btn.clicked.connect(self.add_phone_contact)
        top.addWidget(self.add_contact_btn)
        self.requests_btn = QPushButton()
        self.requests_btn.setAccessibleName(self.tr("Contact requests"))
        self.requests_btn.clicked.connect(self.answer_requests)
        self.requests_btn.hide()
        top.addWidget(self.requests_btn)
        v.addLayout(top)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Colleagues and contacts"))
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Status"), self.tr("Note"), self.tr("Last seen")])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 140)
        self.tree.setColumnWidth(2, 420)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.callRequested.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.sign_in_btn = QPushButton(self.tr("Sign in…"))
        self.sign_in_btn.clicked.connect(self.signInRequested.emit)
        empty_page = QWidget()
        ev = QVBoxLayout(empty_page)
        ev.addStretch()
        ev.addWidget(self.empty)
        ev.addWidget(self.sign_in_btn, 0, Qt.AlignmentFlag.AlignHCenter)
        ev.addStretch()
        self.pages = QStackedWidget()
        self.pages.addWidget(empty_page)
        self.pages.addWidget(self.tree)
        v.addWidget(self.pages)
        self.requests: list[dict] = []
        team.rosterChanged.connect(self.show_roster)
        team.requestsChanged.connect(self.show_requests)
        team.signedIn.connect(lambda _info: self.show_roster(team.roster()))
        team.signedOut.connect(lambda: self.show_roster([]))
        self.show_roster(team.roster())

    # ------------------------------------------------------------------ showing
    def show_roster(self, rows: list) -> None:
        """Update the list in place: a presence change touches its row only, and the selection
        (and the row under the cursor) stays."""
        shown = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        items = {it.data(0, Qt.ItemDataRole.UserRole): it for it in shown}
        wanted = [e.user_id for e in rows]
        for e in rows:
            items.setdefault(e.user_id, QTreeWidgetItem())
            self._fill(items[e.user_id], e)
        if list(items)[:len(shown)] != wanted or len(shown) != len(wanted):
            # the order changed, or people came or went: rearrange the same items
            selected = {it.data(0, Qt.ItemDataRole.UserRole) for it in self.tree.selectedItems()}
            current = self.tree.currentItem()
            current_id = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
            while self.tree.topLevelItemCount():
                self.tree.takeTopLevelItem(0)
            self.tree.addTopLevelItems([items[uid] for uid in wanted])
            for uid in wanted:
                items[uid].setSelected(uid in selected)
            if current_id in wanted:
                self.tree.setCurrentItem(items[current_id], 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.pages.setCurrentIndex(1 if rows else 0)
        if not self.team.signed_in:
            theme.set_html(self.empty, self.tr("<h2 style='color:#445'>You are not signed in</h2><p style='color:#666'>"
                                       "Sign in to your company's WhitePhone hub, or start your own office hub, "
                                       "to see your colleagues and contacts here with their status.</p>"))
            self.sign_in_btn.show()
        else:
            theme.set_html(self.empty, self.tr("<h2 style='color:#445'>No one to show yet</h2><p style='color:#666'>"
                                       "Colleagues your administrator adds appear here with their status. "
                                       "Use “Find people…” to send a contact request to someone else.</p>"))
            self.sign_in_btn.hide()
        self.find_btn.setEnabled(self.team.signed_in)
        self.my_status.setEnabled(self.team.signed_in)
        self.my_note.setEnabled(self.team.signed_in)
        status, note = self.team.app.sync.presence
        i = self.my_status.findData(status)
        if i >= 0:
            self.my_status.setCurrentIndex(i)

    def _fill(self, item: QTreeWidgetItem, e) -> None:
        status = e.status
        for col, text in enumerate((e.name, status_text(status), e.note,
                                    last_seen_text(e.last_seen, status))):
            if item.text(col) != text:
                item.setText(col, text)
        if item.data(1, Qt.ItemDataRole.UserRole) != status:
            item.setIcon(0, status_icon(status))
        item.setData(0, Qt.ItemDataRole.UserRole, e.user_id)
        item.setData(1, Qt.ItemDataRole.UserRole, status)
        item.setToolTip(2, e.note or "")

    def show_requests(self, requests: list[dict]) -> None:
        self.requests = requests
        n = len(requests)
        self.requests_btn.setText(self.tr("1 contact request…") if n == 1 else self.tr("%n contact requests…", "", n))
        self.requests_btn.setVisible(bool(requests))

    def entry_ids(self) -> list[int]:
        return [self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(self.tree.topLevelItemCount())]

    def item_for(self, user_id: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == user_id:
                return item
        return None

    # ------------------------------------------------------------------ my status
    def _status_chosen(self, *_: object) -> None:
        if self.team.signed_in:
            self.team.set_presence(self.my_status.currentData(), self.my_note.text().strip())

    # ------------------------------------------------------------------ context menu
    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            if self.team.app.profile.get("monitor_hidden"):
                menu = QMenu(self)
                menu.addAction(self.tr("Show removed people again"), self.team.unhide_all)
                self._open_menu = menu
                menu.popup(self.tree.viewport().mapToGlobal(pos))
            return
        uid = item.data(0, Qt.ItemDataRole.UserRole)
        menu = QMenu(self)
        call = menu.addAction(self.tr("Call"))
        call.triggered.connect(lambda: self.callRequested.emit(uid))
        person = uid != SOUND_TEST_ID and uid > 0 and item.data(1, Qt.ItemDataRole.UserRole) != "phone"
        for text, kind in MESSAGE_KINDS:
            a = menu.addAction(self.tr(text))  # i18n: marked
            a.setEnabled(person)
            if not person:
                a.setToolTip(self.tr("Messages go to people on WhitePhone"))
            a.triggered.connect(lambda _=False, k=kind: self.messageRequested.emit(uid, k))
        crm = menu.addAction(self.tr("CRM"))
        crm.triggered.connect(lambda: self.crmRequested.emit(uid))
        crm.setEnabled(uid != SOUND_TEST_ID)
        menu.setToolTipsVisible(True)
        view = menu.addAction(self.tr("View profile"))
        view.triggered.connect(lambda: self.view_profile(uid))
        view.setEnabled(uid != SOUND_TEST_ID)
        menu.addSeparator()
        remove: QAction = menu.addAction(self.tr("Remove from monitor"))
        remove.triggered.connect(lambda: self.team.hide(uid))
        remove.setEnabled(uid != SOUND_TEST_ID)
        self._open_menu = menu  # tests look at it
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def view_profile(self, user_id: int) -> None:
        e = next((r for r in self.team.roster() if r.user_id == user_id), None)
        if e is None:
            return
        QMessageBox.information(self, e.name, self.tr("<b>%s</b><br>%s<br>Status: %s<br>Last seen: %s<br>%s") % (
            escape(e.name), self.tr("Colleague") if e.colleague else self.tr("Contact"),
            status_text(e.status), last_seen_text(e.last_seen, e.status), escape(e.note)))

    # ------------------------------------------------------------------ people
    def add_phone_contact(self) -> None:
        """Put an address-book contact on the monitor (phone only)."""
        name, ok = QInputDialog.getText(self, self.tr("Add from address book"),
                                        self.tr("Name of the contact to show on the monitor:"))
        if not ok or not name.strip():
            return
        hits = [h for h in self.team.app.contacts.search(name.strip(), limit=30) if h.phones]
        if not hits:
            QMessageBox.information(self, self.tr("Add from address book"),
                                    self.tr("No contact with a phone number matches “%s”.") % name.strip())
            return
        labels = [f"{h.display_name} — {h.phones[0]}" for h in hits]
        choice, ok = QInputDialog.getItem(self, self.tr("Add from address book"), self.tr("Contact:"), labels, 0,
                                          False)
        if ok:
            self.team.add_phone_contact(hits[labels.index(choice)].id)

    def find_people(self) -> None:
        FindPeopleDialog(self.team, self).exec()

    def answer_requests(self) -> None:
        ContactRequestsDialog(self.team, self.requests, self).exec()


class FindPeopleDialog(QDialog):
    """Search the hub's directory and send a contact request."""

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Find people"))
        self.resize(480, 400)
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setAccessibleName(self.tr("Name or e-mail"))
        self.query.setPlaceholderText(self.tr("Name or e-mail"))
        self.query.returnPressed.connect(self.search)
        go = QPushButton(self.tr("Search"))
        go.clicked.connect(self.search)
        row.addWidget(self.query, 1)
        row.addWidget(go)
        v.addLayout(row)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("People found"))
        v.addWidget(self.results)
        self.note = QLabel(self.tr("Search your company and other WhitePhone users who can be found."))
        self.note.setWordWrap(True)
        v.addWidget(self.note)
        self.send = QPushButton(self.tr("Send contact request"))
        self.send.clicked.connect(self.send_request)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.addButton(self.send, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        v.addWidget(box)

    def search(self) -> None:
        self.note.setText(self.tr("Searching…"))
        self.team.find_people(self.query.text().strip(), self._found,
                              lambda exc: self.note.setText(str(exc)))

    def _found(self, people: list[dict]) -> None:
        self.results.clear()
        me = self.team.app.session.info.get("user_id")
        company = self.team.app.session.info.get("company_id")
        for p in people:
            if p.get("id") == me:
                continue
            where = self.tr("colleague") if p.get("company_id") == company else self.tr("other company")
            item = QListWidgetItem(f"{p.get('name', '')} — {p.get('email', '') or where}")
            item.setData(Qt.ItemDataRole.UserRole, p.get("id"))
            self.results.addItem(item)
        self.note.setText(self.tr("%n found. Select someone and send a contact request; once they accept, "
                                  "you see each other's status.", "", self.results.count())
                          if self.results.count() else self.tr("No one matches that search."))

    def send_request(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.note.setText(self.tr("Select someone in the list first."))
            return
        name = item.text().split(" — ")[0]
        self.team.send_request(item.data(Qt.ItemDataRole.UserRole),
                               lambda _r: self.note.setText(self.tr("Contact request sent to %s.") % name),
                               lambda exc: self.note.setText(str(exc)))


class ContactRequestsDialog(QDialog):
    """Pending contact requests to me: accept or decline each."""

    def __init__(self, team, requests: list[dict], parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Contact requests"))
        v = QVBoxLayout(self)
        self.list = QListWidget()
        for r in requests:
            item = QListWidgetItem(self.tr("%s wants to see your status and call you.") % r["name"])
            item.setData(Qt.ItemDataRole.UserRole, r["id"])
            self.list.addItem(item)
        v.addWidget(self.list)
        row = QHBoxLayout()
        accept, decline = QPushButton(self.tr("Accept")), QPushButton(self.tr("Decline"))
        accept.clicked.connect(lambda: self.answer(True))
        decline.clicked.connect(lambda: self.answer(False))
        row.addWidget(accept)
        row.addWidget(decline)
        row.addStretch()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        v.addLayout(row)

    def answer(self, accept: bool) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return
        self.team.answer_request(item.data(Qt.ItemDataRole.UserRole), accept)
        self.list.takeItem(self.list.row(item))
