"""The network test's advice for rungs that went through an HTTP proxy: the hub rung through the
proxy of Preferences → Network, as the CLI runs it on a real profile (the test keyring file)
against a real hub on 127.0.0.2 behind a real NTLM proxy (tests/net/authproxy.py) that refuses the
saved password; a tunnel the proxy refuses; a direct rung still advised as a port to open."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.net.authproxy import AuthProxy
from tests.ui.test_proxy_prefs import environment, far_hub  # noqa: F401
from whitephone import nettest
from whitephone.core import http_proxy
from whitephone.profile import Profile


def test_a_refused_proxy_password_is_not_advised_as_a_blocked_hub(tmp_path, far_hub):  # noqa: F811
    """The hub rung fails because the proxy refused the password saved in Preferences: the rung
    names the proxy it went through, and the advice is the proxy's credentials (Preferences →
    Network → HTTP proxy), not a firewall to open for the hub, which is open."""
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
    assert hub["via"] == f"http://alice@127.0.0.1:{proxy.port}", hub
    assert "refused the credentials" in hub["advice"] and "Preferences → Network → HTTP proxy" in hub["advice"], \
        hub["advice"]
    assert "wrong-Pa55" not in hub["advice"]


def test_any_rung_through_the_proxy_is_advised_as_the_proxy_s():
    via = "http://proxy.example.com:3128"
    report = nettest.Report("https://hub.example.com", rungs=[
        nettest.Rung("hub-https", "hub.example.com:443", detail="the proxy does not allow a tunnel to this address: "
                     "HTTP/1.1 403 Forbidden (to hub.example.com:443 through http://proxy.example.com:3128)", via=via),
        nettest.Rung("turn-tls-proxy", "turn.example.com:443", detail="no answer (blocked, or nothing listens there)",
                     via=via),
        nettest.Rung("sip-tcp", "pbx.example.com:5060", detail="refused (nothing listens on that port, or a firewall "
                     "rejects it)")])
    nettest.explain(report)
    hub, turn, sip = (r.advice for r in report.rungs)
    assert f"through the HTTP proxy {via} failed: ask IT to let the proxy allow CONNECT to hub.example.com port " \
           f"443" in hub and "allow outgoing" not in hub, hub
    assert "allow CONNECT to turn.example.com port 443" in turn, turn
    assert "allow outgoing TCP to pbx.example.com port 5060" in sip, sip
