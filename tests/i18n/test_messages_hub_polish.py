"""From the break-it review (the defects each docstring tells of are fixed): a contact request from a real hub (another company's user), shown in the Polish
window's Messages tab."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop

from tests.sync.conftest import PASSWORD, clients, db_url, hub, own_keyring  # noqa: F401 - fixtures
from whitephone.app import App


def test_contact_request_is_worded_in_polish(polish, qtbot, tmp_path, hub, clients):  # noqa: F811
    """The client stores an incoming contact request with the body f"{name} asks to add you as a
    contact." (sync/message_sync.py, English, or "user 7 asks…" without a name) and the Messages
    tab lists and shows it as stored: English in the Polish list and reading pane (here even
    "user 3 asks to add you as a contact." from "user 3": the hub gives no name across companies)."""
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    w = MainWindow(app)
    qtbot.addWidget(w)
    try:
        ann = clients("ann")
        bob = ann.session.ensure().request("POST", "/api/v1/users", json={
            "name": "Bob Builder", "email": "bob@example.com", "password": PASSWORD})
        app.session.login(hub.base, "bob@example.com", PASSWORD)
        zed = clients("zed", register=True)  # another company
        zed.session.ensure().send_contact_request(bob["id"])
        app.sync.sync_once()
        loop = QEventLoop()
        w.messages.tab.loaded.connect(loop.quit)
        w.messages.store_changed()
        loop.exec()
        tab = w.messages.tab
        row = next(i for i, m in enumerate(tab.model.rows) if m.kind == "contact_request")
        cells = [str(tab.model.index(row, c).data() or "") for c in range(tab.model.columnCount())]
        assert "Prośba o kontakt" in cells
        assert not any("asks to add you" in c for c in cells), cells
    finally:
        w.shutdown()
        app.close()


def test_refused_message_says_why_in_polish(polish, qtbot, tmp_path, hub, clients):  # noqa: F811
    """A text to a colleague the admin has since removed: sending fails, message_sync stores the
    core's English reason as the message's error ("There is no colleague user 2 on the hub.";
    refusals by the hub become "Not sent: …" / "Not sent to …"), and the reading pane shows
    "Nie wysłano: There is no colleague user 2 on the hub." — half Polish, half English."""
    from whitephone.ui.main_window import MainWindow

    ann = clients("ann")
    bob = ann.session.ensure().request("POST", "/api/v1/users", json={
        "name": "Bob Builder", "email": "bob@example.com", "password": PASSWORD})
    app = App.open(tmp_path / "profile")
    w = MainWindow(app)
    qtbot.addWidget(w)
    try:
        app.session.login(hub.base, "ann@example.com", PASSWORD)
        app.sync.sync_once()
        ann.session.ensure().remove_user(bob["id"])
        mid = app.store.messages.queue_text([bob["id"]], "Oddzwoń do klienta", subject="Klient").id
        try:
            app.sync.sync_once()
        except Exception:  # noqa: BLE001 - whatever sync says, the message's state is what is shown
            pass
        m = app.store.messages.get(mid)
        assert m.status == "failed", (m.status, m.error)
        w.messages.tab.view.show_message(m)
        note = w.messages.tab.view.note.text()
        assert note.startswith("Nie wysłano"), note
        assert "There is no colleague" not in note and "Not sent" not in note, note
    finally:
        w.shutdown()
        app.close()
