"""The main window: dial bar, feature tabs, menus, status bar."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from whitephone import APP_NAME, LICENSE_NAME, __version__
from whitephone.core.accounts import load_accounts
from whitephone.core.dial import DialError, DialTarget, parse_dial_target
from whitephone.ui import theme
from whitephone.ui.account_status import AccountStatus
from whitephone.ui.icons import icon, install_app_icon, tab_icon
from whitephone.ui.lazy_tabs import LazyTabs, TabWidgets
from whitephone.ui.rich_text import escape
from whitephone.ui.shortcuts import WindowShortcutsFirst
from whitephone.ui.tabs.address_books import AddressBooksTab, contacts_text
from whitephone.ui.tasks import Tasks
from whitephone.ui.user_errors import error_text

TAB_NAMES = (QT_TRANSLATE_NOOP("MainWindow", "Online Monitor"), QT_TRANSLATE_NOOP("MainWindow", "Address Books"),
             QT_TRANSLATE_NOOP("MainWindow", "Diary"), QT_TRANSLATE_NOOP("MainWindow", "Messages"),
             QT_TRANSLATE_NOOP("MainWindow", "CRM"), QT_TRANSLATE_NOOP("MainWindow", "Call Logs"))
EMPTY_STATES = {
    "Online Monitor": (QT_TRANSLATE_NOOP("MainWindow", "No one to show yet"),
                       QT_TRANSLATE_NOOP("MainWindow", "Colleagues and contacts you share presence with appear here, "
                                                       "with their status, once you sign in to your company's "
                                                       "WhitePhone hub.")),
    "Messages": (QT_TRANSLATE_NOOP("MainWindow", "No messages"),
                 QT_TRANSLATE_NOOP("MainWindow", "Text messages, voice mail, video mail, announcements, reminders "
                                                 "and contact requests from your hub will appear here.")),
    "CRM": (QT_TRANSLATE_NOOP("MainWindow", "No CRM records"),
            QT_TRANSLATE_NOOP("MainWindow", "Customer records (enquiries, support calls, sales leads) with their "
                                            "notes and reminders will be listed here, shared with your team through "
                                            "the hub.")),
    "Call Logs": (QT_TRANSLATE_NOOP("MainWindow", "No calls yet"),
                  QT_TRANSLATE_NOOP("MainWindow", "Every call you make or receive will be logged here, in “PC to PC” "
                                                  "and “Phone” views.")),
}


class EmptyState(QWidget):
    """A tab whose feature has no content yet says so, plainly."""

    def __init__(self, title: str, text: str, parent=None) -> None:
        super().__init__(parent)
        label = QLabel()
        theme.set_html(label, f"<h2 style='color:#445'>{escape(title)}</h2>"
                       f"<p style='color:#666'>{escape(text)}</p>")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setMaximumWidth(560)
        # no alignment flag on the label: only then does the layout give a wrapped label the
        # height its text needs at the width it got (with one, the text was cut after a line)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(label, 100)
        row.addStretch(1)
        v = QVBoxLayout(self)
        v.addStretch()
        v.addLayout(row)
        v.addStretch()


class MainWindow(QMainWindow):
    # Every call the UI asks for leaves through here (dial bar, contact card, context menus,
    # `whitephone call URI`): the calls layer connects to it.
    callRequested = Signal(object, object)  # DialTarget, ContactData | None
    closed = Signal()
    engineEvent = Signal(dict)  # every event of the engine process, once it runs (start_engine)
    attached = Signal()  # the store and every tab are in place (attach)

    def __init__(self, app, parent=None, engine: bool = False, first=None) -> None:
        """`app` None and `first` (ui/first_read.py): the window shows the address book's first
        rows read without the store; `attach(app)` builds the rest once the store is open."""
        super().__init__(parent)
        install_app_icon()  # every window and dialog of the app shows WhitePhone's icon
        self.app = None
        self._engine_wanted = engine
        self._pending_requests: list[dict] = []
        self._pending_calls: list[tuple] = []  # asked for before attach: (text, contact)
        self._early_engine = None  # started while the store opens (start_engine_early)
        self.tasks = Tasks()
        self.calls_available = False
        self.calls_starting = False
        self.calls = None
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)

        self.dial = QLineEdit()
        self.dial.setAccessibleName(self.tr("Dial"))
        self.dial.setAccessibleDescription(self.tr("Type a number, SIP address or name, then press Enter to call"))
        self.dial.setPlaceholderText(self.tr("Number, SIP address or name to call"))
        self.dial.setClearButtonEnabled(True)
        self.dial.returnPressed.connect(self.call_from_dial_bar)
        self._completion = QStringListModel(self)
        completer = QCompleter(self._completion, self)
        # the contact search is the filter (it also matches companies, e-mails, numbers): the
        # popup shows its answer as it is, once it arrives (see _update_completion)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._completion_chosen)
        self.dial.setCompleter(completer)
        self._complete_timer = QTimer(self, singleShot=True, interval=120)
        self._complete_timer.timeout.connect(self._update_completion)
        self.dial.textEdited.connect(lambda *_: self._complete_timer.start())
        self._completion_targets: dict[str, tuple[str, int]] = {}
        self.call_button = QPushButton(self.tr("Call"))
        self.call_button.setIcon(icon("call"))
        self.call_button.clicked.connect(self.call_from_dial_bar)
        if engine and app is None:  # the engine starts once the store is up (attach)
            self.set_calls_available(False, self.tr("The call engine is starting."), starting=True)
        else:
            self.set_calls_available(False, self.tr("The call engine is not running."))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Dial:")))
        bar.addWidget(self.dial, 1)
        bar.addWidget(self.call_button)

        self.tabs = QTabWidget()
        self.address_books = AddressBooksTab(app, self.tasks, first=first)
        self.address_books.callRequested.connect(lambda number, contact: self.request_call(number, contact))
        self.address_books.importRequested.connect(self.import_contacts)
        self.address_books.timelineRequested.connect(lambda c: self.open_contact_profile(c.id))
        self.address_books.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # the CRM, Diary and Messages tabs are built the first time they are shown (ui/lazy_tabs.py)
        self.lazy_tabs = LazyTabs(self.tabs, self)
        self.tab_widgets = TabWidgets(self.lazy_tabs)  # name -> the tab's widget (built when looked up)
        self.lazy_tabs.add(0, "Address Books", self.tr("Address Books"), self.address_books,
                           icon=tab_icon("Address Books"))
        central = QWidget()
        v = QVBoxLayout(central)
        v.addLayout(bar)
        v.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.contacts_count = QLabel()  # beside, not in, the passing messages (undo hints stay)
        self.address_books.countChanged.connect(self.contacts_count.setText)
        self.statusBar().addPermanentWidget(self.contacts_count)
        self._restore_geometry((app.profile if app is not None else first.profile).get("window") or {})
        self._user_input = False
        if app is not None:
            self.attach(app)
        else:  # until attach: did the user start using the window? (_user_started)
            QApplication.instance().installEventFilter(self)

    def attach(self, app) -> None:
        """The store is open: the other tabs, the menus, the reminders and the engine."""
        self.app = app
        if self.address_books.app is None:
            self.address_books.attach(app)
        from whitephone.ui.tabs.call_logs import CallLogsTab

        self.call_logs = CallLogsTab(app)
        self.call_logs.callBack.connect(self._call_back)
        self.call_logs.missedChanged.connect(self._show_missed)
        from whitephone.ui.team_window import TeamParts

        self.team = TeamParts(self)  # sign-in, sync status, Online Monitor, calls to colleagues
        self.calls_status = QLabel()
        self.statusBar().addPermanentWidget(self.calls_status)
        self.account_status = AccountStatus()  # each SIP account's registration state
        self.account_status.set_accounts(load_accounts(app.profile))
        self.statusBar().addPermanentWidget(self.account_status)
        self.statusBar().addPermanentWidget(self.team.status)
        if self._engine_wanted:  # its process starts while the CRM, Diary and Messages tabs are built
            self.start_engine()
        from whitephone.ui.crm_parts import CrmParts
        from whitephone.ui.messages_window import MessagesParts

        self.crm = CrmParts(self)  # record windows, reports, reminders; its tab when first shown
        self.messages = MessagesParts(self)  # compose, announcements, unread counts; its tab when first shown
        self.team.team.dataChanged.connect(self.messages.data_changed)
        builders = {"CRM": self.crm.make_tab, "Diary": self._make_diary, "Messages": self.messages.make_tab}
        for i, name in enumerate(TAB_NAMES):
            if name == "Address Books":
                continue
            w = {"Call Logs": self.call_logs, "Online Monitor": self.team.monitor}.get(name)
            if name in builders:
                self.lazy_tabs.add(i, name, self.tr(name), build=builders[name], icon=tab_icon(name))  # i18n: marked
            else:
                self.lazy_tabs.add(i, name, self.tr(name),  # i18n: marked
                                   w or EmptyState(*(self.tr(t) for t in EMPTY_STATES[name])),  # i18n: marked
                                   icon=tab_icon(name))
        self.tabs.currentChanged.connect(self._tab_changed)
        from whitephone.ui.tray import create_tray

        self.tray = create_tray(self)  # None where the desktop has no system tray
        self._build_menus()
        QApplication.instance().removeEventFilter(self)
        self._restore_state()
        self.contacts_count.setVisible(self.tabs.currentWidget() is self.address_books)
        self._show_missed(app.store.calls.unviewed_missed())
        from whitephone.ui.diary.reminders import Reminders

        self.reminders = Reminders(self)  # due reminders (also those missed while closed), phone meetings
        self.reminders.start()
        self.messages.refresh()  # the unread count, read on the reader thread
        self.team_menu.refreshed.connect(self.messages.permissions_changed)
        self.attached.emit()
        pending, self._pending_requests = self._pending_requests, []
        for message in pending:
            self.handle_instance_request(message)
        calls, self._pending_calls = self._pending_calls, []
        for text, contact in calls:
            self.request_call(text, contact)

    @property
    def diary(self):
        """The Diary tab, built (and put in its place among the tabs) when first wanted."""
        return self.tab_widgets["Diary"]

    def _make_diary(self):
        from whitephone.ui.tabs.diary import DiaryTab

        diary = DiaryTab(self.app, self.tasks, colleagues=self._colleagues)
        diary.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        diary.changed.connect(lambda: self.reminders.check())  # the tab may be built (last tab) before the reminders
        return diary

    def start_engine_early(self, profile) -> None:
        """Start the engine process now, while the store opens (ui/early_engine.py); attach's
        start_engine hands it to the call controller."""
        if not self._engine_wanted or self._early_engine is not None or self.app is not None:
            return
        from whitephone.ui.early_engine import EarlyEngine

        engine = EarlyEngine(profile)
        engine.start()
        self._early_engine = engine

    def start_engine(self, args: list[str] | None = None) -> None:
        """Start the SIP engine process (the GUI never loads pjsua2 itself), or take over the one
        started early (start_engine_early)."""
        from whitephone.ui.calls import CallController

        early, self._early_engine = self._early_engine, None
        if early is not None and args is not None:  # other arguments asked for: that engine is not it
            early.stop()
            early = None
        if early is not None:
            fixed = early.repaired
        else:
            from whitephone.core.recordings import repair_folder

            # before the engine writes anything: recordings a crash cut short get their header back
            fixed = repair_folder(self.app.profile.recordings_dir)
        if fixed:
            self.statusBar().showMessage(self.tr("Repaired %n call recording(s) cut short by a crash", "", len(fixed)),
                                         10000)
        self.set_calls_available(False, self.tr("The call engine is starting; a call asked for now is placed "
                                                "as soon as it is up."), starting=True)
        self.calls = CallController(self.app, self, args, early=early)
        self.calls.callsChanged.connect(self.call_logs.refresh)
        self.calls.bridge.event.connect(self.team.engine_event)
        self.calls.bridge.event.connect(self.engineEvent)
        self.calls.start()

    def _showing(self, name: str) -> bool:
        """The tab `name` is the one shown (a tab not built yet is not)."""
        w = self.lazy_tabs.built_widget(name)
        return w is not None and self.tabs.currentWidget() is w

    def _show_missed(self, n: int) -> None:
        i = self.tabs.indexOf(self.call_logs)
        self.tabs.setTabText(i, self.tr("Call Logs (%d missed)") % n if n else self.tr("Call Logs"))
        if self.tray is not None:
            self.tray.set_missed(n)

    def _tab_changed(self, index: int) -> None:
        self.contacts_count.setVisible(self.tabs.widget(index) is self.address_books)
        if self.tabs.widget(index) is self.call_logs:
            self.call_logs.refresh()
            self.call_logs.mark_viewed()
        elif self.tabs.widget(index) is self.lazy_tabs.built_widget("Diary") is not None:
            self.diary.view.setFocus()  # the Diary's keys (arrows, T, 1-4, Enter, Del) work at once

    def _call_back(self, target: str, contact_id) -> None:
        contact = self.app.store.contacts.get(contact_id) if contact_id else None
        self.request_call(target, contact)

    # -- menus -------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        commands: list[QAction] = []  # their keys win over a focused text box (ui/shortcuts.py)

        def act(menu, text, slot, shortcut=None) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(shortcut)
            a.triggered.connect(slot)
            menu.addAction(a)
            commands.append(a)
            return a

        m = self.menuBar().addMenu(self.tr("&File"))
        act(m, self.tr("&Import contacts…"), self.import_contacts, QKeySequence("Ctrl+I"))
        act(m, self.tr("&Export contacts…"), self.export_contacts, QKeySequence("Ctrl+E"))
        m.addSeparator()
        act(m, self.tr("Import &appointments (.ics)…"), self._import_appointments)
        act(m, self.tr("Export a&ppointments (.ics)…"), self._export_appointments)
        m.addSeparator()
        act(m, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        e = self.menuBar().addMenu(self.tr("&Edit"))
        # on the CRM tab, New and Find mean a new record and the Task ID box; on Messages, a message
        act(e, self.tr("&New"), self._new_contact, QKeySequence.StandardKey.New)
        act(e, self.tr("&Find contact"), self.focus_search, QKeySequence.StandardKey.Find)
        act(e, self.tr("&Dial"), self.focus_dial, QKeySequence("Ctrl+D"))
        act(e, self.tr("&Search by field…"), self.advanced_search, QKeySequence("Ctrl+Shift+F"))
        act(e, self.tr("&Recent communications"), self.recent_communications, QKeySequence("Ctrl+Shift+R"))
        e.addAction(self.address_books.undo_action)
        e.addAction(self.address_books.merge_action)
        e.addSeparator()
        act(e, self.tr("&Preferences…"), self.preferences, QKeySequence.StandardKey.Preferences)
        if QKeySequence(QKeySequence.StandardKey.Preferences).isEmpty():
            self.findChildren(QAction)[-1].setShortcut(QKeySequence("Ctrl+,"))
        from whitephone.ui.team_menu import TeamMenu

        self.team_menu = TeamMenu(self, session=self.app.session, worker=self.team.team.worker)  # My Profile, Company Profile, User Admin (signed in to a hub)
        h = self.menuBar().addMenu(self.tr("&Help"))
        act(h, self.tr("&Network Test…"), self.network_test)
        act(h, self.tr("&Keyboard shortcuts"), self.keyboard_shortcuts, QKeySequence("F1"))
        act(h, self.tr("&Report a problem…"), self.report_problem)
        act(h, self.tr("&About WhitePhone"), self.about)
        self.team.add_menus(m, e, h)
        for i in range(len(TAB_NAMES)):  # Alt+1..6 switch tabs
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            a.triggered.connect(lambda _=False, i=i: self.tabs.setCurrentIndex(i))
            self.addAction(a)
            commands.append(a)
        self._shortcuts_first = WindowShortcutsFirst(self, commands)
        from whitephone.ui import call_keys

        self.call_keys = call_keys.install(self)  # answer, hang up, mute, hold; media keys
        from whitephone.ui import headset

        self.headset = headset.install(self)  # USB headset buttons and LEDs (whitephone/headset)
        from whitephone.ui import global_hotkey

        self.global_hotkey = global_hotkey.install(self)  # answer / hang up from any program
        from whitephone.ui import notifications

        self.notifier = notifications.install(self)  # desktop notifications with Answer / Decline

    def keyboard_shortcuts(self) -> None:
        """Help → Keyboard shortcuts (ui/call_keys.py)."""
        from whitephone.ui.call_keys import ShortcutsDialog

        dlg = ShortcutsDialog(self)
        dlg.setModal(False)
        dlg.show()

    def report_problem(self) -> None:
        """Help → Report a problem (ui/crash_ui.py): logs and crash reports, secrets removed, in a zip."""
        from whitephone.ui.crash_ui import report_problem

        profile = self.app.profile
        report_problem(self, profile.logs_dir, dict(profile.settings))

    def network_test(self) -> None:
        """Help → Network Test (dialogs/network_test.py): the hub signed in to, its credentials."""
        from whitephone.ui.dialogs.network_test import NetworkTestDialog

        session = self.app.session
        url = (session.info or {}).get("url", "") if session is not None else ""

        def credentials() -> dict:
            return session.ensure().sip_credentials() if session is not None and session.signed_in else {}

        from whitephone.core import http_proxy
        from whitephone.core.accounts import tls_settings

        tls = tls_settings(self.app.profile)  # the CA file and pins the calls use
        profile = self.app.profile
        dlg = NetworkTestDialog(self, url, credentials, ca_file=tls["ca_file"] or None,
                                proxy=lambda: http_proxy.setting(profile),  # the proxy too (keyring: on the test's thread)
                                pins=tuple(tls["pins"]))
        dlg.setModal(False)
        dlg.show()
        if url:
            dlg.start()
        self._network_test = dlg

    def _import_appointments(self) -> None:
        self.tabs.setCurrentWidget(self.diary)
        self.diary.import_ics()

    def _export_appointments(self) -> None:
        self.tabs.setCurrentWidget(self.diary)
        self.diary.export_ics()

    def _colleagues(self) -> list[tuple]:
        """(user id, name, e-mail) of the company's people the Online Monitor knows."""
        return [(e.user_id, e.name, getattr(e, "email", "") or "") for e in self.team.team.roster()
                if getattr(e, "colleague", False)]

    def _new_contact(self) -> None:
        """Ctrl+N: a record on the CRM tab, a message on Messages, a contact elsewhere."""
        if self._showing("CRM"):
            self.crm.open(new=True)
            return
        if self._showing("Messages"):
            self.messages.tab.new_message()
            return
        self.tabs.setCurrentWidget(self.address_books)
        self.address_books.new_contact()

    # -- contact profiles, search by field, recent communications ----------------------------
    def open_contact_profile(self, contact_id: int) -> None:
        """The contact's full card beside its timeline, in a window of its own."""
        from whitephone.ui.contact_profile import ContactProfileWindow

        win = getattr(self, "profile_window", None)
        if win is None:
            win = self.profile_window = ContactProfileWindow(self.app, self.tasks.read, self, writer=self.tasks.write)
            win.callRequested.connect(self.request_call)
            win.card.editRequested.connect(self._edit_from_profile)
            win.card.deleteRequested.connect(lambda c: (self.address_books.delete_contacts([c.id]), win.close()))
            win.card.crmRequested.connect(self.address_books.crmRequested)
        win.show_contact(contact_id)
        win.show()
        win.raise_()
        win.activateWindow()

    def _edit_from_profile(self, contact) -> None:
        self.address_books.edit_contact(contact.id)
        # after the edit's write (the write worker is serial), read the contact again, unless the
        # window shows another contact by then (a slow save must not take the user back)
        self.tasks.write.submit(lambda: None, lambda _: self._profile_saved(contact.id))

    def _profile_saved(self, contact_id: int) -> None:
        if self.profile_window.contact_id == contact_id:
            self.profile_window.show_contact(contact_id)

    def new_contact_for_number(self, number: str, name: str = "") -> None:
        """The contact editor with a caller's number (and name) filled in."""
        self.bring_to_front()
        self.tabs.setCurrentWidget(self.address_books)
        self.address_books.new_contact(number=number, name=name)

    def advanced_search(self) -> None:
        from whitephone.ui.dialogs.advanced_search import AdvancedSearchDialog

        dlg = getattr(self, "search_dialog", None)
        if dlg is None:
            dlg = self.search_dialog = AdvancedSearchDialog(self.app, self.tasks.read, self)
            dlg.openContact.connect(self.open_contact_profile)
        dlg.show()
        dlg.raise_()

    def recent_communications(self) -> None:
        from whitephone.ui.recent_communications import RecentCommunications

        win = getattr(self, "recent_window", None)
        if win is None:
            win = self.recent_window = RecentCommunications(self.app.store, self.tasks.read, self)
            win.openContact.connect(self.open_contact_profile)
            win.createContact.connect(self.new_contact_for_number)
        win.reload()
        win.show()
        win.raise_()

    def focus_search(self) -> None:
        if self._showing("CRM"):
            self.crm.tab.focus_task_id()
            return
        self.tabs.setCurrentWidget(self.address_books)
        self.address_books.search.setFocus()
        self.address_books.search.selectAll()

    def focus_dial(self) -> None:
        self.dial.setFocus()
        self.dial.selectAll()

    def bring_to_front(self) -> None:
        """Show the window (also from the tray or minimised) and make it the active one."""
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def handle_instance_request(self, message: dict) -> None:
        """A second `whitephone` / `whitephone call URI` handed over its request (single_instance)."""
        if self.app is None:  # the store is still opening: answered once attached
            self._pending_requests.append(message)
            return
        self.bring_to_front()
        if message.get("action") == "call":  # shown and confirmed first: a web page must not dial
            from whitephone.ui.dialogs.link_call import ask_to_call

            self.link_question = ask_to_call(self, str(message.get("uri", "")), str(message.get("source", "")))

    # -- calling -----------------------------------------------------------------------------
    def set_calls_available(self, available: bool, reason: str = "", starting: bool = False) -> None:
        """`starting`: the engine process is on its way (calls asked for meanwhile wait for it)."""
        self.calls_available = available
        self.calls_starting = starting and not available
        self.call_button.setToolTip(self.tr("Call the number or address in the dial bar (Enter)")
                                    if available else reason)
        self.call_button.setText(self.tr("Call") if available else
                                 self.tr("Call (starting…)") if self.calls_starting else self.tr("Call (unavailable)"))

    def _update_completion(self) -> None:
        text = self.dial.text().strip()
        if len(text) < 2 or text.startswith(("+", "sip:", "tel:")) or text[:1].isdigit():
            self._clear_completion()  # a number (or nearly nothing): names offered before are stale
            return
        if self.app is None:  # asked again once the store is up
            self._complete_timer.start()
            return
        region = self.app.profile.region

        def find():
            return self.app.contacts.search(text, limit=12)

        def show(rows) -> None:
            from whitephone.phone import call_target, display

            if self.dial.text().strip() != text:
                return  # typed on since: that keystroke's answer follows
            items = []
            self._completion_targets.clear()
            for c in rows:
                for number in [n for n in c.phones if call_target(n)][:3]:
                    label = f"{c.display_name} — {display(number, number if number.startswith('+') else None, region)}"
                    self._completion_targets[label] = (number, c.id)
                    items.append(label)
            self._completion.setStringList(items)
            popup = self.dial.completer().popup()
            if items and self.dial.text().strip() == text and self.dial.hasFocus():
                self.dial.completer().complete()  # the popup was drawn for the keystroke before
            elif not items:
                popup.hide()

        self.tasks.read.submit(find, show)

    def _clear_completion(self) -> None:
        self._completion_targets.clear()
        self._completion.setStringList([])
        self.dial.completer().popup().hide()

    def _completion_chosen(self, label: str) -> None:
        target = self._completion_targets.get(label)
        if target:
            QTimer.singleShot(0, lambda: self.dial.setText(target[0]))

    def call_from_dial_bar(self) -> None:
        text = self.dial.text().strip()
        if text in self._completion_targets:
            text = self._completion_targets[text][0]
        self.request_call(text, None)

    def request_call(self, text: str, contact) -> DialTarget | None:
        """Turn what the user clicked or typed into a call request (or a clear message)."""
        if self.app is None:  # the first rows are up, the store not yet (a fraction of a second)
            self._pending_calls.append((text, contact))  # placed by attach, as the button promises
            self.statusBar().showMessage(self.tr("Calling %s as soon as WhitePhone has started…") % text, 8000)
            return None
        try:
            target = parse_dial_target(text, self.app.profile.region)
        except DialError as exc:
            if text and not any(ch.isdigit() for ch in text):
                hits = self.app.contacts.search(text, limit=1)
                if hits and hits[0].phones:
                    return self.request_call(hits[0].phones[0], self.app.store.contacts.get(hits[0].id))
            QMessageBox.information(self, self.tr("Call"), error_text(exc, self.app.profile.region))
            return None
        if contact is None and target.e164:
            hits = self.app.store.contacts.by_number(target.e164)
            contact = self.app.store.contacts.get(hits[0].id) if hits else None
        if not self.calls_available:
            who = contact.best_display_name() + " " if contact else ""
            self.statusBar().showMessage(
                (self.tr("Calling %s%s as soon as the call engine is up…") if self.calls_starting else
                 self.tr("Cannot call %s%s: the call engine is not running.")) % (who, target.display), 8000)
        self.callRequested.emit(target, contact)
        return target

    # -- import/export -----------------------------------------------------------------------
    def import_contacts(self, paths: list[Path] | None = None) -> None:
        from whitephone.ui.dialogs.import_wizard import ImportWizard

        wiz = ImportWizard(self.app, self.tasks, self, paths=paths or None)
        wiz.imported.connect(self.address_books.reload_books)
        wiz.show()
        self._wizard = wiz

    def export_contacts(self) -> None:
        from whitephone.importers import export_contacts

        filters = {"vCard 3.0 (*.vcf)": "vcf3", "vCard 4.0 (*.vcf)": "vcf4", "CSV (*.csv)": "csv"}
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export contacts"), "contacts.vcf",
                                                   ";;".join(filters))
        if not path:
            return
        fmt = filters.get(chosen, "vcf3")
        book = self.address_books.current_book()
        book_id = None if book < 0 else book
        self.statusBar().showMessage(self.tr("Exporting…"))
        self.tasks.read.submit(
            lambda: export_contacts(self.app.store, path, fmt, book_id),
            lambda n: self.statusBar().showMessage(self.tr("Exported %s to %s") % (contacts_text(n), path), 10000),
            lambda exc: QMessageBox.warning(self, self.tr("Export"), self.tr("Export failed: %s") % exc))

    # -- preferences / about -----------------------------------------------------------------
    def preferences(self) -> None:
        from whitephone.ui.dialogs.preferences import PreferencesDialog

        dlg = PreferencesDialog(self.app, self)
        self.team.add_preferences_pages(dlg)
        if not dlg.exec():
            return
        if dlg.region_changed:
            self.address_books.card.region = self.app.profile.region
            self.address_books.reload_books()
        self.accounts_changed()

    def accounts_changed(self) -> None:
        """Preferences saved: the engine gets the new/edited accounts, the status bar shows them."""
        if self.calls is not None:
            self.calls.apply_accounts()
        else:
            self.account_status.set_accounts(load_accounts(self.app.profile))

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About WhitePhone"),
            self.tr("<h3>%s %s</h3><p>A desktop softphone with a built-in CRM for small businesses.</p>"
                    "<p>Licence: %s. This program is free software: you can redistribute it and/or modify "
                    "it under the terms of the GNU General Public License, version 2 or any later "
                    "version. It comes with ABSOLUTELY NO WARRANTY.</p>"
                    "<p>Calls use PJSIP (pjsua2), © Teluu Inc., GPL. Built with Qt for Python (LGPL), "
                    "SQLAlchemy, phonenumbers and Pillow.</p>") % (APP_NAME, __version__, LICENSE_NAME))

    # -- state -------------------------------------------------------------------------------
    def _restore_geometry(self, state: dict) -> None:
        if state.get("geometry"):
            self.restoreGeometry(QByteArray(base64.b64decode(state["geometry"])))

    def _user_started(self) -> bool:
        """The user already typed in the window shown before the store was up (a search, a
        number, a selected row): the window then stays where the user is."""
        return bool(self._user_input or self.address_books.search.text() or self.dial.text()
                    or self.tabs.currentWidget() is not self.address_books)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        """Before attach (ui/first_read.py): notes a key or click in this window (_user_started)."""
        if (event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)
                and isinstance(obj, QWidget) and obj.window() is self):
            self._user_input = True
        return False

    def _restore_state(self) -> None:
        if self._user_started():
            return
        tab = self.app.profile.get("last_tab", 1)
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
        else:
            self.tabs.setCurrentWidget(self.address_books)

    def save_state(self) -> None:
        if self.app is None:  # closed before the store was up: nothing of this run to keep
            return
        geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        self.app.profile.set("window", {"geometry": geometry})
        self.app.profile.set("last_tab", self.tabs.currentIndex())

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._ending_session and not self.confirm_quit_during_calls():
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()

    _ending_session = False

    def end_session(self) -> None:
        """The system ends us (logout, shutdown, kill: SIGTERM/SIGINT): nobody is there to answer
        a question, so calls in progress are hung up and the window closes without asking."""
        self._ending_session = True
        for w in self.calls.calls_in_progress() if self.calls is not None else []:
            w.hang_up()
            w.finish()
        self.close()

    def confirm_quit_during_calls(self) -> bool:
        """Quitting ends every call: with one in progress, ask first."""
        calls = self.calls.calls_in_progress() if self.calls is not None else []
        if not calls:
            return True
        answer = QMessageBox.question(
            self, self.tr("Calls in progress"),
            self.tr("Quitting hangs up %s. Quit anyway?") % ", ".join(w.title for w in calls),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        for w in calls:  # asked once: the call windows close without asking again
            w.hang_up()
            w.finish()
        return True

    def shutdown(self) -> None:
        if self.app is None:  # closed before the store was up: only the reader threads run
            QApplication.instance().removeEventFilter(self)
            if self._early_engine is not None:
                self._early_engine.stop()
                self._early_engine = None
            if self.address_books.first is not None:
                self.address_books.first.close()  # a search waiting for the store ends now
            self.tasks.stop()
            return
        self.reminders.stop()
        self.headset.stop()
        self.global_hotkey.stop()
        self.notifier.stop()
        if self.tray is not None:
            self.tray.hide()
        if self.calls is not None:
            self.calls.stop()
        self.crm.shutdown()
        self.team.shutdown()
        self.tasks.stop()
