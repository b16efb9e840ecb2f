"""The engines running on their threads: a change on A reaches B's store by the hub's hint, and
presence (status, note) shows on the colleague's roster as it changes."""

from __future__ import annotations

import queue
import threading
import time

from whitephone.core.contact import ContactData


def wait_for(predicate, timeout: float = 20.0) -> bool:
    done = threading.Event()
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        done.wait(0.02)
    return True


def test_a_change_on_a_reaches_b_live_and_b_is_told(clients):
    a, b = clients("alice"), clients("bob")
    a.engine.sync_once()
    b.engine.sync_once()
    changed: queue.Queue = queue.Queue()
    b.engine.add_listener("changed", lambda entity, uids: changed.put((entity, uids)))
    statuses: list = []
    a.engine.add_listener("status", statuses.append)
    a.engine.pull_interval = b.engine.pull_interval = 3600  # only hints and kicks, no timer
    a.engine.start()
    b.engine.start()
    assert a.engine.wait_connected() and b.engine.wait_connected()
    cid = a.store.contacts.add(ContactData(given_name="Live", family_name="Edit"), a.company_book())
    a.engine.kick()
    uid = a.store.contacts.get(cid).uid
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        entity, uids = changed.get(timeout=30)
        if uid in uids:
            break
    assert (entity, uids) == ("contact", [uid])
    assert b.names(b.company_book()) == ["Live Edit"]
    deadline = time.monotonic() + 10  # A's worker may still be finishing its round when B has it
    while {s.state for s in statuses} < {"syncing", "online"} and time.monotonic() < deadline:
        time.sleep(0.02)
    assert {s.state for s in statuses} >= {"syncing", "online"}
    assert a.engine.status().outbox == 0 and a.engine.status().cursor > 0


def test_an_edit_written_without_a_kick_is_noticed(clients):
    a, b = clients("alice"), clients("bob")
    a.engine.pull_interval = b.engine.pull_interval = 3600
    a.engine.start()
    b.engine.start()
    assert b.engine.wait_connected()
    a.store.contacts.add(ContactData(given_name="No", family_name="Kick"), a.company_book())
    assert wait_for(lambda: b.names() == ["No Kick"])


def test_presence_shows_on_the_colleague_roster(clients):
    a, b = clients("alice"), clients("bob")
    seen: queue.Queue = queue.Queue()
    b.engine.add_listener("presence", seen.put)
    b.engine.start(sync=False)
    a.engine.start(sync=False)
    assert a.engine.wait_connected() and b.engine.wait_connected()

    def alice_on_b():
        return next((e for e in b.engine.roster() if e.name == "alice"), None)

    assert wait_for(lambda: alice_on_b() is not None and alice_on_b().status == "online")
    a.engine.set_presence("away", "lunch")
    assert wait_for(lambda: (alice_on_b().status, alice_on_b().note) == ("away", "lunch"))
    a.engine.set_presence("invisible")
    assert wait_for(lambda: alice_on_b().status == "offline")
    a.engine.set_presence("busy", "call me later")
    assert wait_for(lambda: alice_on_b().status == "busy")
    a.engine.stop()
    assert wait_for(lambda: alice_on_b().status == "offline")
    assert alice_on_b().last_seen is not None
    assert not seen.empty()


def test_a_published_sip_contact_reaches_a_colleague_and_contact_requests_work(clients):
    a, b = clients("alice"), clients("bob")
    a.engine.start(sync=False)
    assert a.engine.wait_connected()
    a.engine.set_sip_contact("sip:alice@127.0.0.1:5070;transport=udp")
    me = a.session.info["user_id"]
    hub_b = b.session.ensure()
    assert wait_for(lambda: [c["uri"] for c in hub_b.sip_contacts(me)] == ["sip:alice@127.0.0.1:5070;transport=udp"])
    assert hub_b.sip_credentials()["username"].endswith(f":{b.session.info['user_id']}")
    # someone of another company asks to watch Alice's presence; she accepts
    c = clients("carol", register=True)
    req = c.session.ensure().send_contact_request(me)
    (pending,) = [r for r in a.session.ensure().contact_requests() if r["status"] == "pending"]
    assert pending["id"] == req["id"]
    assert a.session.ensure().answer_contact_request(req["id"], accept=True)["status"] == "accepted"

