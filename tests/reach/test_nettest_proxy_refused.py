"""Break-it review: the network test's hub rung through the proxy of Preferences → Network, as the
CLI runs it on a real profile (the test keyring file) against a real hub on 127.0.0.2 behind a
real NTLM proxy (tests/net/authproxy.py) that refuses the saved password."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.net.authproxy import AuthProxy
from tests.ui.test_proxy_prefs import environment, far_hub  # noqa: F401
from whitephone.core import http_proxy
from whitephone.profile import Profile


def test_a_refused_proxy_password_is_not_advised_as_a_blocked_hub(tmp_path, far_hub):  # noqa: F811
    """The hub rung fails because the proxy refused the password saved in Preferences; the
    report's advice (nettest.explain: a hub-* rung is never a "-proxy" rung) tells the user to ask
    IT to allow outgoing TCP to the hub, which is open, instead of naming the proxy's refusal."""
    profile = Profile.open(tmp_path / "profile")
    with AuthProxy(tmp_path / "proxy", ["NTLM"], {"alice": "right-Pa55"}) as proxy:
        http_proxy.save(profile, http_proxy.HttpProxy("manual", f"127.0.0.1:{proxy.port}", "alice"), "wrong-Pa55")
        out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--server", far_hub.base,
                              "--turn", "turn:127.0.0.1:9"], capture_output=True, text=True, timeout=90,
                             env={**os.environ, "WHITEPHONE_PROFILE": str(profile.root)})
    report = json.loads(out.stdout)
    hub = next(r for r in report["rungs"] if r["rung"].startswith("hub-"))
    assert not hub["ok"] and "refused the user name or password" in hub["detail"], hub
    assert "wrong-Pa55" not in out.stdout + out.stderr
    assert "allow outgoing TCP to 127.0.0.2" not in hub["advice"], hub["advice"]
    assert "proxy" in hub["advice"].lower(), hub["advice"]
