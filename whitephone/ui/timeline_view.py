"""A contact's timeline on its profile: calls (with recordings), CRM records and notes, private
notes, changes; newest first, filtered by kind and date, a page at a time; a private note box.
The store is read on a worker thread (ui/tasks.py): the window never waits on the database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from whitephone.store.database import plain_reason
from whitephone.store.timeline import TimelineEntry
from whitephone.ui import a11y, theme
from whitephone.ui.dates import when_text as relative_when
from whitephone.ui.note_box import left_after_save
from whitephone.ui.rich_text import plain_tooltip

PAGE = 50
KIND_FILTERS = [(QT_TRANSLATE_NOOP("TimelineView", "All"), None), (QT_TRANSLATE_NOOP("TimelineView", "Calls"), ["call"]),
                (QT_TRANSLATE_NOOP("TimelineView", "CRM records"), ["crm"]),
                (QT_TRANSLATE_NOOP("TimelineView", "CRM notes"), ["crm_note"]),
                (QT_TRANSLATE_NOOP("TimelineView", "Messages"), ["message"]),
                (QT_TRANSLATE_NOOP("TimelineView", "Appointments"), ["appointment"]),
                (QT_TRANSLATE_NOOP("TimelineView", "Notes"), ["note"]),
                (QT_TRANSLATE_NOOP("TimelineView", "Changes to the contact"), ["change"])]
PERIODS = [QT_TRANSLATE_NOOP("TimelineView", "Any time"), QT_TRANSLATE_NOOP("TimelineView", "Today"),
           QT_TRANSLATE_NOOP("TimelineView", "Last 7 days"), QT_TRANSLATE_NOOP("TimelineView", "Last 30 days"),
           QT_TRANSLATE_NOOP("TimelineView", "Last 12 months"), QT_TRANSLATE_NOOP("TimelineView", "Between dates…")]
ICONS = {"call": "☎", "crm": "▣", "crm_note": "✎", "message": "✉", "appointment": "◷", "note": "✎", "change": "↻"}


def when_text(at: str) -> str:
    """An ISO time in local time, as the list shows it."""
    try:
        datetime.fromisoformat(at)
    except ValueError:
        return at[:16].replace("T", " ")
    from whitephone.ui.crm_model import when_text as short_when

    return short_when(at)  # the locale's short date and time


# The store words its entries in English (store/timeline.py: logs, the CLI); the window words
# what it has the data for — calls, contact changes, CRM records, appointments — in the user's
# language, and shows the rest (subjects, names, what people wrote) as it is.
CALL_TITLES = {("in", "answered"): QT_TRANSLATE_NOOP("TimelineView", "Incoming call"),
               ("out", "answered"): QT_TRANSLATE_NOOP("TimelineView", "Outgoing call"),
               ("in", "missed"): QT_TRANSLATE_NOOP("TimelineView", "Missed call"),
               ("in", "rejected"): QT_TRANSLATE_NOOP("TimelineView", "Declined call"),
               ("out", "busy"): QT_TRANSLATE_NOOP("TimelineView", "Outgoing call: busy"),
               ("out", "no_answer"): QT_TRANSLATE_NOOP("TimelineView", "Outgoing call: no answer")}
CALL_RESULTS = {"answered": QT_TRANSLATE_NOOP("TimelineView", "answered"),
                "missed": QT_TRANSLATE_NOOP("TimelineView", "missed"),
                "rejected": QT_TRANSLATE_NOOP("TimelineView", "declined"),
                "busy": QT_TRANSLATE_NOOP("TimelineView", "busy"),
                "no_answer": QT_TRANSLATE_NOOP("TimelineView", "no answer"),
                "cancelled": QT_TRANSLATE_NOOP("TimelineView", "cancelled"),
                "failed": QT_TRANSLATE_NOOP("TimelineView", "failed")}
CHANGE_FIELDS = {
    "given_name": QT_TRANSLATE_NOOP("TimelineView", "First name"),
    "family_name": QT_TRANSLATE_NOOP("TimelineView", "Last name"),
    "middle_name": QT_TRANSLATE_NOOP("TimelineView", "Middle name"),
    "display_name": QT_TRANSLATE_NOOP("TimelineView", "Display name"),
    "prefix": QT_TRANSLATE_NOOP("TimelineView", "Prefix"), "suffix": QT_TRANSLATE_NOOP("TimelineView", "Suffix"),
    "nickname": QT_TRANSLATE_NOOP("TimelineView", "Nickname"),
    "birthday": QT_TRANSLATE_NOOP("TimelineView", "Birthday"), "notes": QT_TRANSLATE_NOOP("TimelineView", "Notes"),
    "kind": QT_TRANSLATE_NOOP("TimelineView", "Kind"),
    "phones": QT_TRANSLATE_NOOP("TimelineView", "Phone numbers"),
    "emails": QT_TRANSLATE_NOOP("TimelineView", "E-mail addresses"),
    "addresses": QT_TRANSLATE_NOOP("TimelineView", "Addresses"),
    "websites": QT_TRANSLATE_NOOP("TimelineView", "Websites"),
    "companies": QT_TRANSLATE_NOOP("TimelineView", "Companies"), "tags": QT_TRANSLATE_NOOP("TimelineView", "Tags"),
    "photo": QT_TRANSLATE_NOOP("TimelineView", "Photo"), "book": QT_TRANSLATE_NOOP("TimelineView", "Address book")}
CHANGE_SOURCES = {"import": QT_TRANSLATE_NOOP("TimelineView", "by import"),
                  "hub": QT_TRANSLATE_NOOP("TimelineView", "synced from the team")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TimelineView", text)  # i18n: marked


def _call_texts(e: TimelineEntry) -> tuple[str, str]:
    direction, result = e.extra.get("direction"), e.extra.get("result")
    key = CALL_TITLES.get((direction, result))
    if key:
        title = _tr(key)
    else:
        words = _tr(CALL_RESULTS[result]) if result in CALL_RESULTS else str(result)
        title = (QCoreApplication.translate("TimelineView", "Incoming call (%s)") if direction == "in"
                 else QCoreApplication.translate("TimelineView", "Outgoing call (%s)")) % words
    detail = e.detail
    if e.recording and detail.endswith("recorded"):
        detail = detail[:-len("recorded")] + QCoreApplication.translate("TimelineView", "recorded")
    return title, detail


def _change_texts(e: TimelineEntry) -> tuple[str, str]:
    field, old, new = e.extra.get("field", ""), e.extra.get("old"), e.extra.get("new")
    if field == "created":
        title = QCoreApplication.translate("TimelineView", "Contact created")
    elif field == "deleted":
        title = QCoreApplication.translate("TimelineView", "Contact deleted")
    elif field == "merged":
        title = QCoreApplication.translate("TimelineView", "Merged with another contact")
    elif field.startswith("custom:"):
        title = QCoreApplication.translate("TimelineView", "%s changed") % field[7:]
    else:
        name = _tr(CHANGE_FIELDS[field]) if field in CHANGE_FIELDS else field
        title = QCoreApplication.translate("TimelineView", "%s changed") % name
    if field in ("created", "deleted", "merged"):
        detail = new or old or ""
    else:
        empty = QCoreApplication.translate("TimelineView", "(empty)")
        detail = f"{old or empty} → {new or empty}"
    who = e.extra.get("who", "")
    if who == "you":
        who = QCoreApplication.translate("TimelineView", "you")
    elif who == "a colleague":
        who = QCoreApplication.translate("TimelineView", "a colleague")
    source = e.extra.get("source", "")
    how = _tr(CHANGE_SOURCES[source]) if source in CHANGE_SOURCES else e.extra.get("how", "")
    return title, f"{detail}  ({who}{', ' + how if how else ''})"


def entry_texts(e: TimelineEntry) -> tuple[str, str, str]:
    """(when, what, details) of an entry."""
    title, detail = e.title, e.detail
    if e.kind == "call" and "direction" in e.extra:
        title, detail = _call_texts(e)
    elif e.kind == "change" and "field" in e.extra:
        title, detail = _change_texts(e)
    elif e.kind == "crm" and "priority" in e.extra:
        from whitephone.ui.crm_model import priority_label, status_label

        detail = QCoreApplication.translate("TimelineView", "%1 · %2 priority · %3").replace("%1", str(e.extra.get("type") or "")).replace(
            "%2", priority_label(e.extra.get("priority") or "")).replace("%3", status_label(e.extra.get("status") or ""))
    elif e.kind == "appointment" and title.startswith("Appointment: "):
        title = QCoreApplication.translate("TimelineView", "Appointment: %s") % title[len("Appointment: "):]
    what = f"{ICONS.get(e.kind, '•')} {title}"
    if e.private and "private" not in e.title.lower():
        what += QCoreApplication.translate("TimelineView", " (private)")
    return relative_when(e.at), what, detail


def period_bounds(index: int, start: QDate, end: QDate, today: date | None = None) -> tuple[str | None, str | None]:
    """(since, until) in UTC ISO for a PERIODS choice (local days)."""
    today = today or date.today()

    def utc(d: date) -> str:
        return datetime(d.year, d.month, d.day).astimezone().astimezone(UTC).isoformat(timespec="milliseconds")

    if index == 0:
        return None, None
    if index == 5:
        a, b = start.toPython(), end.toPython()
        if b < a:
            a, b = b, a
        return utc(a), utc(b + timedelta(days=1))
    back = {1: 0, 2: 6, 3: 29, 4: 364}[index]
    return utc(today - timedelta(days=back)), None


def follows(entries: list[TimelineEntry], before) -> bool:
    """Whether a page read from `before` (a cursor; None: from the newest) continues `entries`:
    not when another page took its place meanwhile (Load more clicked twice)."""
    return before == (entries[-1].cursor if entries else None)


class TimelineView(QWidget):
    """Set a contact with `show_contact(contact_id, contact_uid)`."""

    playRecording = Signal(str)

    def __init__(self, store, worker, parent=None, writer=None) -> None:
        """`worker` reads the timeline; `writer` (default: `worker`) saves notes, after the
        store's other writes."""
        super().__init__(parent)
        self.store, self.worker, self.writer = store, worker, writer or worker
        self._saving: set[tuple[str, str]] = set()  # (contact uid, text) of notes on their way
        self.contact_id: int | None = None
        self.contact_uid: str | None = None
        self.entries: list[TimelineEntry] = []
        self._generation = 0  # answers for an earlier contact or filter are dropped
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.kind = QComboBox()
        for label, _ in KIND_FILTERS:
            self.kind.addItem(self.tr(label))  # i18n: marked
        self.period = QComboBox()
        self.period.addItems([self.tr(p) for p in PERIODS])  # i18n: marked
        a11y.name(self.kind, self.tr("Kind of entries"))
        a11y.name(self.period, self.tr("Period"))
        self.start, self.end = QDateEdit(QDate.currentDate().addMonths(-1)), QDateEdit(QDate.currentDate())
        self.start.setAccessibleName(self.tr("From"))
        self.end.setAccessibleName(self.tr("Until"))
        for d in (self.start, self.end):
            d.setCalendarPopup(True)
            d.setVisible(False)
        row.addWidget(QLabel(self.tr("Show:")))
        row.addWidget(self.kind)
        row.addWidget(self.period)
        row.addWidget(self.start)
        row.addWidget(self.end)
        row.addStretch(1)
        v.addLayout(row)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Communications"))
        self.tree.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Details")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 125)
        self.tree.setColumnWidth(1, 260)
        self.tree.itemActivated.connect(self._activated)
        v.addWidget(self.tree, 1)
        self.empty = QLabel()
        theme.tone(self.empty, "muted", "padding: 12px;")
        v.addWidget(self.empty)
        self.more = QPushButton(self.tr("Load more"))
        self.more.clicked.connect(self.load_more)
        self.more.setVisible(False)
        v.addWidget(self.more)
        notes = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Add a private note (only you see it) and press Enter"))
        self.note.returnPressed.connect(self.add_note)
        self.add_btn = QPushButton(self.tr("Add note"))
        self.add_btn.clicked.connect(self.add_note)
        notes.addWidget(self.note, 1)
        notes.addWidget(self.add_btn)
        v.addLayout(notes)
        self.kind.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.start.dateChanged.connect(self.reload)
        self.end.dateChanged.connect(self.reload)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.note.setFocus)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.kind, self.period, self.note, self.add_btn, self.tree):
            w.setEnabled(on)
        if not on:
            self.empty.setText(self.tr("Select a contact to see its timeline."))

    def show_contact(self, contact_id: int | None, contact_uid: str | None) -> None:
        self.contact_id, self.contact_uid = contact_id, contact_uid
        self._set_enabled(contact_id is not None)
        self.reload()

    def _period_changed(self, index: int) -> None:
        between = index == len(PERIODS) - 1
        self.start.setVisible(between)
        self.end.setVisible(between)
        self.reload()

    def _query(self) -> dict:
        since, until = period_bounds(self.period.currentIndex(), self.start.date(), self.end.date())
        return {"kinds": KIND_FILTERS[self.kind.currentIndex()][1], "since": since, "until": until}

    def reload(self) -> None:
        self._generation += 1
        self.tree.clear()
        self.entries = []
        self.more.setVisible(False)
        if self.contact_id is None:
            return
        self.empty.setText(self.tr("Loading…"))
        self._load(None)

    def load_more(self) -> None:
        if self.entries:
            self._load(self.entries[-1].cursor)

    def _load(self, before) -> None:
        gen, cid, q = self._generation, self.contact_id, self._query()

        def read():
            return self.store.timeline.for_contact(cid, limit=PAGE, before=before, **q)

        self.worker.submit(read, lambda page: self._show(gen, before, page), lambda exc: self._failed(gen, exc))

    def _show(self, gen: int, before, page: list[TimelineEntry]) -> None:
        # dropped: an answer for another contact or filter, or a page that no longer follows the
        # last row (Load more clicked twice: the first answer took its place)
        if gen != self._generation or not follows(self.entries, before):
            return
        self.entries += page
        for e in page:
            item = QTreeWidgetItem(list(entry_texts(e)))
            item.setToolTip(2, plain_tooltip(e.detail))
            self.tree.addTopLevelItem(item)
        self.more.setVisible(len(page) == PAGE)
        self.empty.setText("" if self.entries else self.tr("Nothing on this timeline yet."))
        self.empty.setVisible(not self.entries)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self.empty.setVisible(True)
            self.empty.setText(self.tr("The timeline could not be read: %s") % plain_reason(exc))

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        e = self.entries[self.tree.indexOfTopLevelItem(item)]
        if e.recording:
            self.playRecording.emit(e.recording)
            QDesktopServices.openUrl(QUrl.fromLocalFile(e.recording))

    def add_note(self) -> None:
        typed, uid = self.note.text(), self.contact_uid
        body = typed.strip()
        if not body or uid is None:
            return
        key = (uid, body)
        if key in self._saving:  # Enter again while it is on its way: saved once
            self.empty.setVisible(True)
            self.empty.setText(self.tr("That note is still being saved…"))
            return
        self._saving.add(key)
        store = self.store

        def write():
            return store.notes.add(uid, body, private=True)

        def done(_note) -> None:
            self._saving.discard(key)
            # only the text that was saved leaves the box: what was typed meanwhile stays
            rest = left_after_save(self.note.text(), typed, body)
            if rest is not None:
                self.note.setText(rest)
            if self.contact_uid == uid:
                self.reload()

        def failed(exc: BaseException) -> None:  # the text stays in the box: nothing lost
            self._saving.discard(key)
            self.empty.setVisible(True)
            self.empty.setText(self.tr("The note was not saved: %s") % plain_reason(exc))

        self.writer.submit(write, done, failed)
