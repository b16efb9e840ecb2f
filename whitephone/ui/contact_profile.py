"""A contact's profile window: the full card beside its timeline (opened from the call-time popup,
Recent communications and search results)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from whitephone.ui.contact_card import ContactCard
from whitephone.ui.timeline_view import TimelineView


class ContactProfileWindow(QWidget):
    callRequested = Signal(str, object)

    def __init__(self, app, worker, parent=None, writer=None) -> None:
        """`worker` reads; `writer` (default: `worker`) saves the timeline's notes."""
        super().__init__(parent, Qt.WindowType.Window)
        self.app, self.worker = app, worker
        self.contact_id: int | None = None
        self.resize(980, 620)
        v = QVBoxLayout(self)
        split = QSplitter()
        self.card = ContactCard(app.profile.region, history_button=False)
        self.card.callRequested.connect(self.callRequested)
        self.timeline = TimelineView(app.store, worker, writer=writer)
        split.addWidget(self.card)
        split.addWidget(self.timeline)
        split.setSizes([360, 620])
        v.addWidget(split)

    def show_contact(self, contact_id: int) -> None:
        """Load the contact (on the worker) and show its card and timeline."""
        self.contact_id = contact_id
        self.setWindowTitle(self.tr("Contact"))

        def read():
            return self.app.store.contacts.get(contact_id)

        def done(c) -> None:
            if c is None or self.contact_id != contact_id:
                if c is None:
                    self.setWindowTitle(self.tr("Contact deleted"))
                    self.card.show_contact(None)
                    self.timeline.show_contact(None, None)
                return
            self.setWindowTitle(c.best_display_name())
            self.card.show_contact(c)
            self.timeline.show_contact(c.id, c.uid)

        self.worker.submit(read, done)
