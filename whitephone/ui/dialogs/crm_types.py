"""The company's CRM record types (seed 000: "the type of enquiry/action"), kept on the hub: every
signed-in user sees the list; holders of the CRM admin permission add, remove and reorder types.
Every refusal shows the hub's reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from whitephone.sync.permissions import holds
from whitephone.ui import theme


class CrmTypesDialog(QDialog):
    saved = Signal(list)  # the types as the hub keeps them now

    def __init__(self, app, run, parent=None) -> None:
        """`run(fn, on_done, on_error)`: the window's hub worker (Team.run)."""
        super().__init__(parent)
        self.app, self.run = app, run
        self.setWindowTitle(self.tr("CRM record types"))
        self.resize(420, 420)
        self.editable = False
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Record types"))
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("New type"))
        self.name.setMaxLength(200)
        self.name.setPlaceholderText(self.tr("A new type, e.g. Warranty claim"))
        self.name.returnPressed.connect(self.add)
        self.add_btn = QPushButton(self.tr("Add"))
        self.add_btn.setToolTip(self.tr("Add a record type"))
        self.add_btn.clicked.connect(self.add)
        self.remove_btn = QPushButton(self.tr("Remove"))
        self.remove_btn.setToolTip(self.tr("Remove the selected record type"))
        self.remove_btn.clicked.connect(self.remove)
        self.up_btn = QPushButton(self.tr("Up"))
        self.up_btn.setToolTip(self.tr("Move the selected record type up the list"))
        self.up_btn.clicked.connect(lambda: self.move(-1))
        self.down_btn = QPushButton(self.tr("Down"))
        self.down_btn.setToolTip(self.tr("Move the selected record type down the list"))
        self.down_btn.clicked.connect(lambda: self.move(1))
        self.save_btn = QPushButton(self.tr("Save"))
        self.save_btn.setToolTip(self.tr("Save the record types for the whole company"))
        self.save_btn.setDefault(True)
        self.save_btn.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.note = QLabel(self.tr("Reading the types from the hub…"))
        self.note.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_btn)
        edit_row = QHBoxLayout()
        for b in (self.up_btn, self.down_btn, self.remove_btn):
            edit_row.addWidget(b)
        edit_row.addStretch()
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(close)
        bottom.addWidget(self.save_btn)
        v = QVBoxLayout(self)
        intro = QLabel(self.tr("The types a new CRM record can have, in the order the Type lists show them."))
        intro.setWordWrap(True)
        v.addWidget(intro)
        v.addWidget(self.list, 1)
        v.addLayout(edit_row)
        v.addLayout(add_row)
        v.addWidget(self.note)
        v.addLayout(bottom)
        self._update()
        self.load()

    def load(self) -> None:
        session = self.app.session

        def work():
            client = session.ensure()
            return client.me(), client.crm_types()

        self.run(work, self._loaded, self._failed)

    def _loaded(self, res) -> None:
        me, types = res
        self.editable = holds(me, "crm_admin")
        self.list.clear()
        self.list.addItems(types)
        self.note.setText("" if self.editable else
                          self.tr("Only holders of the CRM admin permission can change the types."))
        theme.tone(self.note, "")
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(str(exc))
        theme.tone(self.note, "error")
        self._update()

    def types(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _update(self) -> None:
        row = self.list.currentRow()
        for w in (self.name, self.add_btn, self.save_btn):
            w.setEnabled(self.editable)
        self.remove_btn.setEnabled(self.editable and row >= 0 and self.list.count() > 1)
        self.up_btn.setEnabled(self.editable and row > 0)
        self.down_btn.setEnabled(self.editable and 0 <= row < self.list.count() - 1)

    def add(self) -> None:
        name = " ".join(self.name.text().split())
        if not name:
            return
        if name.casefold() in (t.casefold() for t in self.types()):
            self.note.setText(self.tr("“%s” is in the list already.") % name)
            return
        self.list.addItem(name)
        self.list.setCurrentRow(self.list.count() - 1)
        self.name.clear()
        self.note.clear()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and self.list.count() > 1:
            self.list.takeItem(row)
            self._update()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if 0 <= row < self.list.count() and 0 <= to < self.list.count():
            item = self.list.takeItem(row)
            self.list.insertItem(to, item)
            self.list.setCurrentRow(to)

    def save(self) -> None:
        types = self.types()
        session, store = self.app.session, self.app.store

        def work() -> list[str]:
            kept = session.ensure().set_crm_types(types)
            store.crm.set_types(kept)  # the Type lists here follow at once; sync keeps them after
            return kept

        def done(kept: list[str]) -> None:
            self.list.clear()
            self.list.addItems(kept)
            self.note.setText(self.tr("Saved."))
            theme.tone(self.note, "")
            self.saved.emit(kept)

        self.save_btn.setEnabled(False)
        self.run(work, done, self._failed)
