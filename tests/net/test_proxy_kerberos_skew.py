"""Kerberos to the HTTP proxy when the clocks differ. The user has a valid ticket (kinit), but the
proxy's clock is 15 minutes ahead (more than Kerberos' 5 minutes): the proxy refuses the ticket
(KRB_AP_ERR_SKEW) with a plain 407, as Squid does, its Date header showing its clock. The
refusal names the clocks (from the proxy's Date), not the credentials. Real MIT KDC
(tests/net/kdc.py), the proxy under libfaketime."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.net import kdc as kdc_mod
from whitephone.net.proxy import ProxyURL, ReachError, tunnel_socket

pytest.importorskip("gssapi")
FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
pytestmark = pytest.mark.skipif(not kdc_mod.available() or not FAKETIME.exists(),
                                reason="needs the MIT KDC tools and libfaketime (Debian faketime)")


@pytest.fixture
def realm(tmp_path, monkeypatch):
    k = kdc_mod.Kdc(tmp_path)
    k.user("dave", "Kerb-Pa55")
    keytab = k.service("HTTP/localhost")
    for name, value in k.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KRB5CCNAME", f"FILE:{tmp_path / 'ccache'}")
    monkeypatch.delenv("NTLM_USER_FILE", raising=False)
    yield k, keytab
    k.stop()


def _proxy(k, keytab, tmp_path, shift: str) -> tuple[subprocess.Popen, int, Path]:
    log = tmp_path / "krbproxy.log"
    env = {**os.environ, **k.env, "KRB5_KTNAME": f"FILE:{keytab}"}
    if shift:
        env.update(LD_PRELOAD=str(FAKETIME), FAKETIME=shift, FAKETIME_DONT_FAKE_MONOTONIC="1")
    proc = subprocess.Popen([sys.executable, "-m", "tests.net.krbproxy", "--log", str(log)], env=env,
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    return proc, int(proc.stdout.readline()), log


@pytest.mark.parametrize("shift", ["", "+15m"])  # the first holds: the same proxy with the right time
def test_a_proxy_whose_clock_differs_is_named_as_such(realm, tmp_path, shift):
    k, keytab = realm
    k.kinit("dave", "Kerb-Pa55", os.environ["KRB5CCNAME"])
    proc, port, log = _proxy(k, keytab, tmp_path, shift)
    try:
        with pytest.raises(ReachError) as err:
            tunnel_socket(ProxyURL("localhost", port), "127.0.0.1", 9, 5)
    finally:
        proc.terminate()
        proc.wait(5)
    if not shift:
        assert "authenticated" in log.read_text() and "502" in err.value.reason
        return
    assert "refused" in log.read_text()  # the ticket the same proxy accepts at the right time (above)
    assert "clock" in err.value.reason.lower() or "time" in err.value.reason.lower(), err.value.reason
