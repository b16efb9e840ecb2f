"""Issue 18: the Messages and CRM list models are imported by their tabs; the message
notification and the sync details import the helpers they use when they run. Each test is the
first such action in a fresh window process (none of those modules imported before)."""

from __future__ import annotations

import sys
import time

import pytest

from tests.startup.fresh.fresh import inner, run_fresh

HERE = "tests/startup/fresh/test_tabs_fresh.py"


def _fresh(*names):
    assert [n for n in names if n in sys.modules] == [], "precondition: a fresh process"


def _tab(window, name):
    tabs = window.tabs
    for i in range(tabs.count()):
        if tabs.tabText(i).replace("&", "").startswith(name):
            return i
    raise AssertionError(f"no {name} tab in {[tabs.tabText(i) for i in range(tabs.count())]}")


@inner
def test_inner_message_notification_first(qtbot, window, app):
    """A message arrives before the Messages tab was ever opened: the notification's words."""
    _fresh("whitephone.ui.messages_model")
    from whitephone.store.messages import Message

    m = Message(id=1, hub_id=5, client_id="c1", kind="text", direction="in", sender_name="Tom & Jerry's <Co>",
                sender_email="tom@example.com", subject="<b>Hi</b> & 'bye'", body="x", received_at=time.time())
    window.messages.notify([m])
    title, text = window.messages.last_notification
    assert "Tom & Jerry's <Co>" in title
    assert "<b>Hi</b> & 'bye'" in text


TAB_MODELS = {"Messages": "whitephone.ui.messages_model", "CRM": "whitephone.ui.crm_model"}


@inner
@pytest.mark.parametrize("tab", list(TAB_MODELS))
def test_inner_tab_first(qtbot, window, app, tab):
    _fresh(TAB_MODELS[tab])
    qtbot.waitUntil(lambda: window.app is not None, timeout=10000)
    window.tabs.setCurrentIndex(_tab(window, tab))
    qtbot.waitUntil(lambda: TAB_MODELS[tab] in sys.modules, timeout=10000)
    qtbot.wait(300)


def test_first_message_notification_in_a_fresh_window():
    """A message arrives first thing (Messages tab never opened), sender and subject with
    < > & ': the notification shows them as they are (held)."""
    run_fresh(f"{HERE}::test_inner_message_notification_first")


@pytest.mark.parametrize("tab", list(TAB_MODELS))
def test_a_tab_first_in_a_fresh_window(tab):
    """The user opens the Messages or the CRM tab first thing (held)."""
    run_fresh(f"{HERE}::test_inner_tab_first[{tab}]")
