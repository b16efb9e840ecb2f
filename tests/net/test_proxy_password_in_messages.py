"""A proxy password in the proxy URL (`--proxy http://user:password@host:port`, the window's
settings "tls.proxy", https_proxy) is never shown (docs: `user:***@`), even when it has a
full-width character (＠ ： ／ ？ ＃, typed with an East Asian keyboard in full-width mode), for
which urllib.parse.urlsplit raises an error quoting the whole netloc: ProxyURL.parse masks it,
and neither the agent nor the network test prints it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from whitephone.net.proxy import ProxyURL

SECRET = "Pa＠ss-Secret"
URL = f"http://alice:{SECRET}@127.0.0.1:9"
FORMS = (SECRET, json.dumps(SECRET)[1:-1], "ss-Secret")  # as typed, as JSON writes it, its ASCII tail


def _shown(text: str) -> list[str]:
    return [f for f in FORMS if f in text]


def test_proxy_url_errors_never_carry_the_password():
    try:
        ProxyURL.parse(URL)
    except ValueError as exc:
        assert not _shown(str(exc)), str(exc)


def test_the_agent_does_not_print_the_proxy_password():
    out = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--no-audio", "--transport", "tls",
                          "--proxy", URL, "--call", "sips:test@127.0.0.1:5061"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "KRB5_CONFIG": os.devnull})
    assert not _shown(out.stdout + out.stderr), out.stdout[-800:]


def test_the_network_test_does_not_print_the_proxy_password(tmp_path):
    out = subprocess.run([sys.executable, "-m", "whitephone", "nettest", "--registrar", "sip:127.0.0.1:9",
                          "--proxy", URL, "--timeout", "1"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "WHITEPHONE_PROFILE": str(tmp_path / "profile")})
    assert not _shown(out.stdout + out.stderr), out.stdout[-800:]
    json.loads(out.stdout)
