"""What authenticating to the HTTP proxy costs each tunnel the relay opens: CONNECT through the
test proxy (tests/net/authproxy.py, pyspnego's server side) without authentication, with Basic,
NTLM and Negotiate(NTLM), to an echo server on 127.0.0.1; the first tunnel apart (it loads
pyspnego and cryptography). Prints milliseconds per tunnel (median, 90th percentile).

    PYTHONPATH=. .venv/bin/python benchmarks/proxy_auth.py [--tunnels 40]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.net.authproxy import AuthProxy  # noqa: E402
from whitephone.net.proxy import ProxyURL, tunnel_socket  # noqa: E402


def _echo() -> int:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)

    def run():
        while True:
            conn, _ = srv.accept()
            with conn:
                conn.sendall(conn.recv(100))

    threading.Thread(target=run, daemon=True).start()
    return srv.getsockname()[1]


def main() -> None:
    os.environ.setdefault("KRB5_CONFIG", os.devnull)  # Negotiate: no Kerberos attempt at the machine's realm
    a = argparse.ArgumentParser()
    a.add_argument("--tunnels", type=int, default=40)
    args = a.parse_args()
    port = _echo()
    work = Path(tempfile.mkdtemp(prefix="proxy-auth-bench-"))
    for label, offers, user in (("none", [], ""), ("Basic", ["Basic"], "alice"), ("NTLM", ["NTLM"], "alice"),
                                ("Negotiate(NTLM)", ["Negotiate"], "alice")):
        with AuthProxy(work / label, offers, {"alice": "pw"}) as proxy:  # no offers: an open proxy
            url = ProxyURL("127.0.0.1", proxy.port, user, "pw")
            times = []
            for i in range(args.tunnels + 1):
                start = time.perf_counter()
                with tunnel_socket(url, "127.0.0.1", port, 5) as sock:
                    sock.sendall(b"x")
                    sock.recv(1)
                ms = (time.perf_counter() - start) * 1000
                if i == 0:
                    first = ms
                else:
                    times.append(ms)
            times.sort()
            print(f"{label:16} first {first:6.1f} ms   median {statistics.median(times):5.1f} ms   "
                  f"p90 {times[int(len(times) * 0.9) - 1]:5.1f} ms   ({args.tunnels} tunnels)")


if __name__ == "__main__":
    main()
