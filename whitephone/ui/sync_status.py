"""Sync in the status bar: who is signed in where, and online / syncing / offline / N changes
waiting; a click opens the details (last sync, errors, rejections, conflicts) and the conflict
review (mine / theirs, field by field)."""

from __future__ import annotations

import json
import time

from PySide6.QtCore import Qt
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


def describe(st: SyncStatus) -> str:
    """One line for the status bar."""
    if st.state == "signed_out":
        return "Not signed in"
    host = st.hub.split("://", 1)[-1]
    state = {"online": "Online", "syncing": "Syncing…", "offline": "Offline"}.get(st.state, st.state)
    if st.outbox and st.state != "syncing":
        state += f" — {st.outbox} change{'s' if st.outbox != 1 else ''} waiting"
    if st.conflicts:
        state += f" — {st.conflicts} conflict{'s' if st.conflicts != 1 else ''}"
    return f"{st.user} @ {host}: {state}"


def _ago(ts: float | None) -> str:
    if not ts:
        return "never"
    s = int(time.time() - ts)
    if s < 60:
        return "just now"
    if s < 3600:
        return f"{s // 60} min ago"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts))


def _show(value) -> str:
    if value is None:
        return "(empty)"
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
        lines = [describe(st), f"Last sync: {_ago(st.last_sync)}",
                 f"Changes waiting to be sent: {st.outbox}"]
        if st.last_error:
            lines.append(f"Last error: {st.last_error}")
        self.summary.setText("<br>".join(lines))
        rejections = self.team.app.sync.rejections()
        self.rejections.setRowCount(len(rejections))
        for i, r in enumerate(rejections):
            what = f"{r.op} {r.entity}" + (f" “{r.fields.get('display_name') or r.fields.get('name')}”"
                                          if isinstance(r.fields, dict) and (r.fields.get('display_name')
                                                                             or r.fields.get('name')) else "")
            for j, text in enumerate((r.created_at[:16].replace("T", " "), what, reason_text(r.reason))):
                self.rejections.setItem(i, j, QTableWidgetItem(text))
        self.rejections.setVisible(bool(rejections))
        self.no_rejections.setVisible(not rejections)
        n = len(self.team.app.sync.conflicts())
        self.review.setText(self.tr("Review %d conflict(s)…") % n if n else self.tr("No conflicts to review"))
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
        self.load()

    def _record_name(self, c) -> str:
        if c.entity == "contact":
            contact = self.team.app.store.contacts.get_by_uid(c.uid)
            if contact is not None:
                return contact.best_display_name()
        return f"{c.entity.replace('_', ' ').capitalize()} {c.uid[:8]}"

    def load(self) -> None:
        conflicts = self.team.app.sync.conflicts()
        self.conflicts = conflicts
        self.table.setRowCount(len(conflicts))
        for i, c in enumerate(conflicts):
            field = c.field.replace("_", " ").capitalize()
            for j, text in enumerate((self._record_name(c), field, _show(c.local), _show(c.server))):
                self.table.setItem(i, j, QTableWidgetItem(text))
            cell = QHBoxLayout()
            mine, theirs = QPushButton(self.tr("Mine")), QPushButton(self.tr("Theirs"))
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
