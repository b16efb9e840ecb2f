"""The live channel's thread against a hostile hub (a real WebSocket server on a thread): odd frames
are skipped, the thread lives on, and the roster stays readable."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager

import pytest

from tests.polling import wait_until
from tests.sync.hostile_hub import FakeSession, HostileHub
from whitephone.sync.presence import LiveChannel

GOOD = json.dumps({"type": "presence", "user_id": 2, "status": "away", "note": "after"})


@contextmanager
def channel(frames, users=None, later=None):
    """A LiveChannel on its thread, connected to a hostile hub that sends `frames` and then GOOD."""
    hub = HostileHub(frames + [GOOD], users)
    hub.later = later
    live = LiveChannel(FakeSession(hub.base), lambda: None, lambda roster: None)
    t = threading.Thread(target=live.run, args=(live.new_run(),), name="sync-ws", daemon=True)
    t.start()
    try:
        yield hub, live, t
    finally:
        live.stop()
        t.join(5)
        hub.stop()


def bob(live):
    return next((e for e in live.roster() if e.user_id == 2), None)


@pytest.mark.parametrize("frame", [
    pytest.param("[" * 50_000 + "]" * 50_000, id="deep-list"),
    pytest.param('{"a":' * 50_000 + "1" + "}" * 50_000, id="deep-object"),
])
def test_deeply_nested_json_from_the_hub_does_not_end_the_thread(frame):
    """json.loads raises RecursionError (not a ValueError) on deep nesting: the frame is skipped."""
    with channel([frame]) as (hub, live, t):
        assert wait_until(lambda: bob(live) is not None and bob(live).note == "after" or not t.is_alive())
        assert t.is_alive(), "the sync-ws thread died on a deeply nested frame"


WRONG_TYPED = [
    {"type": "presence", "user_id": 2, "status": 5},
    {"type": "presence", "user_id": 2, "status": ["busy"]},
    {"type": "presence", "user_id": 2, "status": "away", "note": {"x": 1}},
    {"type": "presence", "user_id": 2, "status": "away", "note": 7},
    {"type": "presence", "user_id": 2, "status": "away", "last_seen": "x"},
    {"type": "presence", "user_id": 2, "status": "away", "last_seen": [1]},
]


@pytest.mark.parametrize("event", WRONG_TYPED, ids=lambda e: "-".join(f"{k}={v!r}" for k, v in e.items() if k not in ("type", "user_id")))
def test_a_wrong_typed_presence_field_never_reaches_the_roster(event):
    """PresenceEntry's status is one of the shown states, note a str, last_seen a number or None:
    the Online Monitor (ui/tabs/online_monitor.py) reads them on the main thread."""
    live = LiveChannel(None, lambda: None, lambda r: None)
    live._on_event({"type": "presence", "user_id": 2, "status": "online", "note": "ok", "last_seen": 1.0})
    live._on_event(event)
    (e,) = live.roster()
    assert e.status in ("online", "away", "busy", "dnd", "offline"), e
    assert isinstance(e.note, str), e
    assert e.last_seen is None or isinstance(e.last_seen, (int, float)), e


def test_a_wrong_typed_last_seen_never_reaches_the_online_monitor():
    """The same, on the Online Monitor's own helpers: a last_seen of "x" never reaches them."""
    from whitephone.ui.tabs.online_monitor import last_seen_text, status_text

    live = LiveChannel(None, lambda: None, lambda r: None)
    live._on_event({"type": "presence", "user_id": 2, "status": "offline", "last_seen": "x"})
    (e,) = live.roster()
    assert isinstance(status_text(e.status), str)
    assert isinstance(last_seen_text(e.last_seen, e.status), str)


def test_a_boolean_user_id_does_not_overwrite_user_1():
    """JSON `true` is a Python int (isinstance(True, int)) but no user id: it changes nobody."""
    live = LiveChannel(None, lambda: None, lambda r: None)
    live._on_event({"type": "hello", "user_id": 9, "presence": [{"user_id": 1, "status": "online", "note": "real"}]})
    live._on_event({"type": "presence", "user_id": True, "status": "dnd", "note": "spoofed"})
    by_id = {e.user_id: e for e in live.roster()}
    assert (by_id[1].status, by_id[1].note) == ("online", "real")


@pytest.mark.parametrize("users", [
    pytest.param([{"id": 1, "name": "me"}, {"id": 2, "name": None}], id="name-null"),
    pytest.param([{"id": 1, "name": "me"}, {"id": 2, "name": 42}], id="name-number"),
    pytest.param([{"id": 1, "name": "me"}, {"id": 2}], id="name-missing"),
    pytest.param({"detail": "a proxy's JSON"}, id="not-a-list"),
    pytest.param([{"id": [2], "name": "bob"}], id="id-unhashable"),
])
def test_odd_users_from_the_hub_do_not_end_the_thread_or_break_roster(users):
    """GET /users answering a null, number or missing name (shown as "user 2"), something not a list,
    or an id that is not an integer: the channel connects and reads events all the same."""
    with channel([json.dumps({"type": "hello", "user_id": 1, "presence": []})], users) as (hub, live, t):
        assert wait_until(lambda: bob(live) is not None and bob(live).note == "after" or not t.is_alive())
        assert t.is_alive(), "the sync-ws thread died on the hub's user list"
        assert all(isinstance(e.name, str) for e in live.roster())


@pytest.mark.parametrize("frame", [
    pytest.param("not json", id="invalid-json"),
    pytest.param(b"\xff\xfe\x00", id="binary-not-utf8"),
    pytest.param('{"type": "presence", "user_id": 2, "status": "busy"', id="truncated"),
    pytest.param("1" * 10_000, id="int-too-long"),
])
def test_a_frame_that_is_not_json_is_skipped_like_a_non_object(frame):
    """A frame that is not JSON is skipped like an event that is not an object: the connection (and
    the events after it on that connection) go on; no reconnect shows everyone offline meanwhile."""
    hello = json.dumps({"type": "hello", "user_id": 1, "presence": [{"user_id": 2, "status": "online"}]})
    with channel([hello, frame], later=[hello, GOOD]) as (hub, live, t):
        assert wait_until(lambda: bob(live) is not None and bob(live).note == "after")
        assert hub.connections == 1, "the channel reconnected after one bad frame"


@pytest.mark.parametrize("frame", [
    pytest.param(json.dumps({"type": "changed"}).encode(), id="binary-json"),
    pytest.param(json.dumps([1, 2, 3]), id="list"),
    pytest.param(json.dumps({"type": "hello", "user_id": 1, "presence": {"user_id": 2}}), id="hello-dict"),
    pytest.param(json.dumps({"type": "presence", "user_id": 2 ** 80, "status": "away"}), id="huge-id"),
    pytest.param(json.dumps({"type": "presence", "user_id": 2, "last_seen": 10 ** 400}), id="time-past-float"),
    pytest.param(json.dumps({"type": "x" * 3_000_000}), id="3MB"),
    pytest.param("NaN", id="nan"),
])
def test_odd_frames_that_are_skipped_or_read(frame):
    with channel([frame]) as (hub, live, t):
        assert wait_until(lambda: bob(live) is not None and bob(live).note == "after")
        assert t.is_alive()
        live.roster()


def test_an_event_of_the_wrong_shape_is_skipped_not_the_end_of_the_channel():
    """The channel's thread reads every event the hub sends; one that is not an object (or a
    "hello" whose presence list holds a non-object) is skipped, the next one still counts."""
    hints, rosters = [], []
    live = LiveChannel(None, lambda: hints.append(1), rosters.append)
    for odd in ([], "changed", 3, None, {"type": "hello", "user_id": 1, "presence": [7, "x", None]}, {"type": "hello", "presence": 5},
                {"type": "presence", "user_id": "2"}):
        live._on_event(odd)
    live._on_event({"type": "presence", "user_id": 2, "status": "away"})
    live._on_event({"type": "changed"})
    assert [e.status for e in live.roster()] == ["away"] and hints == [1]
