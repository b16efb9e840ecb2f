"""The main window's message parts, kept out of main_window.py: the Messages tab and what its
buttons lead to (compose, call back, announcements, markets, snooze, contact requests), the
unread count on the tab and the tray, and the desktop notification of a reminder or a message
that arrives."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from whitephone.ui.user_errors import error_text

if TYPE_CHECKING:  # the tab's and the announcement dialogs' code loads when first used (issue 18: memory)
    from whitephone.ui.tabs.messages import MessagesTab

log = logging.getLogger(__name__)


class MessagesParts(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app
        self._tab: MessagesTab | None = None  # built the first time it is shown (make_tab, ui/lazy_tabs.py)
        self._me: dict = {}
        self.unread = 0
        # what is unread at start-up was there before: no notification for it (read on the serial
        # reader thread, so it is in before any later read of store_changed)
        self._seen: set[int] = set()
        window.tasks.read.submit(lambda: [m.id for m in self.app.store.messages.list(unread=True, limit=20)],
                                 self._seen.update)
        self._notified_once = False
        self._dialog = None
        window.team.monitor.messageRequested.connect(self.message_to)
        self._reload = QTimer(self, singleShot=True, interval=50)  # a burst of hints: one reload
        self._reload.timeout.connect(self.store_changed)

    @property
    def tab(self) -> MessagesTab:
        """The Messages tab, built (and put in its place among the window's tabs) when first wanted."""
        return self._tab if self._tab is not None else self.window.tab_widgets["Messages"]

    def make_tab(self) -> MessagesTab:
        """Build the Messages tab (the window's lazy tabs call this when it is first shown)."""
        from whitephone.ui.tabs.messages import MessagesTab

        t = self._tab = MessagesTab(self.app, self.window.tasks)
        t.unreadChanged.connect(self._show_unread)
        t.composeRequested.connect(self.compose)
        t.callBackRequested.connect(self.call_back)
        t.crmRequested.connect(self.open_crm)
        t.recordRequested.connect(self.open_crm)  # a reminder's record or appointment
        t.snoozeRequested.connect(self.snooze)
        t.requestAnswered.connect(self.answer_request)
        t.attachmentWanted.connect(self.fetch_attachment)
        t.announceRequested.connect(self.announce)
        t.marketsRequested.connect(self.markets)
        t.status.connect(lambda text: self.window.statusBar().showMessage(text, 8000))
        self.permissions_changed(self._me)
        return t

    def refresh(self) -> None:
        """The tab's list and counts read again; while the tab is not built, only the unread count
        (read on the reader thread) for the tab's title and the tray."""
        if self._tab is not None:
            self._tab.refresh()
            return
        store = self.app.store.messages
        self.window.tasks.read.submit(lambda: store.unread_counts()["all"], self._show_unread,
                                      lambda exc: log.warning("unread messages not counted: %s", exc))

    # ------------------------------------------------------------------ hints
    def data_changed(self, entity: str, _uids: list) -> None:
        if entity == "message":
            self._reload.start()

    def store_changed(self) -> None:
        """New or changed messages in the store: the list, the counts, a notification for new ones."""
        self.refresh()

        def arrived(rows: list) -> None:
            fresh = [m for m in rows if m.id not in self._seen and m.direction == "in"]
            self._seen.update(m.id for m in fresh)
            linked = [m for m in fresh if m.kind == "reminder" and m.appointment_link]
            if not linked:
                if fresh:
                    self.notify(fresh)
                return
            # An appointment's reminder pops up once: the message, or the diary's own reminder,
            # whichever marks the occurrence first (on the writer thread, where the diary marks too).
            diary = self.app.store.diary
            others = [m for m in fresh if m not in linked]
            self.window.tasks.write.submit(
                lambda: [m for m in linked if diary.claim_reminder(*m.appointment_link)],
                lambda claimed: (others or claimed) and self.notify(others + claimed),
                lambda _exc: self.notify(fresh))

        self.window.tasks.read.submit(lambda: self.app.store.messages.list(unread=True, limit=20), arrived)

    def notify(self, fresh: list) -> None:
        """A desktop notification (and the system's alert sound) for messages just arrived;
        reminders first."""
        from whitephone.ui.messages_model import sender_text, subject_text  # the tab's code: not at start

        fresh.sort(key=lambda m: m.kind != "reminder")
        m = fresh[0]
        title = self.tr("Reminder") if m.kind == "reminder" else self.tr("New message from %s") % sender_text(m)
        text = subject_text(m) if len(fresh) == 1 else self.tr("%s, and %n more", "", len(fresh) - 1) % subject_text(m)
        self.last_notification = (title, text)
        QApplication.beep()
        from whitephone.ui.notifications import desktop_notify

        if not desktop_notify(self.window, title, text, lambda mid=m.id: self.show_message(mid)):
            self.window.statusBar().showMessage(f"{title}: {text}", 15000)

    def show_message(self, message_id: int) -> None:
        self.window.bring_to_front()
        self.window.tabs.setCurrentWidget(self.tab)
        self.tab.select_id(message_id)

    def _show_unread(self, n: int) -> None:
        self.unread = n
        tabs = self.window.tabs
        i = self.window.lazy_tabs.index_of("Messages")  # built or not
        if i >= 0:
            tabs.setTabText(i, self.tr("Messages (%d)") % n if n else self.tr("Messages"))
        tray = getattr(self.window, "tray", None)
        if tray is not None and hasattr(tray, "set_unread"):
            tray.set_unread(n)

    def permissions_changed(self, me: dict) -> None:
        self._me = me
        if self._tab is None:  # applied when the tab is built
            return
        from whitephone.ui.dialogs.announcements import may_announce, no_permission_reason

        ok = may_announce(me)
        self.tab.announce_btn.setEnabled(ok)
        self.tab.announce_btn.setToolTip(self.tr("Post to the company or a market") if ok
                                         else no_permission_reason())

    # ------------------------------------------------------------------ actions
    def compose(self, spec: dict) -> None:
        from whitephone.ui.dialogs.compose import ComposeDialog

        contacts = [(e.user_id, e.name) for e in self.window.team.team.roster() if e.user_id > 0]
        dlg = ComposeDialog(self.app, self.window.calls, to=spec.get("to", ()), kind=spec.get("kind", "text"),
                            subject=spec.get("subject", ""), reply_to=spec.get("reply_to"), contacts=contacts,
                            parent=self.window)
        dlg.accepted.connect(lambda: self._sent(dlg))
        self._dialog = dlg
        dlg.show()

    def message_to(self, user_id: int, kind: str) -> None:
        """From the Online Monitor: a text, voice or video mail to this colleague."""
        name = next((e.name for e in self.window.team.team.roster() if e.user_id == user_id), "")
        self.compose({"kind": kind, "to": [(user_id, name)]})

    def _sent(self, dlg) -> None:
        self.app.sync.kick()  # the user acted: send now rather than on the worker's next look
        self.refresh()
        n = len(dlg.sent.recipients) if dlg.sent is not None else 0
        self.window.statusBar().showMessage(
            self.tr("Message to %n colleague(s) in the outbox: it goes as soon as the hub is reachable.", "", n), 8000)

    def call_back(self, m) -> None:
        if m.sender_id:
            self.window.team.call_person(int(m.sender_id))

    def open_crm(self, m) -> None:
        """The sender's CRM records (a reminder: its record) in the CRM record window; a record
        made there links the message (on the record, and the message shows it)."""
        from whitephone.ui.crm_parts import person_for_colleague

        crm = self.window.crm
        if m.kind == "reminder" and m.appointment_link:  # an appointment's: open it in the diary
            self.open_appointment(*m.appointment_link)
            return
        if m.kind == "reminder" and m.record:
            crm.open(record_uid=m.record)
            return
        if m.sender_id:
            w = crm.open(person_for_colleague(int(m.sender_id), m.sender_name or m.sender_email),
                         message=m.hub_id)
        elif m.record:
            w = crm.open(record_uid=m.record)
        else:
            return
        if not m.record and hasattr(w, "changed"):  # a record made from here links the message
            w.changed.connect(lambda uid, mid=m.id: self._link_record(mid, uid))

    def open_appointment(self, uid: str, key: str) -> None:
        diary = getattr(self.window, "diary", None)
        if diary is None:
            return
        diary.open_appointment(
            uid, key, found=lambda: self.window.tabs.setCurrentWidget(diary),
            missing=lambda: self.window.statusBar().showMessage(
                self.tr("That appointment is no longer in your diary."), 8000))

    def _link_record(self, message_id: int, record_uid: str) -> None:
        msg = self.app.store.messages.get(message_id)
        if msg is not None and not msg.record:
            self.app.store.messages.link_record(message_id, record_uid)

    def snooze(self, m, minutes: int) -> None:
        """Remind me again later: a new reminder to myself, delivered by the hub when due; this one
        goes to the trash."""
        from whitephone.ui.messages_model import subject_text  # the tab's code: not at start

        me = (self.app.session.info or {}).get("user_id")
        if not me:
            QMessageBox.information(self.window, self.tr("Snooze"), self.tr("Sign in to your hub to snooze reminders."))
            return
        try:
            self.app.store.messages.queue_reminder([me], m.body or subject_text(m), time.time() + minutes * 60,
                                                   link=m.link or (f"crm_record:{m.record}" if m.record else None))
        except ValueError as exc:
            QMessageBox.warning(self.window, self.tr("Snooze"), str(exc))
            return
        self.app.store.messages.mark_read([m.id], read=True)
        self.app.store.messages.trash([m.id])
        self.app.sync.kick()
        self.tab.view.show_message(None)
        self.tab.refresh()
        from whitephone.ui.tabs.messages import snooze_text

        self.window.statusBar().showMessage(self.tr("Snoozed for %s.") % snooze_text(minutes), 8000)

    def answer_request(self, m, accept: bool) -> None:
        """Accept or decline on the hub; the message keeps the answer and the Online Monitor updates."""
        from whitephone.ui.messages_model import sender_text  # the tab's code: not at start

        if not m.request_id:
            self.window.statusBar().showMessage(self.tr("This contact request has no number from the hub yet."), 8000)
            return
        name = sender_text(m)
        team = self.window.team.team

        def done(_msg) -> None:
            self.window.statusBar().showMessage(
                (self.tr("You accepted %s's contact request.") if accept
                 else self.tr("You declined %s's contact request.")) % name, 8000)
            self.tab.view.show_message(None)
            self.tab.refresh()
            team.refresh_requests()
            self.app.sync.kick()  # presence of a new contact comes with the next round

        team.run(lambda: self.app.sync.messages.answer_contact_request(self.app.session.ensure(), m.id, accept),
                 done, lambda exc: QMessageBox.warning(self.window, self.tr("Contact request"), error_text(exc)))

    def fetch_attachment(self, m) -> None:
        """A voice or video mail's file, fetched from the hub the first time it is opened."""
        team = self.window.team.team
        if not team.signed_in:
            self.tab.view.attachment_failed(m.id, self.tr("you are not signed in to the hub"))
            return
        team.run(lambda: self.app.sync.messages.fetch_attachment(self.app.session.ensure(), m.id),
                 lambda path: self.tab.view.attachment_ready(m.id, path),
                 lambda exc: self.tab.view.attachment_failed(m.id, error_text(exc)))

    def leave_voice_mail(self, user_id: int, name: str, why: str = "") -> None:
        """A colleague did not answer, was busy or is offline: record a voice mail to them now."""
        from whitephone.ui.dialogs.leave_voice_mail import LeaveVoiceMailDialog

        dlg = LeaveVoiceMailDialog(self.app, self.window.calls, user_id, name, why, self.window)
        dlg.accepted.connect(lambda: (self.app.sync.kick(), self.refresh(), self.window.statusBar().showMessage(
            self.tr("Voice mail to %s in the outbox.") % name, 8000)))
        self._dialog = dlg
        dlg.show()

    def announce(self) -> None:
        from whitephone.ui.dialogs.announcements import AnnounceDialog

        dlg = AnnounceDialog(self.app, self.window.team.team, self.window)
        dlg.accepted.connect(lambda: (self.app.sync.kick(), self.refresh()))
        self._dialog = dlg
        dlg.show()

    def markets(self) -> None:
        from whitephone.ui.dialogs.announcements import MarketsDialog

        dlg = MarketsDialog(self.app, self.window.team.team, self.window)
        self._dialog = dlg
        dlg.show()
