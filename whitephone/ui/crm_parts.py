"""The CRM in the main window: the CRM tab, the record windows it and the rest of the app open
(call window, contact card, Online Monitor), my call groups for "Opened As", the Reports window
and the due-reminder notifications."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

if TYPE_CHECKING:  # the record window's and the tab's code loads when first used (issue 18: memory)
    from whitephone.ui.crm_window import CrmWindow, Person
    from whitephone.ui.tabs.crm import CrmTab

log = logging.getLogger(__name__)
REMINDER_CHECK_MS = 30_000


def __getattr__(name: str):
    """`Person` and `CrmWindow` (ui/crm_window.py) imported when first asked for from here."""
    if name in ("Person", "CrmWindow"):
        from whitephone.ui import crm_window

        return getattr(crm_window, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def person_for_contact(contact) -> Person:
    from whitephone.ui.crm_window import Person

    number = next((p.number for p in contact.phones if p.number), None)
    return Person(contact.best_display_name(), contact.uid, number)


def person_for_colleague(user_id: int, name: str) -> Person:
    """A colleague (hub user): their records are keyed "user:<id>" (stable whatever device or
    registrar they use)."""
    from whitephone.ui.crm_window import Person

    return Person(name or f"user {user_id}", None, f"user:{user_id}")


class ReminderWatch(QObject):
    """Shows a desktop notification for each CRM reminder that is due, once (the store remembers
    it was shown), also for those that fell due while the app was closed (checked at start)."""

    reminded = Signal(list)  # the records just notified

    def __init__(self, app, notify, open_record, parent=None, interval_ms: int = REMINDER_CHECK_MS) -> None:
        super().__init__(parent)
        self.app, self.notify, self.open_record = app, notify, open_record
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> list:
        try:
            due = self.app.store.crm.due_reminders()
        except Exception as exc:  # noqa: BLE001 - a locked or broken file: try again at the next tick
            log.warning("CRM reminders not read: %s", exc)
            return []
        if not due:
            return []
        for r in due:
            self.app.store.crm.mark_reminded(r.uid)
        if len(due) == 1:
            r = due[0]
            title = self.tr("CRM reminder: task %s") % r.task_label
            text = f"{r.subject}\n{r.type}, {r.priority}"
        else:
            title = self.tr("%n CRM reminders are due", "", len(due))
            text = "\n".join(f"{r.task_label}: {r.subject}" for r in due[:5]) + ("\n…" if len(due) > 5 else "")
        self.notify(title, text, lambda uid=due[0].uid: self.open_record(uid))
        self.reminded.emit(due)
        return due

    def stop(self) -> None:
        self.timer.stop()


class CrmParts(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window, self.app = window, window.app
        self.groups: list[tuple[int, str]] = []  # my call groups (id, name), for "Opened As"
        self.windows: list[CrmWindow] = []
        self.reports = None
        self._tab: CrmTab | None = None  # built the first time it is shown (make_tab, ui/lazy_tabs.py)
        self.types_dialog = None
        team = window.team.team
        team.signedIn.connect(lambda _info: (self.load_groups(), self._tab and self._tab.set_signed_in(True)))
        team.signedOut.connect(self._signed_out)
        team.dataChanged.connect(self._data_changed)
        window.team.monitor.crmRequested.connect(self.open_for_roster_row)
        window.address_books.crmRequested.connect(lambda c: self.open(person_for_contact(c)))
        self._reload = QTimer(self, singleShot=True, interval=300)  # a burst of sync hints: one reload
        self._reload.timeout.connect(self.reload)
        self.reminders = ReminderWatch(self.app, self._notify, lambda uid: self.open(record_uid=uid), self)
        if team.signed_in:
            self.load_groups()

    @property
    def tab(self) -> CrmTab:
        """The CRM tab, built (and put in its place among the window's tabs) when first wanted."""
        return self._tab if self._tab is not None else self.window.tab_widgets["CRM"]

    def make_tab(self) -> CrmTab:
        """Build the CRM tab (the window's lazy tabs call this when it is first shown)."""
        from whitephone.ui.tabs.crm import CrmTab

        tab = self._tab = CrmTab(self.app, self.window.tasks)
        tab.openRecord.connect(lambda uid: self.open(record_uid=uid))
        tab.newRecord.connect(lambda: self.open(new=True))
        tab.reportsRequested.connect(self.show_reports)
        tab.typesRequested.connect(self.show_types)
        tab.status.connect(lambda text: self.window.statusBar().showMessage(text, 8000))
        tab.set_signed_in(self.window.team.team.signed_in)
        if self.groups:
            tab.set_groups(dict(self.groups))
        return tab

    # -- windows -------------------------------------------------------------------------------
    def open(self, person: Person | None = None, record_uid: str | None = None, call: str | None = None,
             new: bool = False, message: int | None = None) -> CrmWindow:
        """The CRM window for a person (their records first), a record, or a new record; a record
        made there links `call` (a call log uid) or `message` (a hub message id)."""
        for w in list(self.windows):
            same = person is not None and w.person == person and w.call == call and w.message == message
            if same or (record_uid is not None and person is None and w.person is None
                        and w.current is not None and w.current.uid == record_uid):
                w.show()
                w.raise_()
                w.activateWindow()
                if record_uid:
                    w.load(select=record_uid)
                return w
        from whitephone.ui.crm_window import CrmWindow

        w = CrmWindow(self.app, person=person, record_uid=record_uid, call=call, message=message,
                      groups=self.groups, tasks=self.window.tasks, new=new)
        # also once w is closed; a CRM tab not built yet lists the record when it is
        w.after_write = lambda _uid: self._tab.model.refresh() if self._tab is not None and isValid(self._tab) else None
        w.destroyed.connect(lambda *_: self.windows.remove(w) if w in self.windows else None)
        self.windows.append(w)
        w.show()
        w.raise_()
        w.activateWindow()
        return w

    def open_for_call(self, call_window) -> CrmWindow:
        """From the call window: the caller's records; a new one links this call."""
        controller = call_window.controller
        entry = controller.entries.get(call_window.call_id)
        contact = None
        if entry is not None and entry.contact_id:
            contact = self.app.store.contacts.get(entry.contact_id)
        if contact is not None:
            person = person_for_contact(contact)
            if entry.number_e164:
                person.number = entry.number_e164
        else:
            number = (entry.number_e164 or entry.peer_uri.strip("<>")) if entry is not None else None
            from whitephone.ui.crm_window import Person

            person = Person(call_window.title, None, number or call_window.title)
        return self.open(person, call=entry.uid if entry is not None else None)

    def open_for_roster_row(self, row_id: int) -> None:
        from whitephone.ui.team import phone_contact_id

        cid = phone_contact_id(row_id)
        if cid is not None:
            contact = self.app.store.contacts.get(cid)
            if contact is not None:
                self.open(person_for_contact(contact))
            return
        name = next((e.name for e in self.window.team.team.roster() if e.user_id == row_id), "")
        self.open(person_for_colleague(row_id, name))

    def show_reports(self) -> None:
        from whitephone.ui.crm_reports import ReportsWindow

        if self.reports is None:
            self.reports = ReportsWindow(self.app, self.window.tasks, dict(self.groups))
            self.reports.destroyed.connect(lambda *_: setattr(self, "reports", None))
        self.reports.show()
        self.reports.raise_()

    def show_types(self) -> None:
        from whitephone.ui.dialogs.crm_types import CrmTypesDialog

        dlg = CrmTypesDialog(self.app, self.window.team.team.run, self.window)
        dlg.saved.connect(lambda _types: self.reload())
        self.types_dialog = dlg
        dlg.show()

    # -- groups, sync ----------------------------------------------------------------------------
    def load_groups(self) -> None:
        """My call groups, from the hub (Team's worker): the "Opened As" choices."""
        session = self.app.session
        me = session.info.get("user_id")

        def work() -> list[tuple[int, str]]:
            return [(g["id"], g["name"]) for g in session.ensure().groups() if me in g.get("members", [])]

        def done(groups: list[tuple[int, str]]) -> None:
            self.set_groups(groups)

        self.window.team.team.run(work, done, lambda exc: log.info("call groups not read: %s", exc))

    def set_groups(self, groups: list[tuple[int, str]]) -> None:
        self.groups[:] = groups
        if self._tab is not None:
            self._tab.set_groups(dict(groups))

    def _signed_out(self) -> None:
        self.set_groups([])
        if self._tab is not None:
            self._tab.set_signed_in(False)

    def _data_changed(self, entity: str, _uids: list) -> None:
        if entity in ("crm_record", "crm_note"):
            self._reload.start()

    def reload(self) -> None:
        if self._tab is not None:  # not built yet: it reads them when it is
            self._tab.load_types()
            self._tab.model.refresh()
        for w in self.windows:
            w.load()

    def _notify(self, title: str, text: str, on_click) -> None:
        from whitephone.ui.notifications import desktop_notify

        desktop_notify(self.window, title, text, on_click)
        self.window.statusBar().showMessage(f"{title}: {text.splitlines()[0] if text else ''}", 30000)

    def shutdown(self) -> None:
        self.reminders.stop()
        for w in list(self.windows):
            w.close()
        if self.reports is not None:
            self.reports.close()
