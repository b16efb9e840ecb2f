"""The team side of the window against a real hub: the first-run window (own office hub, company
hub), sign-in errors, the Online Monitor changing live, a call to a colleague from the monitor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests import schema_templates
from tests.server.conftest import RunningHub
from tests.sync.conftest import PASSWORD, Client
from whitephone.core.calls import CallLogFilter
from whitephone.sync.embedded_hub import free_port
from whitephone.sync.hub_client import HubClient
from whitephone.ui.dialogs.sign_in import COMPANY, SignInWindow
from whitephone.ui.main_window import MainWindow
from whitephone.ui.team import SOUND_TEST_ID


@pytest.fixture
def hub(tmp_path, request):
    db = schema_templates.migrated_sqlite(tmp_path / "hub.sqlite3")  # the hub would migrate a new file first
    h = RunningHub(f"sqlite:///{db}", tmp_path / "hubdata", **getattr(request, "param", {}))
    yield h
    h.stop()


@pytest.fixture
def company(hub):
    """Acme on the hub: admin Ann (a tokens-holding client), and Bob, a colleague."""
    admin = HubClient(hub.base)
    admin.register("Acme", "Ann Admin", "ann@example.com", PASSWORD)
    bob = admin.request("POST", "/api/v1/users", json={"name": "Bob Builder", "email": "bob@example.com",
                                                       "password": PASSWORD})
    yield {"admin": admin, "bob": bob}
    admin.close()


@pytest.fixture
def win(qtbot, app):
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


def sign_in_window(qtbot, win) -> SignInWindow:
    win.team.start()
    qtbot.waitUntil(lambda: win.team._dialog is not None and win.team._dialog.isVisible(), timeout=5000)
    return win.team._dialog


def fill_company(qtbot, dlg: SignInWindow, url: str, email: str, password: str) -> None:
    qtbot.mouseClick(dlg.company_choice, Qt.MouseButton.LeftButton)
    assert dlg.stack.currentIndex() == COMPANY
    dlg.url.setText(url)
    dlg.email.setText(email)
    dlg.password.setText(password)
    qtbot.mouseClick(dlg.sign_in_btn, Qt.MouseButton.LeftButton)


@pytest.mark.sip
def test_first_run_just_this_computer_starts_the_office_hub_with_the_sound_test(qtbot, win, app):
    dlg = sign_in_window(qtbot, win)
    qtbot.mouseClick(dlg.local_choice, Qt.MouseButton.LeftButton)
    dlg.local_name.setText("Olga Owner")
    dlg.local_company.setText("Olga's Office")
    dlg.local_email.setText("olga@office.lan")
    qtbot.mouseClick(dlg.local_ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.session.signed_in and not dlg.isVisible(), timeout=30000)
    assert app.office.hub is not None and app.office.hub.running
    assert (app.profile.root / "hub" / "hub.sqlite3").exists()  # the hub's data sits in the profile
    assert app.session.info["company"] == "Olga's Office"
    # the echo service is online in the Online Monitor as "Sound Test"
    qtbot.waitUntil(lambda: SOUND_TEST_ID in win.team.monitor.entry_ids(), timeout=20000)
    item = win.team.monitor.item_for(SOUND_TEST_ID)
    assert item.text(0) == "Sound Test" and item.data(1, Qt.ItemDataRole.UserRole) == "online"
    qtbot.waitUntil(lambda: "Online" in win.team.status.text() and "olga@office.lan" in win.team.status.text(),
                    timeout=15000)

    # calling the Sound Test from the monitor: the echo service answers
    win.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    win.team.call_person(SOUND_TEST_ID)  # what double-click does
    qtbot.waitUntil(lambda: bool(win.calls.windows), timeout=15000)
    call = next(iter(win.calls.windows.values()))
    qtbot.waitUntil(lambda: call.answered_at is not None, timeout=15000)
    qtbot.mouseClick(call.hangup_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.calls.entries, timeout=10000)

    # next start: the same profile signs in to its own hub by itself, no window
    app.sync.stop()
    app.office.stop()
    app.session.client = None
    win.team.start()
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=30000)
    assert not dlg.isVisible()


def test_first_run_sign_in_to_a_company_hub(qtbot, win, app, hub, company):
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "bob@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in and not dlg.isVisible(), timeout=15000)
    assert app.session.info["email"] == "bob@example.com" and app.session.info["company"] == "Acme"
    assert app.profile.get_secret(app.session._secret_name(hub.base, "bob@example.com"))  # remember me
    qtbot.waitUntil(lambda: "Ann Admin" in [win.team.monitor.item_for(i).text(0)
                                            for i in win.team.monitor.entry_ids()], timeout=15000)
    assert win.team.sign_out_action.isEnabled() and not win.team.sign_in_action.isEnabled()
    win.team_menu.refresh()  # the Team menu asks the hub who we are
    qtbot.waitUntil(lambda: win.team_menu.me.get("email") == "bob@example.com", timeout=10000)
    menu = win.team_menu
    assert not menu.user_admin.isVisible() and not menu.company_profile.isVisible()  # Bob: no rights
    assert menu.my_profile.isEnabled()

    win.team.sign_out()
    qtbot.waitUntil(lambda: not app.session.signed_in and win.team.sign_in_action.isEnabled(), timeout=10000)
    assert "Not signed in" in win.team.status.text()
    assert "You are not signed in" in win.team.monitor.empty.text()


def test_register_a_new_company_from_the_window(qtbot, win, app, hub):
    dlg = sign_in_window(qtbot, win)
    qtbot.mouseClick(dlg.register_choice, Qt.MouseButton.LeftButton)
    dlg.reg_url.setText(hub.base)
    dlg.reg_company.setText("Zeta Ltd")
    dlg.reg_name.setText("Zoe Zeta")
    dlg.reg_email.setText("zoe@example.com")
    dlg.reg_password.setText("short")
    qtbot.mouseClick(dlg.register_btn, Qt.MouseButton.LeftButton)
    assert "8 characters" in dlg.message.text() and not app.session.signed_in
    dlg.reg_password.setText(PASSWORD)
    qtbot.mouseClick(dlg.register_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.session.signed_in and not dlg.isVisible(), timeout=15000)
    assert app.session.info["company"] == "Zeta Ltd"


def test_sign_in_errors_read_as_sentences(qtbot, win, app, hub, company, tmp_path):
    dlg = sign_in_window(qtbot, win)

    def attempt(url: str, email: str, password: str) -> str:
        dlg.message.clear()
        fill_company(qtbot, dlg, url, email, password)
        qtbot.waitUntil(lambda: dlg.sign_in_btn.isEnabled() and dlg.message.text()
                        and "Signing in" not in dlg.message.text(), timeout=15000)
        assert not app.session.signed_in and dlg.isVisible()
        dlg.show_page(0)
        return dlg.message.text()

    assert "Wrong e-mail or password" in attempt(hub.base, "bob@example.com", "not-the-password")
    text = attempt(f"http://127.0.0.1:{free_port()}", "bob@example.com", PASSWORD)
    assert "Cannot reach the hub" in text and "Check the address" in text
    company["admin"].request("POST", f"/api/v1/users/{company['bob']['id']}/disable")
    assert "This account is disabled" in attempt(hub.base, "bob@example.com", PASSWORD)

    # a hub whose certificate this computer does not trust: the password is not sent
    from whitephone.sync.embedded_hub import EmbeddedHub
    from whitephone.sync.local_office import make_certificate

    cert, key = make_certificate(tmp_path / "tls", ["127.0.0.1"])
    with EmbeddedHub(tmp_path / "tls-hub", certfile=cert, keyfile=key) as h:
        assert "certificate is not trusted" in attempt(h.url, "bob@example.com", PASSWORD)

    # forgotten password: the hub is asked, the user told what happens next
    qtbot.mouseClick(dlg.company_choice, Qt.MouseButton.LeftButton)
    dlg.url.setText(hub.base)
    dlg.email.setText("ann@example.com")
    qtbot.mouseClick(dlg.forgot, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "on its way" in dlg.message.text(), timeout=10000)


def test_online_monitor_changes_live_when_a_colleague_changes_status(qtbot, win, app, hub, company, tmp_path):
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    bob_id = company["bob"]["id"]
    monitor = win.team.monitor
    qtbot.waitUntil(lambda: monitor.item_for(bob_id) is not None, timeout=15000)
    assert monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "offline"

    bob = Client(tmp_path / "bob")  # a headless client: the same session and engine as the window's
    try:
        bob.session.login(hub.base, "bob@example.com", PASSWORD)
        bob.engine.start(sync=False)
        qtbot.waitUntil(lambda: monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "online",
                        timeout=15000)
        bob.engine.set_presence("busy", "In a meeting until 3")
        qtbot.waitUntil(lambda: monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "busy", timeout=10000)
        assert monitor.item_for(bob_id).text(2) == "In a meeting until 3"
        assert monitor.item_for(bob_id).text(1) == "Busy"
        win.team.team.hide(bob_id)  # Remove from monitor, and back from the empty area's menu
        assert monitor.item_for(bob_id) is None
        monitor._menu(QPoint(5, monitor.tree.viewport().height() - 5))  # below the rows
        next(a for a in monitor._open_menu.actions() if a.text() == "Show removed people again").trigger()
        assert monitor.item_for(bob_id).text(2) == "In a meeting until 3"
    finally:
        bob.close()
    qtbot.waitUntil(lambda: monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "offline", timeout=15000)

    # my own status goes the other way
    watcher = Client(tmp_path / "bob2")
    try:
        watcher.session.login(hub.base, "bob@example.com", PASSWORD)
        watcher.engine.start(sync=False)
        assert watcher.engine.wait_connected()
        me = app.session.info["user_id"]
        monitor.my_status.setCurrentIndex(monitor.my_status.findData("dnd"))
        monitor.my_note.setText("Writing the report")
        monitor._status_chosen()
        qtbot.waitUntil(lambda: any(e.user_id == me and e.status == "dnd" and e.note == "Writing the report"
                                    for e in watcher.engine.roster()), timeout=10000)
    finally:
        watcher.close()


def test_idle_away_and_back(qtbot, win, app, hub, company):
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    idle = win.team.idle
    now = [1000.0]
    idle.clock = lambda: now[0]
    idle.minutes = 5
    idle.last_activity = now[0]
    now[0] += 4 * 60
    idle.check()
    assert app.sync.presence[0] == "online"
    now[0] += 2 * 60
    idle.check()
    assert app.sync.presence[0] == "away" and win.team.team.auto_away
    idle.activity()
    assert app.sync.presence[0] == "online"
    win.team.team.set_presence("busy")  # chosen by hand: idleness leaves it alone
    now[0] += 60 * 60
    idle.check()
    assert app.sync.presence[0] == "busy"


@pytest.mark.sip
def test_call_a_colleague_from_the_monitor_answered_by_their_agent(qtbot, win, app, hub, company, tmp_path):
    from tests.sip.agents import AgentProcess

    win.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    bob_id = company["bob"]["id"]
    bob = Client(tmp_path / "bob")
    try:
        with AgentProcess("--answer") as agent:  # Bob's phone: answers every call
            bob.session.login(hub.base, "bob@example.com", PASSWORD)
            bob.engine.set_sip_contact(agent.uri)  # what Bob's client publishes via the hub
            bob.engine.start(sync=False)
            monitor = win.team.monitor
            qtbot.waitUntil(lambda: monitor.item_for(bob_id) is not None
                            and monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "online",
                            timeout=15000)
            qtbot.waitUntil(lambda: win.team.hub_account_sent, timeout=10000)
            item = monitor.item_for(bob_id)
            rect = monitor.tree.visualItemRect(item)
            qtbot.mouseClick(monitor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(monitor.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.waitUntil(lambda: bool(win.calls.windows), timeout=15000)
            # Bob's phone sees the call come from Ann's identity on the hub (GET /api/v1/sip/credentials)
            incoming = agent.wait_for("incoming")
            assert f"sip:{app.session.info['user_id']}@127.0.0.1" in incoming["remote_uri"]
            assert "Ann Admin" in incoming["remote_uri"]
            window = next(iter(win.calls.windows.values()))
            qtbot.waitUntil(lambda: window.answered_at is not None, timeout=15000)
            agent.wait_for("state", state="confirmed")
            qtbot.mouseClick(window.hangup_btn, Qt.MouseButton.LeftButton)
            agent.wait_for("ended")
    finally:
        bob.close()


def test_calling_a_colleague_rings_all_their_computers_and_the_first_to_answer_takes_it(
        qtbot, win, app, hub, company, tmp_path):
    from tests.sip.agents import AgentProcess

    win.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    bob_id = company["bob"]["id"]
    desk, laptop = Client(tmp_path / "bob-desk"), Client(tmp_path / "bob-laptop")
    try:
        # Bob's two computers: the laptop answers after ringing a moment, the desk rings on
        with AgentProcess("--answer", "--after", "1") as answers, AgentProcess() as rings:
            for client, agent in ((desk, rings), (laptop, answers)):
                client.session.login(hub.base, "bob@example.com", PASSWORD)
                client.engine.set_sip_contact(agent.uri)
                client.engine.start(sync=False)
            monitor = win.team.monitor
            qtbot.waitUntil(lambda: monitor.item_for(bob_id) is not None
                            and monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "online",
                            timeout=15000)
            qtbot.waitUntil(lambda: len(app.session.ensure().sip_contacts(bob_id)) == 2, timeout=15000)
            qtbot.waitUntil(lambda: win.team.hub_account_sent, timeout=10000)
            before = len(app.store.calls.list(CallLogFilter()))
            win.team.call_person(bob_id)  # what double-clicking Bob in the monitor does
            qtbot.waitUntil(lambda: bool(win.calls.windows), timeout=30000)
            rings.wait_for("incoming")
            answers.wait_for("incoming")
            qtbot.waitUntil(lambda: bool(win.calls.windows), timeout=15000)
            window = next(iter(win.calls.windows.values()))
            qtbot.waitUntil(lambda: window.answered_at is not None, timeout=15000)
            answers.wait_for("state", state="confirmed")
            rings.wait_for("ended")  # answered elsewhere: the desk stops ringing
            assert list(win.calls.windows.values()) == [window] and "Bob Builder" in window.windowTitle()
            assert not win.calls.forks and not win.calls.fork_requests
            qtbot.mouseClick(window.hangup_btn, Qt.MouseButton.LeftButton)
            answers.wait_for("ended")
            qtbot.waitUntil(lambda: not win.calls.entries, timeout=10000)
            rows = app.store.calls.list(CallLogFilter())
            assert len(rows) == before + 1 and rows[0].result == "answered"  # one row for the call
    finally:
        desk.close()
        laptop.close()


def test_hanging_up_a_call_ringing_on_several_computers_cancels_them_all(qtbot, win, app, hub, company, tmp_path):
    from tests.sip.agents import AgentProcess

    win.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in, timeout=15000)
    bob_id = company["bob"]["id"]
    desk, laptop = Client(tmp_path / "bob-desk"), Client(tmp_path / "bob-laptop")
    try:
        with AgentProcess() as one, AgentProcess() as two:
            for client, agent in ((desk, one), (laptop, two)):
                client.session.login(hub.base, "bob@example.com", PASSWORD)
                client.engine.set_sip_contact(agent.uri)
                client.engine.start(sync=False)
            monitor = win.team.monitor
            qtbot.waitUntil(lambda: monitor.item_for(bob_id) is not None
                            and monitor.item_for(bob_id).data(1, Qt.ItemDataRole.UserRole) == "online",
                            timeout=15000)
            qtbot.waitUntil(lambda: len(app.session.ensure().sip_contacts(bob_id)) == 2, timeout=15000)
            qtbot.waitUntil(lambda: win.team.hub_account_sent, timeout=10000)
            before = len(app.store.calls.list(CallLogFilter()))
            win.team.call_person(bob_id)
            qtbot.waitUntil(lambda: bool(win.calls.windows), timeout=30000)
            one.wait_for("incoming")
            two.wait_for("incoming")
            qtbot.waitUntil(lambda: len(win.calls.forks) == 2, timeout=15000)
            assert len(win.calls.windows) == 1
            window = next(iter(win.calls.windows.values()))
            qtbot.mouseClick(window.hangup_btn, Qt.MouseButton.LeftButton)
            one.wait_for("ended")
            two.wait_for("ended")
            qtbot.waitUntil(lambda: not win.calls.windows and not win.calls.forks, timeout=10000)
            rows = app.store.calls.list(CallLogFilter())
            assert len(rows) == before + 1 and rows[0].result != "answered"
    finally:
        desk.close()
        laptop.close()


REGISTRAR_PORT = free_port()


@pytest.mark.parametrize("hub", [{"sip_domain": f"127.0.0.1:{REGISTRAR_PORT}"}], indirect=True)
def test_with_a_company_registrar_a_colleague_is_called_at_their_address_of_record(
        qtbot, win, app, hub, company):
    from tests.sip.agents import AgentProcess

    domain = f"127.0.0.1:{REGISTRAR_PORT}"
    assert company["admin"].sip_credentials()["domain"] == domain
    with AgentProcess("--listen", domain) as registrar:  # stands in for the company's registrar
        win.start_engine(["--listen", "127.0.0.1:0"])
        qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
        events = []
        win.calls.bridge.event.connect(events.append)
        dlg = sign_in_window(qtbot, win)
        fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
        qtbot.waitUntil(lambda: win.team.hub_account_sent, timeout=15000)
        dialled = []
        win.callRequested.connect(lambda target, _contact: dialled.append((target.uri, target.account)))
        bob_id = company["bob"]["id"]
        qtbot.waitUntil(lambda: any(e.user_id == bob_id for e in win.team.team.roster()), timeout=15000)
        win.team.call_person(bob_id)  # no device of Bob's published a contact: the registrar finds them
        assert dialled == [(f"sip:{bob_id}@{domain}", "hub")]
        incoming = registrar.wait_for("incoming")
        # Bob's address-of-record, called as Ann (the agent reports addresses without their port)
        assert f"sip:{bob_id}@127.0.0.1" in incoming["local_uri"]
        assert f"sip:{app.session.info['user_id']}@127.0.0.1" in incoming["remote_uri"]
        qtbot.waitUntil(lambda: len(win.calls.windows) == 1, timeout=15000)
        assert "Bob Builder" in next(iter(win.calls.windows.values())).windowTitle()
        # the company account climbed the signalling ladder like any "auto" account (UDP answered)
        ladder = next(e for e in events if e.get("event") == "ladder" and e.get("account") == "hub")
        assert ladder["rung"] == "udp" and ladder["server"] == f"sip:{domain}", ladder


def test_the_context_menu_writes_to_a_colleague(qtbot, win, app):
    from whitephone.sync.presence import PresenceEntry

    monitor = win.team.monitor
    win.team.team._set_roster([PresenceEntry(user_id=2, name="Bob Builder", status="offline")])
    qtbot.waitUntil(lambda: monitor.item_for(2) is not None, timeout=5000)
    monitor._menu(monitor.tree.visualItemRect(monitor.item_for(2)).center())
    actions = {a.text(): a for a in monitor._open_menu.actions() if a.text()}
    monitor._open_menu.close()
    assert all(actions[t].isEnabled() for t in ("Send text", "Voice mail", "Video mail"))
    actions["Voice mail"].trigger()
    dlg = win.messages._dialog
    assert dlg.isVisible() and dlg.kind() == "voice" and dlg.recipients() == [2]
    assert "Bob Builder" in dlg.people.item(0).text()
    dlg.reject()


def test_phone_only_contact_and_the_context_menu(qtbot, win, app):
    from tests.ui.conftest import add_people
    from whitephone.ui.team import PHONE_BASE

    mary, *_ = add_people(app, 1)
    win.team.team.add_phone_contact(mary)
    monitor = win.team.monitor
    item = monitor.item_for(PHONE_BASE - mary)
    assert item.text(0) == "Mary Smith" and item.data(1, Qt.ItemDataRole.UserRole) == "phone"
    assert item.text(2) == "+44 20 7946 0018"  # the number it is called on
    # the entries of later features are there, disabled, and say why
    monitor._menu(monitor.tree.visualItemRect(item).center())
    actions = {a.text(): a for a in monitor._open_menu.actions() if a.text()}
    assert actions["Call"].isEnabled() and actions["Remove from monitor"].isEnabled()
    for message in ("Send text", "Voice mail", "Video mail"):  # a phone number gets no messages
        assert not actions[message].isEnabled() and "people on WhitePhone" in actions[message].toolTip()
    assert actions["CRM"].isEnabled()  # the person's CRM records (tests/ui/test_crm.py)
    monitor._open_menu.close()
    calls = []
    win.callRequested.connect(lambda target, contact: calls.append((target.e164, contact.id)))
    win.team.call_person(PHONE_BASE - mary)  # what double-click does
    assert calls == [("+442079460018", mary)]
    actions["Remove from monitor"].trigger()
    assert monitor.item_for(PHONE_BASE - mary) is None and app.profile.get("monitor_contacts") == []


def test_conflict_review_keeps_mine_or_theirs_field_by_field(qtbot, win, app, hub, company, tmp_path):
    from whitephone.core.contact import ContactData
    from whitephone.store.sync_rows import COMPANY_BOOK_UID
    from whitephone.ui.sync_status import ConflictDialog, SyncDetailsDialog

    ann = Client(tmp_path / "ann")
    try:
        ann.session.login(hub.base, "ann@example.com", PASSWORD)
        app.session.login(hub.base, "bob@example.com", PASSWORD)  # the window's session, no engine threads
        cid = ann.store.contacts.add(ContactData(given_name="Carol", family_name="Jones", notes="old"),
                                     ann.company_book())
        uid = ann.store.contacts.get(cid).uid
        ann.engine.sync_once()
        app.sync.sync_once()
        mine = app.store.contacts.get_by_uid(uid)
        theirs = ann.store.contacts.get(cid)
        theirs.family_name, theirs.notes = "Smith", "from Ann"
        ann.store.contacts.update(theirs)
        mine.family_name, mine.notes = "Brown", "from Bob"
        app.store.contacts.update(mine)
        ann.engine.sync_once()
        assert app.sync.sync_once().conflicts == 2

        details = SyncDetailsDialog(win.team.team, win)
        qtbot.addWidget(details)
        assert details.review.isEnabled() and "2 conflict" in details.review.text()
        review = ConflictDialog(win.team.team, win)
        qtbot.addWidget(review)
        rows = {review.table.item(i, 1).text(): i for i in range(review.table.rowCount())}
        assert set(rows) == {"Family name", "Notes"}
        assert review.table.item(0, 0).text() == app.store.contacts.get_by_uid(uid).best_display_name()
        i = rows["Family name"]
        assert (review.table.item(i, 2).text(), review.table.item(i, 3).text()) == ("Brown", "Smith")
        buttons = review.table.cellWidget(i, 4).findChildren(type(review.all_mine))
        qtbot.mouseClick(next(b for b in buttons if b.text() == "Mine"), Qt.MouseButton.LeftButton)
        assert review.table.rowCount() == 1 and review.table.item(0, 1).text() == "Notes"
        buttons = review.table.cellWidget(0, 4).findChildren(type(review.all_mine))
        qtbot.mouseClick(next(b for b in buttons if b.text() == "Theirs"), Qt.MouseButton.LeftButton)
        assert review.table.rowCount() == 0 and not review.all_mine.isEnabled()
        app.sync.sync_once()
        ann.engine.sync_once()
        got = ann.store.contacts.get(cid)
        assert (got.family_name, got.notes) == ("Brown", "from Ann")
        assert COMPANY_BOOK_UID  # the shared book carried it
    finally:
        ann.close()


def test_status_bar_says_offline_with_changes_waiting(qtbot, win, app, hub, company):
    from whitephone.core.contact import ContactData

    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "bob@example.com", PASSWORD)
    qtbot.waitUntil(lambda: "Online" in win.team.status.text(), timeout=15000)
    hub.stop()
    app.contacts.add(ContactData(given_name="Written", family_name="Offline"))
    qtbot.waitUntil(lambda: "Offline" in win.team.status.text() and "waiting" in win.team.status.text(),
                    timeout=15000)
    assert "bob@example.com" in win.team.status.text()


def test_find_people_contact_requests_and_accepted_contacts_on_the_monitor(qtbot, win, app, hub, company, tmp_path):
    from whitephone.ui.tabs.online_monitor import ContactRequestsDialog, FindPeopleDialog

    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: app.session.signed_in and app.sync.connected, timeout=15000)
    ann_id = app.session.info["user_id"]
    zed, yan = Client(tmp_path / "zed"), Client(tmp_path / "yan")  # people of two other companies
    try:
        zed.session.register(hub.base, "Zeta", "Zed Zulu", "zed@example.com", PASSWORD)
        yan.session.register(hub.base, "Yankee", "Yan Young", "yan@example.com", PASSWORD)
        for c in (zed, yan):
            c.engine.start(sync=False)
        zed_id, yan_id = zed.session.info["user_id"], yan.session.info["user_id"]

        # Ann finds Zed and asks; Zed accepts: each sees the other's status
        find = FindPeopleDialog(win.team.team, win)
        qtbot.addWidget(find)
        find.query.setText("zed")
        find.search()
        qtbot.waitUntil(lambda: find.results.count() == 1, timeout=10000)
        find.results.setCurrentRow(0)
        find.send_request()
        qtbot.waitUntil(lambda: "Contact request sent to Zed Zulu" in find.note.text(), timeout=10000)
        (req,) = [r for r in zed.session.ensure().contact_requests() if r["status"] == "pending"]
        zed.session.ensure().request("POST", f"/api/v1/contact-requests/{req['id']}/accept")
        monitor = win.team.monitor
        qtbot.waitUntil(lambda: monitor.item_for(zed_id) is not None
                        and monitor.item_for(zed_id).data(1, Qt.ItemDataRole.UserRole) == "online", timeout=15000)
        assert monitor.item_for(zed_id).text(0) == "Zed Zulu"

        # Yan asks Ann: the monitor offers the request; Ann accepts it there
        yan.session.ensure().request("POST", "/api/v1/contact-requests", json={"to": ann_id})
        win.team.team.refresh_requests()
        qtbot.waitUntil(lambda: not monitor.requests_btn.isHidden(), timeout=10000)
        answer = ContactRequestsDialog(win.team.team, monitor.requests, win)
        qtbot.addWidget(answer)
        assert f"no. {yan_id}) wants to see your status" in answer.list.item(0).text()  # ids only from the hub
        answer.answer(True)
        qtbot.waitUntil(lambda: monitor.item_for(yan_id) is not None
                        and monitor.item_for(yan_id).data(1, Qt.ItemDataRole.UserRole) == "online", timeout=15000)
        qtbot.waitUntil(lambda: monitor.requests_btn.isHidden(), timeout=10000)
    finally:
        zed.close()
        yan.close()


@pytest.mark.sip
def test_preferences_office_switch_shares_the_hub_with_the_office(qtbot, win, app):
    from whitephone.ui.dialogs.office_page import OfficePage

    errors = []
    win.team.team.create_office("Olga Owner", "Olga's Office", "olga@office.lan", errors.append)
    qtbot.waitUntil(lambda: app.session.signed_in and app.sync.connected, timeout=30000)
    page = OfficePage(win.team)
    assert page.share.isEnabled() and not page.share.isChecked()
    page.share.setChecked(True)
    page.away.setValue(3)
    page.apply()
    qtbot.waitUntil(lambda: getattr(win.team, "share_box", None) is not None, timeout=30000)
    assert app.office.colleague_url in win.team.share_box.text()
    assert app.session.info["url"].startswith("https://127.0.0.1:") and app.session.ensure().me()
    qtbot.waitUntil(lambda: app.sync.connected and "Online" in win.team.status.text(), timeout=15000)
    assert win.team.idle.minutes == 3 and app.profile.get("away_after_minutes") == 3
    assert errors == []


def test_every_first_run_page_shows_its_text_whole(qtbot, win):
    """No page's heading or intro is cut at the window's size: each label wraps or fits."""
    from PySide6.QtWidgets import QLabel

    dlg = sign_in_window(qtbot, win)
    for page in range(dlg.stack.count()):
        dlg.show_page(page)
        qtbot.wait(50)
        for label in dlg.stack.currentWidget().findChildren(QLabel):
            if label.isVisible() and label.text():
                assert label.wordWrap() or label.sizeHint().width() <= label.width(), label.text()


def test_sign_out_with_changes_the_hub_cannot_take_asks_first(qtbot, win, app, hub, company, monkeypatch):
    """Review point 1: the last changes are pushed first; when the hub cannot take them the user is
    asked, and "No" keeps them signed in. Signed out, the changes stay for this account."""
    from PySide6.QtWidgets import QMessageBox

    from whitephone.core.contact import ContactData

    app.session.login(hub.base, "bob@example.com", PASSWORD)  # the window's session, no engine threads
    book = app.store.books.add("Bob's own")
    app.store.contacts.add(ContactData(given_name="Waiting"), book)
    waiting = app.store.sync.outbox_count()
    hub.stop()
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: (asked.append(text),
                                                                                    answers.pop(0))[1])
    win.team.sign_out()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=20000)
    assert f"{waiting} changes made here could not reach the hub yet" in asked[0]
    assert "bob@example.com" in asked[0]
    assert app.session.signed_in  # "No": still signed in
    win.team.sign_out()
    qtbot.waitUntil(lambda: not app.session.signed_in, timeout=20000)
    assert len(asked) == 2 and app.store.sync.outbox_count() == waiting


def test_a_presence_change_updates_its_row_and_keeps_the_selection(qtbot, win):
    """Review (minor): the monitor updates rows in place; the selected person stays selected."""
    from whitephone.sync.presence import PresenceEntry

    monitor = win.team.monitor
    ann = PresenceEntry(user_id=1, name="Ann", status="online", note="", last_seen=None)
    bob = PresenceEntry(user_id=2, name="Bob", status="online", note="", last_seen=None)
    monitor.show_roster([ann, bob])
    bob_item = monitor.item_for(2)
    monitor.tree.setCurrentItem(bob_item)
    assert bob_item.isSelected()
    monitor.show_roster([ann, PresenceEntry(user_id=2, name="Bob", status="busy", note="in a meeting",
                                            last_seen=None)])
    assert monitor.item_for(2) is bob_item and bob_item.isSelected() and bob_item.text(2) == "in a meeting"
    # the order changes (Ann goes offline, sorted last): still the same rows, Bob still selected
    monitor.show_roster([PresenceEntry(user_id=2, name="Bob", status="busy", note="", last_seen=None),
                         PresenceEntry(user_id=1, name="Ann", status="offline", note="", last_seen=None)])
    assert monitor.entry_ids() == [2, 1] and monitor.item_for(2) is bob_item and bob_item.isSelected()
    monitor.show_roster([PresenceEntry(user_id=2, name="Bob", status="busy", note="", last_seen=None)])
    assert monitor.entry_ids() == [2] and bob_item.isSelected()


TURN_URI = f"turn:127.0.0.1:{free_port()}"


@pytest.mark.parametrize("hub", [{"turn_servers": [TURN_URI], "stun_servers": ["127.0.0.1:3478"]}], indirect=True)
def test_after_sign_in_the_engine_takes_the_hubs_media_relays(qtbot, win, app, hub, company):
    """Users configure nothing: the hub's TURN/STUN servers and the ephemeral credential reach the
    engine (`nat` command), which probes the TURN ladder and says what it found."""
    win.start_engine(["--listen", "127.0.0.1:0"])
    qtbot.waitUntil(lambda: win.calls.ready is not None, timeout=15000)
    sent, events = [], []
    original = win.calls.send

    def spy(cmd, **params):
        sent.append((cmd, params))
        return original(cmd, **params)

    win.calls.send = spy
    win.calls.bridge.event.connect(events.append)
    dlg = sign_in_window(qtbot, win)
    fill_company(qtbot, dlg, hub.base, "ann@example.com", PASSWORD)
    qtbot.waitUntil(lambda: any(c == "nat" for c, _ in sent), timeout=15000)
    params = next(p for c, p in sent if c == "nat")
    assert params["turn"] == TURN_URI and params["stun"] == ["127.0.0.1:3478"] and params["ice"]
    assert params["turn_user"].endswith(f":{app.session.info['user_id']}") and params["turn_password"]
    # nothing listens there: both rungs fail within their 2 s time-outs, and the engine says so
    qtbot.waitUntil(lambda: any(e.get("event") == "nat" for e in events), timeout=20000)
    ladder = next(e for e in events if e.get("event") == "nat")["ladder"]
    assert [r["rung"] for r in ladder] == ["turn-udp", "turn-tcp"] and not any(r["ok"] for r in ladder)
