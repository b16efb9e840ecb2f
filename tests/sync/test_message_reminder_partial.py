"""Issue 14 (a defect the tester found): a reminder to two colleagues, one of whom the hub refuses (deleted since
the colleague list was fetched): `_send_once` marks the whole message "failed: Not sent", though
the first colleague has it; the user retries (store.retry, the tab's Retry) and the first
colleague gets the reminder twice (reminders have no client id on the hub)."""

from __future__ import annotations

import time


def test_a_retried_reminder_is_not_delivered_twice_to_who_had_it(clients):
    ann, bob, _carol = clients("ann"), clients("bob"), clients("carol")  # carol: a colleague to remind
    admin = ann.session.ensure()
    ann.engine.messages.users(admin, refresh=True)
    carol_id = next(u["id"] for u in admin.users() if u["email"] == "carol@example.com")
    msg = ann.store.messages.queue_reminder(["bob@example.com", "carol@example.com"], "Call the bank", time.time())
    admin.request("DELETE", f"/api/v1/users/{carol_id}")

    ann.engine.messages.run(admin)
    first = ann.store.messages.get(msg.id)
    if first.status == "failed":  # what the user sees; the Retry button
        ann.store.messages.retry([msg.id])
        ann.engine.messages.run(admin)
    time.sleep(1.5)  # the hub delivers due reminders
    bob.engine.messages.pull(bob.session.ensure())
    got = [m.body for m in bob.store.messages.list(kind="reminder")]
    assert got == ["Call the bank"], (got, first.status, first.error)
