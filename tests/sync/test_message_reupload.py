"""Issue 14 (a defect the tester found): a voice mail whose upload finished, then the laptop went offline for two
days, is never sent.

The attachment's hub id is kept in the row once uploaded (`_upload`), so the next round only
POSTs the message. The hub removes an attachment no message references a day after its upload
began (server/routes_attachments.py `purge_abandoned`, run on any colleague's upload): the
POST then gets 404 "no such attachment", the message is marked failed, and Retry fails the same
way forever (the stale hub id is never dropped, the file never uploaded again)."""

from __future__ import annotations

import numpy as np
import soundfile as sf
from sqlalchemy import update

from whitephone.server.db import attachments
from whitephone.sync.hub_client import HubError


def test_a_voice_mail_uploaded_before_two_days_offline_still_goes(clients, hub, tmp_path):
    ann, bob = clients("ann"), clients("bob")
    ann.engine.sync_once()
    p = tmp_path / "tone.ogg"
    t = np.arange(16000 * 3) / 16000
    sf.write(str(p), (0.2 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 16000, format="OGG", subtype="OPUS")
    msg = ann.store.messages.queue_voice(["bob@example.com"], p)

    client = ann.session.ensure()
    real_send = client.send_message

    def offline(*a, **k):
        raise HubError("unreachable", "The hub cannot be reached.")

    client.send_message = offline  # the network drops right after the upload
    try:
        ann.engine.messages.run(client)
    except HubError:
        pass
    client.send_message = real_send
    assert ann.store.messages.get(msg.id).attachment["hub_id"]

    # two days pass; a colleague's upload makes the hub tidy up unreferenced attachments
    with hub.app.state.engine.begin() as conn:
        conn.execute(update(attachments).values(created=attachments.c.created - 2 * 86400))
    bob.session.ensure().create_upload(10, name="x.wav", content_type="audio/wav")

    ann.engine.messages.run(client)
    if ann.store.messages.get(msg.id).status == "failed":
        ann.store.messages.retry([msg.id])  # the user presses Retry
        ann.engine.messages.run(client)
    m = ann.store.messages.get(msg.id)
    assert m.status == "sent", (m.status, m.error)
