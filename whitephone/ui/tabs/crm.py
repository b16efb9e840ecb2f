"""The CRM tab (seed 000 "Viewing CRM records"): every record visible to me, narrowed by Type,
Status and Priority; a Task ID box with View Task; Snapshot (a window with the list as it is now,
which stays open); Refresh (sync now); New record and Reports.

Keys: Enter opens the selected record, Ctrl+N a new record, Ctrl+F the Task ID box (the main
window routes its New and Find commands here while this tab is shown)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import a11y, theme
from whitephone.ui.crm_model import COLUMNS, CrmListModel, record_cells, task_text
from whitephone.ui.default_names import crm_type_name
from whitephone.ui.icons import icon
from whitephone.ui.rich_text import escape

SNAPSHOT_MAX = 5000  # records a snapshot window holds (it says when the list had more)
STATUSES = ((QT_TRANSLATE_NOOP("CrmTab", "Any status"), None), (QT_TRANSLATE_NOOP("CrmTab", "Open"), "open"),
            (QT_TRANSLATE_NOOP("CrmTab", "Closed"), "closed"))
PRIORITIES = ((QT_TRANSLATE_NOOP("CrmTab", "Any priority"), None), (QT_TRANSLATE_NOOP("CrmTab", "High"), "high"),
              (QT_TRANSLATE_NOOP("CrmTab", "Medium"), "medium"), (QT_TRANSLATE_NOOP("CrmTab", "Low"), "low"))
WIDTHS = (70, 130, 70, 70, 300, 170, 130, 120, 120)


def setup_table(view) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for col, width in enumerate(WIDTHS):
        view.setColumnWidth(col, width)


class CrmTab(QWidget):
    openRecord = Signal(str)  # record uid
    newRecord = Signal()
    reportsRequested = Signal()
    typesRequested = Signal()
    status = Signal(str)  # a passing message for the status bar

    def __init__(self, app, tasks, parent=None) -> None:
        super().__init__(parent)
        self.app, self.tasks = app, tasks
        self.group_names: dict[int, str] = {}
        self.snapshots: list[SnapshotWindow] = []
        self.type = QComboBox()
        self.type.setMinimumContentsLength(14)
        self.status_box = QComboBox()
        for label, key in STATUSES:
            self.status_box.addItem(self.tr(label), key)  # i18n: marked
        self.priority = QComboBox()
        for label, key in PRIORITIES:
            self.priority.addItem(self.tr(label), key)  # i18n: marked
        a11y.name(self.type, self.tr("Record type"))
        a11y.name(self.status_box, self.tr("Status"))
        a11y.name(self.priority, self.tr("Priority"))
        self.load_types()
        for box in (self.type, self.status_box, self.priority):
            box.currentIndexChanged.connect(lambda *_: self.reload())
        self.task_id = QLineEdit()
        self.task_id.setAccessibleName(self.tr("Task ID"))
        self.task_id.setPlaceholderText(self.tr("Task ID"))
        self.task_id.setMaximumWidth(110)
        self.task_id.setClearButtonEnabled(True)
        self.task_id.returnPressed.connect(self.view_task)
        self.view_btn = QPushButton(self.tr("View Task"))
        self.view_btn.clicked.connect(self.view_task)
        self.new_btn = QPushButton(self.tr("New record…"))
        self.new_btn.setIcon(icon("crm"))
        self.new_btn.setToolTip(self.tr("A new CRM record (Ctrl+N)"))
        self.new_btn.clicked.connect(self.newRecord.emit)
        self.snapshot_btn = QPushButton(self.tr("Snapshot"))
        self.snapshot_btn.setToolTip(self.tr("The list as it is now, in a window that stays open"))
        self.snapshot_btn.clicked.connect(self.snapshot)
        self.types_btn = QPushButton(self.tr("Types…"))
        self.types_btn.setToolTip(self.tr("The company's record types (CRM admins change them)"))
        self.types_btn.clicked.connect(self.typesRequested.emit)
        self.reports_btn = QPushButton(self.tr("Reports…"))
        self.reports_btn.clicked.connect(self.reportsRequested.emit)
        self.refresh_btn = QPushButton(self.tr("Refresh"))
        self.refresh_btn.setIcon(icon("refresh"))
        self.refresh_btn.setToolTip(self.tr("Sync with the hub now and show the records as they are"))
        self.refresh_btn.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for w in (QLabel(self.tr("Type:")), self.type, QLabel(self.tr("Status:")), self.status_box,
                  QLabel(self.tr("Priority:")), self.priority):
            top.addWidget(w)
        top.addSpacing(16)
        top.addWidget(self.task_id)
        top.addWidget(self.view_btn)
        top.addStretch()
        for b in (self.new_btn, self.snapshot_btn, self.types_btn, self.reports_btn, self.refresh_btn):
            top.addWidget(b)

        self.model = CrmListModel(app, tasks.read, self.group_names, self)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda text: self._say(self.tr("Could not read the CRM records: %s") % text))
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("CRM records"))
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self.table, self.open_selected, context=Qt.ShortcutContext.WidgetShortcut)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        self.count = QLabel()
        self.message = QLabel()
        theme.tone(self.message, "error")
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.count)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.pages, 1)
        v.addLayout(bottom)
        self.reload()

    # -- filters -------------------------------------------------------------------------------
    def load_types(self) -> None:
        """The company's record types (CRM admins keep the list) in the Type drop-down."""
        current = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItem(self.tr("Any type"), None)
        for t in self.app.store.crm.types():
            self.type.addItem(crm_type_name(t), t)
        i = self.type.findData(current)
        self.type.setCurrentIndex(max(i, 0))
        self.type.blockSignals(False)

    def filters(self) -> dict:
        return {"type": self.type.currentData(), "status": self.status_box.currentData(),
                "priority": self.priority.currentData()}

    def filter_text(self) -> str:
        parts = [box.currentText() for box in (self.type, self.status_box, self.priority) if box.currentData()]
        return ", ".join(parts) or self.tr("All records")

    def reload(self) -> None:
        self.message.clear()
        self.model.load(**self.filters())

    def set_groups(self, names: dict[int, str]) -> None:
        self.group_names.clear()
        self.group_names.update(names)
        self.model.layoutChanged.emit()

    def _loaded(self, total: int) -> None:
        filtered = any(self.filters().values())
        if total:
            self.count.setText(self.tr("%n records", "", total) if total != 1 else self.tr("1 record"))
        else:
            self.count.setText("")
        if not total and not filtered:
            theme.set_html(self.empty, self.tr(
                "<h2 style='color:#445'>No CRM records</h2><p style='color:#666'>Customer records (enquiries, "
                "support calls, sales leads) with their notes and reminders are listed here, shared with your "
                "team through the hub.</p><p style='color:#666'>Press <b>New record…</b> (Ctrl+N), or the CRM "
                "button in a call or on a contact.</p>"))
        elif not total:
            theme.set_html(self.empty, self.tr("<h3 style='color:#445'>No records match</h3><p style='color:#666'>"
                                       "No %s. Choose other filters above.</p>") % escape(self.filter_text()))
        self.pages.setCurrentWidget(self.table if total else self.empty)
        if total and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # -- actions -------------------------------------------------------------------------------
    def open_row(self, row: int) -> None:
        r = self.model.record(row)
        if r is not None:
            self.openRecord.emit(r.uid)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.open_row(rows[0].row() if rows else self.table.currentIndex().row())

    def view_task(self) -> None:
        key = self.task_id.text().strip()
        if not key:
            self._say(self.tr("Type a task id, then View Task."))
            self.task_id.setFocus()
            return
        r = self.app.store.crm.get(key)
        if r is None:
            self._say(self.tr("No CRM record with task id %s (a record made elsewhere appears after a sync: "
                              "Refresh).") % key)
            return
        self.message.clear()
        self.openRecord.emit(r.uid)

    def set_signed_in(self, on: bool) -> None:
        self.types_btn.setEnabled(on)
        self.types_btn.setToolTip(self.tr("The company's record types (CRM admins change them)") if on else
                                  self.tr("Sign in to your company's hub to see and change the record types"))

    def focus_task_id(self) -> None:
        self.task_id.setFocus()
        self.task_id.selectAll()

    def refresh(self) -> None:
        """Sync now (when signed in to a hub) and read the list again; the sync's changes reload it
        once more as they arrive."""
        if self.app.session.signed_in:
            self.app.sync.kick()
            self.status.emit(self.tr("Syncing CRM records with the hub…"))
        self.load_types()
        self.model.refresh()

    def snapshot(self) -> None:
        now = QLocale().toString(QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat)
        title = self.tr("CRM snapshot — %s — %s") % (self.filter_text(), now)
        headers = [self.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
        flt = {k: v for k, v in self.filters().items() if v is not None}
        crm, contacts = self.app.store.crm, self.app.store.contacts

        def read():
            rows = crm.find(offset=0, limit=SNAPSHOT_MAX, **flt)
            return rows, crm.count(**flt), contacts.names_by_uid(r.contact for r in rows)

        def show(res) -> None:
            rows, total, names = res
            w = SnapshotWindow(title, rows, total, names, self.group_names, self.app.profile.region, headers)
            w.openRecord.connect(self.openRecord.emit)
            w.destroyed.connect(lambda *_: self.snapshots.remove(w) if w in self.snapshots else None)
            self.snapshots.append(w)
            w.show()

        self.tasks.read.submit(read, show, lambda exc: self._say(self.tr("Snapshot failed: %s") % exc))

    def _say(self, text: str) -> None:
        self.message.setText(text)


class SnapshotWindow(QWidget):
    """A frozen copy of the list: it does not change as records do, and stays open while the user
    works on (several can be open)."""

    openRecord = Signal(str)

    def __init__(self, title: str, rows: list, total: int, names: dict[str, str], group_names: dict[int, str],
                 region: str = "", headers: list[str] | None = None) -> None:
        """`headers`: the column titles as the tab's list shows them (translated by its model)."""
        super().__init__(None, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(title)
        self.resize(1000, 480)
        self.rows = rows
        self.table = QTableWidget(len(rows), len(COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Records"))
        self.table.setHorizontalHeaderLabels(list(headers or COLUMNS))
        setup_table(self.table)
        for i, r in enumerate(rows):
            for c, text in enumerate(record_cells(r, names, group_names, region)):
                self.table.setItem(i, c, QTableWidgetItem(text))
        self.table.doubleClicked.connect(lambda index: self.openRecord.emit(self.rows[index.row()].uid))
        shown = self.tr("1 record") if len(rows) == 1 else self.tr("%n records", "", len(rows))
        if total > len(rows):
            shown = self.tr("The first %d of %n records", "", total) % len(rows)
        self.caption = QLabel(f"<b>{escape(title)}</b> — {escape(shown)}")
        if not rows:
            self.caption.setText(f"<b>{escape(title)}</b> — " + self.tr("no records"))
        v = QVBoxLayout(self)
        v.addWidget(self.caption)
        v.addWidget(self.table)

    def task_ids(self) -> list[str]:
        return [task_text(r) for r in self.rows]
