"""Issue 14 (a defect the tester found): a queued message moved to the trash while the sync round is busy is sent anyway.

The store says "A queued message in the trash is not sent" (store/messages.py `trash`), but
`MessageSync.run` works through a snapshot of the outbox taken at the start of the round
(`to_send()`), and `_send` never looks again: a text the user deletes (wrong recipient, "oops")
while the round still uploads an earlier voice mail goes out from the trash."""

from __future__ import annotations

import numpy as np
import soundfile as sf


def test_a_message_trashed_during_the_round_is_not_sent(clients, tmp_path):
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    p = tmp_path / "tone.ogg"
    t = np.arange(16000 * 3) / 16000
    sf.write(str(p), (0.2 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 16000, format="OGG", subtype="OPUS")
    ann.store.messages.queue_voice(["bob@example.com"], p)
    oops = ann.store.messages.queue_text(["bob@example.com"], "The salary list of everyone")

    ms = ann.engine.messages
    real_upload = ms._upload

    def upload_while_user_deletes(client, msg, upload_id):
        ann.store.messages.trash([oops.id])  # the user: Delete, while the voice mail uploads
        return real_upload(client, msg, upload_id)

    ms._upload = upload_while_user_deletes
    ms.run(ann.session.ensure())

    bob.engine.messages.pull(bob.session.ensure())
    got = [m.body for m in bob.store.messages.list(kind="text")]
    assert got == [], got
