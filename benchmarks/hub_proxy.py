"""What the HTTP proxy costs the window's hub requests (sync/hub_transport.py): `GET /api/v1/me`
on a real hub (uvicorn in this process, on 127.0.0.2 so the proxy is used), directly with a plain
httpx.Client (the hub client before it had its own transport), directly with ours, and through
an open proxy, an NTLM proxy (tests/net/authproxy.py) and tinyproxy when installed. "kept":
requests on one client (its connection kept alive); "new": a new client per request (a new
tunnel, with NTLM's legs, each time). Prints milliseconds (median, 90th percentile).

    PYTHONPATH=. .venv/bin/python benchmarks/hub_proxy.py [--requests 100]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from tests.net.authproxy import AuthProxy  # noqa: E402
from tests.schema_templates import migrated_sqlite  # noqa: E402
from tests.server.conftest import RunningHub  # noqa: E402
from whitephone.net.proxy import ProxyURL  # noqa: E402
from whitephone.sync.hub_client import HubClient  # noqa: E402


def _figures(times: list[float]) -> str:
    times = sorted(times)
    return f"median {statistics.median(times):6.2f} ms   p90 {times[int(len(times) * 0.9) - 1]:6.2f} ms"


def _measure(n: int, one: Callable[[], None]) -> list[float]:
    one()  # warm: imports, the first tunnel
    out = []
    for _ in range(n):
        start = time.perf_counter()
        one()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    os.environ.setdefault("KRB5_CONFIG", os.devnull)
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        os.environ.pop(name, None)
    a = argparse.ArgumentParser()
    a.add_argument("--requests", type=int, default=100)
    n = a.parse_args().requests
    work = Path(tempfile.mkdtemp(prefix="hub-proxy-bench-"))
    db = migrated_sqlite(work / "hub.sqlite3")
    hub = RunningHub(f"sqlite:///{db}", work / "hub", host="127.0.0.2")
    admin = HubClient(hub.base)
    tokens = admin.register("Acme", "Ann", "ann@example.com", "password123")
    admin.close()
    headers = {"Authorization": f"Bearer {tokens.access_token}"}

    def ours(setting: str) -> tuple[list[float], list[float]]:
        kept = HubClient(hub.base, tokens, proxy=setting)
        k = _measure(n, lambda: kept.me())
        kept.close()

        def fresh() -> None:
            c = HubClient(hub.base, tokens, proxy=setting)
            c.me()
            c.close()

        return k, _measure(n, fresh)

    with httpx.Client(base_url=hub.base, headers=headers, timeout=15.0) as plain:
        kept = _measure(n, lambda: plain.get("/api/v1/me"))

    def plain_new() -> None:
        with httpx.Client(base_url=hub.base, headers=headers, timeout=15.0) as c:
            c.get("/api/v1/me")

    rows = [("before: httpx.Client", kept, _measure(n, plain_new)), ("ours, direct", *ours(""))]
    with AuthProxy(work / "open", []) as proxy:
        rows.append(("open proxy", *ours(proxy.url)))
    with AuthProxy(work / "ntlm", ["NTLM"], {"alice": "pw"}) as proxy:
        rows.append(("NTLM proxy", *ours(ProxyURL("127.0.0.1", proxy.port, "alice", "pw").url)))
    if shutil.which("tinyproxy") or Path("/usr/bin/tinyproxy").exists():
        from tests.sip.tlspeer import Tinyproxy

        tiny = Tinyproxy(work, allow_port=hub.port)
        try:
            rows.append(("tinyproxy", *ours(tiny.url)))
        finally:
            tiny.stop()
    hub.stop()
    for label, kept, new in rows:
        print(f"{label:22} kept: {_figures(kept)}   new: {_figures(new)}   ({n} requests)")


if __name__ == "__main__":
    main()
