"""The contacts list: a Qt table model over the store that stays fast at 1 000 000 rows.

Rows arrive a page at a time (keyset paging on (sort_key, id)) as the view scrolls, through
canFetchMore/fetchMore; a new search replaces the rows once its first page is ready on the
reader thread, so typing never reloads a million rows nor blocks the window.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from whitephone.core.contact import ContactSummary
from whitephone.phone import format_for_region
from whitephone.ui.tasks import Worker

PAGE = 200
COLUMNS = (QT_TRANSLATE_NOOP("ContactListModel", "Name"), QT_TRANSLATE_NOOP("ContactListModel", "Company"),
           QT_TRANSLATE_NOOP("ContactListModel", "Phone"), QT_TRANSLATE_NOOP("ContactListModel", "E-mail"),
           QT_TRANSLATE_NOOP("ContactListModel", "Address book"))


class ContactListModel(QAbstractTableModel):
    searchFinished = Signal(int)  # rows in the first page
    searchFailed = Signal(str)

    def __init__(self, contacts_service, reader: Worker, parent=None) -> None:
        super().__init__(parent)
        self.svc = contacts_service
        self.reader = reader
        self.rows: list[ContactSummary] = []
        self.filters: dict = {}
        self.text = ""
        self._more = False
        self._generation = 0
        self._answered = 0  # the generation whose answer (rows or failure) came back last
        self._fetch_wanted = False  # the view asked for more rows while a refresh was on its way
        self._shown: tuple[str, dict] = ("", {})  # the search whose answer the rows are

    # -- searching -------------------------------------------------------------------------
    def search(self, text: str, rows: int = PAGE, **filters) -> None:
        """Start a search; the rows change when its first page is ready. `rows`: at least this
        many in that page (a refresh keeps as many rows as were loaded, so the view keeps its place)."""
        self._generation += 1
        gen = self._generation
        if (text, filters) != (self.text, self.filters):
            self._fetch_wanted = False  # another search: its list starts at the top
        self.text, self.filters = text, filters
        limit = max(PAGE, rows)

        def run():
            if gen != self._generation:
                return None  # typed on (or refreshed) since: skip the read, a newer one is queued
            return self.svc.search(text, limit=limit, **filters)

        self.reader.submit(run, lambda rows: self._first_page(gen, rows, limit), lambda exc: self._failed(gen, exc))

    def busy(self) -> bool:
        """A search is on its way (its answer has not come back yet)."""
        return self._answered != self._generation

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self._answered = gen
            self._fetch_wanted = False
            self.searchFailed.emit(str(exc))

    def refresh(self) -> None:
        """The same search again, as many rows as are loaded (the store changed underneath)."""
        self.search(self.text, rows=len(self.rows), **self.filters)

    def _first_page(self, gen: int, rows: list[ContactSummary], limit: int) -> None:
        if gen != self._generation or rows is None:
            return  # the user typed on: this answer is stale
        self._answered = gen
        self._shown = (self.text, self.filters)
        self.beginResetModel()
        self.rows = rows
        self._more = len(rows) == limit
        self.endResetModel()
        self.searchFinished.emit(len(rows))
        if self._fetch_wanted and gen == self._generation:
            self._fetch_wanted = False
            self.fetchMore()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.rows:
            return
        if (self.text, self.filters) != self._shown:
            return  # the list on screen is another search's (the new one is on its way, or failed)
        if self.busy():  # a refresh of this list: its answer would replace rows read now
            self._fetch_wanted = True  # read them once it is in
            return
        last = self.rows[-1]
        # keyset paging is a few ms even at row 900 000, cheap enough for the main thread
        page = self.svc.search(self.text, limit=PAGE, after=(last.sort_key, last.id), **self.filters)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # -- the model API ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])  # i18n: marked
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return c.display_name
            if col == 1:
                return ", ".join(c.companies) if c.kind == "person" else self.tr("(company)")
            if col == 2:
                return self._phone(c.phones[0]) if c.phones else ""
            if col == 3:
                return c.emails[0] if c.emails else ""
            return c.book
        if role == Qt.ItemDataRole.UserRole:
            return c
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and len(c.phones) > 1:
            return "\n".join(self._phone(p) for p in c.phones)
        return None

    def _phone(self, number: str) -> str:
        if not number.startswith("+"):
            return number
        known = getattr(self.svc, "phone_text", None)  # ui/first_read.py: the first rows without phonenumbers
        text = known(number) if known is not None else None
        return text if text is not None else format_for_region(number, self.svc.region)

    def summary(self, row: int) -> ContactSummary | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, contact_id: int) -> int:
        return next((i for i, c in enumerate(self.rows) if c.id == contact_id), -1)
