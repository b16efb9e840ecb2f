"""The CRM record window (seed 000 "CRM"): opened for a person (from a call, a contact's card,
the Online Monitor) it first lists all their previous records; New shows Type, Priority,
Opened As and Subject, then Create Task; a record shows its task id ("pending" until the first
sync), its notes (append-only, author and time, private ones marked), Add Note, Set Reminder,
Close and Re-Open. A closed record takes no notes: the note box says why until it is re-opened.

Thin Qt over `store.crm`; every refusal of the store (CrmError) is shown in the window as is.
Reads go to the window's reader thread and changes to its writer thread (ui/tasks.py): the Qt main
thread never waits on the store. `busy()` is true while one is on its way (`settled` when none is)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from whitephone.store.crm import CrmError
from whitephone.ui import theme
from whitephone.ui.crm_model import (
    PRIORITY_COLOURS,
    date_text,
    priority_label,
    status_label,
    task_text,
    when_text,
)
from whitephone.ui.default_names import crm_type_name
from whitephone.ui.note_box import left_after_save
from whitephone.ui.rich_text import escape
from whitephone.ui.sync_status import field_text

PRIORITIES = ("low", "medium", "high")
CLOSED_REASON = QT_TRANSLATE_NOOP("CrmWindow", "This record is closed: re-open it to add notes.")


@dataclass
class Person:
    """Whom a CRM window is for: a contact (uid) and/or a number or SIP address."""

    name: str
    contact_uid: str | None = None
    number: str | None = None

    def label(self) -> str:
        if self.number and self.number != self.name:
            return f"{self.name} ({self.number})" if self.name else self.number
        return self.name or self.number or ""


class ReminderDialog(QDialog):
    """Date and time of a reminder (in local time), then Set Reminder."""

    def __init__(self, current: datetime | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set Reminder"))
        start = current.astimezone() if current else datetime.now().astimezone() + timedelta(hours=1)
        self.when = QDateTimeEdit(QDateTime(start.year, start.month, start.day, start.hour, start.minute, 0))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.error = QLabel()
        theme.tone(self.error, "error")
        buttons = QDialogButtonBox()
        self.set_btn = buttons.addButton(self.tr("Set Reminder"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Remind me at:"), self.when)
        form.addRow(self.error)
        form.addRow(buttons)

    def chosen(self) -> datetime:
        """The chosen time, aware, in UTC."""
        dt = self.when.dateTime().toPython()
        return dt.astimezone().astimezone(UTC) if dt.tzinfo is None else dt.astimezone(UTC)

    def _check(self) -> None:
        if self.chosen() <= datetime.now(UTC):
            self.error.setText(self.tr("That time has passed: choose a later one."))
            return
        self.accept()


class CrmWindow(QWidget):
    """One person's CRM records (or one record's, from the CRM tab)."""

    changed = Signal(str)  # uid of a record created or changed here
    settled = Signal()  # no read or change of the window's is on its way any more

    def __init__(self, app, person: Person | None = None, record_uid: str | None = None,
                 call: str | None = None, message: str | None = None,
                 groups: list[tuple[int, str]] | None = None, parent=None, tasks=None, new: bool = False) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.app, self.crm = app, app.store.crm
        if tasks is None:  # a window on its own (tests, a tool): its own two threads
            from whitephone.ui.tasks import Tasks

            tasks = self._own_tasks = Tasks()
            self.destroyed.connect(lambda *_, t=tasks: (t.write.stop(0), t.read.stop(0)))
        self.tasks = tasks
        self._pending = 0
        # the changes on their way (a key each: a double click adds one note, makes one record);
        # different changes queue on the writer thread in the order they were asked for
        self._in_flight: set = set()
        # called with the record's uid after each change is saved, also when this window was
        # closed meanwhile (CrmParts refreshes the CRM tab); it must not refer to the window
        self.after_write = None
        self._wanted: str | None = None  # the record the user last chose (a late save must not undo it)
        self.call, self.message = call, message
        self.groups = list(groups or [])
        self.current = None  # the record shown
        self._notes: list = []  # the shown record's notes, history and call (read with it)
        self._history: list = []
        self._call_entry = None
        self.listed: list = []
        self.person = person  # a record's window learns its person with the first read
        self.setWindowTitle(self.tr("CRM"))
        self.resize(940, 600)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.records = QTreeWidget()
        self.records.setAccessibleName(self.tr("Records"))
        self.records.setHeaderLabels([self.tr("Task ID"), self.tr("Subject"), self.tr("Type"), self.tr("Priority"),
                                      self.tr("Status"), self.tr("Opened")])
        self.records.setRootIsDecorated(False)
        header = self.records.header()
        header.setStretchLastSection(False)
        for col in range(6):  # the subject takes what the short columns leave
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.records.currentItemChanged.connect(lambda item, _prev: self._record_chosen(item))
        self.no_records = QLabel()
        self.no_records.setWordWrap(True)
        self.no_records.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QStackedWidget()
        left.addWidget(self.records)
        left.addWidget(self.no_records)
        self.left = left

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_detail())
        self.pages.addWidget(self._build_new())
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.pages)
        split.setSizes([420, 520])

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        theme.tone(self.notice, "error")
        self.new_btn = QPushButton(self.tr("New"))
        self.new_btn.clicked.connect(self.show_new)
        QShortcut(QKeySequence.StandardKey.New, self, self.show_new)
        QShortcut(QKeySequence("Esc"), self, self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        bottom.addWidget(self.new_btn)
        v = QVBoxLayout(self)
        v.addWidget(self.heading)
        v.addWidget(split, 1)
        v.addLayout(bottom)
        self._set_heading()
        if new:
            self.show_new()
        self.load(select=record_uid, first=record_uid is None)

    # -- building ----------------------------------------------------------------------------
    def _build_detail(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_view = QTextBrowser()
        self.notes_view.setAccessibleName(self.tr("Notes"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(self.tr("New note"))
        self.note_edit.setPlaceholderText(self.tr("A note (what was said, what was done)…"))
        self.note_edit.setMaximumHeight(90)
        self.private = QCheckBox(self.tr("Private (only I see it)"))
        self.add_note_btn = QPushButton(self.tr("Add Note"))
        self.add_note_btn.clicked.connect(self.add_note)
        self.note_edit.installEventFilter(self)  # Ctrl+Enter adds the note
        self.note_reason = QLabel(self.tr(CLOSED_REASON))  # i18n: marked
        theme.tone(self.note_reason, "warning")
        self.remind_btn = QPushButton(self.tr("Set Reminder…"))
        self.remind_btn.clicked.connect(self.set_reminder)
        self.close_btn = QPushButton(self.tr("Close"))
        self.close_btn.setToolTip(self.tr("Close the record: no action or follow-up needed"))
        self.close_btn.clicked.connect(self.close_record)
        self.reopen_btn = QPushButton(self.tr("Re-Open Task"))
        self.reopen_btn.clicked.connect(self.reopen_record)
        note_row = QHBoxLayout()
        note_row.addWidget(self.private)
        note_row.addStretch()
        note_row.addWidget(self.add_note_btn)
        actions = QHBoxLayout()
        actions.addWidget(self.remind_btn)
        actions.addStretch()
        actions.addWidget(self.close_btn)
        actions.addWidget(self.reopen_btn)
        v = QVBoxLayout(page)
        v.addWidget(self.summary)
        self.show_changes = QCheckBox(self.tr("Show changes"))
        self.show_changes.setToolTip(self.tr("Who changed the record, when, from what to what"))
        self.show_changes.toggled.connect(lambda _on: self.current is not None and self.show_notes(self.current))
        notes_head = QHBoxLayout()
        notes_head.addWidget(QLabel(self.tr("<b>Notes</b>")))
        notes_head.addStretch()
        notes_head.addWidget(self.show_changes)
        v.addLayout(notes_head)
        v.addWidget(self.notes_view, 1)
        v.addWidget(self.note_reason)
        v.addWidget(self.note_edit)
        v.addLayout(note_row)
        v.addLayout(actions)
        self.detail_page = page
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        holder = QStackedWidget()
        holder.addWidget(page)
        holder.addWidget(self.placeholder)
        self.detail_holder = holder
        return holder

    def _build_new(self) -> QWidget:
        page = QWidget()
        self.type_box = QComboBox()
        self.priority_box = QComboBox()
        for p in PRIORITIES:
            self.priority_box.addItem(priority_label(p), p)
        self.priority_box.setCurrentIndex(1)
        self.opened_as = QComboBox()
        self.opened_as.addItem(self.tr("Myself (the whole company sees it)"), None)
        for gid, name in self.groups:
            self.opened_as.addItem(self.tr("%s (call group: only its members see it)") % name, gid)
        self.opened_as.setEnabled(bool(self.groups))
        self.opened_as.setToolTip(self.tr("Only you: you are in no call group.") if not self.groups else "")
        self.subject = QLineEdit()
        self.subject.setMaxLength(300)
        self.subject.setPlaceholderText(self.tr("What it is about"))
        self.subject.returnPressed.connect(self.create)
        self.who = QLineEdit()  # only when the window is for no one yet (New from the CRM tab)
        self.who.setPlaceholderText(self.tr("Customer's number or SIP address (optional)"))
        self.call_label = QLabel()
        self.create_btn = QPushButton(self.tr("Create Task"))
        self.create_btn.setDefault(True)
        self.create_btn.clicked.connect(self.create)
        self.cancel_btn = QPushButton(self.tr("Cancel"))
        self.cancel_btn.clicked.connect(self.cancel_new)
        form = QFormLayout()
        form.addRow(self.tr("Type:"), self.type_box)
        form.addRow(self.tr("Priority:"), self.priority_box)
        form.addRow(self.tr("Opened As:"), self.opened_as)
        form.addRow(self.tr("Subject:"), self.subject)
        if self.person is None:
            form.addRow(self.tr("For:"), self.who)
        form.addRow(self.call_label)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_btn)
        buttons.addWidget(self.create_btn)
        v = QVBoxLayout(page)
        v.addWidget(QLabel(self.tr("<h3>New CRM record</h3>")))
        v.addLayout(form)
        v.addLayout(buttons)
        v.addStretch()
        self.new_page = page
        return page

    def _set_heading(self) -> None:
        p = self.person
        self.setWindowTitle(self.tr("CRM — %s") % p.label() if p and p.label() else self.tr("CRM"))
        self.new_btn.setToolTip(self.tr("A new record for %s (Ctrl+N)") % (p.label() if p else self.tr("a customer")))
        if p is None:
            self.heading.setText(self.tr("<h2>CRM</h2>"))
            return
        theme.set_html(self.heading, f"<h2>{escape(p.name or p.number or '')}</h2>"
                             + (f"<span style='color:#666'>{escape(p.number)}</span>"
                                if p.number and p.number != p.name else ""))

    def _person_of(self, record) -> Person | None:
        """Whom `record` is about (runs on the reader thread)."""
        if record is None:
            return None
        name = ""
        if record.contact:
            name = self.app.store.contacts.names_by_uid([record.contact]).get(record.contact, "")
        if not (name or record.number or record.contact):
            return None
        return Person(name or record.number or "", record.contact, record.number)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if (obj is self.note_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.add_note()
            return True
        return super().eventFilter(obj, event)

    # -- background work ----------------------------------------------------------------------------
    def busy(self) -> bool:
        """A read or change of this window is on its way."""
        return self._pending > 0

    def _run(self, worker, fn, done, failed=None, orphan=None) -> None:
        """`fn` on `worker` (the reader or writer thread); `done(result)` back on the main thread,
        unless the window was closed meanwhile (then `orphan(result)`, which must not refer to the
        window). A refusal (CrmError) shows in the window."""
        self._pending += 1

        def back(callback, value) -> None:
            self._pending -= 1
            if not isValid(self):
                if orphan is not None and callback is done:
                    orphan(value)
                return
            try:
                callback(value)
            finally:
                if not self._pending:
                    self.settled.emit()

        def bad(exc: BaseException) -> None:
            self.notice.setText(str(exc) if isinstance(exc, CrmError) else
                                self.tr("The CRM store could not be read or written: %s") % exc)
            if failed is not None:
                failed(exc)

        worker.submit(fn, lambda v: back(done, v), lambda exc: back(bad, exc))

    def _written(self, uid_of):
        """What follows a saved change whether or not this window is still open: the CRM tab
        hears of it (`after_write`) and, signed in, a sync is asked for (the hub gives the task
        id). Refers to the app and the hook only, never to the window."""
        app, hook = self.app, self.after_write

        def written(result) -> None:
            if hook is not None:
                hook(uid_of(result))
            if app.session.signed_in:
                app.sync.kick()
        return written

    def _read_detail(self, record) -> dict | None:
        """A record with its notes, history and linked call (on the reader thread)."""
        if record is None:
            return None
        call = self.app.store.calls.get_by_uid(record.call) if record.call else None
        return {"record": record, "notes": self.crm.notes(record.uid), "history": self.crm.history(record.uid),
                "call": call}

    # -- the records list -----------------------------------------------------------------------
    def load(self, select: str | None = None, first: bool = False) -> None:
        """Read the person's records (or the one record) again, on the reader thread; keep
        `select` (else the one shown). `first`: no earlier records opens New."""
        select = select or (self.current.uid if self.current is not None else None)
        person, crm = self.person, self.crm
        on_new = self.pages.currentWidget() is self.new_page

        def read():
            p = person
            if p is None and select:
                p = self._person_of(crm.get(uid=select))
            if p is not None:
                rows = crm.for_contact(contact_uid=p.contact_uid, number=p.number)
            else:
                one = crm.get(uid=select) if select else None
                rows = [one] if one is not None else []
            chosen = next((r for r in rows if r.uid == select), None)
            if chosen is None and rows and not on_new:
                chosen = rows[0]
            return p, rows, self._read_detail(chosen)

        self._run(self.tasks.read, read, lambda res: self._loaded(res, first))

    def _loaded(self, res, first: bool) -> None:
        person, rows, detail = res
        if self.person is None and person is not None:
            self.person = person
            self._set_heading()
        self.listed = list(rows)
        select = detail["record"].uid if detail else None
        self.records.blockSignals(True)
        self.records.clear()
        chosen = None
        for r in rows:
            item = QTreeWidgetItem([task_text(r), r.subject, crm_type_name(r.type), priority_label(r.priority), status_label(r.status),
                                    date_text(r.created_at)])
            item.setData(0, Qt.ItemDataRole.UserRole, r.uid)
            item.setToolTip(1, f"{r.subject}\n{when_text(r.created_at)}")
            item.setForeground(3, QColor(theme.colour(PRIORITY_COLOURS.get(r.priority, "muted"))))
            if r.status == "closed":
                for col in (0, 1, 2, 4, 5):
                    item.setForeground(col, QColor(theme.colour("muted")))
            self.records.addTopLevelItem(item)
            if r.uid == select:
                chosen = item
        if chosen is not None:
            self.records.setCurrentItem(chosen)
        self.records.blockSignals(False)
        who = escape(self.person.label()) if self.person else ""
        theme.set_html(self.no_records, self.tr("<h3 style='color:#445'>No earlier records</h3><p style='color:#666'>"
                                        "%s has no CRM records yet. Press <b>New</b> to open one.</p>") % who
                                if who else self.tr("<h3 style='color:#445'>No record</h3>"))
        self.left.setCurrentWidget(self.records if rows else self.no_records)
        if detail is not None:
            self._show_detail(detail)
        elif self.pages.currentWidget() is not self.new_page:
            if first and not rows:
                self.show_new()  # no earlier records: straight to the new one
            else:
                self._show_record(None)

    def _record_chosen(self, item) -> None:
        if item is None:
            return
        uid, crm = item.data(0, Qt.ItemDataRole.UserRole), self.crm
        self._wanted = uid
        self._run(self.tasks.read, lambda: self._read_detail(crm.get(uid=uid)),
                  lambda d: self._show_detail(d) if d is not None else None)

    # -- one record ------------------------------------------------------------------------------
    def _show_detail(self, d: dict) -> None:
        self._notes, self._history, self._call_entry = d["notes"], d["history"], d["call"]
        self._show_record(d["record"])

    def _show_record(self, r) -> None:
        """Show `r` (with the notes, history and call read with it); None: the placeholder."""
        if r is None:
            self._notes, self._history, self._call_entry = [], [], None
        self.current = r
        self.pages.setCurrentIndex(0)
        if r is None:
            theme.set_html(self.placeholder, self.tr("<p style='color:#666'>Choose a record on the left, or press "
                                             "<b>New</b>.</p>"))
            self.detail_holder.setCurrentWidget(self.placeholder)
            return
        self.detail_holder.setCurrentWidget(self.detail_page)
        task = task_text(r)
        task_html = (self.tr("<b style='font-size:14pt'>Task %s</b>") % escape(task) if r.task_number is not None
                     else self.tr("<b style='font-size:14pt'>Task <span style='color:#8a6d00'>pending</span></b> "
                                  "<span style='color:#666'>(the hub gives its task id at the next sync)</span>"))
        opened_as = self._group_name(r.group_id) if r.group_id else self.tr("the company")
        rows = [(self.tr("Subject"), escape(r.subject)),
                (self.tr("Type"), escape(crm_type_name(r.type))),
                (self.tr("Priority"), f"<span style='color:${PRIORITY_COLOURS.get(r.priority, 'muted')}'>"
                                      f"{escape(priority_label(r.priority))}</span>"),
                (self.tr("Status"), escape(status_label(r.status))
                 + (f" ({escape(when_text(r.closed_at))})" if r.status == "closed" and r.closed_at else "")),
                (self.tr("Opened by"), escape(f"{r.owner_name or self.tr('me')}, {when_text(r.created_at)}")),
                (self.tr("Shared with"), escape(opened_as)),
                (self.tr("Reminder"), escape(when_text(r.remind_at)) or self.tr("none"))]
        if r.call:
            rows.append((self.tr("Call"), escape(self._call_text(r.call))))
        table = "".join(f"<tr><td style='color:#666;padding-right:10px'>{k}</td><td>{v}</td></tr>" for k, v in rows)
        theme.set_html(self.summary, f"{task_html}<table>{table}</table>")
        self.show_notes(r)
        closed = r.status == "closed"
        self.note_edit.setEnabled(not closed)
        self.private.setEnabled(not closed)
        self.add_note_btn.setEnabled(not closed)
        self.note_reason.setVisible(closed)
        self.add_note_btn.setToolTip(self.tr(CLOSED_REASON) if closed  # i18n: marked
                                     else self.tr("Add the note (Ctrl+Enter)"))
        self.close_btn.setVisible(not closed)
        self.reopen_btn.setVisible(closed)
        self.remind_btn.setEnabled(not closed)

    def _group_name(self, gid: int) -> str:
        return next((name for g, name in self.groups if g == gid), self.tr("call group %s") % gid)

    def _call_text(self, call_uid: str) -> str:
        e = self._call_entry if self._call_entry is not None and self._call_entry.uid == call_uid else None
        if e is None:
            return self.tr("a call not in this computer's call log")
        who = e.contact_name or e.peer_name or e.number_e164 or e.peer_uri.strip("<>")
        text = (self.tr("incoming, %s, %s") if e.direction == "in" else self.tr("outgoing, %s, %s")) % (
            who, when_text(e.started_at))
        return text + (self.tr(", recorded") if e.recording else "")

    @staticmethod
    def _value_text(field: str, value: str | None) -> str:
        """A changed field's old or new value as the window shows it (the store keeps the data)."""
        if not value:
            return "—"
        if field == "priority":
            return priority_label(value)
        if field == "status":
            return status_label(value)
        if field == "type":
            return crm_type_name(value)
        if field in ("remind_at", "due", "closed_at"):
            return when_text(value) or value
        return value

    def show_notes(self, r) -> None:
        """The notes, oldest first; with "Show changes", the record's history between them."""
        items = [(n.created_at, 0, n) for n in self._notes]
        if self.show_changes.isChecked():
            items += [(h["when"], 1, h) for h in self._history]
        if not items:
            theme.set_html(self.notes_view, self.tr("<p style='color:#888'>No notes yet.</p>"))
            return
        parts = []
        for when, kind, x in sorted(items, key=lambda t: (t[0] or "", t[1])):
            stamp = escape(when_text(when))
            if kind == 1:
                who = escape(x["who"] or self.tr("me"))
                what = (self.tr("opened it") if x["field"] == "created" else
                        f"{escape(field_text(x['field']))}: {escape(self._value_text(x['field'], x['old']))}"
                        f" → {escape(self._value_text(x['field'], x['new']))}")
                parts.append(f"<p style='color:#777'><i>{who} · {stamp} — {what}</i></p>")
                continue
            who = escape(x.author_name or self.tr("me"))
            mark = (" <span style='color:#8a6d00'>· " + escape(self.tr("private")) + "</span>") if x.private else ""
            body = escape(x.body).replace("\n", "<br>")
            if x.rejected:  # the hub refused it: shown struck through with the reason, not as a note
                mark += " <span style='color:#b00020'>· " + escape(
                    self.tr("not saved: %s") % x.rejected) + "</span>"
                body = f"<s style='color:#999'>{body}</s>"
            elif x.pending:
                mark += " <span style='color:#888'>· " + escape(self.tr("not synced yet")) + "</span>"
            parts.append(f"<p><span style='color:#666'>{who} · {stamp}{mark}</span><br>{body}</p>")
        theme.set_html(self.notes_view, "".join(parts))
        self.notes_view.verticalScrollBar().setValue(self.notes_view.verticalScrollBar().maximum())

    # -- actions ---------------------------------------------------------------------------------
    def _change(self, fn, done=None, key=None, uid_of=None) -> bool:
        """Run one store change on the writer thread (after the ones already asked for); `done(result)`
        when it worked. Its refusal is shown in the window (nothing is lost: the note text stays
        in its box). False (and a word why) when the same change (`key`) is still on its way.
        `uid_of(result)`: the record changed, for the CRM tab and the sync (also after the
        window was closed)."""
        if key is not None and key in self._in_flight:
            self.notice.setText(self.tr("That is still being saved…"))
            return False
        if key is not None:
            self._in_flight.add(key)
        in_flight = self._in_flight
        written = self._written(uid_of) if uid_of is not None else None

        def ok(result) -> None:
            in_flight.discard(key)
            self.notice.clear()
            if written is not None:
                written(result)
            if done is not None:
                done(result)

        def failed(_exc) -> None:
            in_flight.discard(key)

        self._run(self.tasks.write, fn, ok, failed, orphan=written)
        return True

    def _after_change(self, uid: str) -> None:
        """A change of record `uid` is saved: read the list again, still showing the record the
        user chose since (a late save of record A does not take them back from B)."""
        self.load(select=self._wanted or uid)
        self.changed.emit(uid)

    def add_note(self) -> None:
        if self.current is None:
            return
        body = self.note_edit.toPlainText().strip()
        if not body:
            self.notice.setText(self.tr("Type the note first."))
            self.note_edit.setFocus()
            return
        uid, private, crm, typed = self.current.uid, self.private.isChecked(), self.crm, self.note_edit.toPlainText()

        def done(_note) -> None:
            # only the text that was saved leaves the box: what was typed meanwhile stays
            rest = left_after_save(self.note_edit.toPlainText(), typed, body)
            if rest == "":
                self.note_edit.clear()
                self.private.setChecked(False)
            elif rest is not None:
                self.note_edit.setPlainText(rest)
                self.note_edit.moveCursor(QTextCursor.MoveOperation.End)
            self._after_change(uid)

        self._change(lambda: crm.add_note(uid, body, private=private), done, key=("note", uid, body),
                     uid_of=lambda _n: uid)

    def close_record(self) -> None:
        if self.current is not None:
            uid, crm = self.current.uid, self.crm
            self._change(lambda: crm.close(uid), lambda _r: self._after_change(uid), key=("close", uid),
                         uid_of=lambda _r: uid)

    def reopen_record(self) -> None:
        if self.current is not None:
            uid, crm = self.current.uid, self.crm
            self._change(lambda: crm.reopen(uid), lambda _r: self._after_change(uid), key=("reopen", uid),
                         uid_of=lambda _r: uid)

    def set_reminder(self) -> None:
        if self.current is None:
            return
        from whitephone.core.crm_reports import parse_time

        self.reminder_dialog = dlg = ReminderDialog(parse_time(self.current.remind_at), self)
        if dlg.exec():
            uid, at, crm = self.current.uid, dlg.chosen().isoformat(), self.crm
            self._change(lambda: crm.remind(uid, at), lambda _r: self._after_change(uid), key=("remind", uid, at),
                         uid_of=lambda _r: uid)

    # -- new record ------------------------------------------------------------------------------
    def show_new(self) -> None:
        self._run(self.tasks.read, self.crm.types, self._set_types)
        self.call_label.setText(self.tr("<i>Linked to this call.</i>") if self.call else "")
        self.call_label.setVisible(bool(self.call))
        self.pages.setCurrentWidget(self.new_page)
        self.new_btn.setEnabled(False)
        self.notice.clear()
        self.subject.setFocus()

    def _set_types(self, types: list[str]) -> None:
        current = self.type_box.currentData()
        self.type_box.clear()
        for t in types:
            self.type_box.addItem(crm_type_name(t), t)
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(current)))

    def cancel_new(self) -> None:
        self.new_btn.setEnabled(True)
        self.pages.setCurrentIndex(0)
        self._show_record(self.current)

    def create(self) -> None:
        subject = self.subject.text().strip()
        if not subject:
            self.notice.setText(self.tr("Give the record a subject."))
            self.subject.setFocus()
            return
        if self.type_box.count() == 0:
            self.notice.setText(self.tr("There are no record types: a CRM admin adds them."))
            return
        p = self.person
        number = p.number if p else (self.who.text().strip() or None)
        values = dict(subject=subject, type=self.type_box.currentData(), priority=self.priority_box.currentData(),
                      contact=p.contact_uid if p else None, number=number, group_id=self.opened_as.currentData(),
                      call=self.call, message=self.message)
        crm = self.crm

        def done(r) -> None:
            if self.person is None and number:
                self.person = Person(number, None, number)  # the window is now this customer's
                self._set_heading()
            self.subject.clear()
            self.new_btn.setEnabled(True)
            self.pages.setCurrentIndex(0)
            self.current, self._wanted = r, r.uid
            self._after_change(r.uid)
            self.note_edit.setFocus()  # seed 000: Create Task, then Add Notes

        self._change(lambda: crm.create(**values), done, key="create", uid_of=lambda r: r.uid)
