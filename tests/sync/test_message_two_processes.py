"""Issue 14 (a defect the tester found): the same profile in two processes (the window's sync worker and a
`whitephone message send` / `announce` / `sync` at the same time) sending the outbox.

`MessageSync.run` takes a snapshot of the outbox (`to_send()`) and then works through it; while
it uploads a voice mail (seconds for a long one) the other process's round sends the rest of the
outbox. The first process then reaches the announcement with its stale snapshot, still
"queued", and posts it again: announcements have no client id on the hub, so every recipient
gets it twice."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from tests.sync.conftest import Client


def _voice(tmp_path):
    p = tmp_path / "tone.ogg"
    t = np.arange(16000 * 3) / 16000
    sf.write(str(p), (0.2 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 16000, format="OGG", subtype="OPUS")
    return p


def test_an_announcement_is_not_sent_twice_by_two_processes_of_one_profile(clients, tmp_path):
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    bob.engine.sync_once()
    other = Client(ann.root)  # the same profile, another process (the window while the CLI runs)
    try:
        ann.store.messages.queue_voice(["bob@example.com"], _voice(tmp_path))
        ann.store.messages.queue_announcement("Office closed on Friday")

        ms = ann.engine.messages
        real_upload = ms._upload

        def slow_upload(client, msg, upload_id):
            # while this process uploads, the other one runs its own round
            other.engine.messages.run(other.session.ensure())
            return real_upload(client, msg, upload_id)

        ms._upload = slow_upload
        ms.run(ann.session.ensure())

        bob.engine.messages.pull(bob.session.ensure())
        got = [m.body for m in bob.store.messages.list(kind="announcement")]
        assert got == ["Office closed on Friday"], got
    finally:
        other.close()
