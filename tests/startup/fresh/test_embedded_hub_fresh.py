"""Issue 18: embedded_hub.py imports httpx only when it starts the hub (its readiness poll). The
office hub started as the first thing in a fresh process (httpx never imported): it comes up,
answers, and a stopped/restarted hub is polled again."""

from __future__ import annotations

import sys

from tests.startup.fresh.fresh import inner, run_fresh

HERE = "tests/startup/fresh/test_embedded_hub_fresh.py"


@inner
def test_inner_embedded_hub_first(tmp_path):
    assert "httpx" not in sys.modules
    from whitephone.sync.embedded_hub import EmbeddedHub
    from whitephone.sync.hub_client import HubClient

    assert "httpx" not in sys.modules
    hub = EmbeddedHub(tmp_path / "hub")
    try:
        url = hub.start()
        assert HubClient(url, timeout=5).reachable()
        hub.stop()
        assert HubClient(url, timeout=2).reachable() is False
        assert hub.start() == url
    finally:
        hub.stop()


def test_embedded_hub_first_in_a_fresh_process():
    """The user's office hub starts first thing after the window (no hub client before): held."""
    run_fresh(f"{HERE}::test_inner_embedded_hub_first")
