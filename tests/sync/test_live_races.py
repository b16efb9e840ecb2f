"""The engine's threads (sync-worker, sync-ws) running against a real hub while the session under
them signs out, signs in again (as the same or another account) and moves hub address."""

from __future__ import annotations

import random
import threading
import time

import pytest

from tests.polling import wait_until
from tests.sync.conftest import PASSWORD
from whitephone.sync.hub_client import HubError

pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")


def names() -> list[str]:
    return sorted(t.name for t in threading.enumerate() if t.name in ("sync-worker", "sync-ws"))


def other_address(url: str) -> str:
    return url.replace("127.0.0.1", "localhost") if "127.0.0.1" in url else url.replace("localhost", "127.0.0.1")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_move_hub_again_and_again_under_running_threads(clients):
    a = clients("alice")
    clients("bob")
    a.engine.pull_interval = 0.2
    a.engine.start()
    assert a.engine.wait_connected()
    for _ in range(25):
        a.session.move_hub(other_address(a.session.info["url"]))
        time.sleep(random.uniform(0, 0.15))
    assert names() == ["sync-worker", "sync-ws"]
    a.engine.kick()
    assert wait_until(lambda: a.engine.connected and a.engine.status().state == "online", 40), a.engine.status()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_requests_on_a_client_closed_mid_flight_are_hub_errors(clients):
    """close() while three threads have requests in flight: each gets a HubError, nothing else."""
    a = clients("alice")
    held = a.session.ensure()
    odd: list[BaseException] = []

    def hammer() -> None:
        for _ in range(400):
            try:
                held.users()
            except HubError:
                pass
            except BaseException as exc:  # noqa: BLE001
                odd.append(exc)

    ts = [threading.Thread(target=hammer) for _ in range(3)]
    for t in ts:
        t.start()
    time.sleep(0.3)
    held.close()
    for t in ts:
        t.join(60)
    assert not odd, [repr(e) for e in odd[:3]]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sign_in_again_as_same_user_under_running_threads(clients, hub):
    a = clients("alice")
    a.engine.pull_interval = 0.2
    a.engine.start()
    assert a.engine.wait_connected()
    for _ in range(6):
        a.session.login(hub.base, "alice@example.com", PASSWORD)  # _signed_in replaces (closes) the client
        time.sleep(random.uniform(0, 0.2))
    assert names() == ["sync-worker", "sync-ws"]
    a.engine.kick()
    assert wait_until(lambda: a.engine.connected and a.engine.status().state == "online", 40), a.engine.status()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_signed_out_under_running_threads_no_hammering_and_back_online(clients, hub, monkeypatch):
    import httpx

    a = clients("alice")
    a.engine.pull_interval = 0.2
    a.engine.start()
    assert a.engine.wait_connected()
    sent: list[str] = []
    real = httpx.Client.send

    def counting(self, request, *args, **kw):
        sent.append(str(request.url.path))
        return real(self, request, *args, **kw)

    monkeypatch.setattr(httpx.Client, "send", counting)
    a.session.logout()
    time.sleep(0.5)
    sent.clear()
    time.sleep(4)
    assert len(sent) <= 2, sent
    assert a.engine.status().state == "signed_out"
    a.session.login(hub.base, "alice@example.com", PASSWORD)
    a.engine.kick()
    assert names() == ["sync-worker", "sync-ws"]
    assert wait_until(lambda: a.engine.status().state == "online", 40), a.engine.status()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_live_channel_of_a_signed_out_session_closes(clients):
    """Signing out while the engine runs (a CLI logout beside the window): the hub closes the
    WebSocket opened with the old token; the profile hears no more presence or hints."""
    a, b = clients("alice"), clients("bob")
    a.engine.start(sync=False)
    b.engine.start(sync=False)
    assert a.engine.wait_connected() and b.engine.wait_connected()
    a.session.logout()
    assert wait_until(lambda: not a.engine.connected, 10), "still connected after signing out"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_signing_in_as_another_account_drops_the_first_ones_roster(clients, hub):
    """The window's sign-out (engine.stop, session.logout) then a sign-in as an account of another
    company on the same profile (discarding the first one's data): none of the first account's
    colleagues stays on the Online Monitor."""
    a = clients("alice")
    clients("bob")
    clients("carol", register=True)  # another company
    a.engine.start(sync=False)
    assert a.engine.wait_connected()
    assert wait_until(lambda: any(e.name == "bob" for e in a.engine.roster()))
    a.engine.stop()
    a.session.logout()
    a.session.login(hub.base, "carol@example.com", PASSWORD, discard_local=True)
    a.engine.start(sync=False)
    assert a.engine.wait_connected()
    time.sleep(1)
    assert [e.name for e in a.engine.roster()] == [], a.engine.roster()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_signing_in_again_after_the_hub_ended_the_session_is_online_soon(clients, hub):
    """The hub ends the session while the engine runs (signed out everywhere from another computer,
    a password change): both threads back off. Signing in again (then engine.start(), as the window
    does) is online within seconds, not after the grown backoff."""
    from whitephone.sync.hub_client import HubClient

    a = clients("alice")
    a.engine.pull_interval = 0.2
    a.engine.start()
    assert a.engine.wait_connected()
    other = HubClient(hub.base)
    other.login("alice@example.com", PASSWORD)
    other.logout(everywhere=True)
    other.close()
    assert wait_until(lambda: a.engine.status().state == "signed_out", 20)
    time.sleep(12)  # a few failed rounds: the backoff grows
    a.session.login(hub.base, "alice@example.com", PASSWORD)
    a.engine.start()  # what the window does once signed in
    assert wait_until(lambda: a.engine.status().state == "online", 5), a.engine.status()
    assert wait_until(lambda: a.engine.connected, 5)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_colleague_removed_from_the_company_leaves_the_roster_on_the_next_connect(clients):
    a = clients("alice")
    b = clients("bob")
    clients("carol")
    a.engine.start(sync=False)
    assert a.engine.wait_connected()
    assert wait_until(lambda: sorted(e.name for e in a.engine.roster()) == ["bob", "carol"])
    a.session.ensure().request("DELETE", f"/api/v1/users/{b.session.info['user_id']}")
    a.engine.stop()
    a.engine.start(sync=False)
    assert a.engine.wait_connected()
    assert wait_until(lambda: [e.name for e in a.engine.roster()] == ["carol"]), a.engine.roster()
