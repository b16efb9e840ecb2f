"""The hub or the client going away at the worst moments: nothing lost, nothing twice."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from whitephone.core.contact import ContactData
from whitephone.sync.hub_client import HubError


def people(n: int, prefix: str = "P") -> list[ContactData]:
    return [ContactData(given_name=f"{prefix}{i:05d}", family_name="Test") for i in range(n)]


def test_edits_made_while_the_hub_is_down_arrive_after_it_returns(clients, proc_hub):
    a, b = clients("alice"), clients("bob")
    a.engine.sync_once()
    proc_hub.stop()
    a.store.contacts.add(ContactData(given_name="Offline", family_name="Edit"), a.company_book())
    with pytest.raises(HubError) as err:
        a.engine.sync_once()
    assert err.value.kind == "unreachable"
    st = a.engine.status()
    assert (st.state, st.outbox) == ("offline", 1) and "Cannot reach" in st.last_error
    proc_hub.start()
    a.engine.sync_once()
    assert a.engine.status().state == "online" and a.store.outbox.count() == 0
    b.engine.sync_once()
    assert b.names(b.company_book()) == ["Offline Edit"]


def test_the_hub_killed_in_the_middle_of_a_push_leaves_no_duplicate_and_no_loss(clients, proc_hub):
    a, b = clients("alice"), clients("bob")
    n = 2500
    a.engine.sync_once()
    a.store.contacts.import_batch(people(n), a.company_book(), policy="clone")
    start = a.store.outbox.count()
    assert start == n

    def kill_after_first_batch() -> None:  # the next batch is on the wire by then
        deadline = time.monotonic() + 120
        while a.store.outbox.count() == start and time.monotonic() < deadline:
            time.sleep(0.005)
        proc_hub.kill()

    killer = threading.Thread(target=kill_after_first_batch)
    killer.start()
    with pytest.raises(HubError):
        a.engine.sync_once()
    killer.join()
    left = a.store.outbox.count()
    assert 0 < left < start
    proc_hub.start()
    a.engine.sync_once()
    assert a.store.outbox.count() == 0
    b.engine.sync_once()
    names = b.names(b.company_book())
    assert len(names) == n and len(set(names)) == n
    # the hub holds each contact once
    feed, since, rows = None, 0, []
    while feed is None or feed["more"]:
        feed = b.session.ensure().changes(since, 5000)
        rows += [c for c in feed["changes"] if c["entity"] == "contact"]
        since = feed["next"]
    assert len(rows) == n and len({r["id"] for r in rows}) == n


def test_a_client_killed_between_the_local_write_and_the_push_pushes_on_restart(clients, proc_hub, tmp_path):
    a, b = clients("alice"), clients("bob")
    a.engine.sync_once()
    root = a.root
    a.close()
    # another process writes the contact and dies (SIGKILL) before any push
    script = textwrap.dedent(f"""
        import os, signal
        from whitephone.core.contact import ContactData
        from whitephone.store import Store
        from whitephone.store.sync_rows import COMPANY_BOOK_UID
        s = Store({str(root / "whitephone.sqlite3")!r})
        book = next(b.id for b in s.books.list() if b.uid == COMPANY_BOOK_UID)
        s.contacts.add(ContactData(given_name="Written", family_name="Before Death"), book)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    r = subprocess.run([sys.executable, "-c", script], env={**os.environ}, timeout=60)
    assert r.returncode == -9
    from tests.sync.conftest import Client

    again = Client(root)
    try:
        assert again.session.resume()  # the remembered session
        assert again.engine.sync_once().pushed == 1
        b.engine.sync_once()
        assert b.names(b.company_book()) == ["Written Before Death"]
    finally:
        again.close()


def test_running_engines_recover_by_themselves_when_the_hub_returns(clients, proc_hub):
    from tests.sync.test_live import wait_for

    a, b = clients("alice"), clients("bob")
    a.engine.sync_once()
    b.engine.sync_once()
    a.engine.pull_interval = b.engine.pull_interval = 3600  # no timer: backoff, reconnects and hints only
    a.engine.start()
    b.engine.start()
    assert a.engine.wait_connected() and b.engine.wait_connected()
    proc_hub.stop()
    assert wait_for(lambda: not a.engine.connected and not b.engine.connected)
    a.store.contacts.add(ContactData(given_name="While", family_name="Down"), a.company_book())
    assert wait_for(lambda: a.engine.status().state == "offline")
    assert a.engine.status().outbox == 1 and a.engine.status().last_error
    proc_hub.start()
    assert wait_for(lambda: b.names(b.company_book()) == ["While Down"], timeout=90)
    assert wait_for(lambda: a.engine.status().state == "online" and a.engine.status().outbox == 0)
