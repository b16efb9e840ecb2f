"""One profile, one account: sign-out pushes what waits, and another account (or hub) never gets
the first one's data or waiting changes (review of issue 12, points 1, 2 and 5)."""

from __future__ import annotations

import pytest

from tests.server.conftest import RunningHub
from tests.sync.conftest import PASSWORD, Client
from whitephone.core.contact import ContactData
from whitephone.sync.hub_client import HubError


def _add(c: Client, name: str) -> None:
    books = [b.id for b in c.store.books.list() if not b.shared] or [c.store.books.add("Personal")]
    c.store.contacts.add(ContactData(given_name=name), books[0])


def _names_on_hub(c: Client) -> list[str]:
    c.engine.sync_once()
    return c.names()


def test_sign_out_pushes_what_waits_first(clients):
    a = clients("alice")
    _add(a, "Pushed")
    assert a.engine.final_push(wait=10.0) == 0
    a.session.logout()
    assert a.store.sync.outbox_count() == 0


def test_another_user_is_refused_while_the_first_ones_changes_wait(clients, hub):
    alice = clients("alice")
    carol = clients("carol")
    alice.engine.sync_once()
    alice.session.logout()  # signed out with nothing pushed
    _add(alice, "Secret")  # and a change made while signed out
    waiting = alice.store.sync.outbox_count()
    assert waiting >= 1
    with pytest.raises(HubError) as err:
        alice.session.login(hub.base, "carol@example.com", PASSWORD)
    assert err.value.kind == "profile_in_use"
    assert "alice@example.com" in str(err.value) and f"{waiting} change" in str(err.value)
    assert str(err.value).endswith(".")
    assert alice.store.sync.outbox_count() == waiting  # nothing lost, nothing pushed
    assert "Secret" not in _names_on_hub(carol)
    # alice herself may come back: her change goes to her account
    alice.session.login(hub.base, "alice@example.com", PASSWORD)
    alice.engine.sync_once()
    assert alice.store.sync.outbox_count() == 0


def test_a_fresh_profile_never_synced_still_refuses_after_a_sign_out(clients, hub, tmp_path):
    clients("alice")
    clients("carol")
    p = Client(tmp_path / "shared-pc")
    try:
        p.session.login(hub.base, "alice@example.com", PASSWORD)
        _add(p, "Alicesecret")  # never synced: only the outbox holds it
        p.session.logout()
        with pytest.raises(HubError) as err:
            p.session.login(hub.base, "carol@example.com", PASSWORD)
        assert err.value.kind == "profile_in_use"
        # only when asked: alice's data leaves this computer, then carol signs in
        p.session.login(hub.base, "carol@example.com", PASSWORD, discard_local=True)
        assert p.store.sync.outbox_count() <= 1  # at most carol's company book
        assert "Alicesecret" not in p.names()
        p.engine.sync_once()
        assert "Alicesecret" not in p.names()
    finally:
        p.close()
    c2 = Client(tmp_path / "carol2")
    try:
        c2.session.login(hub.base, "carol@example.com", PASSWORD)
        assert "Alicesecret" not in _names_on_hub(c2)
    finally:
        c2.close()


def test_another_hub_is_refused_while_changes_wait_and_its_book_is_untouched(clients, hub, tmp_path):
    bob = clients("bob")
    bob.engine.sync_once()
    bob.store.contacts.add(ContactData(given_name="Acme Lead"), book_id=bob.company_book())
    bob.session.logout()
    other = RunningHub(f"sqlite:///{tmp_path / 'other.sqlite3'}", tmp_path / "other")
    eve = Client(tmp_path / "eve")
    try:
        eve.session.register(other.base, "Other", "Eve", "eve@example.com", PASSWORD)
        eve.engine.sync_once()
        with pytest.raises(HubError) as err:
            bob.session.login(other.base, "eve@example.com", PASSWORD)
        assert err.value.kind == "profile_in_use"
        eve.engine.sync_once()
        assert "Acme Lead" not in eve.names()
        assert {b.name for b in eve.store.books.list() if b.shared} == {"Other"}
    finally:
        eve.close()
        other.stop()


def test_register_on_a_profile_holding_an_account_creates_nothing_on_the_hub(clients, hub):
    alice = clients("alice")
    alice.engine.sync_once()
    with pytest.raises(HubError) as err:
        alice.session.register(hub.base, "New Co", "Nina", "nina@example.com", PASSWORD)
    assert err.value.kind == "profile_in_use"
    with pytest.raises(HubError) as err:  # the account was never created
        Client(alice.root.parent / "probe").session.login(hub.base, "nina@example.com", PASSWORD)
    assert err.value.kind == "bad_credentials"


def test_localhost_and_127_0_0_1_are_the_same_hub(clients, hub):
    alice = clients("alice")
    alice.engine.sync_once()
    alice.session.logout()
    local = hub.base.replace("127.0.0.1", "localhost")
    alice.session.login(local, "alice@example.com", PASSWORD)
    assert alice.store.sync.cursor > 0  # the same hub: nothing forgotten


def test_stop_right_after_start_leaves_no_thread_and_no_socket(clients, hub):
    """Point 7: stop() at once after start() (the sign-out flap) ends both threads before it
    returns, and the hub ends up with no socket of the user."""
    import threading

    alice = clients("alice")
    watcher = clients("bob")  # polls the hub meanwhile
    for i in range(6):
        alice.engine.start(sync=i % 2 == 0)
        alice.engine.stop()
        assert [t.name for t in threading.enumerate() if t.name in ("sync-ws", "sync-worker")
                and t.is_alive()] == []
    fan, me = hub.app.state.fanout, alice.session.info["user_id"]
    for _ in range(100):  # the hub notices the closed sockets
        if not fan.conns.get(me):
            break
        watcher.engine.sync_once()
    assert not fan.conns.get(me)


def test_two_processes_of_one_profile_resuming_at_once_both_stay_signed_in(clients):
    """Point 8: refresh tokens work once; two sessions of one profile (the window and a CLI
    command) refreshing together take turns (a file lock in the profile) and both go on."""
    import threading

    a = clients("alice")
    failures: list[str] = []
    for _ in range(8):
        pair = [Client(a.root), Client(a.root)]
        gate = threading.Barrier(2)

        def resume(c: Client, gate: threading.Barrier = gate) -> None:
            gate.wait()
            try:
                if not c.session.resume():
                    failures.append("not resumed")
            except HubError as exc:
                failures.append(str(exc))

        threads = [threading.Thread(target=resume, args=(c,)) for c in pair]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c in pair:
            c.close()
    assert failures == []
    again = Client(a.root)
    try:
        assert again.session.resume()
    finally:
        again.close()


def test_resuming_while_another_process_refreshes_reads_the_token_it_stores(clients):
    """The other process (the window) holds the refresh lock while it swaps the remembered token;
    the keyring's file is rewritten meanwhile (keyrings.alt's PlaintextKeyring truncates it first),
    so a read then finds no token. Resuming now waits for the lock and reads the one it stored
    (it said "not resumed": the CLI asked the user to sign in again)."""
    import threading

    from whitephone.sync.file_lock import file_lock

    a = clients("alice")
    name = a.session._secret_name(a.session.info["url"], a.session.info["email"])
    token = a.profile.get_secret(name)
    assert token
    a.close()
    other = Client(a.root)
    results: list[object] = []
    with file_lock(a.root / "hub-refresh.lock"):
        other.profile.delete_secret(name)  # mid-rewrite: nothing there yet
        t = threading.Thread(target=lambda: results.append(other.session.resume()))
        t.start()
        t.join(1.0)
        other.profile.set_secret(name, token)  # the rewrite is done
    t.join(30)
    other.close()
    assert results == [True]
