"""Call Logs tab: every call, in "PC to PC" and "Phone" views, with filters, call back and playback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.calls import RESULTS, CallLogEntry, CallLogFilter
from whitephone.phone import display
from whitephone.ui import a11y, theme
from whitephone.ui.dates import full_text as full_when
from whitephone.ui.dates import when_text as relative_when
from whitephone.ui.diary.formats import date_edit_format
from whitephone.ui.icons import icon

COLUMNS = (QT_TRANSLATE_NOOP("CallLogsTab", "When"), "", QT_TRANSLATE_NOOP("CallLogsTab", "Who"),
           QT_TRANSLATE_NOOP("CallLogsTab", "Number / address"), QT_TRANSLATE_NOOP("CallLogsTab", "Result"),
           QT_TRANSLATE_NOOP("CallLogsTab", "Duration"), QT_TRANSLATE_NOOP("CallLogsTab", "Codec"),
           QT_TRANSLATE_NOOP("CallLogsTab", "Recording"))
VIEWS = ((QT_TRANSLATE_NOOP("CallLogsTab", "All calls"), None), (QT_TRANSLATE_NOOP("CallLogsTab", "PC to PC"), "pc"),
         (QT_TRANSLATE_NOOP("CallLogsTab", "Phone"), "phone"))
DIRECTIONS = ((QT_TRANSLATE_NOOP("CallLogsTab", "In and out"), None), (QT_TRANSLATE_NOOP("CallLogsTab", "Incoming"), "in"),
              (QT_TRANSLATE_NOOP("CallLogsTab", "Outgoing"), "out"))
RESULT_NAMES = {"answered": QT_TRANSLATE_NOOP("CallLogsTab", "Answered"),
                "missed": QT_TRANSLATE_NOOP("CallLogsTab", "Missed"),
                "rejected": QT_TRANSLATE_NOOP("CallLogsTab", "Rejected"),
                "busy": QT_TRANSLATE_NOOP("CallLogsTab", "Busy"),
                "cancelled": QT_TRANSLATE_NOOP("CallLogsTab", "Cancelled"),
                "failed": QT_TRANSLATE_NOOP("CallLogsTab", "Failed")}


class CallLogsTab(QWidget):
    callBack = Signal(str, object)  # number or URI, contact id
    missedChanged = Signal(int)

    def __init__(self, app, parent=None) -> None:
        super().__init__(parent)
        self.app = app
        self.entries: list[CallLogEntry] = []
        self.view = QComboBox()
        for label, key in VIEWS:
            self.view.addItem(self.tr(label), key)  # i18n: marked
        self.direction = QComboBox()
        for label, key in DIRECTIONS:
            self.direction.addItem(self.tr(label), key)  # i18n: marked
        self.result = QComboBox()
        self.result.addItem(self.tr("Any result"), None)
        for r in RESULTS:
            self.result.addItem(self.result_text(r), r)
        a11y.name(self.view, self.tr("Calls shown"))
        a11y.name(self.direction, self.tr("Direction"))
        a11y.name(self.result, self.tr("Result"))
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-30))
        self.until = QDateEdit(today)
        self.since.setAccessibleName(self.tr("Calls from"))
        self.until.setAccessibleName(self.tr("Calls until"))
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat(date_edit_format())
        for w in (self.view, self.direction, self.result):
            w.currentIndexChanged.connect(lambda *_: self.refresh())
        for d in (self.since, self.until):
            d.dateChanged.connect(lambda *_: self.refresh())
        self.call_back_btn = QPushButton(self.tr("Call back"))
        self.call_back_btn.setIcon(icon("call_back"))
        self.call_back_btn.clicked.connect(self.call_back)
        self.play_btn = QPushButton(self.tr("Play recording"))
        self.play_btn.setIcon(icon("play"))
        self.play_btn.clicked.connect(self.play)
        top = QHBoxLayout()
        top.addWidget(self.view)
        top.addWidget(self.direction)
        top.addWidget(self.result)
        top.addWidget(QLabel(self.tr("from")))
        top.addWidget(self.since)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.until)
        top.addStretch()
        top.addWidget(self.call_back_btn)
        top.addWidget(self.play_btn)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Calls"))
        self.table.setHorizontalHeaderLabels([self.tr(c) if c else "" for c in COLUMNS])  # i18n: marked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 150), (1, 30), (2, 220), (4, 110), (5, 80), (6, 110), (7, 80)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda *_: self.call_back())
        self.empty = QLabel(self.tr("<h3>No calls yet</h3><p>Every call you make or receive is logged here.</p>"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.table)
        v.addWidget(self.empty)
        self._player = None
        self.refresh()

    def result_text(self, result: str) -> str:
        """A call's result in words ("Missed"; one the window does not know as it is stored)."""
        return self.tr(RESULT_NAMES[result]) if result in RESULT_NAMES else result  # i18n: marked

    def current_filter(self) -> CallLogFilter:
        since = datetime(self.since.date().year(), self.since.date().month(), self.since.date().day(), tzinfo=UTC)
        until = datetime(self.until.date().year(), self.until.date().month(), self.until.date().day(),
                         tzinfo=UTC) + timedelta(days=1)
        return CallLogFilter(line=self.view.currentData(), direction=self.direction.currentData(),
                             result=self.result.currentData(), since=since.isoformat(), until=until.isoformat(),
                             limit=500)

    def refresh(self) -> None:
        self.entries = self.app.store.calls.list(self.current_filter())
        region = self.app.profile.region
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            arrow = "↙" if e.direction == "in" else "↗"
            who = e.contact_name or e.peer_name or ""
            where = display(e.number_e164, e.number_e164, region) if e.number_e164 else e.peer_uri.strip("<>")
            duration = f"{e.duration // 60}:{e.duration % 60:02d}" if e.duration else ""
            result = self.result_text(e.result) + (f" ({e.sip_code})" if e.result == "failed" and e.sip_code else "")
            cells = (relative_when(e.started_at), arrow, who, where, result, duration, e.codec,
                     "●" if e.recording else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if e.result == "missed":
                    item.setForeground(QColor(theme.colour("error")))
                if c == 0:
                    item.setToolTip(full_when(e.started_at))
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(self.entries))
        self.empty.setVisible(not self.entries)
        self.missedChanged.emit(self.app.store.calls.unviewed_missed())

    def mark_viewed(self) -> None:
        if self.app.store.calls.unviewed_missed():
            self.app.store.calls.mark_viewed()
            self.missedChanged.emit(0)

    def selected(self) -> CallLogEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def call_back(self) -> None:
        e = self.selected()
        if e is None:
            return
        self.callBack.emit(e.number_e164 or e.peer_uri.strip("<>"), e.contact_id)

    def play(self) -> None:
        e = self.selected()
        if e is None or not e.recording:
            QMessageBox.information(self, self.tr("Recording"), self.tr("This call has no recording."))
            return
        from pathlib import Path

        if not Path(e.recording).exists():
            QMessageBox.warning(self, self.tr("Recording"), self.tr("The recording file is missing: %s") % e.recording)
            return
        from whitephone.ui.recording_player import RecordingPlayer

        if self._player is not None:
            self._player.close()
        self._player = RecordingPlayer(e.recording, e.contact_name or e.peer_uri.strip("<>"), self)
        self._player.show()
        self._player.player.play()
