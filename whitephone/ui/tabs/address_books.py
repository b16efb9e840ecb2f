"""Address Books tab: books, the searchable contact list, the contact card, add/edit/delete/merge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.contact import ContactData, Phone, Website
from whitephone.phone import call_target
from whitephone.ui import a11y, theme
from whitephone.ui.contact_card import ContactCard
from whitephone.ui.contacts_model import ContactListModel
from whitephone.ui.default_names import book_name
from whitephone.ui.icons import icon

if TYPE_CHECKING:
    from whitephone.ui.dialogs.contact_editor import ContactEditor


def plain_reason(exc: BaseException) -> str:
    from whitephone.store.database import plain_reason as reason  # SQLAlchemy: not before the first rows

    return reason(exc)

SEARCH_HINT = QT_TRANSLATE_NOOP("AddressBooksTab", "Search names, companies, e-mails and numbers — =exact, "
                                                   "Ma% starts with, %ria ends with, %ari% contains")
BOOK_BUTTONS = (("+", "add_book", QT_TRANSLATE_NOOP("AddressBooksTab", "Add an address book")),
                ("✎", "rename_book", QT_TRANSLATE_NOOP("AddressBooksTab", "Rename the selected address book")),
                ("−", "remove_book", QT_TRANSLATE_NOOP("AddressBooksTab", "Remove the selected address book")))
ALL_BOOKS = -1


class ContactCount(QObject):
    """How many contacts, in words (a QObject: lupdate marks Qt's plural forms in tr alone)."""

    def text(self, n: int, more: bool = False) -> str:
        if more:
            return self.tr("%n+ contacts", "", n)
        return self.tr("1 contact") if n == 1 else self.tr("%n contacts", "", n)


def contacts_text(n: int, more: bool = False) -> str:
    """ "1 contact", "7 contacts", "200+ contacts" (a list with more to fetch), in the user's language."""
    return ContactCount().text(n, more)


class AddressBooksTab(QWidget):
    callRequested = Signal(str, object)  # number or URI, ContactData | None
    importRequested = Signal()
    status = Signal(str)  # a passing message ("Deleted … press Ctrl+Z to undo")
    crmRequested = Signal(object)  # ContactData (the card's CRM button)
    timelineRequested = Signal(object)  # ContactData (the card's History button)
    countChanged = Signal(str)  # how many contacts the list shows, kept on screen

    def __init__(self, app, tasks, parent=None, first=None) -> None:
        """`app` None: the first rows come from `first` (ui/first_read.py) until `attach(app)`."""
        super().__init__(parent)
        self.app, self.tasks, self.first = app, tasks, first
        self.undo_stack: list[list[ContactData]] = []
        self.company_filter: tuple[int, str] | None = None
        self._select_after_search: list[int] = []  # ids to select once the running search answers
        self._refresh_wanted = False  # another process wrote while a search was running

        # books
        self.books = QListWidget()
        self.books.setAccessibleName(self.tr("Address books"))
        self.books.setMaximumWidth(220)
        self.books.currentItemChanged.connect(lambda *_: self.run_search())
        self.books.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.books.customContextMenuRequested.connect(self._book_menu)
        book_buttons = QHBoxLayout()
        for text, slot, tip in BOOK_BUTTONS:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(self.tr(tip))  # i18n: marked
            b.setAccessibleName(self.tr(tip))  # i18n: marked (a screen reader would say "plus" or "pencil")
            b.clicked.connect(getattr(self, slot))
            book_buttons.addWidget(b)
        book_buttons.addStretch()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("<b>Address books</b>")))
        lv.addWidget(self.books)
        lv.addLayout(book_buttons)
        self.tag_filter = QComboBox()
        a11y.name(self.tag_filter, self.tr("Tag"))
        self.tag_filter.setToolTip(self.tr("Show only contacts with this tag"))
        self.tag_filter.currentIndexChanged.connect(lambda *_: self.run_search())
        lv.addWidget(QLabel(self.tr("Tag")))
        lv.addWidget(self.tag_filter)

        # search + list
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search contacts"))
        self.search.setPlaceholderText(self.tr(SEARCH_HINT))  # i18n: marked
        self.search.setToolTip(self.tr(SEARCH_HINT))  # i18n: marked
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda *_: self._debounce.start())
        self.company_chip = QPushButton()
        self.company_chip.setAccessibleName(self.tr("Company filter"))
        self.company_chip.setToolTip(self.tr("Click to show everyone again"))
        self.company_chip.clicked.connect(self.clear_company_filter)
        self.company_chip.hide()
        new = QPushButton(self.tr("New contact"))
        new.setIcon(icon("new_contact"))
        new.clicked.connect(self.new_contact)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.company_chip)
        top.addWidget(new)

        self.model = ContactListModel(app.contacts if app is not None else first, tasks.read, self)
        self.model.searchFinished.connect(self._search_done)
        self.model.searchFailed.connect(lambda msg: self.status.emit(self.tr("Search failed: %s") % msg))
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((0, 200), (1, 170), (2, 140), (3, 200)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.table.doubleClicked.connect(lambda *_: self.edit_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._contact_menu)

        self.empty = QWidget()
        ev = QVBoxLayout(self.empty)
        ev.addStretch()
        msg = QLabel(self.tr("<h2>Your address book is empty</h2><p>Import the contacts you already have "
                             "(vCard or CSV from Google, Outlook, Apple, Android or Thunderbird), "
                             "or add one by hand.</p>"))
        msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        msg.setWordWrap(True)
        ev.addWidget(msg)
        eb = QHBoxLayout()
        eb.addStretch()
        imp = QPushButton(self.tr("Import your address book…"))
        imp.setIcon(icon("import"))
        imp.setDefault(True)
        imp.clicked.connect(self.importRequested)
        add = QPushButton(self.tr("Add a contact"))
        add.setIcon(icon("new_contact"))
        add.clicked.connect(self.new_contact)
        eb.addWidget(imp)
        eb.addWidget(add)
        eb.addStretch()
        ev.addLayout(eb)
        ev.addStretch()
        self.no_match = QLabel(self.tr("No contact matches your search."))
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tone(self.no_match, "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)

        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addLayout(top)
        mv.addWidget(self.stack)

        self.card = ContactCard(app.profile.region if app is not None else first.region)
        self.card.callRequested.connect(self.callRequested)
        self.card.editRequested.connect(lambda c: self.edit_contact(c.id))
        self.card.deleteRequested.connect(lambda c: self.delete_contacts([c.id]))
        self.card.crmRequested.connect(self.crmRequested)
        self.card.timelineRequested.connect(self.timelineRequested)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(middle)
        split.addWidget(self.card)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([190, 620, 400])
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.undo_action = QAction(self.tr("Undo delete"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo_delete)
        self.delete_action = QAction(self.tr("Delete contact"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
        self.merge_action = QAction(self.tr("Merge the two selected contacts"), self)
        self.merge_action.triggered.connect(self.merge_selected)
        # keyboard: Down from the search box enters the list, Enter there calls the contact
        self._keys = [QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self.enter_list)]
        self._keys += [QShortcut(QKeySequence(key), self.table, self.call_selected)
                       for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)]
        for shortcut in self._keys:
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

        # another process (the CLI, an import, a second window) may add contacts: a cheap look
        # at the file's change counter each second refreshes the list where the user left it
        self._outside = app.store.watch_changes() if app is not None else None
        self._keep_scroll: int | None = None
        self._watch_timer = QTimer(self, interval=1000)
        self._watch_timer.timeout.connect(self._check_outside_changes)
        self._watch_timer.start()

        self.reload_books()

    def attach(self, app) -> None:
        """The store is up (the first rows came from ui/first_read.py): from now on every read
        and write is the store's; the list is read again in place (same rows, same selection)."""
        self.app = app
        self.model.svc = app.contacts
        if self.first is not None:
            self.first.attach(app.contacts)
        self._outside = app.store.watch_changes()
        self.refresh_in_place()

    def _check_outside_changes(self) -> None:
        if self._outside is None:
            return
        if self._outside.replaced():
            self._reopen_replaced_file()
        elif self._outside.changed():
            self.refresh_in_place()

    def _reopen_replaced_file(self) -> None:
        """Another program put a new database file in place: show that one from now on."""
        self._outside.close()  # asked no more until the writer thread reopened the store

        def reopened(_=None) -> None:
            self.status.emit(self.tr("The address book file was replaced by another program; showing the new one."))
            self.undo_stack.clear()  # its contacts belong to the old file
            self.undo_action.setEnabled(False)
            self.refresh_in_place()

        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Address books"),
                                self.tr("The address book file was replaced by another program and the new "
                                        "one cannot be used (%s). Restart WhitePhone.") % plain_reason(exc))

        self.tasks.write.submit(self.app.store.reopen, reopened, failed)

    def refresh_in_place(self) -> None:
        """Read the books and the list again, keeping the selection (every selected contact), the
        scroll and the rows down to what is on screen. At most one refresh waits: while a search
        runs, another one is only noted and starts once that search has answered."""
        if self.model.busy():
            self._refresh_wanted = True
            return
        self._refresh_wanted = False
        ids = self.selected_ids()
        if ids and not self._select_after_search:
            self._select_after_search = ids
        self._keep_scroll = self.table.verticalScrollBar().value()
        self.reload_books(keep_rows=True)

    def _rows_to_keep(self) -> int:
        """How many rows a refresh reads again: down to the last one on screen or selected (not
        every row ever loaded: scrolling on fetches the rest page by page)."""
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if last < 0:
            last = len(self.model.rows) - 1
        selected = [i.row() for i in self.table.selectionModel().selectedRows()]
        return min(len(self.model.rows), max([last, *selected]) + 1)

    # -- books -------------------------------------------------------------------------------
    def reload_books(self, select: int | None = None, keep_rows: bool = False) -> None:
        current = select if select is not None else self.current_book()
        books = self.app.store.books.list() if self.app is not None else self.first.books()
        total = sum(b.contact_count for b in books)
        self.books.blockSignals(True)
        self.books.clear()
        all_item = QListWidgetItem(self.tr("All contacts (%d)") % total)
        all_item.setData(Qt.ItemDataRole.UserRole, ALL_BOOKS)
        self.books.addItem(all_item)
        for b in books:
            it = QListWidgetItem(f"{book_name(b.name)} ({b.contact_count})")
            it.setData(Qt.ItemDataRole.UserRole, b.id)
            self.books.addItem(it)
        row = next((i for i in range(self.books.count())
                    if self.books.item(i).data(Qt.ItemDataRole.UserRole) == current), 0)
        self.books.setCurrentRow(row)
        self.books.blockSignals(False)
        tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("Any tag"), None)
        for t in (self.app.store.contacts.tags() if self.app is not None else self.first.tags()):
            self.tag_filter.addItem(t, t)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(tag)))
        self.tag_filter.blockSignals(False)
        self.total_contacts = total
        self.run_search(rows=self._rows_to_keep() if keep_rows else 0)

    def current_book(self) -> int:
        item = self.books.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ALL_BOOKS

    def book_name_dialog(self, title: str, name: str = "") -> QInputDialog:
        """The dialog asking a book's name, wide enough that the title bar shows its title."""
        dlg = QInputDialog(self)
        dlg.setWindowTitle(title)
        dlg.setLabelText(self.tr("Name:"))
        dlg.setTextValue(name)
        # the title bar also holds the window icon and its buttons
        dlg.resize(max(dlg.sizeHint().width(), dlg.fontMetrics().horizontalAdvance(title) + 180),
                   dlg.sizeHint().height())
        return dlg

    def ask_book_name(self, title: str, name: str = "") -> tuple[str, bool]:
        dlg = self.book_name_dialog(title, name)
        ok = bool(dlg.exec())
        return dlg.textValue(), ok

    def add_book(self) -> None:
        from whitephone.store import BookError

        name, ok = self.ask_book_name(self.tr("New address book"))
        if ok:
            try:
                self.reload_books(self.app.store.books.add(name))
            except BookError as exc:
                QMessageBox.warning(self, self.tr("Address books"), str(exc))

    def rename_book(self) -> None:
        book_id = self.current_book()
        if book_id == ALL_BOOKS:
            return
        from whitephone.store import BookError

        book = self.app.store.books.get(book_id)
        name, ok = self.ask_book_name(self.tr("Rename address book"), book.name)
        if ok:
            try:
                self.app.store.books.rename(book_id, name)
                self.reload_books(book_id)
            except BookError as exc:
                QMessageBox.warning(self, self.tr("Address books"), str(exc))

    def remove_book(self) -> None:
        book_id = self.current_book()
        if book_id == ALL_BOOKS:
            return
        book = self.app.store.books.get(book_id)
        others = [b for b in self.app.store.books.list() if b.id != book_id]
        choice = self.ask_remove_book(book, others)
        if choice is None:
            return
        move_to = others[0].id if choice == "move" else None
        self._write(lambda: self.app.store.books.remove(book_id, move_to),
                    lambda _: (self.reload_books(ALL_BOOKS), self.status.emit(self.tr("Address book removed."))))

    def ask_remove_book(self, book, others) -> str | None:
        """"delete" (with its contacts), "move" (contacts to the first other book) or None."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Remove address book"))
        box.setText(self.tr("Remove “%s” and its %s?") % (book_name(book.name), contacts_text(book.contact_count)))
        delete_btn = box.addButton(self.tr("Remove with its contacts"), QMessageBox.ButtonRole.DestructiveRole)
        move_btn = None
        if others and book.contact_count:
            move_btn = box.addButton(self.tr("Move contacts to “%s”") % book_name(others[0].name),
                                     QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is not None and clicked is delete_btn:
            return "delete"
        if clicked is not None and clicked is move_btn:
            return "move"
        return None

    def _book_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("New address book…"), self.add_book)
        if self.current_book() != ALL_BOOKS:
            menu.addAction(self.tr("Rename…"), self.rename_book)
            menu.addAction(self.tr("Remove…"), self.remove_book)
        menu.exec(self.books.mapToGlobal(pos))

    # -- searching ---------------------------------------------------------------------------
    def run_search(self, rows: int = 0) -> None:
        book = self.current_book()
        self.model.search(self.search.text(), rows=rows, book_id=None if book == ALL_BOOKS else book,
                          tag=self.tag_filter.currentData(),
                          company_id=self.company_filter[0] if self.company_filter else None)

    def _search_done(self, n: int) -> None:
        if n == 0 and not self.search.text().strip() and getattr(self, "total_contacts", 0) == 0:
            self.stack.setCurrentWidget(self.empty)
        elif n == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)
        searching = bool(self.search.text().strip())
        total = n if searching else getattr(self, "total_contacts", n)
        self.countChanged.emit(contacts_text(total, searching and self.model.canFetchMore()))
        pending, self._select_after_search = self._select_after_search, []
        if any(self.model.row_of(i) >= 0 for i in pending):
            self.select_contacts(pending)
        elif n and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        elif n == 0:
            self.card.show_contact(None)
        if self._keep_scroll is not None:
            self.table.verticalScrollBar().setValue(self._keep_scroll)
            self._keep_scroll = None
        if self._refresh_wanted:
            self.refresh_in_place()

    def filter_by_company(self, company_id: int, name: str) -> None:
        self.company_filter = (company_id, name)
        self.company_chip.setText(self.tr("Company: %s  ✕") % name)
        self.company_chip.show()
        self.run_search()

    def clear_company_filter(self) -> None:
        self.company_filter = None
        self.company_chip.hide()
        self.run_search()

    # -- selection and card ------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.merge_action.setEnabled(len(ids) == 2)
        if len(ids) != 1 or self.app is None:  # before the store is up: attach() reads again
            return
        cid = ids[0]

        def load():
            c = self.app.store.contacts.get(cid)
            return c, (self.app.store.contacts.members(cid) if c and c.kind == "company" else [])

        self.tasks.read.submit(load, lambda res: self._show_card(cid, *res))

    def _show_card(self, cid: int, contact, members) -> None:
        if self.selected_ids() == [cid]:
            self.card.show_contact(contact, members)

    def select_contact(self, contact_id: int) -> None:
        self.select_contacts([contact_id])

    def select_contacts(self, contact_ids: list[int]) -> None:
        """Select exactly these contacts (those in the list), the first one current."""
        rows = [r for r in (self.model.row_of(i) for i in contact_ids) if r >= 0]
        if not rows:
            return
        selection = QItemSelection()
        for r in rows:
            selection.select(self.model.index(r, 0), self.model.index(r, self.model.columnCount() - 1))
        sm = self.table.selectionModel()
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        sm.setCurrentIndex(self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(self.model.index(rows[0], 0))

    def enter_list(self) -> None:
        """Move the keyboard from the search box to the list, on the selected (or first) row."""
        if not self.model.rows:
            return
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setCurrentIndex(self.table.selectionModel().selectedRows()[0])

    def call_selected(self) -> None:
        """Call the selected contact's first number (Enter in the list)."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        s = self.model.summary(self.model.row_of(ids[0]))
        numbers = [t for t in (call_target(p) for p in s.phones) if t]
        if not numbers:
            self.status.emit(self.tr("%s has no number to call.") % s.display_name)
            return
        self.callRequested.emit(numbers[0], self._contact(s.id))

    def _contact(self, contact_id: int):
        """The contact's full data, or None before the store is up (the window finds it by
        number once it is: MainWindow.request_call)."""
        return self.app.store.contacts.get(contact_id) if self.app is not None else None

    def _starting(self) -> bool:
        """True (and a word to the user) while the store is not up: the first rows came from
        ui/first_read.py and cannot be edited yet (a fraction of a second after the window shows)."""
        if self.app is not None:
            return False
        self.status.emit(self.tr("WhitePhone is still opening the address book; try again in a moment."))
        return True

    def _contact_menu(self, pos) -> None:
        idx = self.table.indexAt(pos)
        if not idx.isValid():
            return
        s = self.model.summary(idx.row())
        menu = QMenu(self)
        for number in filter(None, (call_target(p) for p in s.phones)):
            menu.addAction(self.tr("Call %s") % self.model._phone(number),
                           lambda n=number: self.callRequested.emit(n, self._contact(s.id)))
        if s.phones:
            menu.addSeparator()
        menu.addAction(self.tr("Edit…"), lambda: self.edit_contact(s.id))
        if s.kind == "company":
            menu.addAction(self.tr("Show people of this company"), lambda: self.filter_by_company(s.id,
                                                                                                s.display_name))
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- editing -----------------------------------------------------------------------------
    def _write(self, fn, done=None) -> None:
        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Address books"), self.tr("That did not work: %s") % plain_reason(exc))

        self.tasks.write.submit(fn, done, failed)

    def _editor(self, contact: ContactData) -> ContactEditor:
        from whitephone.ui.dialogs.contact_editor import ContactEditor  # when first editing, not at start

        return ContactEditor(contact, self.app.store.books.list(), self.app.profile.region,
                             self.app.store.contacts.custom_fields(), self)

    def new_contact(self, number: str = "", name: str = "") -> None:
        """The editor for a new contact (with a caller's number and name filled in, when given)."""
        if self._starting():
            return
        book = self.current_book()
        sip = number.lower().startswith(("sip:", "sips:"))
        c = ContactData(book_id=None if book == ALL_BOOKS else book, display_name=name,
                        phones=[Phone(number)] if number and not sip else [],
                        websites=[Website(number)] if sip else [])
        if c.book_id is None:
            c.book_id = self.app.store.books.default_id()
        dlg = self._editor(c)
        if dlg.exec():
            new = dlg.result_contact()
            self._write(lambda: self.app.contacts.add(new, new.book_id), self._saved)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.edit_contact(ids[0])

    def edit_contact(self, contact_id: int) -> None:
        if self._starting():
            return
        c = self.app.store.contacts.get(contact_id)
        if c is None:
            return
        dlg = self._editor(c)
        if dlg.exec():
            edited = dlg.result_contact()
            self._write(lambda: (self.app.contacts.update(edited), edited.id)[1], self._saved)

    def _saved(self, contact_id: int) -> None:
        self.status.emit(self.tr("Contact saved."))
        self._select_after_search = [contact_id]
        self.reload_books()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.delete_contacts(ids)

    def delete_contacts(self, ids: list[int]) -> None:
        if self._starting():
            return
        def done(snapshot) -> None:
            self.undo_stack.append(snapshot)
            self.undo_action.setEnabled(True)
            names = ", ".join(c.best_display_name() for c in snapshot[:2]) + ("…" if len(snapshot) > 2 else "")
            self.status.emit(self.tr("Deleted %s — press Ctrl+Z to undo.") % names)
            self.reload_books()

        self._write(lambda: self.app.contacts.delete(ids), done)

    def undo_delete(self) -> None:
        if not self.undo_stack:
            return
        snapshot = self.undo_stack.pop()
        self.undo_action.setEnabled(bool(self.undo_stack))

        def failed(exc: BaseException) -> None:  # nothing lost: the undo stays for another try
            self.undo_stack.append(snapshot)
            self.undo_action.setEnabled(True)
            QMessageBox.warning(self, self.tr("Undo delete"),
                                self.tr("The deleted contacts could not be put back (%s). Nothing is lost: "
                                        "press Ctrl+Z to try again.") % plain_reason(exc))

        self.tasks.write.submit(lambda: self.app.contacts.restore(snapshot),
                                lambda _: (self.status.emit(self.tr("Restored %s.") % contacts_text(len(snapshot))),
                                           self.reload_books()), failed)

    def merge_selected(self) -> None:
        if self._starting():
            return
        ids = self.selected_ids()
        if len(ids) != 2:
            QMessageBox.information(self, self.tr("Merge"), self.tr("Select exactly two contacts to merge."))
            return
        a, b = (self.app.store.contacts.get(i) for i in ids)
        answer = QMessageBox.question(
            self, self.tr("Merge contacts"),
            self.tr("Merge “%s” into “%s”? Numbers, e-mails and addresses of both are kept; “%s” "
                    "is removed.") % (b.best_display_name(), a.best_display_name(), b.best_display_name()))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: self.app.contacts.merge(a.id, b.id).id, self._saved)
