"""Sync in the status bar: who is signed in where, and online / syncing / offline / N changes
waiting; a click opens the details (last sync, errors, rejections, conflicts) and the conflict
review (mine / theirs, field by field)."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from whitephone.sync.engine import SyncStatus
from whitephone.sync.messages import reason_text
from whitephone.ui import theme
from whitephone.ui.user_errors import known_text

STATES = {"online": QT_TRANSLATE_NOOP("SyncStatus", "Online"), "syncing": QT_TRANSLATE_NOOP("SyncStatus", "Syncing…"),
          "offline": QT_TRANSLATE_NOOP("SyncStatus", "Offline")}


# what a synced change is about and what it did, in words (the outbox's entity and op)
ENTITIES = {"contact": QT_TRANSLATE_NOOP("SyncStatus", "Contact"),
            "address_book": QT_TRANSLATE_NOOP("SyncStatus", "Address book"),
            "call_log": QT_TRANSLATE_NOOP("SyncStatus", "Call log entry"),
            "crm_record": QT_TRANSLATE_NOOP("SyncStatus", "CRM record"),
            "crm_note": QT_TRANSLATE_NOOP("SyncStatus", "CRM note"),
            "appointment": QT_TRANSLATE_NOOP("SyncStatus", "Appointment")}
OPS = {"upsert": QT_TRANSLATE_NOOP("SyncStatus", "change"), "delete": QT_TRANSLATE_NOOP("SyncStatus", "deletion")}
FIELDS = {  # the wire's field names (protocol/entities.py) of contacts, CRM records and appointments
    "display_name": QT_TRANSLATE_NOOP("SyncStatus", "Display name"),
    "given_name": QT_TRANSLATE_NOOP("SyncStatus", "Given name"),
    "family_name": QT_TRANSLATE_NOOP("SyncStatus", "Family name"),
    "middle_name": QT_TRANSLATE_NOOP("SyncStatus", "Middle name"),
    "prefix": QT_TRANSLATE_NOOP("SyncStatus", "Prefix"),
    "suffix": QT_TRANSLATE_NOOP("SyncStatus", "Suffix"),
    "nickname": QT_TRANSLATE_NOOP("SyncStatus", "Nickname"),
    "kind": QT_TRANSLATE_NOOP("SyncStatus", "Kind"),
    "notes": QT_TRANSLATE_NOOP("SyncStatus", "Notes"),
    "phones": QT_TRANSLATE_NOOP("SyncStatus", "Phones"),
    "emails": QT_TRANSLATE_NOOP("SyncStatus", "E-mails"),
    "addresses": QT_TRANSLATE_NOOP("SyncStatus", "Addresses"),
    "companies": QT_TRANSLATE_NOOP("SyncStatus", "Companies"),
    "websites": QT_TRANSLATE_NOOP("SyncStatus", "Websites"),
    "birthday": QT_TRANSLATE_NOOP("SyncStatus", "Birthday"),
    "photo": QT_TRANSLATE_NOOP("SyncStatus", "Photo"),
    "photo_mime": QT_TRANSLATE_NOOP("SyncStatus", "Photo"),
    "tags": QT_TRANSLATE_NOOP("SyncStatus", "Tags"),
    "custom": QT_TRANSLATE_NOOP("SyncStatus", "Custom fields"),
    "name": QT_TRANSLATE_NOOP("SyncStatus", "Name"),
    "book": QT_TRANSLATE_NOOP("SyncStatus", "Address book"),
    "position": QT_TRANSLATE_NOOP("SyncStatus", "Position"),
    "private": QT_TRANSLATE_NOOP("SyncStatus", "Private"),
    "type": QT_TRANSLATE_NOOP("SyncStatus", "Type"),
    "subject": QT_TRANSLATE_NOOP("SyncStatus", "Subject"),
    "priority": QT_TRANSLATE_NOOP("SyncStatus", "Priority"),
    "status": QT_TRANSLATE_NOOP("SyncStatus", "Status"),
    "contact": QT_TRANSLATE_NOOP("SyncStatus", "Contact"),
    "number": QT_TRANSLATE_NOOP("SyncStatus", "Number"),
    "call": QT_TRANSLATE_NOOP("SyncStatus", "Call"),
    "message": QT_TRANSLATE_NOOP("SyncStatus", "Message"),
    "remind_at": QT_TRANSLATE_NOOP("SyncStatus", "Reminder"),
    "owner_id": QT_TRANSLATE_NOOP("SyncStatus", "Opened by"),
    "owner_name": QT_TRANSLATE_NOOP("SyncStatus", "Opened by"),
    "title": QT_TRANSLATE_NOOP("SyncStatus", "Title"),
    "description": QT_TRANSLATE_NOOP("SyncStatus", "Description"),
    "assignee_id": QT_TRANSLATE_NOOP("SyncStatus", "Assignee"),
    "due": QT_TRANSLATE_NOOP("SyncStatus", "Due"),
    "task_number": QT_TRANSLATE_NOOP("SyncStatus", "Task ID"),
    "remind_by": QT_TRANSLATE_NOOP("SyncStatus", "Reminder set by"),
    "closed_at": QT_TRANSLATE_NOOP("SyncStatus", "Closed"),
    "body": QT_TRANSLATE_NOOP("SyncStatus", "Text"),
    "place": QT_TRANSLATE_NOOP("SyncStatus", "Place"),
    "start": QT_TRANSLATE_NOOP("SyncStatus", "Start"),
    "end": QT_TRANSLATE_NOOP("SyncStatus", "End"),
    "all_day": QT_TRANSLATE_NOOP("SyncStatus", "All day"),
    "timezone": QT_TRANSLATE_NOOP("SyncStatus", "Time zone"),
    "participants": QT_TRANSLATE_NOOP("SyncStatus", "Participants"),
    "organizer_id": QT_TRANSLATE_NOOP("SyncStatus", "Organizer"),
    "record": QT_TRANSLATE_NOOP("SyncStatus", "CRM record"),
    "remind_minutes": QT_TRANSLATE_NOOP("SyncStatus", "Reminder"),
    "rrule": QT_TRANSLATE_NOOP("SyncStatus", "Repeat"),
    "exdates": QT_TRANSLATE_NOOP("SyncStatus", "Repeat"),
    "rdates": QT_TRANSLATE_NOOP("SyncStatus", "Repeat"),
    "overrides": QT_TRANSLATE_NOOP("SyncStatus", "Changed occurrences"),
    "meeting": QT_TRANSLATE_NOOP("SyncStatus", "Phone meeting"),
    "created_at": QT_TRANSLATE_NOOP("SyncStatus", "Created"),
    "updated_at": QT_TRANSLATE_NOOP("SyncStatus", "Changed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatus", text)  # i18n: marked


def entity_text(entity: str) -> str:
    """"crm_record" -> "CRM record" in the user's language."""
    return _tr(ENTITIES[entity]) if entity in ENTITIES else entity.replace("_", " ").capitalize()


def field_text(field: str) -> str:
    """"family_name" -> "Family name" in the user's language."""
    return _tr(FIELDS[field]) if field in FIELDS else field.replace("_", " ").capitalize()


def change_text(op: str, entity: str, name: str = "") -> str:
    """A rejected change: "Contact “Ann Lee” (change)", "Address book (deletion)"."""
    what = entity_text(entity) + (f" “{name}”" if name else "")
    return f"{what} ({_tr(OPS[op]) if op in OPS else op})"


def describe(st: SyncStatus) -> str:
    """One line for the status bar."""
    if st.state == "signed_out":
        return QCoreApplication.translate("SyncStatus", "Not signed in")
    host = st.hub.split("://", 1)[-1]
    state = _tr(STATES[st.state]) if st.state in STATES else st.state
    if st.outbox and st.state != "syncing":
        state += QCoreApplication.translate("SyncStatus", " — changes waiting: %s") % QLocale().toString(st.outbox)
    if st.conflicts:
        state += QCoreApplication.translate("SyncStatus", " — conflicts: %s") % QLocale().toString(st.conflicts)
    return f"{st.user} @ {host}: {state}"


def _ago(ts: float | None) -> str:
    if not ts:
        return QCoreApplication.translate("SyncStatus", "never")
    s = int(time.time() - ts)
    if s < 60:
        return QCoreApplication.translate("SyncStatus", "just now")
    if s < 3600:
        return QCoreApplication.translate("SyncStatus", "%s min ago") % QLocale().toString(s // 60)
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(ts)), QLocale.FormatType.ShortFormat)


def _show(value) -> str:
    if value is None:
        return QCoreApplication.translate("SyncStatus", "(empty)")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class SyncStatusButton(QPushButton):
    """The status bar's sync state; click for details."""

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Sync details"))
        self.clicked.connect(self.open_details)
        team.statusChanged.connect(self.show_status)
        self.show_status(team.status())
        theme.notifier().changed.connect(self._theme_changed)

    def _theme_changed(self, _name: str) -> None:
        self.show_status(self.status)

    def show_status(self, st: SyncStatus) -> None:
        dot = theme.colour({"online": "green", "syncing": "blue", "offline": "grey"}.get(st.state, "grey"))
        self.setText(("● " if st.state != "signed_out" else "") + describe(st))
        self.setStyleSheet(f"QPushButton {{ color: {dot if st.state != 'signed_out' else theme.colour('muted')}; "
                           "border: none; }")
        self.status = st

    def open_details(self) -> None:
        dlg = SyncDetailsDialog(self.team, self.window())
        dlg.exec()


class SyncDetailsDialog(QDialog):
    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Sync details"))
        self.resize(640, 420)
        v = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.summary)
        v.addWidget(QLabel(self.tr("<b>Changes the hub refused</b>")))
        self.rejections = QTableWidget(0, 3)
        self.rejections.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.rejections.setAccessibleName(self.tr("Changes the hub refused"))
        self.rejections.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Reason")])
        self.rejections.horizontalHeader().setStretchLastSection(True)
        self.rejections.verticalHeader().hide()
        v.addWidget(self.rejections)
        self.no_rejections = QLabel(self.tr("The hub has accepted every change made on this computer."))
        v.addWidget(self.no_rejections)
        v.addStretch()
        row = QHBoxLayout()
        self.review = QPushButton()
        self.review.clicked.connect(self.review_conflicts)
        self.sync_now = QPushButton(self.tr("Sync now"))
        self.sync_now.clicked.connect(team.app.sync.kick)
        row.addWidget(self.review)
        row.addStretch()
        row.addWidget(self.sync_now)
        v.addLayout(row)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        v.addWidget(box)
        team.statusChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        st = self.team.status()
        lines = [describe(st), self.tr("Last sync: %s") % _ago(st.last_sync),
                 self.tr("Changes waiting to be sent: %s") % QLocale().toString(st.outbox)]
        if st.last_error:
            lines.append(self.tr("Last error: %s") % known_text(st.last_error))
        self.summary.setText("<br>".join(lines))
        from whitephone.ui.crm_model import when_text  # the CRM list's code: not at start

        rejections = self.team.app.sync.rejections()
        self.rejections.setRowCount(len(rejections))
        for i, r in enumerate(rejections):
            name = (r.fields.get("display_name") or r.fields.get("name") or "") if isinstance(r.fields, dict) else ""
            what = change_text(r.op, r.entity, str(name))
            for j, text in enumerate((when_text(r.created_at), what, known_text(reason_text(r.reason)))):
                self.rejections.setItem(i, j, QTableWidgetItem(text))
        self.rejections.setVisible(bool(rejections))
        self.no_rejections.setVisible(not rejections)
        n = len(self.team.app.sync.conflicts())
        self.review.setText(self.tr("Review %n conflict(s)…", "", n) if n else self.tr("No conflicts to review"))
        self.review.setEnabled(bool(n))

    def review_conflicts(self) -> None:
        ConflictDialog(self.team, self).exec()
        self.refresh()


class ConflictDialog(QDialog):
    """Fields both this computer and someone else changed: the hub kept theirs; keep mine or
    theirs, field by field or all at once."""

    def __init__(self, team, parent=None) -> None:
        super().__init__(parent)
        self.team = team
        self.setWindowTitle(self.tr("Review conflicts"))
        self.resize(760, 380)
        v = QVBoxLayout(self)
        v.addWidget(QLabel(self.tr("These fields were changed here and elsewhere at the same time. The other "
                                   "change is in use now; choose, field by field, which one to keep.")))
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Conflicting changes"))
        self.table.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Mine"),
                                              self.tr("Theirs (in use)"), ""])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        v.addWidget(self.table)
        row = QHBoxLayout()
        self.all_mine = QPushButton(self.tr("Keep all mine"))
        self.all_theirs = QPushButton(self.tr("Keep all theirs"))
        self.all_mine.clicked.connect(lambda: self.resolve_all(True))
        self.all_theirs.clicked.connect(lambda: self.resolve_all(False))
        row.addWidget(self.all_mine)
        row.addWidget(self.all_theirs)
        row.addStretch()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        v.addLayout(row)
        # Enter must never keep all mine (or theirs): QDialog would make the first push button
        # the default one. Enter closes; a choice is made only by pressing its own button.
        for b in (self.all_mine, self.all_theirs):
            b.setAutoDefault(False)
        close.setDefault(True)
        self.load()

    def _record_name(self, c) -> str:
        if c.entity == "contact":
            contact = self.team.app.store.contacts.get_by_uid(c.uid)
            if contact is not None:
                return contact.best_display_name()
        return f"{entity_text(c.entity)} {c.uid[:8]}"

    def load(self) -> None:
        conflicts = self.team.app.sync.conflicts()
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for i, c in enumerate(conflicts):
            field = field_text(c.field)
            for j, text in enumerate((self._record_name(c), field, _show(c.local), _show(c.server))):
                self.table.setItem(i, j, QTableWidgetItem(text))
            cell = QHBoxLayout()
            mine, theirs = QPushButton(self.tr("Mine")), QPushButton(self.tr("Theirs"))
            what = self.tr("%1 of %2").replace("%1", field).replace("%2", self._record_name(c))
            mine.setAccessibleName(self.tr("Keep mine: %s") % what)
            theirs.setAccessibleName(self.tr("Keep theirs: %s") % what)
            mine.setAccessibleDescription(self.tr("Writes your value back over the one in use"))
            theirs.setAccessibleDescription(self.tr("Keeps the other change, in use now, and drops yours"))
            for b in (mine, theirs):
                b.setAutoDefault(False)
            mine.clicked.connect(lambda _=False, cid=c.id: self.resolve(cid, True))
            theirs.clicked.connect(lambda _=False, cid=c.id: self.resolve(cid, False))
            from PySide6.QtWidgets import QWidget

            w = QWidget()
            cell.setContentsMargins(0, 0, 0, 0)
            cell.addWidget(mine)
            cell.addWidget(theirs)
            w.setLayout(cell)
            self.table.setCellWidget(i, 4, w)
        self.table.resizeColumnsToContents()
        self.all_mine.setEnabled(bool(conflicts))
        self.all_theirs.setEnabled(bool(conflicts))

    def resolve(self, conflict_id: int, keep_local: bool) -> None:
        self.team.app.sync.resolve_conflict(conflict_id, keep_local)
        self.load()

    def resolve_all(self, keep_local: bool) -> None:
        for c in list(self.conflicts):
            self.team.app.sync.resolve_conflict(c.id, keep_local)
        self.load()
