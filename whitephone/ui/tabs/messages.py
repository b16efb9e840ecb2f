"""The Messages tab: one inbox of text, voice mail, video mail, announcements, reminders and
contact requests (seed 000 "Receiving messages"), filtered by kind, sender and date; the trash
(restorable for 30 days); a reading pane that reads text and plays voice and video; reply by
text, voice, video or a call; the CRM of the sender.

The store (`app.store.messages`) is the truth: every action writes there and the list is read
again; the sync engine carries the changes to the hub."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from whitephone.ui import a11y, theme
from whitephone.ui.dates import when_text
from whitephone.ui.diary.formats import date_edit_format
from whitephone.ui.icons import icon
from whitephone.ui.messages_model import (
    KINDS,
    PAGE,
    TRASH_DAYS,
    MessageFilter,
    MessagesModel,
    body_text,
    sender_text,
    when,
)
from whitephone.ui.rich_text import escape
from whitephone.ui.user_errors import failed_message_text

SNOOZE_MINUTES = (5, 15, 60, 24 * 60)
# the kinds as the filter and the reading pane name them
KIND_NAMES = {"text": QT_TRANSLATE_NOOP("MessagesTab", "Text"), "voice": QT_TRANSLATE_NOOP("MessagesTab", "Voice mail"),
              "video": QT_TRANSLATE_NOOP("MessagesTab", "Video mail"),
              "announcement": QT_TRANSLATE_NOOP("MessagesTab", "Announcement"),
              "reminder": QT_TRANSLATE_NOOP("MessagesTab", "Reminder"),
              "contact_request": QT_TRANSLATE_NOOP("MessagesTab", "Contact request")}
REPLIES = (("text", QT_TRANSLATE_NOOP("MessageView", "Reply by text")),
           ("voice", QT_TRANSLATE_NOOP("MessageView", "Reply by voice mail")),
           ("video", QT_TRANSLATE_NOOP("MessageView", "Reply by video mail")))


def kind_text(kind: str) -> str:
    """A message kind in words ("Voice mail"), in the user's language."""
    return QCoreApplication.translate("MessagesTab", KIND_NAMES[kind]) if kind in KIND_NAMES else kind  # i18n: marked


class SnoozeText(QObject):
    """A snooze's length in words (a QObject: lupdate marks Qt's plural forms in tr alone)."""

    def text(self, minutes: int) -> str:
        if minutes < 60:
            return self.tr("%n minutes", "", minutes)
        return self.tr("1 hour") if minutes == 60 else self.tr("1 day")


def snooze_text(minutes: int) -> str:
    """"15 minutes", "1 hour", "1 day", in the user's language."""
    return SnoozeText().text(minutes)


class MessageView(QWidget):
    """The reading pane of one message: who, when, the text, a player for voice and video, and
    what can be done with it. Knows nothing of the store: it asks through signals."""

    reply = Signal(object, str)  # message, "text" | "voice" | "video"
    callBack = Signal(object)
    crm = Signal(object)
    snooze = Signal(object, int)  # message, minutes
    openRecord = Signal(object)
    answerRequest = Signal(object, bool)  # contact request message, accept
    attachmentWanted = Signal(object)  # a voice/video mail whose file is still on the hub

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.message = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QTextBrowser()
        self.body.setAccessibleName(self.tr("Message text"))
        self.body.setOpenExternalLinks(False)
        self._audio = None  # MediaPane, made on the first voice mail shown (QtMultimedia is slow to load)
        self._video = None
        self.media = QStackedWidget()
        self.media.addWidget(QWidget())
        self.media.setVisible(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        theme.tone(self.note, "muted")

        buttons = QHBoxLayout()
        self.reply_btn = QToolButton()
        self.reply_btn.setText(self.tr("Reply"))
        self.reply_btn.setToolTip(self.tr("Reply by text (Ctrl+R); the arrow offers voice and video mail"))
        self.reply_btn.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.reply_btn.clicked.connect(lambda: self._emit_reply("text"))
        menu = QMenu(self.reply_btn)
        for kind, text in REPLIES:
            menu.addAction(self.tr(text), lambda k=kind: self._emit_reply(k))  # i18n: marked
        self.reply_btn.setMenu(menu)
        self.call_btn = QPushButton(self.tr("Call back"))
        self.call_btn.setIcon(icon("call_back"))
        self.call_btn.clicked.connect(lambda: self.message is not None and self.callBack.emit(self.message))
        self.crm_btn = QPushButton(self.tr("CRM"))
        self.crm_btn.setToolTip(self.tr("The sender's CRM records"))
        self.crm_btn.clicked.connect(lambda: self.message is not None and self.crm.emit(self.message))
        self.snooze_btn = QToolButton()
        self.snooze_btn.setText(self.tr("Snooze"))
        self.snooze_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze = QMenu(self.snooze_btn)
        for minutes in SNOOZE_MINUTES:
            snooze.addAction(self.tr("For %s") % snooze_text(minutes),
                             lambda m=minutes: self.message is not None and self.snooze.emit(self.message, m))
        self.snooze_btn.setMenu(snooze)
        self.record_btn = QPushButton(self.tr("Open the record"))
        self.record_btn.clicked.connect(lambda: self.message is not None and self.openRecord.emit(self.message))
        self.accept_btn = QPushButton(self.tr("Accept"))
        self.accept_btn.clicked.connect(lambda: self.message is not None and self.answerRequest.emit(self.message, True))
        self.decline_btn = QPushButton(self.tr("Decline"))
        self.decline_btn.clicked.connect(lambda: self.message is not None and self.answerRequest.emit(self.message, False))
        for b in (self.reply_btn, self.call_btn, self.crm_btn, self.snooze_btn, self.record_btn, self.accept_btn,
                  self.decline_btn):
            buttons.addWidget(b)
        buttons.addStretch()

        v = QVBoxLayout(self)
        v.addWidget(self.header)
        v.addWidget(self.media)
        v.addWidget(self.body, 1)
        self.filler = QWidget()  # takes the body's room when a voice mail has no text
        v.addWidget(self.filler, 1)
        v.addWidget(self.note)
        v.addLayout(buttons)
        self.show_message(None)

    @property
    def audio(self):
        if self._audio is None:
            from whitephone.ui.recording_player import MediaPane

            self._audio = MediaPane()
            self.media.addWidget(self._audio)
        return self._audio

    @property
    def video(self):
        if self._video is None:
            from whitephone.ui.recording_player import MediaPane

            self._video = MediaPane(video=True)
            self.media.addWidget(self._video)
        return self._video

    def _emit_reply(self, how: str) -> None:
        if self.message is not None:
            self.reply.emit(self.message, how)

    def stop(self) -> None:
        for pane in (self._audio, self._video):
            if pane is not None:
                pane.stop()

    def attachment_ready(self, message_id, path) -> None:
        """The file of a message fetched from the hub: play it if that message is still shown."""
        m = self.message
        if m is None or m.id != message_id or m.kind not in ("voice", "video"):
            return
        pane = self.audio if m.kind == "voice" else self.video
        pane.load(str(path))

    def attachment_failed(self, message_id, reason: str) -> None:
        m = self.message
        if m is not None and m.id == message_id and m.kind in ("voice", "video"):
            (self.audio if m.kind == "voice" else self.video).status.setText(
                self.tr("The recording could not be fetched: %s") % reason)

    def show_message(self, m) -> None:
        self.stop()
        self.message = m
        buttons = (self.reply_btn, self.call_btn, self.crm_btn, self.snooze_btn, self.record_btn,
                   self.accept_btn, self.decline_btn)
        if m is None:
            theme.set_html(self.header, self.tr("<p style='color:#666'>Select a message to read it here.</p>"))
            self.body.clear()
            self.body.setVisible(False)
            self.filler.setVisible(True)
            self.media.setVisible(False)
            self.note.clear()
            for b in buttons:
                b.setVisible(False)
            return
        self.body.setVisible(bool(m.body) or m.kind not in ("voice", "video"))
        self.filler.setVisible(self.body.isHidden() and m.kind != "video")
        self.layout().setStretchFactor(self.media, 2 if m.kind == "video" else 0)
        kind = kind_text(m.kind)
        who = escape(sender_text(m))
        if m.direction == "in" and m.sender_email and m.sender_name:
            who += f" &lt;{escape(m.sender_email)}&gt;"
        if m.market:
            who += " · " + escape(self.tr("market %s") % m.market)
        subject = f"<br><b>{escape(m.subject)}</b>" if m.subject else ""
        theme.set_html(self.header, f"<span style='color:#666'>{kind} · {escape(when_text(m.received_at or m.sent_at))}"
                            f"</span><br><b style='font-size:13pt'>{who}</b>{subject}")
        self.body.setPlainText(body_text(m))
        path = (m.attachment or {}).get("path") if isinstance(m.attachment, dict) else None
        self.media.setVisible(m.kind in ("voice", "video"))
        if m.kind in ("voice", "video"):
            pane = self.audio if m.kind == "voice" else self.video
            self.media.setCurrentWidget(pane)
            pane.load(path)
            if not path:
                pane.status.setText(self.tr("Fetching the recording from the hub…"))
                self.attachmentWanted.emit(m)
        notes = []
        if m.direction == "out" and m.status == "failed":
            notes.append(failed_message_text(m.error))
        elif m.direction == "out" and m.status in ("queued", "sending"):
            notes.append(self.tr("Waiting in the outbox: it goes when the hub is reachable."))
        if m.deleted_at:
            d = when(m.deleted_at)
            if d is not None:
                left = TRASH_DAYS - (dt.datetime.now().astimezone() - d).days
                notes.append(self.tr("In the trash: restorable for %n more day(s).", "", max(0, left)))
        self.note.setText(" ".join(notes))
        incoming_person = m.direction == "in" and m.kind in ("text", "voice", "video") and bool(m.sender_id)
        self.reply_btn.setVisible(incoming_person)
        self.call_btn.setVisible(m.direction == "in" and bool(m.sender_id) and m.kind != "contact_request")
        self.crm_btn.setVisible(True)
        self.snooze_btn.setVisible(m.kind == "reminder" and not m.deleted_at)
        appointment = m.kind == "reminder" and m.appointment_link is not None
        self.record_btn.setText(self.tr("Open the appointment") if appointment else self.tr("Open the record"))
        self.record_btn.setVisible(m.kind == "reminder" and (bool(m.record) or appointment))
        pending = m.kind == "contact_request" and not m.deleted_at and (m.request_status or "pending") == "pending"
        self.accept_btn.setVisible(pending)
        self.decline_btn.setVisible(pending)
        if m.kind == "contact_request" and m.request_status in ("accepted", "declined"):
            notes.append(self.tr("You accepted this request.") if m.request_status == "accepted"
                         else self.tr("You declined this request."))
            self.note.setText(" ".join(notes))


class MessagesTab(QWidget):
    """The inbox and the trash, with the reading pane."""

    unreadChanged = Signal(int)
    composeRequested = Signal(object)  # dict: to=[(user_id, name)], kind, subject, reply_to
    callBackRequested = Signal(object)  # message
    crmRequested = Signal(object)  # message (the CRM record window opens the sender's records)
    recordRequested = Signal(object)  # reminder message: open its record
    snoozeRequested = Signal(object, int)  # reminder message, minutes
    requestAnswered = Signal(object, bool)  # contact request message, accept
    attachmentWanted = Signal(object)  # message: fetch its file from the hub
    status = Signal(str)
    announceRequested = Signal()
    marketsRequested = Signal()
    loaded = Signal()  # the list was read again (after refresh)

    def __init__(self, app, tasks=None, parent=None) -> None:
        """`tasks`: the window's workers (ui/tasks.py); the list is then read on its reader thread
        (at 100 000 messages a read took ~0.3 s); without, on the calling thread."""
        super().__init__(parent)
        self.app = app
        self.tasks = tasks
        self._generation = 0
        self._select_when_loaded = None  # select_id before the list arrived
        self.model = MessagesModel(app.store, self)

        self._filter_timer = QTimer(self, singleShot=True, interval=250)
        self._filter_timer.timeout.connect(self.apply_filter)
        top = QHBoxLayout()
        self.new_btn = QPushButton(self.tr("New message…"))
        self.new_btn.setIcon(icon("new_message"))
        self.new_btn.setToolTip(self.tr("Text, voice mail or video mail to colleagues (Ctrl+N)"))
        self.new_btn.clicked.connect(self.new_message)
        top.addWidget(self.new_btn)
        self.announce_btn = QPushButton(self.tr("Announce…"))
        self.announce_btn.clicked.connect(self.announceRequested.emit)
        top.addWidget(self.announce_btn)
        self.markets_btn = QPushButton(self.tr("Markets…"))
        self.markets_btn.clicked.connect(self.marketsRequested.emit)
        top.addWidget(self.markets_btn)
        top.addSpacing(16)
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search messages"))
        self.search.setPlaceholderText(self.tr("Search messages"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self._filter_timer.start())
        top.addWidget(self.search, 1)
        self.kind = QComboBox()
        a11y.name(self.kind, self.tr("Kind of messages"))
        self.kind.addItem(self.tr("All kinds"), None)
        for k in KINDS:
            self.kind.addItem(kind_text(k), k)
        self.kind.activated.connect(lambda _i: self.apply_filter())
        top.addWidget(self.kind)
        self.sender = QLineEdit()
        self.sender.setAccessibleName(self.tr("From"))
        self.sender.setPlaceholderText(self.tr("From (name or e-mail)"))
        self.sender.setClearButtonEnabled(True)
        self.sender.textEdited.connect(lambda _t: self._filter_timer.start())
        top.addWidget(self.sender)
        self.dates = QCheckBox(self.tr("Between"))
        self.dates.toggled.connect(self._dates_toggled)
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.until = QDateEdit(QDate.currentDate())
        self.since.setAccessibleName(self.tr("Messages from"))
        self.until.setAccessibleName(self.tr("Messages until"))
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat(date_edit_format())
            d.setEnabled(False)
            d.dateChanged.connect(lambda _d: self.apply_filter())
        top.addWidget(self.dates)
        top.addWidget(self.since)
        top.addWidget(QLabel(self.tr("and")))
        top.addWidget(self.until)
        self.unread_only = QCheckBox(self.tr("Unread"))
        self.unread_only.toggled.connect(lambda _on: self.apply_filter())
        top.addWidget(self.unread_only)
        self.trash_btn = QPushButton(self.tr("Trash"))
        self.trash_btn.setCheckable(True)
        self.trash_btn.setToolTip(self.tr("Deleted messages; they can be restored for %d days") % TRASH_DAYS)
        self.trash_btn.toggled.connect(lambda _on: self.apply_filter())
        top.addWidget(self.trash_btn)

        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setAccessibleName(self.tr("Messages"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 130)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(3, 140)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.verticalHeader().setDefaultSectionSize(26)

        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.list_pages = QStackedWidget()
        self.list_pages.addWidget(self.table)
        self.list_pages.addWidget(self.empty)

        self.view = MessageView()
        self.view.reply.connect(self.reply_to)
        self.view.callBack.connect(self.callBackRequested.emit)
        self.view.crm.connect(self.crmRequested.emit)
        self.view.snooze.connect(self.snoozeRequested.emit)
        self.view.openRecord.connect(self.recordRequested.emit)
        self.view.answerRequest.connect(self.requestAnswered.emit)
        self.view.attachmentWanted.connect(self.attachmentWanted.emit)

        actions = QHBoxLayout()
        self.read_btn = QPushButton(self.tr("Mark unread"))
        self.read_btn.clicked.connect(self.toggle_read)
        self.delete_btn = QPushButton(self.tr("Delete"))
        self.delete_btn.setIcon(icon("delete"))
        self.delete_btn.setToolTip(self.tr("Move to the trash (Del)"))
        self.delete_btn.clicked.connect(self.delete_selected)
        self.restore_btn = QPushButton(self.tr("Restore"))
        self.restore_btn.clicked.connect(self.restore_selected)
        self.count_label = QLabel()
        theme.tone(self.count_label, "muted")
        for w in (self.read_btn, self.delete_btn, self.restore_btn):
            actions.addWidget(w)
        actions.addStretch()
        actions.addWidget(self.count_label)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list_pages, 1)
        lv.addLayout(actions)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 480])
        self.view.setMinimumWidth(360)

        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(split, 1)

        def key(seq, slot) -> QAction:
            a = QAction(self)
            a.setShortcut(QKeySequence(seq))
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.delete_action = key(QKeySequence.StandardKey.Delete, self.delete_selected)
        self.removeAction(self.delete_action)  # on the list only: Del in the filter boxes edits text
        self.table.addAction(self.delete_action)
        self.reply_action = key("Ctrl+R", lambda: self.view.message is not None and self.reply_to(self.view.message, "text"))
        # Ctrl+N is the window's New: on this tab it writes a message (main_window._new_contact)
        self._read_timer = QTimer(self, singleShot=True, interval=1500)  # read once looked at, not on a pass
        self._read_timer.timeout.connect(self._mark_shown_read)
        self.refresh()

    # ------------------------------------------------------------------ loading
    def _dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.apply_filter()

    def current_filter(self) -> MessageFilter:
        since = until = None
        if self.dates.isChecked():
            local = dt.datetime.now().astimezone().tzinfo
            s, u = self.since.date(), self.until.date()
            since = dt.datetime(s.year(), s.month(), s.day(), tzinfo=local).timestamp()
            until = (dt.datetime(u.year(), u.month(), u.day(), tzinfo=local) + dt.timedelta(days=1)).timestamp()
        return MessageFilter(kind=self.kind.currentData(), sender=self.sender.text().strip() or None,
                             since=since, until=until, unread=True if self.unread_only.isChecked() else None,
                             trash=self.trash_btn.isChecked(), text=self.search.text().strip() or None)

    def apply_filter(self) -> None:
        self.model.filter = self.current_filter()
        self.refresh()

    def refresh(self) -> None:
        """Read the list again (the store changed), keeping the selection and the open message;
        the newest read wins when several are under way."""
        self._generation += 1
        generation, f = self._generation, self.model.filter
        want = max(PAGE, len(self.model.rows))
        store = self.app.store.messages

        def read():
            rows, total = self.model.query(f, want)
            return rows, total, store.unread_counts()

        if self.tasks is None:
            self._loaded(generation, read())
        else:
            self.tasks.read.submit(read, lambda result: self._loaded(generation, result),
                                   lambda exc: self.status.emit(self.tr("Messages could not be read: %s") % exc))

    def _loaded(self, generation: int, result) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        rows, total, counts = result
        selected = set(self.selected_ids())
        shown = self.view.message.id if self.view.message is not None else None
        self.model.apply(rows, total)
        sm = self.table.selectionModel()
        sm.blockSignals(True)  # putting the selection back is no new choice (no read timer, no reload)
        for i, m in enumerate(self.model.rows):
            if m.id in selected:
                sm.select(self.model.index(i, 0), QItemSelectionModel.SelectionFlag.Select
                          | QItemSelectionModel.SelectionFlag.Rows)
        row = self.model.row_of(shown) if shown is not None else -1
        if row >= 0:
            sm.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.message = self.model.rows[row]  # fresher (read flag); the player keeps playing
        elif shown is not None:
            self.view.show_message(None)
        sm.blockSignals(False)
        self.table.viewport().update()
        self._show_empty()
        self._update_buttons()
        self._show_unread(counts)
        wanted, self._select_when_loaded = self._select_when_loaded, None
        if wanted is not None and self.model.row_of(wanted) >= 0:
            self.table.selectRow(self.model.row_of(wanted))  # a notification's click (select_id)
        self.loaded.emit()

    def _show_empty(self) -> None:
        f = self.model.filter
        if self.model.rowCount():
            self.list_pages.setCurrentWidget(self.table)
            self.count_label.setText(self.tr("%n message(s)", "", self.model.total))
            return
        self.count_label.setText("")
        if f.trash:
            title, text = self.tr("The trash is empty"), self.tr(
                "Deleted messages wait here for %d days, then they are gone for good.") % TRASH_DAYS
        elif any((f.kind, f.sender, f.since, f.unread, f.text)):
            title, text = self.tr("No messages match"), self.tr("Nothing matches this filter; change or clear it.")
        else:
            title, text = self.tr("No messages"), self.tr(
                "Text messages, voice mail, video mail, announcements, reminders and contact requests "
                "appear here. Press Ctrl+N to write to a colleague.")
        theme.set_html(self.empty, f"<h2 style='color:#445'>{escape(title)}</h2><p style='color:#666'>"
                           f"{escape(text)}</p>")
        self.list_pages.setCurrentWidget(self.empty)

    def _show_unread(self, counts: dict) -> int:
        n = int(counts.get("all", 0))
        for i in range(1, self.kind.count()):  # "Voice mail (2)": unread of each kind in the filter
            k = self.kind.itemData(i)
            label = kind_text(k)
            self.kind.setItemText(i, f"{label} ({counts[k]})" if counts.get(k) else label)
        self.unreadChanged.emit(n)
        return n

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def selected_messages(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def select_id(self, message_id) -> None:
        """Select (and show) the message; one not in the list yet (the tab was just built, its
        list is still being read) is selected once the list arrives."""
        row = self.model.row_of(message_id)
        self._select_when_loaded = None
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._select_when_loaded = message_id

    def _selection_changed(self, *_: object) -> None:
        chosen = self.selected_messages()
        self.view.show_message(chosen[0] if len(chosen) == 1 else None)
        if len(chosen) > 1:
            theme.set_html(self.view.header, self.tr("<p style='color:#666'>%n messages selected: mark them read or "
                                             "unread, or delete them together.</p>", "", len(chosen)))
        if len(chosen) == 1 and not chosen[0].read:
            self._read_timer.start()
        self._update_buttons()

    def _mark_shown_read(self) -> None:
        m = self.view.message
        if m is not None and not m.read and m.direction == "in":
            self.app.store.messages.mark_read([m.id], read=True)
            self.refresh()

    def _update_buttons(self) -> None:
        chosen = self.selected_messages()
        trash = self.model.filter.trash
        self.delete_btn.setEnabled(bool(chosen) and not trash)
        self.delete_btn.setVisible(not trash)
        self.restore_btn.setVisible(trash)
        self.restore_btn.setEnabled(bool(chosen))
        self.read_btn.setEnabled(bool(chosen))
        self.read_btn.setText(self.tr("Mark unread") if chosen and all(m.read for m in chosen)
                              else self.tr("Mark read"))

    # ------------------------------------------------------------------ actions
    def toggle_read(self) -> None:
        chosen = self.selected_messages()
        if not chosen:
            return
        self._read_timer.stop()
        read = not all(m.read for m in chosen)
        self.app.store.messages.mark_read([m.id for m in chosen], read=read)
        self.refresh()

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.model.filter.trash:
            return
        self.view.show_message(None)
        self.app.store.messages.trash(ids)
        self.table.clearSelection()
        self.refresh()
        self.status.emit(self.tr("%n message(s) moved to the trash (restorable for %d days).", "", len(ids))
                         % TRASH_DAYS)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.view.show_message(None)
        self.app.store.messages.restore(ids)
        self.table.clearSelection()
        self.refresh()
        self.status.emit(self.tr("%n message(s) restored to the inbox.", "", len(ids)))

    def new_message(self) -> None:
        self.composeRequested.emit({"kind": "text", "to": []})

    def reply_to(self, m, how: str) -> None:
        if m is None or not m.sender_id:
            return
        subject = m.subject or ""
        if subject and not subject.lower().startswith("re:"):
            subject = "Re: " + subject
        self.composeRequested.emit({"kind": how, "to": [(m.sender_id, m.sender_name or m.sender_email or "")],
                                    "subject": subject, "reply_to": m.id})

    def _menu(self, pos) -> None:
        chosen = self.selected_messages()
        if not chosen:
            return
        menu = QMenu(self)
        if len(chosen) == 1 and chosen[0].sender_id and chosen[0].direction == "in":
            menu.addAction(self.tr("Reply by text"), lambda: self.reply_to(chosen[0], "text"))
            menu.addAction(self.tr("Reply by voice mail"), lambda: self.reply_to(chosen[0], "voice"))
            menu.addAction(self.tr("Reply by video mail"), lambda: self.reply_to(chosen[0], "video"))
            menu.addAction(self.tr("Call back"), lambda: self.callBackRequested.emit(chosen[0]))
            menu.addSeparator()
        menu.addAction(self.read_btn.text(), self.toggle_read)
        if self.model.filter.trash:
            menu.addAction(self.tr("Restore"), self.restore_selected)
        else:
            menu.addAction(self.tr("Delete"), self.delete_selected)
        self._open_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))
