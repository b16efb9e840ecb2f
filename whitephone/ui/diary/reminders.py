"""Reminders and phone meetings of the diary, watched while the window is open.

Every half minute (and at start, and after each diary change) store.diary says which reminders
are due (also those that fell due while the app was closed) and which phone meetings start. A
reminder is shown once as a desktop notification (the tray's; a small window where the desktop
has none) and then marked in the store, so it never comes again; several found at start come as
one notification. The hub also sends each reminder as a message; whichever of the two comes
first marks the occurrence (store.diary.diary_done) and notifies, the other stays silent, so a
reminder pops up once (the message stays in the inbox). Phone meetings go through core.meetings.start_due_meetings (marked started
before anything is dialled, so never twice): a manual one asks "Call X now?", an automatic one
dials through the window's one call path (MainWindow.request_call)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

CHECK_MS = 30_000


def utc_now() -> datetime:
    return datetime.now(UTC)


def when_text(occ, tz) -> str:
    """"Mon 7 Dec 09:30", "pon. 7 gru (cały dzień)": the locale's names and time."""
    from whitephone.ui.diary import formats

    if occ.all_day:
        return QCoreApplication.translate("Reminders", "%s (all day)") % formats.day_heading(occ.start, short=True)
    start = occ.start.astimezone(tz)
    return f"{formats.day_heading(start, short=True)} {formats.time_text(start)}"


class Reminders(QObject):
    notified = Signal(str, str)  # title, text (also shown; tests and the status bar listen)
    meetingPrompted = Signal(object)  # a manual phone meeting's occurrence (the question is open)
    meetingDialled = Signal(object)  # an automatic one was dialled

    def __init__(self, window, now=None) -> None:
        super().__init__(window)
        self.window = window
        self.diary = window.app.store.diary
        self.now = now or (lambda: utc_now())
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._seen: set[tuple] = set()  # shown in this run (the store marks them for good)
        self._first = True
        self._busy = False
        self._again = False
        self.questions: list[QMessageBox] = []

    def start(self) -> None:
        self._timer.start()
        QTimer.singleShot(0, self.check)

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        if self._busy:  # a check under way read the store before this change: look again after it
            self._again = True
            return
        self._busy, self._again = True, False
        now = self.now()

        region = self.window.app.profile.region

        def find():  # on the write worker: meetings are marked started before anything is dialled
            from whitephone.core.meetings import start_due_meetings

            started: list[tuple] = []
            start_due_meetings(self.diary, now, region, lambda o, target: started.append((o, target, None, True)),
                               lambda o, target, reason: started.append((o, target, reason, False)))
            return self.diary.due_reminders(now), started

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._again = False
            self.window.statusBar().showMessage(self.tr("Diary reminders: %s") % exc, 8000)

        self.window.tasks.write.submit(find, self._found, failed)

    def _found(self, result) -> None:
        self._busy = False
        if self._again:
            QTimer.singleShot(0, self.check)
        due, meetings = result
        due = [(o, at) for o, at in due if ("r", o.uid, o.key) not in self._seen]
        first, self._first = self._first, False
        if due:
            self._seen.update(("r", o.uid, o.key) for o, _ in due)
            occs = [o for o, _ in due]
            # Saved as shown first, then shown: an app killed in between never shows it twice
            # (if the save fails it is shown anyway: twice is better than never). Only those not
            # marked meanwhile: the hub's reminder message for an occurrence, when it arrived
            # first, was its one notification (MessagesParts, store.diary.claim_reminder).
            self.window.tasks.write.submit(lambda: self.diary.mark_reminded(occs),
                                           lambda fresh: fresh and self._remind(fresh, at_start=first),
                                           lambda _exc: self._remind(occs, at_start=first))
        for o, target, reason, dial in meetings:
            self._meeting(o, target, reason, dial)

    # -- reminders ------------------------------------------------------------------------------
    def _zone(self):
        """The Diary's time zone: the tab's when it is built, else the store's/profile's (a
        reminder at start must not build the whole Diary tab on the main thread)."""
        lazy = getattr(self.window, "lazy_tabs", None)
        tab = lazy.built_widget("Diary") if lazy is not None else self.window.diary
        if tab is not None:
            return tab.tz
        from whitephone.ui.diary import layout

        return layout.local_zone(getattr(self.diary, "default_timezone", None))

    def _remind(self, occs: list, at_start: bool) -> None:
        tz = self._zone()
        if len(occs) == 1:
            o = occs[0]
            title = self.tr("Reminder: %s") % o.subject
            place = getattr(o.appointment, "place", "") or ""
            text = when_text(o, tz) + (f" — {place}" if place else "")
        else:
            n = len(occs)  # two or more
            title = (self.tr("%n reminders while WhitePhone was closed", "", n) if at_start
                     else self.tr("%n reminders", "", n))
            text = "\n".join(f"{when_text(o, tz)}  {o.subject}" for o in occs[:8])
            if len(occs) > 8:
                text += "\n" + self.tr("… and %n more", "", len(occs) - 8)
        self.notify(title, text, lambda: self._open(occs[0]))

    def notify(self, title: str, text: str, on_click=None) -> None:
        from whitephone.ui.notifications import desktop_notify

        if not desktop_notify(self.window, title, text, on_click):  # no tray nor notification server:
            # a small window that does not block anything
            box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close,
                              self.window)
            box.setModal(False)
            box.show()
            self.questions.append(box)
            box.finished.connect(lambda _=0, box=box: self.questions.remove(box) if box in self.questions else None)
        self.window.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 15000)
        self.notified.emit(title, text)

    def _open(self, occ) -> None:
        self.window.bring_to_front()
        self.window.tabs.setCurrentWidget(self.window.diary)
        self.window.diary.open_occurrence(occ)

    # -- phone meetings ----------------------------------------------------------------------------
    def _meeting(self, occ, target, reason: str | None, dial: bool) -> None:
        """Dial an automatic meeting now; ask about a manual one (or one that could not be dialled)."""
        m = occ.meeting or {}
        number = str(m.get("number") or "").strip()
        contact, who = None, str(m.get("contact") or "")
        if who.isdigit():
            contact = self.window.app.store.contacts.get(int(who))
            who = contact.best_display_name() if contact else who
        who = who or (target.display if target is not None else number)
        if target is None:
            self.notify(self.tr("Phone meeting: %s") % occ.subject,
                        self.tr("It starts now but cannot be dialled: %s") % (reason or ""))
            return
        if dial:
            self.notify(self.tr("Phone meeting: %s") % occ.subject, self.tr("Calling %s now") % who)
            self.window.request_call(number, contact)
            self.meetingDialled.emit(occ)
            return
        notes = str(m.get("notes") or "")
        text = self.tr("“%s” starts now.\nCall %s now?") % (occ.subject, who if who == number else f"{who} ({number})")
        if reason:
            text += "\n" + self.tr("It was not dialled automatically: %s") % reason
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Phone meeting"), text + (f"\n\n{notes}" if notes else ""),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Call now"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Not now"))
        box.setModal(False)
        call = box.button(QMessageBox.StandardButton.Yes)

        def answered(_result: int) -> None:
            if box.clickedButton() is call:
                self.window.request_call(number, contact)
            if box in self.questions:
                self.questions.remove(box)

        box.finished.connect(answered)
        self.questions.append(box)
        box.show()
        self.meetingPrompted.emit(occ)
