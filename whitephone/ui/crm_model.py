"""The CRM records list: a Qt table model over `store.crm.find/count` that stays fast with a
million records (pages by keyset, like the contacts list).

Like the contacts list (contacts_model.py): the first page and the count come from the reader
thread, further pages arrive as the view scrolls (canFetchMore/fetchMore); a filter change
replaces the rows once its first page is ready, so the window never waits on a big read.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from whitephone.phone import format_for_region
from whitephone.ui import theme
from whitephone.ui.dates import when_text as relative_when
from whitephone.ui.default_names import crm_type_name
from whitephone.ui.tasks import Worker

PAGE = 200
COLUMNS = (QT_TRANSLATE_NOOP("CrmListModel", "Task ID"), QT_TRANSLATE_NOOP("CrmListModel", "Type"),
           QT_TRANSLATE_NOOP("CrmListModel", "Priority"), QT_TRANSLATE_NOOP("CrmListModel", "Status"),
           QT_TRANSLATE_NOOP("CrmListModel", "Subject"), QT_TRANSLATE_NOOP("CrmListModel", "Contact"),
           QT_TRANSLATE_NOOP("CrmListModel", "Opened as"), QT_TRANSLATE_NOOP("CrmListModel", "Opened"),
           QT_TRANSLATE_NOOP("CrmListModel", "Reminder"))
# a record's priority and status in words: shown with priority_label / status_label
PRIORITY_LABELS = {"low": QT_TRANSLATE_NOOP("CrmRecords", "Low"), "medium": QT_TRANSLATE_NOOP("CrmRecords", "Medium"),
                   "high": QT_TRANSLATE_NOOP("CrmRecords", "High")}
STATUS_LABELS = {"open": QT_TRANSLATE_NOOP("CrmRecords", "Open"), "closed": QT_TRANSLATE_NOOP("CrmRecords", "Closed")}
PRIORITY_COLOURS = {"high": "red", "medium": "orange", "low": "green"}  # ui/theme.py colours


def task_text(record) -> str:
    """A record's task id as users see it: the hub's number, or "pending" until the first sync."""
    return (str(record.task_number) if record.task_number is not None
            else QCoreApplication.translate("CrmRecords", "pending"))


def priority_label(priority: str) -> str:
    """"high" -> "High" in the user's language."""
    label = PRIORITY_LABELS.get(priority)
    return QCoreApplication.translate("CrmRecords", label) if label else priority.capitalize()  # i18n: marked


def status_label(status: str) -> str:
    """"closed" -> "Closed" in the user's language."""
    label = STATUS_LABELS.get(status)
    return QCoreApplication.translate("CrmRecords", label) if label else status.capitalize()  # i18n: marked


def when_text(ts) -> str:
    """An ISO time (or datetime) as the locale's short date and time, in local time; "" for none."""
    if not ts:
        return ""
    from datetime import datetime

    try:
        d = ts if isinstance(ts, datetime) else datetime.fromisoformat(str(ts).replace("Z", "+00:00"))
    except ValueError:
        return str(ts)
    if d.tzinfo is not None:
        d = d.astimezone()
    return QLocale().toString(QDateTime(QDate(d.year, d.month, d.day), QTime(d.hour, d.minute)),
                              QLocale.FormatType.ShortFormat)


def date_text(ts) -> str:
    """The date alone of `when_text`, in the locale's short format."""
    if not ts:
        return ""
    from datetime import datetime

    try:
        d = ts if isinstance(ts, datetime) else datetime.fromisoformat(str(ts).replace("Z", "+00:00"))
    except ValueError:
        return str(ts)[:10]
    if d.tzinfo is not None:
        d = d.astimezone()
    return QLocale().toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)


def record_cells(r, names: dict[str, str], group_names: dict[int, str], region: str = "") -> tuple[str, ...]:
    """The texts of one record's row (the tab's list and the snapshot window show the same)."""
    who = names.get(r.contact, "") if r.contact else ""
    if not who and r.number:
        who = format_for_region(r.number, region) if region and r.number.startswith("+") else r.number
    opened_as = ((group_names.get(r.group_id) or QCoreApplication.translate("CrmRecords", "group %s") % r.group_id)
                 if r.group_id else (r.owner_name or QCoreApplication.translate("CrmRecords", "me")))
    return (task_text(r), crm_type_name(r.type), priority_label(r.priority), status_label(r.status), r.subject, who, opened_as,
            relative_when(r.created_at), relative_when(r.remind_at))


class CrmListModel(QAbstractTableModel):
    loaded = Signal(int)  # how many records match the filters (the count)
    failed = Signal(str)

    def __init__(self, app, reader: Worker, group_names: dict[int, str] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.app = app
        self.reader = reader
        self.rows: list = []
        self.total = 0
        self.filters: dict = {}
        self.names: dict[str, str] = {}  # contact uid -> name, for the rows loaded
        self.group_names = group_names if group_names is not None else {}
        self._generation = 0
        self._answered = 0
        self._fetching = False  # a further page is being read

    # -- loading -------------------------------------------------------------------------------
    def load(self, rows: int = PAGE, **filters) -> None:
        """Show the records matching `filters` (status, type, priority: None for any)."""
        self._generation += 1
        gen = self._generation
        self.filters = {k: v for k, v in filters.items() if v is not None}
        limit = max(PAGE, rows)
        crm, contacts, flt = self.app.store.crm, self.app.store.contacts, dict(self.filters)

        def run():
            if gen != self._generation:
                return None  # changed again since: a newer read is queued
            page = crm.find(offset=0, limit=limit, **flt)
            return crm.count(**flt), page, contacts.names_by_uid(r.contact for r in page)

        self.reader.submit(run, lambda res: self._first(gen, res, limit), lambda exc: self._failed(gen, exc))

    def busy(self) -> bool:
        return self._answered != self._generation

    def refresh(self) -> None:
        """The same filters again, as many rows as are loaded (the view keeps its place)."""
        self.load(rows=len(self.rows), **self.filters)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self._answered = gen
            self.failed.emit(str(exc))

    def _first(self, gen: int, res, limit: int) -> None:
        if gen != self._generation or res is None:
            return
        self._answered = gen
        total, page, names = res
        self._fetching = False  # a page of the old list still on its way is dropped when it comes
        self.beginResetModel()
        self.rows, self.total, self.names = list(page), total, dict(names)
        self.endResetModel()
        self.loaded.emit(total)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        """The next page, read on the reader thread from where the last row ends (keyset: the
        index is entered at the last row's (created, id), so page 5 000 costs what page 1 does)."""
        if parent.isValid() or not self.rows or self._fetching:
            return
        self._fetching = True
        gen, offset, flt = self._generation, len(self.rows), dict(self.filters)
        crm, contacts, known = self.app.store.crm, self.app.store.contacts, set(self.names)
        after = self.rows[-1].cursor
        where = {"after": after} if after is not None else {"offset": offset}

        def run():
            page = crm.find(limit=PAGE, **where, **flt)
            return page, contacts.names_by_uid(r.contact for r in page if r.contact not in known)

        self.reader.submit(run, lambda res: self._more(gen, offset, res), lambda exc: self._more_failed(gen, exc))

    def _more(self, gen: int, offset: int, res) -> None:
        self._fetching = False
        if gen != self._generation or offset != len(self.rows):
            return  # the filters changed meanwhile: this page belongs to the old list
        page, names = res
        if not page:
            self.total = len(self.rows)  # fewer than counted (removed meanwhile): stop asking
            return
        self.names.update(names)
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def _more_failed(self, gen: int, exc: BaseException) -> None:
        self._fetching = False
        if gen == self._generation:
            self.failed.emit(str(exc))

    # -- the model API ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])  # i18n: marked
        return None

    def cells(self, r) -> tuple[str, ...]:
        return record_cells(r, self.names, self.group_names, self.app.profile.region)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(r)[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r
        if role == Qt.ItemDataRole.ForegroundRole:
            if index.column() == 2:
                return QBrush(QColor(theme.colour(PRIORITY_COLOURS.get(r.priority, "muted"))))
            if r.status == "closed":
                return QBrush(QColor(theme.colour("muted")))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and r.task_number is None:
            return self.tr("The hub gives this record its task id at the next sync.")
        return None

    def record(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None
