"""Issue 14 (a defect the tester found): the inbox cursor skips an announcement on PostgreSQL.

The client pulls `GET /api/v1/messages?after=<highest id seen>`. The message writer holds an
advisory lock so message ids commit in order (server/messaging.py), but announcements
(server/routes_announcements.py `announce`) and due reminders (server/reminders.py
`deliver_due`) insert into `messages` without it: an announcement that takes its id first and
commits after a colleague's text (a slow transaction; here its audit insert is slowed) is below
the recipient's cursor once it commits, and is never pulled."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import event


def test_an_announcement_committed_after_a_later_message_still_arrives(clients, hub, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite writes one transaction at a time")
    ann, bob, carol = clients("ann"), clients("bob"), clients("carol")
    for c in (ann, bob, carol):
        c.engine.sync_once()

    engine = hub.app.state.engine

    def slow_audit(conn, cursor, statement, parameters, context, executemany):
        if "INSERT INTO audit_log" in statement and "announce" in str(parameters):
            time.sleep(2.0)  # the announcement's transaction is still open: its rows are not visible yet

    event.listen(engine, "before_cursor_execute", slow_audit)
    try:
        t = threading.Thread(target=lambda: ann.session.ensure().announce("Office closed on Friday"))
        t.start()
        time.sleep(0.7)
        carol.store.messages.queue_text(["bob@example.com"], "Lunch?")
        carol.engine.messages.run(carol.session.ensure())
        bob.engine.messages.pull(bob.session.ensure())  # sees carol's text; cursor past the announcement
        t.join(10)
    finally:
        event.remove(engine, "before_cursor_execute", slow_audit)
    on_hub = [h["kind"] for h in bob.session.ensure().inbox(0)]
    assert sorted(on_hub) == ["announcement", "text"], on_hub  # the hub has both
    bob.engine.messages.pull(bob.session.ensure())
    kinds = sorted(m.kind for m in bob.store.messages.list())
    assert kinds == ["announcement", "text"], kinds
