"""Review of issue 14: a text the composer accepted is refused by the hub afterwards."""

from __future__ import annotations


def test_a_text_of_the_allowed_length_with_a_subject_is_sent(clients):
    """The store takes a 20 000-character text (MAX_BODY) and a subject; the subject rides in the
    body ("Subject: …\\n\\n"), so the hub's 20 000-character limit refuses it at send time: the
    composer was told nothing and the message fails afterwards."""
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    msg = ann.store.messages.queue_text(["bob@example.com"], "x" * 20000, subject="Minutes")
    ann.engine.messages.run(ann.session.ensure())
    got = ann.store.messages.get(msg.id)
    assert got.status == "sent", (got.status, got.error)
