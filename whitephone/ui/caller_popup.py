"""The call-time popup: beside the ringing (or dialling) window, who the caller is and their
history, before the call is answered: the contact (photo, name, companies, tags), open CRM
records first, then the latest calls, messages and notes; "New record for this call"; for an
unknown number "Create contact" prefilled with it.

The popup is shown at once with "Looking up…" and filled when the lookup (core/caller.py, on
the popup's own worker thread) answers, so it never delays the ringing window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whitephone.core.caller import CallerInfo
from whitephone.phone import display
from whitephone.store.database import plain_reason
from whitephone.ui import theme
from whitephone.ui.default_names import crm_type_name
from whitephone.ui.photo_pixmap import photo_pixmap
from whitephone.ui.rich_text import escape, rich_label
from whitephone.ui.timeline_view import entry_texts, when_text


class CallerPopup(QFrame):
    openContact = Signal(int)  # the contact's id: its full card
    createContact = Signal(str, str)  # number (E.164 or the SIP identity), the caller's display name
    newRecord = Signal(object)  # CallerInfo: a CRM record for this call
    openRecord = Signal(str)  # a CRM record's uid (Enter or double-click on it)

    def __init__(self, caller: str, region: str, can_create_record: bool = False) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.region = region
        self.info: CallerInfo | None = None
        self.setObjectName("callerPopup")
        self.setWindowTitle(self.tr("Caller — %s") % caller)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(440)
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        self.photo = QLabel()
        self.photo.setFixedSize(64, 80)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.tone(self.photo, "photo_text", "background: $photo_bg; font-size: 24pt; border-radius: 4px;")
        head.addWidget(self.photo)
        who = QVBoxLayout()
        self.name = rich_label(f"<b style='font-size:14pt'>{escape(caller)}</b>")
        self.name.linkActivated.connect(self._name_clicked)
        self.name.setToolTip(self.tr("Open the full card"))
        self.companies = rich_label()
        self.tags = QLabel()
        self.status = QLabel(self.tr("Looking up the caller…"))
        theme.tone(self.status, "muted")
        for w in (self.name, self.companies, self.tags, self.status):
            w.setWordWrap(True)
            who.addWidget(w)
        head.addLayout(who, 1)
        v.addLayout(head)
        self.records_label = QLabel(self.tr("<b>CRM records</b>"))
        v.addWidget(self.records_label)
        self.records = QTreeWidget()
        self.records.setAccessibleName(self.tr("CRM records"))
        self.records.setHeaderLabels([self.tr("Task"), self.tr("Subject"), self.tr("Status")])
        self.records.setRootIsDecorated(False)
        self.records.setMaximumHeight(130)
        self.records.setColumnWidth(0, 70)
        self.records.setColumnWidth(1, 220)
        self.records.itemActivated.connect(
            lambda item, _c: self.info and self.openRecord.emit(
                self.info.records[self.records.indexOfTopLevelItem(item)].uid))
        v.addWidget(self.records)
        v.addWidget(QLabel(self.tr("<b>Latest</b>")))
        self.timeline = QTreeWidget()
        self.timeline.setAccessibleName(self.tr("Latest communications"))
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Details")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setColumnWidth(0, 120)
        self.timeline.setColumnWidth(1, 150)
        self.timeline.setMaximumHeight(190)
        v.addWidget(self.timeline)
        buttons = QHBoxLayout()
        self.new_record_btn = QPushButton(self.tr("New record for this call"))
        self.new_record_btn.clicked.connect(lambda: self.newRecord.emit(self.info))
        self.new_record_btn.setVisible(can_create_record)
        self.new_record_btn.setEnabled(False)
        self.create_btn = QPushButton(self.tr("Create contact"))
        self.create_btn.clicked.connect(self._create)
        self.create_btn.setVisible(False)
        buttons.addWidget(self.create_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.new_record_btn)
        v.addLayout(buttons)
        for w in (self.records_label, self.records):
            w.setVisible(False)

    # -- placing ---------------------------------------------------------------------------
    def place_beside(self, anchor: QWidget) -> None:
        """To the right of `anchor` (left of it when the screen ends), top edges aligned."""
        self.adjustSize()
        g = anchor.frameGeometry()
        screen = (anchor.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        x = g.right() + 8
        if x + self.width() > screen.right():
            x = max(screen.left(), g.left() - 8 - self.width())
        y = min(max(screen.top(), g.top()), max(screen.top(), screen.bottom() - self.height()))
        self.move(QPoint(x, y))

    # -- filling ---------------------------------------------------------------------------
    def fill(self, info: CallerInfo) -> None:
        self.info = info
        c = info.contact
        number = display(info.number, info.number, self.region) if info.number else info.identity.strip("<>")
        if c is None:
            shown = info.display_name or number
            self.name.setText(f"<b style='font-size:14pt'>{escape(shown)}</b>")
            self.photo.setText("?")
            self.companies.setText(escape(number) if shown != number else "")
            self.tags.setText("")
            self.status.setText(self.tr("Not in your address books or the company's."))
            self.create_btn.setVisible(True)
        else:
            self.name.setText(f"<a href='contact' style='font-size:14pt; font-weight:bold'>"
                              f"{escape(c.best_display_name())}</a>")
            if c.photo:
                self.photo.setPixmap(photo_pixmap(c.photo, 64, 80, self.photo))
            else:
                self.photo.setText("".join(p[:1] for p in c.best_display_name().split()[:2]).upper() or "?")
            comps = ", ".join(f"{x.name} ({x.role})" if x.role else x.name for x in c.companies)
            self.companies.setText(escape(" · ".join(x for x in (comps, number) if x)))
            theme.set_html(self.tags, " ".join(f"<span style='background:#e3f2fd; color:#0d47a1'>&nbsp;"
                                                  f"{escape(t)}&nbsp;</span>" for t in c.tags))
            notes = []
            if info.created:
                notes.append(self.tr("New contact made for this caller."))
            if info.in_company_book:
                notes.append(self.tr("In the company's address book."))
            if info.others:
                notes.append(self.tr("%n more contacts have this number.", "", len(info.others)))
            self.status.setText(" ".join(notes))
            self.create_btn.setVisible(False)
        self.records.clear()
        for r in info.records:
            item = QTreeWidgetItem([r.task_label, r.subject, f"{r.status} · {r.priority}"])
            item.setToolTip(1, f"{crm_type_name(r.type)} — {when_text(r.created_at)}")
            if r.status == "open":
                f = item.font(1)
                f.setBold(True)
                item.setFont(1, f)
            self.records.addTopLevelItem(item)
        for w in (self.records_label, self.records):
            w.setVisible(bool(info.records))
        self.timeline.clear()
        for e in info.timeline:
            self.timeline.addTopLevelItem(QTreeWidgetItem(list(entry_texts(e))))
        if not info.timeline:
            self.timeline.addTopLevelItem(QTreeWidgetItem(["", self.tr("No earlier calls or notes"), ""]))
        self.new_record_btn.setEnabled(True)
        self.adjustSize()

    def failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The caller could not be looked up: %s") % plain_reason(exc))
        self.new_record_btn.setEnabled(True)

    def _name_clicked(self, _link: str) -> None:
        if self.info is not None and self.info.contact is not None and self.info.contact.id is not None:
            self.openContact.emit(self.info.contact.id)

    def _create(self) -> None:
        if self.info is not None:
            self.createContact.emit(self.info.number or self.info.identity.strip("<>"), self.info.display_name)
