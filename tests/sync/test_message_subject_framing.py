"""Issue 14, tester's defect 15: the subject rides in the hub's text (it has no subject field) and must
never change the text: framed so a text that looks like a subject line, or says "Voice mail", arrives
unchanged, and a text of the allowed length with a subject is not refused by the hub."""

from __future__ import annotations

from tests.sync.test_message_two_processes import _voice


def test_a_text_of_the_allowed_length_with_a_subject_is_sent(clients):
    """The store takes a 20 000-character text (MAX_BODY) and a subject; the subject rides in the
    body ("Subject: …\\n\\n"), so the hub's 20 000-character limit refuses it at send time: the
    composer was told nothing and the message fails afterwards."""
    ann, _bob = clients("ann"), clients("bob")  # bob: the recipient
    ann.engine.sync_once()
    msg = ann.store.messages.queue_text(["bob@example.com"], "x" * 20000, subject="Minutes")
    ann.engine.messages.run(ann.session.ensure())
    got = ann.store.messages.get(msg.id)
    assert got.status == "sent", (got.status, got.error)


def test_text_starting_with_subject_line_reaches_the_recipient_unchanged(clients):
    """A text (no subject) that happens to start with "Subject: …" and a blank line is read by
    the recipient as a subject plus a shorter body: the first line of the text is lost from the body."""
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    text = "Subject: the quarterly numbers\n\nare attached below, please check them."
    ann.store.messages.queue_text(["bob@example.com"], text)
    ann.engine.sync_once()
    bob.engine.sync_once()
    (m,) = bob.store.messages.list(kind="text")
    assert (m.subject, m.body) == (None, text)


def test_a_voice_mail_whose_text_is_voice_mail_keeps_it(clients, tmp_path):
    """A voice mail with the text "Voice mail" (the default wire body) arrives with an empty text."""
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    ann.store.messages.queue_voice(["bob@example.com"], _voice(tmp_path), subject="Call me", body="Voice mail")
    ann.engine.sync_once()
    bob.engine.sync_once()
    (m,) = bob.store.messages.list(kind="voice")
    assert (m.subject, m.body) == ("Call me", "Voice mail")
