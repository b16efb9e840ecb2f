"""The client's half of the hub: HTTP client, signed-in session, sync engine, presence, and the
embedded hub launcher. Plain Python (no Qt): the window, the CLI and the tests use the very same
objects.

    profile = Profile.open(); store = Store(profile.db_path)
    session = Session(profile, store)
    session.login(url, email, password)           # or register(...), or resume() at start-up
    engine = SyncEngine(store, session)
    engine.add_listener("changed", on_changed)    # (entity, uids), on the engine's threads
    engine.add_listener("status", on_status)      # (SyncStatus)
    engine.add_listener("presence", on_presence)  # (list[PresenceEntry])
    engine.start()                                # worker + WebSocket threads
    engine.kick()                                 # after a local write (else noticed within 0.5 s)
    engine.set_presence("away", "lunch"); engine.roster()
    engine.conflicts(); engine.resolve_conflict(id, keep_local=False); engine.rejections()
    engine.stop()

Errors are `HubError` with a `kind` (unreachable, certificate, bad_credentials, disabled,
rate_limited, invalid, resync_required, server) and a message for the user.
"""

from whitephone.sync.embedded_hub import EmbeddedHub, EmbeddedHubError
from whitephone.sync.engine import PresenceEntry, SyncEngine, SyncStatus, SyncSummary
from whitephone.sync.hub_client import HubClient, HubError
from whitephone.sync.session import Session

__all__ = ["EmbeddedHub", "EmbeddedHubError", "HubClient", "HubError", "PresenceEntry", "Session",
           "SyncEngine", "SyncStatus", "SyncSummary"]
