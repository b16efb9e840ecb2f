"""Issue 16, signalling figures on 127.0.0.1: time from Call to ringing per rung (UDP, TCP, TLS,
TLS inside an HTTP CONNECT tunnel through tinyproxy), the TLS relay's CPU during a long call, and
the bytes a call's signalling costs on the wire per rung.

    PYTHONPATH=. python benchmarks/reach.py [--calls 10] [--seconds 60]

The callee is a plain-TCP `whitephone agent` (answers after 1 s, plays a tone) behind a TLS
terminator (tests/sip/tlspeer.py, a test CA made with openssl). A byte-counting TCP tap sits in
front of the callee (TCP) or of the terminator (TLS), so "wire bytes" are what crossed it: plain
SIP for TCP, TLS records for TLS (a tunnel's CONNECT exchange, ~150 bytes, is not counted). Media
(RTP) goes directly between the agents on every rung (TURN is part 2 of the issue).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.sip.agents import AgentProcess, tone  # noqa: E402
from tests.sip.tlspeer import CertAuthority, Tinyproxy, TlsTerminator  # noqa: E402


class Tap:
    """127.0.0.1:port → 127.0.0.1:backend, counting the bytes each way."""

    def __init__(self, backend: int) -> None:
        self.backend, self.bytes = backend, 0
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _handle(self, r, w) -> None:
        br, bw = await asyncio.open_connection("127.0.0.1", self.backend)

        async def pipe(src, dst):
            try:
                while data := await src.read(65536):
                    self.bytes += len(data)
                    dst.write(data)
                    await dst.drain()
            except OSError:
                pass
            finally:
                dst.close()
        await asyncio.gather(pipe(r, bw), pipe(br, w))


def process_cpu(pid: int) -> float:
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_calls(agent: AgentProcess, uri: str, calls: int, talk: float = 0.0) -> list[float]:
    """Call → 180 Ringing, in ms (the engine's own event times), for `calls` calls."""
    out = []
    for _ in range(calls):
        agent.reset()
        agent.send(cmd="call", uri=uri)
        calling = agent.wait_for("calling", timeout=30)
        early = agent.wait_for("state", state="early", call=calling["call"], timeout=30)
        out.append((early["t"] - calling["t"]) * 1000)
        agent.wait_for("state", state="confirmed", call=calling["call"], timeout=30)
        time.sleep(talk)
        agent.send(cmd="hangup", call=calling["call"])
        agent.wait_for("ended", call=calling["call"], timeout=30)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60.0, help="length of the call the relay's CPU is measured on")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wp-reach-"))
    ca = CertAuthority(work)
    cert, key = ca.server("peer")
    song = tone(work / "tone.wav", 440, 5)
    results: dict[str, dict] = {}
    with AgentProcess("--transport", "tcp", "--answer", "--after", "1", "--no-audio", "--play", str(song)) as udp_peer, \
            AgentProcess("--transport", "tcp", "--answer", "--after", "1", "--no-audio", "--play", str(song)) as peer:
        tcp_tap = Tap(peer.ready["port"])
        term = TlsTerminator(cert, key, peer.ready["port"])
        tls_tap = Tap(term.port)
        proxy = Tinyproxy(work, allow_port=tls_tap.port)
        rungs = {
            "udp": ([], f"sip:test@{udp_peer.ready['address']}", None),
            "tcp": (["--transport", "tcp"], f"sip:test@127.0.0.1:{tcp_tap.port};transport=tcp", tcp_tap),
            "tls": (["--transport", "tls", "--ca-file", str(ca.ca)], f"sips:test@127.0.0.1:{tls_tap.port}", tls_tap),
            "tls-proxy": (["--transport", "tls", "--ca-file", str(ca.ca), "--proxy", proxy.url],
                          f"sips:test@127.0.0.1:{tls_tap.port}", tls_tap),
        }
        try:
            for name, (flags, uri, tap) in rungs.items():
                server = [f"--tls-server=127.0.0.1:{tls_tap.port}"] if name.startswith("tls") else []
                with AgentProcess("--no-audio", "--play", str(song), *flags, *server, ipc=True) as agent:
                    before = tap.bytes if tap else 0
                    ms = run_calls(agent, uri, a.calls)
                    per_call = (tap.bytes - before) / a.calls if tap else None
                    results[name] = {"ring_ms_median": round(statistics.median(ms), 1),
                                     "ring_ms_max": round(max(ms), 1), "wire_bytes_per_call": per_call}
                    if name.startswith("tls"):
                        agent.reset()
                        agent.send(cmd="relay_stats")
                        stats0 = agent.wait_for("relay_stats")
                        cpu0 = process_cpu(agent.proc.pid)
                        run_calls(agent, uri, 1, talk=a.seconds)
                        agent.reset()
                        agent.send(cmd="relay_stats")
                        stats1 = agent.wait_for("relay_stats")
                        cpu1 = process_cpu(agent.proc.pid)
                        results[name]["relay_cpu_s_per_call"] = round((stats1["cpu_s"] or 0) - (stats0["cpu_s"] or 0), 3)
                        results[name]["engine_cpu_s_per_call"] = round(cpu1 - cpu0, 2)
                        results[name]["call_seconds"] = a.seconds
                        results[name]["sip_bytes_per_call"] = round(
                            stats1["bytes_in"] + stats1["bytes_out"] - stats0["bytes_in"] - stats0["bytes_out"])
                print(name, json.dumps(results[name]), flush=True)
        finally:
            proxy.stop()
            term.close()
    if "tcp" in results and results["tcp"]["wire_bytes_per_call"]:
        base = results["tcp"]["wire_bytes_per_call"]
        for name in ("tls", "tls-proxy"):
            if name in results:
                results[name]["wire_vs_tcp"] = round(results[name]["wire_bytes_per_call"] / base, 2)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
