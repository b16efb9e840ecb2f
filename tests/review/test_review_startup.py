"""Break-it review of issue 18's start-up work: tabs built when first shown (ui/lazy_tabs.py), the
store opened after the first rows (ui/main.py, ui/first_read.py) and the first rows' phone texts
cache (first_rows_phones.json). Each test fails on the code as reviewed."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from whitephone.app import App
from whitephone.core.contact import ContactData, Phone


@pytest.fixture
def app(tmp_path):
    a = App.open(tmp_path / "profile")
    a.profile.region = "GB"
    a.contacts.region = "GB"
    yield a
    a.close()


def _window(qtbot, app):
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    return w


def _unread(app, n: int, start: int = 500) -> None:
    now = time.time()
    app.store.messages.add_incoming([dict(kind="text", sender_id=2, sender_name="Mary Smith", body=f"hello {i}",
                                          hub_id=start + i, client_id=str(uuid.uuid4()), received_at=now - i,
                                          sent_at=now - i) for i in range(n)])


def test_notification_click_opens_the_message_when_the_messages_tab_was_not_built(qtbot, app):
    """A new message arrives while the user has never opened the Messages tab; the user clicks the
    desktop notification "New message from Mary Smith" (MessagesParts.show_message). The user sees
    the Messages tab with nothing selected and an empty reading pane: the tab was built by the click,
    its list is still being read on the reader thread, and select_id found no row. Expected: the
    message the notification named is selected and shown, as it was before the tabs became lazy."""
    _unread(app, 3)
    w = _window(qtbot, app)
    try:
        from whitephone.ui.main_window import TAB_NAMES

        i = TAB_NAMES.index("Messages")
        qtbot.waitUntil(lambda: w.tabs.tabText(i) == "Messages (3)", timeout=10000)
        assert not w.lazy_tabs.is_built("Messages")
        wanted = app.store.messages.list(unread=True, limit=20)[1]  # not the newest: a real choice
        w.messages.show_message(wanted.id)  # the tray notification's click
        tab = w.messages.tab
        qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=10000)
        qtbot.wait(300)
        shown = tab.view.message
        assert shown is not None and shown.id == wanted.id, "the notification's message is not shown"
    finally:
        w.shutdown()


def test_a_due_reminder_at_start_does_not_build_the_diary_tab(qtbot, app, monkeypatch):
    """A diary reminder that fell due while WhitePhone was closed is shown at start (tray
    notification). Reminders._remind reads `window.diary.tz`, which builds the whole Diary tab on
    the main thread in the first second after the store is up: the 0.3-1 s stall the lazy tabs were
    made to remove comes back for every user with a due reminder (the window does not answer while
    it is built). Expected: the reminder is shown without building the Diary tab (the zone is the
    store's/profile's, not the tab's)."""
    from whitephone.ui.diary import reminders

    now = datetime.now(UTC)
    app.store.diary.add(subject="Call back Jan", start=now + timedelta(minutes=16),
                        end=now + timedelta(minutes=40), remind_minutes=15)
    monkeypatch.setattr(reminders, "utc_now", lambda: now + timedelta(minutes=3))
    seen: list = []
    w = _window(qtbot, app)
    w.reminders.notified.connect(lambda title, text: seen.append(title))
    try:
        qtbot.waitUntil(lambda: bool(seen), timeout=10000)
        assert seen[0] == "Reminder: Call back Jan"
        assert not w.lazy_tabs.is_built("Diary"), "the reminder built the Diary tab at start"
    finally:
        w.shutdown()


def test_closing_the_window_while_a_search_waits_for_the_store_is_quick(qtbot, app):
    """The user types a name in the search box in the first second (the store is not open yet: the
    search waits on the reader thread for it, up to 120 s), then closes the window, e.g. the store
    is slow to open or the window was opened by mistake. Closing takes 5 s or more (Worker.stop joins
    the reader thread that is blocked in FirstRead.search's wait) and the instance lock is held all
    that time. Expected: closing the window is as quick as usual (well under 2 s)."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    assert first is not None
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
    w.address_books.search.setText("zed")  # typed before the store is up
    qtbot.wait(500)  # the search is on the reader thread, waiting for the store
    t0 = time.monotonic()
    w.shutdown()
    took = time.monotonic() - t0
    first.attach(app.contacts)  # let the waiting reader thread go
    assert took < 2.0, f"closing the window took {took:.1f} s"


def test_a_wrong_cached_phone_text_is_corrected_by_the_next_run(app):
    """first_rows_phones.json holds a text that is not what phonenumbers writes for that number
    (a cache left by an older phonenumbers whose metadata or format changed, a half-edited file,
    another program). Each run's save_phone_texts keeps the cached text for every number already in
    the file and says "nothing new" when the numbers are the same, so the wrong text is shown on the
    first rows at every start, forever. Expected: the run that opens the store leaves the cache
    holding phonenumbers' own texts (the next start shows the right number)."""
    from whitephone.phone import format_for_region
    from whitephone.ui.first_read import PHONE_TEXTS, FirstRead, save_phone_texts

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    right = format_for_region("+442079460001", "GB")
    (app.profile.root / PHONE_TEXTS).write_text(json.dumps({"region": "GB", "texts": {"+442079460001": "020 7946 9999"}}))
    first = FirstRead.open(app.profile)
    numbers = [n for c in first.first_page(200) for n in c.phones]
    save_phone_texts(app.profile, numbers)  # what the window does once the store is up
    assert FirstRead.open(app.profile).phone_text("+442079460001") in (None, right), \
        "the next start still shows 020 7946 9999 for +44 20 7946 0001"


def test_a_huge_phone_texts_cache_is_not_loaded_whole_on_the_first_rows_path(app):
    """A first_rows_phones.json far bigger than anything save_phone_texts writes (PHONE_TEXTS_MAX is
    2000 numbers; here 300 000 entries, ~12 MB, e.g. copied from elsewhere or grown by a bug) is read
    and parsed whole on the main thread before the first rows: the start-up's budget (0.5 s) goes to
    JSON and the window's memory keeps every entry. Expected: a cache over the limit is ignored (or
    trimmed) so FirstRead keeps at most PHONE_TEXTS_MAX texts."""
    from whitephone.ui.first_read import PHONE_TEXTS, PHONE_TEXTS_MAX, FirstRead

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    texts = {f"+4420{i:08d}": f"020 {i:08d}" for i in range(300_000)}
    (app.profile.root / PHONE_TEXTS).write_text(json.dumps({"region": "GB", "texts": texts}))
    first = FirstRead.open(app.profile)
    assert len(first._texts) <= PHONE_TEXTS_MAX


def _profile_with_a_contact(tmp_path):
    import os
    import subprocess
    import sys

    profile = tmp_path / "profile"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WHITEPHONE_NO_ENGINE="1",
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("WHITEPHONE_PROFILE", None)
    subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "contacts", "add",
                    "--name", "Mary Smith", "--phone", "+44 20 7946 0018"],
                   env=env, check=True, capture_output=True, timeout=120)
    return profile, env


def test_a_corrupt_phone_texts_cache_does_not_stop_the_window_from_starting(tmp_path):
    """first_rows_phones.json is a cache; whatever is in it, the window must start. A file of deeply
    nested JSON (a truncated/garbled write, a hostile file: here 100 000 "[") makes json.loads raise
    RecursionError, which _load_phone_texts does not catch: FirstRead.open fails and run_gui reports
    "WhitePhone could not open its data folder: maximum recursion depth exceeded ..." with a critical
    message box, exit 2 - the user cannot start WhitePhone at all until they find and delete the
    file. Expected: the broken cache is ignored (as "{not json" is) and the first rows are shown."""
    import subprocess
    import sys

    from whitephone.ui.first_read import PHONE_TEXTS

    profile, env = _profile_with_a_contact(tmp_path)
    (profile / PHONE_TEXTS).write_text("[" * 100_000)
    env.update(WHITEPHONE_BENCH_QUIT_WHEN_SHOWN="1")
    out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                                stdout=out, stderr=err)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and proc.poll() is None:
            if '{"error"' in err_path.read_text():  # the "cannot open" box is up, waiting for a click
                break
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert "shown rows=1" in out_path.read_text(), err_path.read_text()[-600:]


def test_the_diary_tab_left_open_last_time_is_shown_at_the_next_start(qtbot, app):
    """The user quits with the Diary tab open (last_tab is saved); at the next start the window
    restores that tab in attach(), before `self.reminders` exists, and the Diary's builder
    (_make_diary: `diary.changed.connect(self.reminders.check)`) raises AttributeError inside the
    tab change. The user sees an empty Diary tab (the placeholder) and clicking it does nothing,
    since it is already the current tab. Expected: the Diary tab is built and shown."""
    from whitephone.ui.main_window import TAB_NAMES
    from whitephone.ui.tabs.diary import DiaryTab

    app.profile.set("last_tab", TAB_NAMES.index("Diary"))
    errors: list = []
    import sys

    hook, sys.excepthook = sys.excepthook, lambda *exc: errors.append(exc[1])
    try:
        w = _window(qtbot, app)
    finally:
        sys.excepthook = hook
    try:
        qtbot.wait(200)
        assert not errors, f"building the Diary tab failed: {errors[0]!r}"
        assert isinstance(w.tabs.currentWidget(), DiaryTab), "an empty Diary tab is shown"
    finally:
        w.shutdown()


def test_a_number_dialled_while_the_button_says_starting_is_called_once_the_store_is_up(qtbot, app, monkeypatch):
    """In the first second the window shows its first rows and the Call button says
    "Call (starting…)", whose promise (set_calls_available) is that calls asked for meanwhile wait
    for the engine. The user types a number and presses Enter before the store is attached: the
    window says "WhitePhone is still starting; call again in a moment." and drops the call - nothing
    is dialled when the store and the engine come up; the user has to notice and dial again.
    Expected (issue 18 point 3: nothing user-visible lost): the call is placed once the window is
    ready, as a call asked for after attach but before the engine answered is."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "start_engine", lambda self, args=None: None)  # the engine itself is not under test
    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, engine=True, first=first)
    qtbot.addWidget(w)
    asked: list = []
    w.callRequested.connect(lambda target, _contact: asked.append(target.e164))
    w.show()
    try:
        qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
        assert w.call_button.text() == "Call (starting…)"
        w.dial.setText("+44 20 7946 0001")
        w.call_from_dial_bar()  # Enter in the dial bar
        qtbot.wait(200)
        w.attach(app)
        qtbot.waitUntil(lambda: bool(asked), timeout=3000)
        assert asked == ["+442079460001"]
    finally:
        w.shutdown()


def test_calls_work_within_a_second_of_the_first_rows(tmp_path):
    """Issue 18 point 3: calls work the moment the window shows, or the Call button says
    "starting…" for at most 1 s. The real window (`whitephone --profile`, with its engine process,
    WHITEPHONE_BENCH_REPORT milestones) shows its first rows and only then opens the store, attaches
    it and starts the engine: "ready" comes 1.1-3.6 s after "shown" on this machine (the engineer's
    own table in docs/measurements.md: shown 0.54 s, ready 1.80 s). Expected: median of 3 starts,
    ready - shown <= 1.0 s."""
    import os
    import signal
    import statistics
    import subprocess
    import sys

    profile, env = _profile_with_a_contact(tmp_path)
    env.pop("WHITEPHONE_NO_ENGINE", None)
    env.update(WHITEPHONE_BENCH_REPORT="1")
    gaps = []
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        seen: dict[str, float] = {}
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not {"shown", "ready"} <= set(seen):
                line = proc.stdout.readline()
                if not line:
                    break
                name, _, rest = line.partition(" ")
                if rest.startswith("t="):
                    seen.setdefault(name, float(rest.split()[0][2:]))
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
        assert {"shown", "ready"} <= set(seen), seen
        gaps.append(seen["ready"] - seen["shown"])
    assert statistics.median(gaps) <= 1.0, f"'Call (starting…)' for {gaps} s after the first rows"


def test_typing_a_search_in_the_first_second_is_not_taken_away_by_the_last_tab(qtbot, app):
    """The store now opens on the write worker while the window already answers: the user clicks
    the search box and types a name in the first second. When the store is attached,
    _restore_state switches to the tab left open last time (here CRM): the list the user was
    searching disappears under their typing and the keys go elsewhere. (Before this round attach
    ran on the main thread right after the first paint, so nothing could be typed in between.)
    Expected: a window the user has already started using stays on the Address Books tab, with
    the search text and focus kept."""
    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import TAB_NAMES, MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    app.profile.set("last_tab", TAB_NAMES.index("CRM"))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
        box = w.address_books.search
        box.setFocus()
        qtbot.keyClicks(box, "ze")
        w.attach(app)  # the store came up while the user was typing
        qtbot.keyClicks(box, "d")
        qtbot.wait(200)
        assert w.tabs.currentWidget() is w.address_books, "the window switched to the CRM tab under the user"
        assert box.text() == "zed"
    finally:
        w.shutdown()


def test_the_window_does_not_change_size_when_the_crm_tab_is_first_opened(qtbot, app):
    """The window's minimum width now follows the tabs built so far: before the CRM tab is built
    the window can be 900 px wide (and its geometry is saved and restored that way); the first
    click on the CRM tab builds it and the whole window jumps to 1128 px under the mouse (past the
    edge of a 1024 px screen). Before the tabs were lazy the window's size did not depend on which
    tabs had been opened. Expected: opening a tab for the first time leaves the window's size as
    the user set it."""
    from whitephone.ui.main_window import TAB_NAMES

    w = _window(qtbot, app)
    try:
        w.resize(900, 600)
        qtbot.wait(100)
        before = w.width()
        w.tabs.setCurrentIndex(TAB_NAMES.index("CRM"))
        qtbot.wait(200)
        assert w.width() == before, f"the window went from {before} to {w.width()} px wide"
    finally:
        w.shutdown()


def test_the_first_rows_can_be_used_before_the_store_is_up(qtbot, app, monkeypatch):
    """The store now opens on the write worker while the window answers the user, so the first
    rows can be clicked during that second (more with 100 000 contacts on a loaded machine). On a
    contact there: a double-click (edit) and Enter (call its number) raise AttributeError
    ("'NoneType' object has no attribute 'store'") inside Qt's event handling - nothing happens, no
    word to the user, the call is not placed - and Del shows a warning box "That did not work:
    'NoneType' object has no attribute 'contacts'". Expected: no error; each waits for the store
    or says the window is still starting."""
    import sys

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QMessageBox

    from whitephone.ui.first_read import FirstRead
    from whitephone.ui.main_window import MainWindow

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    first = FirstRead.open(app.profile)
    w = MainWindow(None, first=first)
    qtbot.addWidget(w)
    w.show()
    errors: list = []
    boxes: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)  # an editor, if one opens, is cancelled
    hook, sys.excepthook = sys.excepthook, lambda *exc: errors.append(exc[1])
    try:
        qtbot.waitUntil(lambda: w.address_books.model.rowCount() == 1, timeout=10000)
        table = w.address_books.table
        table.selectRow(0)
        rect = table.visualRect(w.address_books.model.index(0, 0))
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # edit
        qtbot.wait(100)
        for act in (w.address_books.call_selected, w.address_books.delete_action.trigger):  # Enter, Del
            try:
                act()
            except Exception as exc:  # noqa: BLE001 - what Qt would print and swallow
                errors.append(exc)
        qtbot.wait(500)
    finally:
        sys.excepthook = hook
        w.shutdown()
    assert not errors, f"errors in the window: {errors!r}"
    assert not boxes, f"warning boxes: {boxes!r}"


def test_idle_memory_of_window_and_engine_is_within_150_mib(tmp_path):
    """Issue 18 point 1: idle resident memory <= 150 MiB for window + engine. Even with a profile
    of ONE contact and no hub (far less than the issue's 100 000 contacts), the real window
    (`whitephone --profile`, engine process started, 14 s after start: past the 3 s settle and the
    10 s source-line drop) holds ~126 MiB and its engine ~39 MiB: ~166 MiB. The engineer's own table
    (docs/measurements.md, round 3) says 181 MiB with 100 000 contacts. Expected: <= 150 MiB."""
    import os
    import signal
    import subprocess
    import sys

    def rss(pid: int) -> float:
        with open(f"/proc/{pid}/status") as f:
            return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024

    def children(pid: int) -> list[int]:
        out: list[int] = []
        for t in os.listdir(f"/proc/{pid}/task"):
            try:
                out += [int(x) for x in open(f"/proc/{pid}/task/{t}/children").read().split()]
            except OSError:
                pass
        return out

    profile, env = _profile_with_a_contact(tmp_path)
    env.pop("WHITEPHONE_NO_ENGINE", None)
    proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(14)
        assert proc.poll() is None, "the window ended"
        engines = children(proc.pid)
        assert engines, "no engine process"
        window, engine = rss(proc.pid), sum(rss(k) for k in engines)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert window + engine <= 150, f"window {window:.0f} MiB + engine {engine:.0f} MiB = {window + engine:.0f} MiB"
