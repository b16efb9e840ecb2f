"""Profiles and user admin in the app (issue 12 point 6): the dialogs against a real hub (uvicorn
in a thread, tests/server/conftest.py), signed in with the Session the window uses."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from tests import schema_templates
from tests.server.conftest import RunningHub, db_url  # noqa: F401  (fixture re-exported)
from whitephone.profile import Profile
from whitephone.store import Store
from whitephone.sync.hub_client import HubError
from whitephone.sync.session import Session
from whitephone.ui.dialogs import hub_dialog
from whitephone.ui.dialogs.company_profile import CompanyProfileDialog
from whitephone.ui.dialogs.my_profile import MyProfileDialog
from whitephone.ui.dialogs.user_admin import AddUserDialog, PermissionsDialog, UserAdminDialog

PASSWORD = "password123"
WAIT = 15000


@pytest.fixture
def sqlite_hub(tmp_path):
    db = schema_templates.migrated_sqlite(tmp_path / "hub.sqlite3")  # the hub would migrate a new file first
    h = RunningHub(f"sqlite:///{db}", tmp_path / "hub")
    yield h
    h.stop()


class Person:
    """A profile folder, its store and a signed-in Session (what the window holds)."""

    def __init__(self, root, hub, name: str, *, company_admin: Person | None = None,
                 permissions: list[str] | None = None) -> None:
        self.profile = Profile.open(root / name)
        self.store = Store(self.profile.db_path)
        self.session = Session(self.profile, self.store)
        self.email = f"{name}@example.com"
        if company_admin is None:
            self.session.register(hub.base, "Acme", name.title(), self.email, PASSWORD)
        else:
            self.id = company_admin.session.ensure().add_user(name.title(), self.email, PASSWORD,
                                                              permissions or [])["id"]
            self.session.login(hub.base, self.email, PASSWORD)

    def close(self) -> None:
        if self.session.client is not None:
            self.session.client.close()
        self.store.close()


@pytest.fixture
def people(tmp_path):
    made: list[Person] = []

    def make(hub, name: str, **kw) -> Person:
        p = Person(tmp_path, hub, name, **kw)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()


def settle(qtbot, dlg) -> None:
    qtbot.waitUntil(lambda: dlg.pending == 0, timeout=WAIT)


def picture(path, size=(900, 700), fmt="PNG") -> str:
    Image.new("RGB", size, (200, 40, 40)).save(path, fmt)
    return str(path)


def try_login(hub, email: str, password: str):
    """The hub's answer to a login, as the sign-in window would get it."""
    from whitephone.sync.hub_client import HubClient

    c = HubClient(hub.base)
    try:
        return c.login(email, password)
    finally:
        c.close()


def has_admin_rules(hub) -> bool:
    """Whether the hub has the enable route and the admin rules that came with it (grant only
    held permissions, keep the last enabled admin)."""
    return any(getattr(r, "path", "") == "/api/v1/users/{user_id}/enable" for r in hub.app.routes)


# ---------------------------------------------------------------------- personal profile
def test_profile_edit_round_trips_through_the_hub(qtbot, sqlite_hub, people, tmp_path):
    ann = people(sqlite_hub, "ann")
    dlg = MyProfileDialog(ann.session, ann.profile)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    assert dlg.name.text() == "Ann" and dlg.email.text() == "ann@example.com"

    dlg.set_photo_file(picture(tmp_path / "big.png"))
    settle(qtbot, dlg)
    dlg.name.setText("Ann Admin")
    dlg.region.setCurrentIndex(dlg.region.findData("FR"))
    dlg.timezone.setCurrentText("Europe/Paris")
    dlg.note.setText("In Paris this week")
    dlg.hidden.setChecked(True)
    with qtbot.waitSignal(dlg.saved, timeout=WAIT):
        dlg.save()
    assert dlg.message.text() == "Your profile is saved."

    on_hub = ann.session.ensure().profile()
    assert (on_hub["name"], on_hub["region"], on_hub["timezone"], on_hub["hidden"]) == \
        ("Ann Admin", "FR", "Europe/Paris", True)
    assert on_hub["preferences"]["presence_note"] == "In Paris this week"
    photo = base64.b64decode(on_hub["preferences"]["photo"])
    assert len(photo) <= 1_000_000
    assert Image.open(io.BytesIO(photo)).size[0] <= 200
    assert ann.profile.region == "FR"  # the local profile reads numbers with it

    again = MyProfileDialog(ann.session, ann.profile)
    qtbot.addWidget(again)
    settle(qtbot, again)
    assert again.name.text() == "Ann Admin" and again.region.currentData() == "FR"
    assert again.timezone.currentText() == "Europe/Paris" and again.note.text() == "In Paris this week"
    assert not again.photo.pixmap().isNull()

    # removing the photo removes it on the hub too; other preferences stay
    again.remove_photo.click()
    with qtbot.waitSignal(again.saved, timeout=WAIT):
        again.save()
    prefs = ann.session.ensure().profile()["preferences"]
    assert "photo" not in prefs and prefs["presence_note"] == "In Paris this week"


def test_profile_refuses_bad_input_with_a_reason(qtbot, sqlite_hub, people, tmp_path):
    ann = people(sqlite_hub, "ann")
    dlg = MyProfileDialog(ann.session, ann.profile)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("hello")
    dlg.set_photo_file(not_a_picture)
    settle(qtbot, dlg)
    assert dlg.message.text() == "“notes.png” is not a picture we can read; choose a JPEG or PNG file."
    assert dlg.photo_b64 == ""

    dlg.name.setText("  ")
    dlg.save()
    assert dlg.message.text() == "Enter your name." and dlg.pending == 0
    dlg.name.setText("Ann")
    dlg.timezone.setCurrentText("Mars/Olympus")
    dlg.save()
    assert "is not a time zone" in dlg.message.text() and dlg.pending == 0
    assert ann.session.ensure().profile()["timezone"] is None


def test_password_change_then_login_with_the_new_one(qtbot, sqlite_hub, people):
    ann = people(sqlite_hub, "ann")
    dlg = MyProfileDialog(ann.session, ann.profile)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)

    dlg.old_password.setText(PASSWORD)
    dlg.new_password.setText("new-secret-1")
    dlg.confirm_password.setText("new-secret-2")
    dlg.change_password()
    assert dlg.message.text() == "The new password and its confirmation differ." and dlg.pending == 0

    dlg.old_password.setText("not-my-password")
    dlg.confirm_password.setText("new-secret-1")
    dlg.change_password()
    settle(qtbot, dlg)
    assert dlg.message.text() == "The current password is wrong."
    try_login(sqlite_hub, ann.email, PASSWORD)  # unchanged

    dlg.old_password.setText(PASSWORD)
    dlg.change_password()
    settle(qtbot, dlg)
    assert dlg.message.text().startswith("Your password is changed"), dlg.message.text()
    assert dlg.old_password.text() == "" and dlg.new_password.text() == ""
    assert ann.session.ensure().me()["email"] == ann.email  # this window signed in again by itself
    assert try_login(sqlite_hub, ann.email, "new-secret-1").access_token
    with pytest.raises(HubError) as refused:
        try_login(sqlite_hub, ann.email, PASSWORD)
    assert refused.value.kind == "bad_credentials"


# ---------------------------------------------------------------------- company profile
def test_company_profile_for_who_may_change_it(qtbot, sqlite_hub, people, tmp_path):
    ann = people(sqlite_hub, "ann")
    dlg = CompanyProfileDialog(ann.session)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    assert dlg.name.text() == "Acme" and not dlg.rights.isVisibleTo(dlg)
    dlg.name.setText("Acme Trading")
    dlg.add_region_code("GB")
    dlg.add_region_code("IE")
    dlg.set_logo_file(picture(tmp_path / "logo.jpg", (1200, 400), "JPEG"))
    settle(qtbot, dlg)
    with qtbot.waitSignal(dlg.saved, timeout=WAIT):
        dlg.save()
    client = ann.session.ensure()
    assert client.company()["name"] == "Acme Trading" and client.company()["regions"] == ["GB", "IE"]
    logo, mime = client.company_logo()
    assert mime == "image/jpeg" and Image.open(io.BytesIO(base64.b64decode(logo))).size[0] <= 200

    # a user with `logo` only: the logo is theirs to change, name and regions are read-only
    bob = people(sqlite_hub, "bob", company_admin=ann, permissions=["logo"])
    theirs = CompanyProfileDialog(bob.session)
    qtbot.addWidget(theirs)
    settle(qtbot, theirs)
    assert theirs.name.isReadOnly() and not theirs.add_region.isEnabled() and theirs.choose_logo.isEnabled()
    assert "name needs the Company permission" in theirs.rights.text()
    assert not theirs.logo.pixmap().isNull()
    theirs.name.setText("Bob's Company")  # read-only in the window; not sent even if changed
    theirs.remove_logo.click()
    with qtbot.waitSignal(theirs.saved, timeout=WAIT):
        theirs.save()
    assert client.company()["name"] == "Acme Trading" and client.company_logo() == ("", "")

    # the hub's reason when it refuses (here: a name change without the permission)
    with pytest.raises(HubError, match="Needs the 'company' permission"):
        bob.session.ensure().update_company(name="Bob's Company")


# ---------------------------------------------------------------------- user admin
def test_admin_adds_disables_enables_and_removes_a_user(qtbot, db_url, tmp_path, people, monkeypatch):  # noqa: F811
    hub = RunningHub(db_url, tmp_path / "hub")
    try:
        ann = people(hub, "ann")
        dlg = UserAdminDialog(ann.session)
        qtbot.addWidget(dlg)
        settle(qtbot, dlg)
        assert dlg.table.rowCount() == 1 and dlg.table.item(0, 3).text() == "Admin"

        dlg.add_user("Bob", "bob@example.com", "bob-password", ["pstn", "users"])
        settle(qtbot, dlg)
        assert dlg.table.rowCount() == 2, dlg.message.text()
        assert [dlg.table.item(1, c).text() for c in range(4)] == \
            ["Bob", "bob@example.com", "Users, Phone calls", "Active"]
        assert "bob@example.com" in dlg.message.text()
        assert try_login(hub, "bob@example.com", "bob-password").access_token
        bob_id = dlg.users[1]["id"]

        dlg.select_user(bob_id)
        assert dlg.disable_button.isEnabled() and not dlg.enable_button.isEnabled()
        dlg.disable_button.click()
        settle(qtbot, dlg)
        assert dlg.table.item(1, 3).text() == "Disabled"
        with pytest.raises(HubError) as refused:
            try_login(hub, "bob@example.com", "bob-password")
        assert refused.value.kind in ("disabled", "bad_credentials")  # hubs differ in telling it apart

        dlg.select_user(bob_id)
        assert dlg.enable_button.isEnabled()
        dlg.enable_button.click()
        settle(qtbot, dlg)
        if has_admin_rules(hub):
            assert dlg.table.item(1, 3).text() == "Active"
            assert try_login(hub, "bob@example.com", "bob-password").access_token
        else:  # a hub without the route: said plainly, nothing else changes
            assert "cannot enable accounts again" in dlg.message.text()
            assert dlg.table.item(1, 3).text() == "Disabled"

        asked = []
        monkeypatch.setattr(hub_dialog, "ask", lambda parent, title, text: asked.append(text) or False)
        dlg.select_user(bob_id)
        dlg.remove_button.click()
        assert asked and "Bob <bob@example.com>" in asked[0] and dlg.pending == 0  # said no: nothing sent
        monkeypatch.setattr(hub_dialog, "ask", lambda parent, title, text: True)
        dlg.remove_button.click()
        settle(qtbot, dlg)
        assert dlg.table.rowCount() == 1 and [u["email"] for u in ann.session.ensure().users()] == ["ann@example.com"]
        with pytest.raises(HubError) as gone:
            try_login(hub, "bob@example.com", "bob-password")
        assert gone.value.kind == "bad_credentials"
    finally:
        hub.stop()


def test_call_groups_with_members(qtbot, sqlite_hub, people, monkeypatch):
    ann = people(sqlite_hub, "ann")
    bob = people(sqlite_hub, "bob", company_admin=ann)
    dlg = UserAdminDialog(ann.session)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    dlg.create_group("Sales")
    settle(qtbot, dlg)
    assert [g["name"] for g in dlg.groups] == ["Sales"]
    gid = dlg.groups[0]["id"]
    dlg.group_list.setCurrentRow(0)
    dlg.member_pick.setCurrentIndex(dlg.member_pick.findData(bob.id))
    dlg.add_member_button.click()
    settle(qtbot, dlg)
    assert [dlg.member_list.item(i).text() for i in range(dlg.member_list.count())] == ["Bob <bob@example.com>"]
    assert dlg.member_pick.findData(bob.id) == -1  # a member is not offered again
    dlg.rename_group(gid, "Sales UK")
    settle(qtbot, dlg)
    assert dlg.group_list.currentItem().text() == "Sales UK"
    assert ann.session.ensure().groups() == [{"id": gid, "name": "Sales UK", "members": [bob.id]}]

    dlg.create_group("Sales UK")  # the hub refuses a taken name: its reason is shown
    settle(qtbot, dlg)
    assert dlg.message.text() == "A call group of that name exists."
    assert len(dlg.groups) == 1

    dlg.member_list.setCurrentRow(0)
    dlg.remove_member_button.click()
    settle(qtbot, dlg)
    assert dlg.member_list.count() == 0
    monkeypatch.setattr(hub_dialog, "ask", lambda parent, title, text: True)
    dlg.delete_group_button.click()
    settle(qtbot, dlg)
    assert dlg.groups == [] and ann.session.ensure().groups() == []

    # bob (no crm_admin) sees the groups but cannot change them
    theirs = UserAdminDialog(bob.session)
    qtbot.addWidget(theirs)
    settle(qtbot, theirs)
    assert not theirs.new_group_button.isEnabled() and "CRM admin" in theirs.groups_note.text()


def test_a_refused_action_shows_the_hubs_reason(qtbot, sqlite_hub, people):
    ann = people(sqlite_hub, "ann")
    dlg = UserAdminDialog(ann.session)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    dlg.add_user("Ann Again", "ann@example.com", "password-2", [])
    settle(qtbot, dlg)
    assert dlg.message.text() == "This e-mail address already has an account."
    dlg.remove_user(ann.session.info["user_id"])  # the button is off for oneself; the hub says why too
    settle(qtbot, dlg)
    assert dlg.message.text() == "You cannot remove yourself."
    assert dlg.table.rowCount() == 1


def test_the_hubs_admin_rules_are_shown_with_their_reason(qtbot, sqlite_hub, people):
    if not has_admin_rules(sqlite_hub):
        pytest.skip("this hub predates the admin rules (grant only held permissions, last admin kept)")
    ann = people(sqlite_hub, "ann")
    carol = people(sqlite_hub, "carol", company_admin=ann, permissions=["users", "pstn"])
    dlg = UserAdminDialog(carol.session)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    dlg.add_user("Dan", "dan@example.com", "dan-password", ["crm_admin"])  # the window would not offer it
    settle(qtbot, dlg)
    assert dlg.message.text() == "You can grant only permissions you hold (not crm_admin)."
    assert dlg.table.rowCount() == 2
    dlg.disable_user(ann.session.info["user_id"])  # an admin is not hers to disable
    settle(qtbot, dlg)
    assert dlg.message.text() == "Only an admin may disable an admin." and dlg.table.item(0, 3).text() == "Admin"

    mine = UserAdminDialog(ann.session)
    qtbot.addWidget(mine)
    settle(qtbot, mine)
    mine.disable_user(ann.session.info["user_id"])  # the company's last enabled admin
    settle(qtbot, mine)
    assert mine.message.text() == "Cannot disable the last enabled admin of the company."
    assert ann.session.ensure().me()["disabled"] is False


def test_only_held_permissions_can_be_granted(qtbot, sqlite_hub, people):
    ann = people(sqlite_hub, "ann")
    carol = people(sqlite_hub, "carol", company_admin=ann, permissions=["users", "pstn"])
    dlg = UserAdminDialog(carol.session)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    assert dlg.add_button.isEnabled()
    add = AddUserDialog(dlg.me)
    qtbot.addWidget(add)
    assert {p for p, box in add.boxes.items() if box.isEnabled()} == {"users", "pstn"}
    add.name.setText("Dan")
    add.email.setText("dan@example.com")
    add.password.setText("dan-password")
    add.confirm.setText("dan-passw0rd")
    with pytest.raises(ValueError, match="confirmation differ"):
        add.values()
    add.confirm.setText("dan-password")
    add.boxes["pstn"].setChecked(True)
    add.boxes["crm_admin"].setChecked(True)  # not hers to give: left out
    assert add.values()["permissions"] == ["pstn"]

    # changing a colleague's permissions: hers to change are ticked or not, the others stay as they were
    ann_dlg = UserAdminDialog(ann.session)
    qtbot.addWidget(ann_dlg)
    settle(qtbot, ann_dlg)
    ann_dlg.add_user("Dan", "dan@example.com", "dan-password", ["crm_admin"])
    settle(qtbot, ann_dlg)
    dan = next(u for u in ann_dlg.users if u["name"] == "Dan")
    change = PermissionsDialog(dlg.me, dan)
    qtbot.addWidget(change)
    assert change.permissions.boxes["crm_admin"].isChecked() and not change.permissions.boxes["crm_admin"].isEnabled()
    change.permissions.boxes["pstn"].setChecked(True)
    change.permissions.boxes["crm_admin"].setChecked(False)  # not hers: kept
    dlg.refresh()
    settle(qtbot, dlg)
    dlg.select_user(dan["id"])
    assert dlg.permissions_button.isEnabled()
    dlg.set_permissions(dan["id"], change.permissions.checked())
    settle(qtbot, dlg)
    assert dlg.message.text() == "The permissions of Dan <dan@example.com> are changed."
    assert next(u for u in ann.session.ensure().users() if u["id"] == dan["id"])["permissions"] == ["crm_admin", "pstn"]
    dlg.set_permissions(dan["id"], ["pstn"])  # taking away crm_admin: the hub says no, and why
    settle(qtbot, dlg)
    assert dlg.message.text() == "You can grant or remove only permissions you hold (not crm_admin)."
    dlg.select_user(carol.id)
    assert not dlg.permissions_button.isEnabled()  # not her own


def test_user_admin_and_company_profile_only_for_who_may(qtbot, sqlite_hub, people, tmp_path):
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow

    ann = people(sqlite_hub, "ann")
    people(sqlite_hub, "dave", company_admin=ann)
    windows = {}
    for name in ("ann", "dave"):
        app = App.open(tmp_path / name)  # the profile the person signed in with (refresh token kept)
        w = MainWindow(app)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.team_menu.refreshed, timeout=WAIT):
            pass
        windows[name] = (w, app)
    admin, plain = windows["ann"][0].team_menu, windows["dave"][0].team_menu
    assert admin.user_admin.isVisible() and admin.company_profile.isVisible() and admin.my_profile.isEnabled()
    assert not plain.user_admin.isVisible() and not plain.company_profile.isVisible()
    assert plain.my_profile.isEnabled()

    # the entries open the dialogs; one closed before the hub answers is deleted without harm
    users = admin.open_user_admin()
    qtbot.waitUntil(lambda: users.pending == 0 and users.table.rowCount() == 2, timeout=WAIT)
    company = admin.open_company_profile()
    company.close()
    me = plain.open_my_profile()
    qtbot.waitUntil(lambda: me.pending == 0, timeout=WAIT)
    assert me.email.text() == "dave@example.com"
    users.close()
    me.close()
    qtbot.wait(200)
    for w, app in windows.values():
        w.shutdown()
        app.close()


def test_team_menu_is_off_when_not_signed_in(qtbot, tmp_path):
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "alone")
    w = MainWindow(app)
    qtbot.addWidget(w)
    assert not w.team_menu.my_profile.isEnabled()
    assert not w.team_menu.user_admin.isVisible() and not w.team_menu.company_profile.isVisible()
    w.shutdown()
    app.close()


def test_presence_note_reaches_a_colleagues_monitor(qtbot, sqlite_hub, people):
    from whitephone.sync.engine import SyncEngine

    ann = people(sqlite_hub, "ann")
    bob = people(sqlite_hub, "bob", company_admin=ann)
    engines = [SyncEngine(p.store, p.session) for p in (ann, bob)]
    try:
        for e in engines:
            e.start(sync=False)
        qtbot.waitUntil(lambda: any(x.status == "online" for x in engines[1].roster()), timeout=WAIT)
        dlg = MyProfileDialog(ann.session, ann.profile, engine=engines[0])
        qtbot.addWidget(dlg)
        settle(qtbot, dlg)
        dlg.note.setText("Back at 3")
        with qtbot.waitSignal(dlg.saved, timeout=WAIT):
            dlg.save()
        assert engines[0].presence == ("online", "Back at 3")
        qtbot.waitUntil(lambda: [(x.name, x.note) for x in engines[1].roster() if x.note] == [("Ann", "Back at 3")],
                        timeout=WAIT)
    finally:
        for e in engines:
            e.stop()


def test_company_profile_sets_the_longest_voice_mail_for_admins_only(qtbot, sqlite_hub, people):
    ann = people(sqlite_hub, "ann")
    dlg = CompanyProfileDialog(ann.session)
    qtbot.addWidget(dlg)
    settle(qtbot, dlg)
    assert dlg.voice_mail.value() == 180 and not dlg.voice_mail.isReadOnly()
    dlg.voice_mail.setValue(5)  # below the bounds: the box keeps it in them
    assert dlg.voice_mail.value() == 10
    dlg.voice_mail.setValue(90)
    with qtbot.waitSignal(dlg.saved, timeout=WAIT):
        dlg.save()
    assert ann.session.ensure().company()["voice_mail_seconds"] == 90
    assert ann.store.messages.voice_mail_seconds() == 90  # Compose records at most this long

    # the Company permission is not enough: shown, read-only, and said why
    bob = people(sqlite_hub, "bob", company_admin=ann, permissions=["company"])
    theirs = CompanyProfileDialog(bob.session)
    qtbot.addWidget(theirs)
    settle(qtbot, theirs)
    assert theirs.voice_mail.value() == 90 and theirs.voice_mail.isReadOnly()
    assert "longest voice mail is for company admins" in theirs.rights.text()
    assert bob.store.messages.voice_mail_seconds() == 90
    theirs.name.setText("Acme Two")
    with qtbot.waitSignal(theirs.saved, timeout=WAIT):
        theirs.save()  # the name goes; the voice mail setting is not sent
    assert bob.session.ensure().company() == {**bob.session.ensure().company(), "name": "Acme Two",
                                              "voice_mail_seconds": 90}
    with pytest.raises(HubError, match="company admins"):
        bob.session.ensure().update_company(voice_mail_seconds=60)
