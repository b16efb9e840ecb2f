"""Search by field (seed 003): one or more conditions, each a field, an operator (= exact, Like
with % for any text) and a value; all must hold. Results open the contact's profile."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.search import EXTRA_FIELDS, SEARCH_FIELDS, SearchError, SearchQuery, field_condition
from whitephone.store.database import plain_reason
from whitephone.ui import a11y, theme

LIMIT = 200
# the labels of whitephone.core.search.SEARCH_FIELDS (plain Python, no tr), marked here for lupdate
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("SearchField", "Name"), QT_TRANSLATE_NOOP("SearchField", "First name"),
    QT_TRANSLATE_NOOP("SearchField", "Last name"), QT_TRANSLATE_NOOP("SearchField", "Nickname"),
    QT_TRANSLATE_NOOP("SearchField", "Company"), QT_TRANSLATE_NOOP("SearchField", "Phone number"),
    QT_TRANSLATE_NOOP("SearchField", "E-mail"), QT_TRANSLATE_NOOP("SearchField", "Tag"),
    QT_TRANSLATE_NOOP("SearchField", "Notes"), QT_TRANSLATE_NOOP("SearchField", "Birthday"),
    QT_TRANSLATE_NOOP("SearchField", "Address (any part)"), QT_TRANSLATE_NOOP("SearchField", "Street"),
    QT_TRANSLATE_NOOP("SearchField", "Postcode"), QT_TRANSLATE_NOOP("SearchField", "City"),
    QT_TRANSLATE_NOOP("SearchField", "Region"), QT_TRANSLATE_NOOP("SearchField", "Country"),
    QT_TRANSLATE_NOOP("SearchField", "Website"), QT_TRANSLATE_NOOP("SearchField", "CRM task id"),
    QT_TRANSLATE_NOOP("SearchField", "CRM subject"), QT_TRANSLATE_NOOP("SearchField", "CRM type"),
    QT_TRANSLATE_NOOP("SearchField", "CRM status"), QT_TRANSLATE_NOOP("SearchField", "CRM priority"),
)


class ConditionRow(QWidget):
    removed = Signal(object)
    submitted = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.field = QComboBox()
        a11y.name(self.field, self.tr("Field"))
        for key, label in {**SEARCH_FIELDS, **EXTRA_FIELDS}.items():
            self.field.addItem(QCoreApplication.translate("SearchField", label), key)  # i18n: marked
        self.op = QComboBox()
        a11y.name(self.op, self.tr("Comparison"))
        self.op.addItem(self.tr("Like"), "like")
        self.op.addItem("=", "=")
        self.value = QLineEdit()
        self.value.setAccessibleName(self.tr("Value"))
        self.value.setPlaceholderText(self.tr("Value, e.g. Ma% or =exact"))
        self.value.returnPressed.connect(self.submitted)
        self.remove = QPushButton("✕")
        self.remove.setAccessibleName(self.tr("Remove this condition"))
        self.remove.setToolTip(self.tr("Remove this condition"))
        self.remove.setFixedWidth(28)
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        h.addWidget(self.field, 2)
        h.addWidget(self.op)
        h.addWidget(self.value, 3)
        h.addWidget(self.remove)

    def condition(self, region: str):
        return field_condition(self.field.currentData(), self.op.currentData(), self.value.text(), region)


class AdvancedSearchDialog(QDialog):
    openContact = Signal(int)

    def __init__(self, app, worker, parent=None) -> None:
        super().__init__(parent)
        self.app, self.worker = app, worker
        self.setWindowTitle(self.tr("Search by field"))
        self.resize(720, 520)
        v = QVBoxLayout(self)
        self.rows_box = QVBoxLayout()
        v.addLayout(self.rows_box)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("&Add condition"))
        add.clicked.connect(lambda: self.add_row())
        self.search_btn = QPushButton(self.tr("&Search"))
        self.search_btn.setDefault(True)
        self.search_btn.clicked.connect(self.run)
        buttons.addWidget(add)
        buttons.addStretch(1)
        buttons.addWidget(self.search_btn)
        v.addLayout(buttons)
        help_text = QLabel(self.tr("<b>=</b> exact match (any case). <b>Like</b>: <tt>Ma%</tt> starts with, "
                                   "<tt>%ria</tt> ends with, <tt>%ari%</tt> contains; without % it means "
                                   "starts with. <tt>\\%</tt> is a percent sign itself."))
        help_text.setWordWrap(True)
        theme.tone(help_text, "muted")
        v.addWidget(help_text)
        self.results = QTreeWidget()
        self.results.setAccessibleName(self.tr("Contacts found"))
        self.results.setHeaderLabels([self.tr("Name"), self.tr("Company"), self.tr("Phone"), self.tr("E-mail")])
        self.results.setRootIsDecorated(False)
        self.results.setColumnWidth(0, 200)
        self.results.itemActivated.connect(self._open)
        v.addWidget(self.results, 1)
        self.status = QLabel(self.tr("Choose a field, = or Like, type a value and press Enter."))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a reason may hold < or &: shown as it is
        v.addWidget(self.status)
        self.rows: list[ConditionRow] = []
        self.ids: list[int] = []
        self._generation = 0
        self.add_row()

    def add_row(self, field: str | None = None, op: str | None = None, value: str = "") -> ConditionRow:
        row = ConditionRow()
        if field is not None:
            row.field.setCurrentIndex(max(0, row.field.findData(field)))
        if op is not None:
            row.op.setCurrentIndex(max(0, row.op.findData(op)))
        row.value.setText(value)
        row.removed.connect(self._remove_row)
        row.submitted.connect(self.run)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        row.value.setFocus()
        return row

    def _remove_row(self, row: ConditionRow) -> None:
        if len(self.rows) > 1:
            self.rows.remove(row)
            row.deleteLater()

    def run(self) -> None:
        try:
            conds = tuple(r.condition(self.app.profile.region) for r in self.rows)
        except SearchError as exc:
            self.status.setText(self.tr("Cannot search: %s") % exc)
            return
        self._generation += 1
        gen = self._generation
        self.status.setText(self.tr("Searching…"))

        def find():
            return self.app.store.contacts.search(SearchQuery(conditions=conds), limit=LIMIT)

        self.worker.submit(find, lambda rows: self._show(gen, rows), lambda exc: self._failed(gen, exc))

    def _show(self, gen: int, rows) -> None:
        if gen != self._generation:
            return
        self.results.clear()
        self.ids = [r.id for r in rows]
        for r in rows:
            self.results.addTopLevelItem(QTreeWidgetItem([r.display_name, ", ".join(r.companies),
                                                          ", ".join(r.phones[:2]), ", ".join(r.emails[:1])]))
        if not rows:
            self.status.setText(self.tr("No contacts match."))
        elif len(rows) == LIMIT:
            self.status.setText(self.tr("The first %n contacts; narrow the search to see others.", "", LIMIT))
        else:
            self.status.setText(self.tr("%n contacts. Enter or double-click opens one.", "", len(rows)))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.status.setText(self.tr("The search failed: %s") % plain_reason(exc))

    def _open(self, item: QTreeWidgetItem, _col: int) -> None:
        self.openContact.emit(self.ids[self.results.indexOfTopLevelItem(item)])

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API: Enter searches, not closes
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.results.hasFocus():
            self.run()
            return
        super().keyPressEvent(event)
