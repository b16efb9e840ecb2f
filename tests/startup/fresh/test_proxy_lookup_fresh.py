"""Issue 18: net/proxy.py imports urllib.request (system proxy, no_proxy) and email.utils (a
Kerberos refusal's Date header) where they are used. In a fresh process, the first look-up of
the system's proxy and the first clock-skew sentence work as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CODE = """
import sys, time
from email.utils import formatdate  # noqa  (only to make the header below: removed from sys.modules after)
date = formatdate(time.time() + 3600, usegmt=True)
for m in [m for m in sys.modules if m == 'email' or m.startswith('email.') or m.startswith('urllib.request')]:
    del sys.modules[m]
from whitephone.net import proxy
assert 'urllib.request' not in sys.modules
print(proxy.system_proxy('hub.example.com'))
print(proxy.system_proxy('10.1.2.3'), proxy.system_proxy('intra.corp.example'), proxy.no_proxy('127.0.0.1'))
a = proxy._Answer(407, 'HTTP/1.1 407 Proxy Authentication Required', [('date', date)])
print(proxy._clock_words(a, proxy.ProxyURL('proxy.corp', 3128)))
"""


def test_first_system_proxy_lookup_and_clock_words_in_a_fresh_process():
    """https_proxy names a proxy, no_proxy an address range and a domain: the first look-ups in a
    fresh process choose as before; a Kerberos refusal an hour ahead names the clocks (held)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), https_proxy="http://proxy.corp:3128",
               no_proxy="10.0.0.0/8,.corp.example,127.0.0.1")
    env.pop("HTTPS_PROXY", None)
    env.pop("NO_PROXY", None)
    r = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "proxy.corp" in lines[0] and "3128" in lines[0]
    assert lines[1] == "None None True"
    assert "60 minutes ahead of" in lines[2]
