"""Recent communications (seed 003): my latest calls and CRM records (messages as they land),
newest first; Enter or a double-click loads the contact."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from whitephone.store.database import plain_reason
from whitephone.store.timeline import TimelineEntry
from whitephone.ui.timeline_view import entry_texts, follows

PAGE = 100


class RecentCommunications(QWidget):
    openContact = Signal(int)
    createContact = Signal(str, str)  # number, name: a call no contact was linked to

    def __init__(self, store, worker, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store, self.worker = store, worker
        self.setWindowTitle(self.tr("Recent communications"))
        self.resize(760, 520)
        v = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Recent communications"))
        self.tree.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Contact"), self.tr("Details")])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 120)
        self.tree.setColumnWidth(1, 220)
        self.tree.setColumnWidth(2, 160)
        self.tree.itemActivated.connect(self._activated)
        v.addWidget(self.tree, 1)
        self.status = QLabel()
        v.addWidget(self.status)
        self.more = QPushButton(self.tr("Load more"))
        self.more.clicked.connect(lambda: self._load(self.entries[-1].cursor if self.entries else None))
        v.addWidget(self.more)
        self.entries: list[TimelineEntry] = []
        self._generation = 0  # answers to a read from before the last reload are dropped

    def reload(self) -> None:
        self._generation += 1
        self.tree.clear()
        self.entries = []
        self.status.setText(self.tr("Loading…"))
        self._load(None)

    def _load(self, before) -> None:
        gen, store = self._generation, self.store
        self.worker.submit(lambda: store.timeline.recent(limit=PAGE, before=before),
                           lambda page: self._show(gen, before, page), lambda exc: self._failed(gen, exc))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.status.setText(self.tr("Could not read them: %s") % plain_reason(exc))

    def _show(self, gen: int, before, page: list[TimelineEntry]) -> None:
        # dropped: an answer from before a reload, or a page that no longer follows the last row
        # (Load more clicked twice: the first answer took its place)
        if gen != self._generation or not follows(self.entries, before):
            return
        self.entries += page
        for e in page:
            when, what, detail = entry_texts(e)
            item = QTreeWidgetItem([when, what, e.contact_name or self.tr("(no contact)"), detail])
            self.tree.addTopLevelItem(item)
        self.more.setVisible(len(page) == PAGE)
        self.status.setText(self.tr("Nothing yet: your calls and records will be listed here.") if not self.entries
                            else self.tr("Enter or double-click loads the contact."))
        if self.entries and self.tree.currentItem() is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        e = self.entries[self.tree.indexOfTopLevelItem(item)]
        if e.contact_uid:
            def found(c) -> None:
                if c is None:
                    self.status.setText(self.tr("That contact was deleted."))
                else:
                    self.openContact.emit(c.id)

            self.worker.submit(lambda: self.store.contacts.get_by_uid(e.contact_uid), found)
        elif e.extra.get("number") or e.extra.get("peer_uri"):
            self.createContact.emit(e.extra.get("number") or e.extra.get("peer_uri", ""), "")
