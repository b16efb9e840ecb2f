"""`make screenshots`: every main screen with demo data, rendered to PNG (offscreen Qt).

    python -m whitephone.ui.screenshots [--theme light|dark] [DIR]

renders one theme at the scale Qt is given (`QT_SCALE_FACTOR=2` for 200 %); `make screenshots`
runs it three times: screenshots/light, screenshots/dark and screenshots/200 (light at 200 %)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def _settle(app, ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _until(app, done, ms: int = 10000) -> None:
    """Let the event loop run until `done()` (reads on the worker threads have answered) or `ms`."""
    for _ in range(ms // 50):
        if done():
            return
        _settle(app, 50)


def render(out_dir: Path, theme_name: str = "light", visit=None) -> list[Path]:
    """Render every screen to `out_dir`; `visit(widget, name)`, when given, is called on each
    screen as it is shown (tests/ui/test_accessibility.py checks every control of every screen)."""
    from PySide6.QtWidgets import QApplication

    from whitephone.app import App
    from whitephone.demo import create_demo
    from whitephone.ui.dialogs.contact_editor import ContactEditor
    from whitephone.ui.dialogs.import_wizard import ImportWizard
    from whitephone.ui.dialogs.preferences import PreferencesDialog
    from whitephone.ui.main_window import TAB_NAMES, MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    from whitephone.ui import theme

    theme.apply(theme_name)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = App.open(Path(tmp) / "profile")
        app.profile.region = "GB"
        app.contacts.region = "GB"
        create_demo(app)
        _diary_demo(app)
        win = MainWindow(app)
        win.resize(1360, 820)
        win.show()
        _settle(qt, 600)

        def shot(widget, name: str) -> None:
            _settle(qt, 250)
            if visit is not None:
                visit(widget, name)
            path = out_dir / f"{name}.png"
            widget.grab().save(str(path))
            written.append(path)

        for i, name in enumerate(TAB_NAMES):
            win.tabs.setCurrentIndex(i)
            shot(win, f"tab-{i + 1}-{name.lower().replace(' ', '-')}")
        win.tabs.setCurrentWidget(win.address_books)
        win.address_books.search.setText("Müller")
        _settle(qt, 600)
        win.address_books.table.selectRow(0)
        shot(win, "contact-card")
        win.address_books.search.setText("%ski")
        _settle(qt, 600)
        shot(win, "search-operators")
        win.address_books.search.clear()
        _settle(qt, 400)

        hits = app.contacts.search("Müller", limit=1)
        editor = ContactEditor(app.store.contacts.get(hits[0].id), app.store.books.list(), "GB",
                               app.store.contacts.custom_fields(), win)
        editor.show()
        shot(editor, "contact-editor")
        editor.close()

        sample = Path(tmp) / "google-export.vcf"
        from whitephone.importers import export_contacts

        export_contacts(app.store, sample, "vcf3", app.store.books.by_name("Personal").id)
        wiz = ImportWizard(app, win.tasks, win, paths=[sample])
        wiz.show()
        shot(wiz, "import-wizard-1-files")
        wiz.next()
        shot(wiz, "import-wizard-2-preview")
        wiz.close()

        from whitephone.ui.call_window import CallWindow
        from whitephone.ui.calls import IncomingCallWindow

        mary = app.store.contacts.get(hits[0].id)
        history = app.store.calls.list()[:3]
        ringing = IncomingCallWindow(None, 0, mary.best_display_name(),
                                     "+49 1512 3456847 — Lucerne Publishing", history)
        ringing.show()
        shot(ringing, "call-incoming")
        ringing.close()
        call = CallWindow(None, 0, mary.best_display_name(), "+49 1512 3456847")
        for ev in ({"event": "state", "state": "confirmed"},
                   {"event": "media", "status": "active", "codec": "G722", "clock_rate": 16000},
                   {"event": "recording", "recording": True, "path": ""}):
            call.on_event(ev)
        call.show()
        shot(call, "call-window")
        call.finish()  # a call window asks before closing during a call

        prefs = PreferencesDialog(app, win)
        prefs.show()
        shot(prefs, "preferences")
        prefs.tabs.setCurrentWidget(prefs.audio)
        shot(prefs, "preferences-audio-no-engine")
        # the events a running engine sends this page (device list, level meter)
        prefs.audio.on_event({"event": "devices",
                              "inputs": [{"id": "pulse:usb-headset", "name": "USB Headset Microphone"},
                                         {"id": "pulse:builtin", "name": "Built-in Audio Analog Stereo"}],
                              "outputs": [{"id": "pulse:usb-headset-out", "name": "USB Headset"},
                                          {"id": "pulse:builtin-out", "name": "Built-in Audio Analog Stereo"}]})
        prefs.audio.on_event({"event": "levels", "microphone": 140, "speaker": 0})
        prefs.audio.on_event({"event": "audio", "status": "ready", "echo_cancellation": True})
        shot(prefs, "preferences-audio")
        prefs.close()

        _accounts_screens(app, win, shot)
        _monitor_screens(app, win, shot)
        _diary_screens(win, shot, qt)
        _team_screens(Path(tmp), win, shot)
        _crm_screens(app, win, shot, qt)
        _messages_screens(Path(tmp), app, win, shot)

        empty = App.open(Path(tmp) / "empty")
        win2 = MainWindow(empty)
        win2.resize(1360, 820)
        win2.show()
        win2.tabs.setCurrentWidget(win2.address_books)
        shot(win2, "empty-address-book")
        win2.close()
        win2.shutdown()
        empty.close()
        win.close()
        win.shutdown()
        app.close()
    return written


def _crm_screens(app, win, shot, qt) -> None:
    """The CRM tab with records, a record with notes, a closed one, a snapshot, the reports."""
    from whitephone.ui.crm_parts import person_for_contact

    crm = app.store.crm
    people = [app.store.contacts.get(s.id) for s in app.contacts.search("", limit=40)]
    people = [c for c in people if c is not None and c.kind == "person"][:12]
    subjects = ("Quote for 20 handsets", "Headset crackles on calls", "Invoice sent twice", "Call back about renewal",
                "Wants a demo of call groups", "Porting their numbers", "Late delivery", "Check the new price list")
    types = crm.types()
    made = []
    for i, c in enumerate(people):
        r = crm.create(subject=subjects[i % len(subjects)], type=types[i % len(types)],
                       priority=("high", "medium", "low")[i % 3], contact=c.uid,
                       number=next((p.number for p in c.phones), None))
        made.append(r)
    crm.add_note(made[0].uid, "Sent the quote; they decide by Friday.")
    crm.add_note(made[0].uid, "Their budget is tight: offer the yearly plan.", private=True)
    for r in made[5:8]:
        crm.close(r.uid)
    win.tabs.setCurrentWidget(win.crm.tab)
    win.crm.tab.model.refresh()
    _settle(qt, 500)
    shot(win, "crm-tab")
    w = win.crm.open(person_for_contact(people[0]))
    w.resize(940, 600)
    _until(qt, lambda: not w.busy())
    shot(w, "crm-record")
    w.show_new()
    shot(w, "crm-new-record")
    w.close()
    closed = win.crm.open(record_uid=made[5].uid)
    closed.resize(940, 600)
    _until(qt, lambda: not closed.busy() and closed.current is not None)
    shot(closed, "crm-record-closed")
    closed.close()
    win.crm.tab.snapshot()
    _settle(qt, 500)
    if win.crm.tab.snapshots:
        shot(win.crm.tab.snapshots[0], "crm-snapshot")
        win.crm.tab.snapshots[0].close()
    win.crm.show_reports()
    _settle(qt, 1500)
    shot(win.crm.reports, "crm-reports")
    win.crm.reports.close()


def _accounts_screens(app, win, shot) -> None:
    """Preferences → Accounts, the account editor with its validation messages, the status bar
    with each account's registration state, and the tray icon (drawn; offscreen has no tray)."""
    from PySide6.QtCore import QCoreApplication

    from whitephone.core.accounts import SipAccount, save_accounts
    from whitephone.ui.dialogs.accounts_page import AccountEditor
    from whitephone.ui.dialogs.preferences import PreferencesDialog
    from whitephone.ui.tray import app_icon

    accounts = [
        SipAccount(id="office", uri="sip:+442079460018@voip.example.com", display_name="Office line",
                   registrar="sip:voip.example.com", user="442079460018", reg_interval=300, default=True),
        SipAccount(id="backup", uri="sip:mary@sip.example.net", display_name="Backup provider",
                   registrar="sip:sip.example.net", transport="tcp", srtp="optional"),
        SipAccount(id="lab", uri="sip:mary@192.0.2.5:5070", display_name="Lab (direct)"),
    ]
    save_accounts(app.profile, accounts)  # no password: nothing of the demo goes to the real keyring
    prefs = PreferencesDialog(app, win)
    prefs.tabs.setCurrentWidget(prefs.accounts)
    prefs.show()
    shot(prefs, "preferences-accounts")

    editor = AccountEditor(accounts[0], accounts, True, prefs)
    editor.show()
    shot(editor, "account-editor")
    editor.close()
    bad = AccountEditor(None, accounts, False, prefs)
    bad.display_name.setText("Home")
    bad.uri.setText("mary@")
    bad.registrar.setText("sip:voip example.com")
    bad.proxy.setText("edge.example.com:99999")
    bad.show()
    bad.accept()  # stays open with a message under each wrong field
    shot(bad, "account-editor-errors")
    bad.close()
    prefs.close()

    win.accounts_changed()
    status = win.account_status
    status.set_accounts(accounts, "udp")
    status.on_event({"event": "registered", "account": "office", "code": 200, "reason": "OK", "expires": 300})
    status.on_event({"event": "registration_failed", "account": "backup", "code": 401,
                     "reason": "Unauthorized", "expires": 300})
    win.calls_status.setText(QCoreApplication.translate("CallController", "SIP: %s") % "sip:agent@192.0.2.10:5060")
    win.set_calls_available(True)
    shot(win, "status-bar-accounts")
    win.calls_status.setText("")

    from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

    icons = QWidget()
    icons.setStyleSheet("background: white;")
    row = QHBoxLayout(icons)
    for size in (16, 22, 32, 48, 64, 128):
        label = QLabel()
        label.setPixmap(app_icon().pixmap(size, size))
        row.addWidget(label)
    icons.show()
    shot(icons, "tray-icon")
    icons.close()


def _team_screens(tmp: Path, win, shot) -> None:
    """My Profile, Company Profile and User Admin against a real hub (`whitephone server` as a
    child process on a scratch folder), with a few colleagues and a call group."""

    from PIL import Image, ImageDraw
    from PySide6.QtWidgets import QApplication

    from whitephone.profile import Profile
    from whitephone.store import Store
    from whitephone.sync.embedded_hub import EmbeddedHub
    from whitephone.sync.session import Session
    from whitephone.ui.dialogs.company_profile import CompanyProfileDialog
    from whitephone.ui.dialogs.my_profile import MyProfileDialog
    from whitephone.ui.dialogs.user_admin import AddUserDialog, PermissionsDialog, UserAdminDialog

    def picture(path: Path, size, colour, text: str) -> Path:
        img = Image.new("RGB", size, colour)
        ImageDraw.Draw(img).text((size[0] // 3, size[1] // 2), text, fill="white")
        img.save(path)
        return path

    def wait(dlg) -> None:
        while dlg.pending:
            QApplication.processEvents()
            _settle(QApplication.instance(), 50)

    with EmbeddedHub(tmp / "hub") as hub:
        profile = Profile.open(tmp / "team")
        store = Store(profile.db_path)
        session = Session(profile, store)
        session.register(hub.url, "Lucerne Publishing", "Mary Smith", "mary@lucerne.example", "password123",
                         remember=False)  # nothing of the demo goes to the real keyring
        client = session.ensure()
        ids = [client.add_user(name, email, "password123", perms)["id"] for name, email, perms in (
            ("Jan Kowalski", "jan@lucerne.example", ["users", "pstn"]),
            ("Ana Souza", "ana@lucerne.example", ["crm_admin", "announcements"]),
            ("Tom Baker", "tom@lucerne.example", []))]
        client.disable_user(ids[2])
        client.create_group("Sales", ids[:2])
        client.create_group("Support", [ids[1]])
        photo = picture(tmp / "mary.png", (600, 800), (70, 110, 160), "Mary")
        client.update_profile(region="GB", timezone="Europe/London",
                              preferences={"presence_note": "In the London office today"})

        me = MyProfileDialog(session, profile, win)
        me.show()
        wait(me)
        me.set_photo_file(photo)
        wait(me)
        shot(me, "team-my-profile")
        me.old_password.setText("password123")
        me.new_password.setText("short")
        me.change_password()
        shot(me, "team-my-profile-password-error")
        me.close()

        company = CompanyProfileDialog(session, win)
        company.show()
        wait(company)
        company.add_region_code("GB")
        company.add_region_code("DE")
        company.set_logo_file(picture(tmp / "logo.png", (800, 300), (180, 40, 40), "LUCERNE"))
        wait(company)
        shot(company, "team-company-profile")
        company.close()

        admin = UserAdminDialog(session, win)
        admin.show()
        wait(admin)
        admin.select_user(ids[0])
        shot(admin, "team-user-admin")
        admin.add_user("Jan Again", "jan@lucerne.example", "password123", [])
        wait(admin)
        shot(admin, "team-user-admin-refused")
        admin.pages.setCurrentIndex(1)
        admin.group_list.setCurrentRow(0)
        shot(admin, "team-call-groups")
        add = AddUserDialog({**client.me(), "is_admin": False, "permissions": ["users", "pstn"]}, admin)
        add.show()
        shot(add, "team-add-user")
        add.close()
        perms = PermissionsDialog(client.me(), admin.user(ids[0]), admin)
        perms.show()
        shot(perms, "team-user-permissions")
        perms.close()
        admin.close()
        session.client.close()
        store.close()


def _diary_demo(app) -> None:
    """A working week in the diary: overlaps, an all-day fair, a daily stand-up, a phone meeting."""
    from datetime import datetime, time, timedelta

    tz = app.store.diary.default_timezone
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    today = datetime.now(zone).date()
    monday = today - timedelta(days=today.weekday())

    def at(days: int, h: int, m: int = 0) -> datetime:
        return datetime.combine(monday + timedelta(days=days), time(h, m), zone)

    add = app.store.diary.add
    add(subject="Stand-up", start=at(0, 9), end=at(0, 9, 15), rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        timezone=tz)
    add(subject="Demo for Lucerne Publishing", start=at(1, 10), end=at(1, 11, 30), place="Their office",
        remind_minutes=30, timezone=tz)
    add(subject="Call back Mary Müller", start=at(1, 10, 30), end=at(1, 11), timezone=tz, remind_minutes=5)
    add(subject="Lunch with Jan", start=at(1, 12), end=at(1, 13), timezone=tz)
    add(subject="Trade fair", start=at(2, 0), end=at(4, 0), all_day=True, timezone=tz)
    add(subject="Supplier price review", start=at(3, 14), end=at(3, 15), timezone=tz,
        meeting={"number": "+49 1512 3456847", "mode": "manual", "contact": "Mary Müller",
                 "notes": "Ask about the spring prices"})
    add(subject="Invoice run", start=at(4, 15), end=at(4, 16, 30), timezone=tz)


def _diary_screens(win, shot, qt) -> None:
    from datetime import timedelta

    tab = win.diary
    win.tabs.setCurrentWidget(tab)
    for name in ("day", "week", "month", "agenda"):
        tab.anchor -= timedelta(days=tab.anchor.weekday() - 1)  # a Tuesday: the busy day
        tab.set_view(name)
        shot(win, f"diary-{name}")
    meeting = next((o for o in tab.occurrences if o.meeting), None)
    if meeting is not None:
        tab.open_occurrence(meeting)
        _until(qt, lambda: getattr(tab, "_editor", None) is not None)  # read on the reader thread
        shot(tab._editor, "diary-editor")
        tab._editor.reject()
    tab.set_view("week")


def _monitor_screens(app, win, shot) -> None:
    """The first-run window (choices, own office, sign-in with an error), the Online Monitor with
    colleagues, Find people, the sync status and its details, the conflict review, the legend.
    Presence and conflicts are demo values fed to the widgets (no hub runs here)."""
    import time

    from whitephone.store.sync_issues import Conflict
    from whitephone.sync.engine import PresenceEntry, SyncStatus
    from whitephone.sync.hub_client import HubError
    from whitephone.ui.dialogs.sign_in import COMPANY, LOCAL, SignInWindow, error_text
    from whitephone.ui.sync_status import ConflictDialog, SyncDetailsDialog
    from whitephone.ui.tabs.online_monitor import FindPeopleDialog, LegendDialog

    team = win.team.team
    dlg = SignInWindow(team, win)
    dlg.show()
    shot(dlg, "first-run-1-choices")
    dlg.show_page(LOCAL)
    dlg.local_name.setText("Mary Smith")
    dlg.local_company.setText("Smith & Daughters")
    dlg.local_email.setText("mary@office.lan")
    shot(dlg, "first-run-2-this-computer")
    dlg.show_page(COMPANY)
    dlg.url.setText("hub.acme.example")
    dlg.email.setText("mary@acme.example")
    dlg.password.setText("secret-password")
    dlg.say(error_text(HubError("bad_credentials", "Wrong e-mail or password.")))
    shot(dlg, "first-run-3-sign-in-wrong-password")
    dlg.say(error_text(HubError("unreachable", "Cannot reach the hub at https://hub.acme.example.")))
    shot(dlg, "first-run-4-sign-in-unreachable")
    dlg.close()

    win.tabs.setCurrentWidget(win.team.monitor)
    shot(win, "online-monitor-signed-out")
    now = time.time()
    team.sound_test_uri = "sip:soundtest@127.0.0.1:5070"
    team._set_roster([
        PresenceEntry(2, "Jan Kowalski", "online", "", now),
        PresenceEntry(3, "Ana Souza", "busy", "On a customer call", now),
        PresenceEntry(4, "Peter Jones", "away", "Lunch, back at 2", now - 900),
        PresenceEntry(5, "Li Wei", "dnd", "Writing the quarterly report", now),
        PresenceEntry(6, "Grace Hopper", "offline", "", now - 3 * 3600),
        PresenceEntry(7, "Bob Builder (Builders Ltd)", "online", "Contact from another company", now,
                      colleague=False),
    ])
    phone_only = next((h for h in app.contacts.search("Müller", limit=5) if h.phones), None)
    if phone_only is not None:  # an address-book contact on the monitor, called on their number
        team.add_phone_contact(phone_only.id)
    st = SyncStatus(state="online", user="mary@acme.example", hub="https://hub.acme.example", outbox=0,
                    last_sync=now - 20)
    win.team.status.show_status(st)
    win.team.monitor.show_requests([{"id": 1, "from_id": 9, "name": "Carlos Diaz"}])
    for w in (win.team.monitor.my_status, win.team.monitor.my_note, win.team.monitor.find_btn):
        w.setEnabled(True)  # as when signed in
    shot(win, "online-monitor")
    win.team.status.show_status(SyncStatus(state="offline", user="mary@acme.example",
                                           hub="https://hub.acme.example", outbox=3))
    shot(win, "status-bar-offline-changes-waiting")

    find = FindPeopleDialog(team, win)
    find.query.setText("builder")
    find._found([{"id": 7, "name": "Bob Builder", "email": "", "company_id": 99},
                 {"id": 8, "name": "Bella Builder", "email": "", "company_id": 98}])
    find.show()
    shot(find, "find-people")
    find.close()

    uid = app.store.contacts.get(phone_only.id).uid if phone_only is not None else "3f1c0d9a7e"
    conflicts = [Conflict(1, "contact", uid, "job_title", "Buyer", "Head buyer", "Purchasing manager",
                          "2026-12-05T09:12:00"),
                 Conflict(2, "contact", uid, "notes", "", "Call back Monday", "Prefers e-mail",
                          "2026-12-05T09:12:00")]
    app.sync.conflicts = lambda: conflicts  # demo values for the review dialog
    details = SyncDetailsDialog(team, win)
    details.show()
    shot(details, "sync-details")
    details.close()
    review = ConflictDialog(team, win)
    review.show()
    shot(review, "conflict-review")
    review.close()
    del app.sync.conflicts

    from whitephone.ui.dialogs.preferences import PreferencesDialog

    prefs = PreferencesDialog(app, win)
    win.team.add_preferences_pages(prefs)
    prefs.tabs.setCurrentIndex(prefs.tabs.count() - 1)
    prefs.show()
    shot(prefs, "preferences-office")
    prefs.close()

    legend = LegendDialog(win)
    legend.show()
    shot(legend, "online-monitor-legend")
    legend.close()
    team.sound_test_uri = None
    app.profile.set("monitor_contacts", [])
    team._set_roster([])


def _messages_screens(tmp: Path, app, win, shot) -> None:
    """The Messages tab with one message of each kind, a voice mail playing; Compose (text,
    voice mail while recording, video mail without a camera); a colleague's unanswered call."""
    import time
    import uuid
    import wave

    import numpy as np

    wav = tmp / "voice-mail.wav"
    t = np.arange(16000 * 12) / 16000
    with wave.open(str(wav), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes((3000 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 3 * t))).astype("<i2").tobytes())
    now = time.time()
    rows = [
        dict(kind="text", sender_id=2, sender_name="Mary Smith", sender_email="mary@lucerne.example",
             subject="Price list for Lucerne", body="Hello,\n\nthe new price list is in the CRM record. "
             "Can you confirm the discount before Friday?\n\nMary", received_at=now - 600),
        dict(kind="voice", sender_id=3, sender_name="Jan Kowalski", sender_email="jan@acme.example",
             subject="Call me about the Warsaw order",
             attachment={"name": "voice-mail.ogg", "mime": "audio/ogg", "size": wav.stat().st_size,
                         "path": str(wav), "hub_id": 1}, received_at=now - 1500),
        dict(kind="announcement", sender_id=4, sender_name="Olga Owner", body="The office is closed on Friday.",
             market="North", received_at=now - 3600),
        dict(kind="reminder", sender_id=2, sender_name="Mary Smith", body="Call Lucerne Publishing back",
             record="demo", received_at=now - 7200),
        dict(kind="contact_request", sender_id=9, sender_name="Zed Zulu", body="Zed Zulu wants to see your status "
             "and call you.", request_id=1, request_status="pending", received_at=now - 9000),
        dict(kind="video", sender_id=3, sender_name="Jan Kowalski", sender_email="jan@acme.example",
             subject="The new showroom", received_at=now - 86400 * 2, read=1),
        dict(kind="text", sender_id=2, sender_name="Mary Smith", sender_email="mary@lucerne.example",
             body="Thanks for the call!", received_at=now - 86400 * 3, read=1),
    ]
    for i, r in enumerate(rows):
        r.update(hub_id=1000 + i, client_id=str(uuid.uuid4()), sent_at=r["received_at"])
    app.store.messages.add_incoming(rows)
    app.store.messages.set_users([{"id": 2, "name": "Mary Smith", "email": "mary@lucerne.example"},
                                  {"id": 3, "name": "Jan Kowalski", "email": "jan@acme.example"},
                                  {"id": 4, "name": "Olga Owner", "email": "olga@acme.example"}])
    app.store.messages.queue_text([3], "See you at 3 pm in the showroom.", subject="Meeting")
    parts = win.messages
    parts.store_changed()
    win.tabs.setCurrentWidget(parts.tab)
    tab = parts.tab
    from PySide6.QtWidgets import QApplication

    for _ in range(50):  # the tab reads the store on the reader thread
        if tab.model.rowCount() == len(rows) + 1:
            break
        _settle(QApplication.instance(), 100)
    tab.select_id(next(m.id for m in tab.model.rows if m.kind == "voice"))
    tab.view.audio.player.setPosition(4000)
    shot(win, "tab-4-messages")
    tab.select_id(next(m.id for m in tab.model.rows if m.kind == "text" and m.direction == "in"))
    shot(win, "messages-text")
    tab.select_id(next(m.id for m in tab.model.rows if m.kind == "contact_request"))
    shot(win, "messages-contact-request")
    tab.trash_btn.setChecked(True)
    shot(win, "messages-trash-empty")
    tab.trash_btn.setChecked(False)

    from whitephone.ui.dialogs.compose import ComposeDialog

    dlg = ComposeDialog(app, None, to=[(2, "Mary Smith")], subject="Re: Price list for Lucerne", parent=win)
    dlg.text.setPlainText("Hi Mary, the discount is fine. I will call Lucerne tomorrow.")
    dlg.show()
    shot(dlg, "compose-text")
    dlg.kinds.setCurrentIndex(1)
    panel = dlg.voice  # as the engine reports a recording in progress
    panel.record_btn.setEnabled(True)
    panel.state = "opening"
    panel.on_event({"event": "voice_mail", "phase": "recording", "max": 180})
    panel.on_event({"event": "levels", "microphone": 150, "speaker": 0})
    panel.started -= 23
    panel._tick()
    panel.record_btn.setText("Stop")
    shot(dlg, "compose-voice-mail")
    dlg.kinds.setCurrentIndex(2)
    shot(dlg, "compose-video-mail-no-camera")
    dlg.reject()

    from whitephone.ui.call_window import CallWindow

    call = CallWindow(None, 0, "Jan Kowalski", "sip:3@acme.example")
    call.colleague = (3, "Jan Kowalski")
    call.on_event({"event": "ended", "code": 486, "reason": "Busy Here"})
    call.show()
    shot(call, "call-leave-voice-mail")
    call.close()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Render every screen with demo data to PNG files.")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("out", nargs="?", default="screenshots", type=Path)
    opts = parser.parse_args()
    for p in render(opts.out, opts.theme):
        print(p)
