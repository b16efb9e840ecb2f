"""Issue 16 (part 2) figures: calls whose media goes direct, through coturn over UDP and TCP, and
through the reach profiles (1 UDP blocked, 4 symmetric NAT — both in network namespaces — and
5: 3 % loss with Normal(75 ms, 25 ms) delay in a user-space relay in front of coturn; 2 only TCP
443 open: TURN over TLS; 3 only an HTTP proxy: TURN over TLS in CONNECT, both in a namespace
whose nftables let out only that, tests/reach/test_turn_tls.py's set-up).

Per profile: time from Call to ringing (the caller's `calling` → `early` events), PESQ of speech
both ways (PCMU, narrowband; benchmarks/call_quality.py's espeak-ng speech and scoring), the rung
reached (the engine's `nat` and `media_path` events), and coturn's CPU time per second of call.

    sudo .venv/bin/python benchmarks/reach_media.py [--profiles direct turn-udp turn-tcp udp-blocked sym-nat loss
                                                                 only-443 proxy-only only-443-call proxy-only-call]
                                                    [--media '{"jb_max_ms": 160}'] [--jitter uniform] [--nice 0]

only-443-call and proxy-only-call are profiles 2 and 3 as whole calls through Kamailio (TLS on 443)
from a client namespace to a client on the open network (tests/reach/test_whole_calls.py).

Needs root for the namespaces, coturn, espeak-ng, sox and the pesq package (dev extras).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.call_quality import agent_cmd, references  # noqa: E402
from tests.reach.impair import ImpairedUdpRelay  # noqa: E402
from tests.reach.netns import Net, NsAgent, why_not  # noqa: E402
from tests.sip.agents import AgentProcess  # noqa: E402
from tests.sip.coturn import TURNSERVER, Coturn, credentials  # noqa: E402

SECRET = "test-turn-secret-0123456789"


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def one_call(make_agent, ref, work: Path, seconds: float, a_args: list[str], b_args: list[str], env: dict,
             turn_pid: int | None) -> dict:
    common = ["--codec", "PCMU", "--play", str(ref.wav)]
    with make_agent("b", "--answer", *common, "--record", str(work / "b_heard.wav"), *b_args, env=env) as b:
        uri = b.uri if "--transport" not in b_args else f"sip:b@{b.ready['address']};transport=tcp"
        cpu0 = cpu_seconds(turn_pid) if turn_pid else float("nan")
        with make_agent("a", "--call", uri, *common, "--record", str(work / "a_heard.wav"),
                        "--hangup-after", str(seconds), *a_args, env=env) as a:
            a.wait_for("ended", timeout=seconds + 60)
        b.wait_for("ended", timeout=30)
        cpu1 = cpu_seconds(turn_pid) if turn_pid else float("nan")
    calling = a.wait_for("calling")["t"]
    ringing = a.wait_for("state", state="early")["t"]
    path = next((e for e in a.events if e.get("event") == "media_path"), {})
    nat = next((e for e in a.events if e.get("event") == "nat"), {})
    return {"ringing_ms": round((ringing - calling) * 1000, 1),
            "pesq_a_to_b": round(ref.score(work / "b_heard.wav", work), 2),
            "pesq_b_to_a": round(ref.score(work / "a_heard.wav", work), 2),
            "path": f"{path.get('path', '?')}/{path.get('transport', '?')}",
            "turn_ladder": [f"{r['rung']}:{'ok' if r['ok'] else 'blocked'}" for r in nat.get("ladder", [])],
            "coturn_cpu_pct": round((cpu1 - cpu0) / seconds * 100, 2) if turn_pid else None,
            **({"jb_a": jitter_buffer(a), "jb_b": jitter_buffer(b)} if isinstance(a, LabAgent) else {})}


def tls_profile(profile: str, ref, folder: Path, seconds: float) -> dict:
    """Profiles 2 and 3: the agents in a namespace whose only way out is TCP 443 (TURN over TLS) or
    the HTTP proxy (TURN over TLS in CONNECT); the tunnel's bytes counted by nftables."""
    from tests.reach.test_turn_tls import TLS_PORT, Stack

    stack = Stack(folder)
    try:
        port = TLS_PORT if profile == "only-443" else stack.proxy.port
        stack.allow_only(f"ip daddr {stack.host} tcp dport {port} counter accept")
        turn_args, env = stack.turn_args(1)
        env.update({"https_proxy": stack.proxy.url, "no_proxy": ""} if profile == "proxy-only" else {"no_proxy": "*"})
        nat = ["--transport", "udp", "--ice-max-host", "0", *turn_args]

        def ns_agent(_side, *a, env=None):
            return AgentProcess("--listen", f"{stack.net.ns_ip}:0", *a, env=env, prefix=stack.net.prefix)

        result = one_call(ns_agent, ref, folder, seconds, nat, nat, env, stack.turn.proc.pid)
        out = subprocess.run([*stack.net.prefix, "nft", "list", "table", "inet", "wp"], capture_output=True,
                             text=True).stdout
        sent = int(out.split("bytes", 1)[1].split()[0]) if "bytes" in out else 0
        # both agents' outgoing TCP (IP headers included) per second of call per audio stream, against
        # direct PCMU RTP: 50 packets/s of 160 + 12 RTP + 8 UDP + 20 IP = 10000 bytes/s
        result["tunnel_bytes_per_s_per_stream"] = round(sent / 2 / seconds)
        result["direct_rtp_bytes_per_s"] = 10000
        return result
    finally:
        stack.close()


def whole_call_profile(profile: str, ref, folder: Path) -> dict:
    """Profiles 2 and 3 as whole calls (tests/reach/test_whole_calls.py): Ann in a namespace that
    lets out only TCP 443 / only the HTTP proxy registers with Kamailio (TLS on 443) by the ladder
    and calls Bob on the open network through it; media over TURN TLS / TLS in CONNECT. Ringing is
    Call → 180 through Kamailio; the tunnel's bytes are all Ann's outgoing bytes (nftables counter:
    SIP and media) per second of call, against direct PCMU RTP."""
    from tests.reach.test_whole_calls import PROFILES, WholeStack, whole_call

    whole = WholeStack(folder)
    try:
        pid = whole.media.turn.proc.pid
        marks: list[tuple[float, float, int]] = []

        def counted() -> int:
            out = subprocess.run([*whole.media.net.prefix, "nft", "list", "table", "inet", "wp"], capture_output=True,
                                 text=True).stdout
            return int(out.split("bytes", 1)[1].split()[0]) if "bytes" in out else 0

        def mark(_ann) -> None:
            marks.append((time.monotonic(), cpu_seconds(pid), counted()))

        r = whole_call(whole, ref, folder, profile, on_confirmed=mark)
        ann, bob = r["ann"], r["bob"]
        (t0, c0, b0), (t1, c1, b1) = marks
        ladder = ann.wait_for("ladder")
        return {"ringing_ms": r["ringing_ms"],
                "pesq_a_to_b": round(ref.score(folder / "b_heard.wav", folder), 2),
                "pesq_b_to_a": round(ref.score(folder / "a_heard.wav", folder), 2),
                "signalling": f"{ladder['rung']}:{ladder['port']}",
                "signalling_ladder": [f"{t['rung']}:{'ok' if t['ok'] else 'blocked'}" for t in ladder["tried"]],
                "path": f"{ann.wait_for('media_path').get('path')}/{ann.wait_for('media_path').get('transport')}",
                "turn_ladder": [f"{x['rung']}:{'ok' if x['ok'] else 'blocked'}" for x in ann.wait_for("nat")["ladder"]],
                "bob_path": f"{bob.wait_for('media_path').get('path')}/{bob.wait_for('media_path').get('transport')}",
                "coturn_cpu_pct": round((c1 - c0) / (t1 - t0) * 100, 2),
                "ann_out_bytes_per_s": round((b1 - b0) / (t1 - t0)), "direct_rtp_bytes_per_s": 10000,
                "expected_rung": PROFILES[profile][2]}
    finally:
        whole.close()


MEDIA: dict = {}  # --media: EngineConfig overrides (benchmarks/call_quality.py's `_agent`)


class LabAgent(AgentProcess):
    """A local agent with EngineConfig overrides and pjmedia's jitter-buffer counters
    (`jitter_buffer` events twice a second), through benchmarks/call_quality.py's `_agent`."""

    def __init__(self, *args: str, env: dict | None = None) -> None:
        import queue
        import threading

        self.proc = subprocess.Popen(agent_cmd(MEDIA, *args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.events: list[dict] = []
        self._q: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.ready = self.wait_for("ready")
        except BaseException:
            self.__exit__()
            raise


def local_agent(_side, *args, env=None):
    return LabAgent(*args, env=env)


def jitter_buffer(agent) -> dict:
    jb = [e for e in agent.events if e.get("event") == "jitter_buffer"]
    return {k: jb[-1][k] for k in ("avg_delay_ms", "max_delay_ms", "prefetch", "lost", "discard", "empty")} if jb \
        else {}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--profiles", nargs="+",
                   default=["direct", "turn-udp", "turn-tcp", "udp-blocked", "sym-nat", "loss", "only-443",
                            "proxy-only", "only-443-call", "proxy-only-call"])
    p.add_argument("--media", default="{}", help='EngineConfig overrides for local agents, e.g. \'{"jb_init_ms": 120}\'')
    p.add_argument("--jitter", choices=("normal", "uniform"), default="normal",
                   help="profile 5's delay: Normal(75, 25) ms (default) or uniform 25..125 ms")
    p.add_argument("--nice", type=int, default=-10,
                   help="niceness of this script (its impairing relay) and everything it starts, as root (default "
                        "-10, as benchmarks/call_quality.py: other work on the machine otherwise delays the relay's "
                        "thread and the agents' clocks and shows up as jitter and gaps; 0 = as started)")
    args = p.parse_args()
    MEDIA.update(json.loads(args.media))
    if args.nice and os.geteuid() == 0:
        os.nice(args.nice)
    work = Path(tempfile.mkdtemp(prefix="reach-media-"))
    ref = references(work, ["PCMU"])["PCMU"]
    seconds = 14.0
    user, password = credentials(1, SECRET)
    env = dict(os.environ, WP_TURN_PASSWORD=password, PYTHONPATH=str(ROOT))
    creds = ["--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD"]
    results = {}
    for profile in args.profiles:
        folder = work / profile
        folder.mkdir()
        print(f"{profile} ...", flush=True)
        if profile == "direct":
            results[profile] = one_call(local_agent, ref, folder, seconds, [], [], env, None)
        elif profile in ("turn-udp", "turn-tcp"):
            extra = ["--no-udp"] if profile == "turn-tcp" else []
            with Coturn(folder, *extra) as server:
                nat = ["--turn", server.uri, *creds, "--ice-max-host", "0"]
                results[profile] = one_call(local_agent, ref, folder, seconds, nat, nat, env, server.proc.pid)
        elif profile == "loss":
            with Coturn(folder) as server, ImpairedUdpRelay(("127.0.0.1", server.port),
                                                                     uniform=args.jitter == "uniform") as relay:
                b = ["--turn", f"{server.uri}?transport=udp", *creds, "--ice-max-host", "0"]
                a = ["--turn", f"turn:127.0.0.1:{relay.port}?transport=udp", *creds, "--ice-max-host", "0"]
                results[profile] = one_call(local_agent, ref, folder, seconds, a, b, env, server.proc.pid)
                results[profile]["relay"] = dict(relay.stats)
        elif profile in ("only-443-call", "proxy-only-call"):
            if why_not():
                results[profile] = {"skipped": why_not()}
                continue
            results[profile] = whole_call_profile(profile.removesuffix("-call"), ref, folder)
        elif profile in ("only-443", "proxy-only"):
            if why_not():
                results[profile] = {"skipped": why_not()}
                continue
            results[profile] = tls_profile(profile, ref, folder, seconds)
        elif profile in ("udp-blocked", "sym-nat"):
            if why_not():
                results[profile] = {"skipped": why_not()}
                continue
            with Net() as net:
                if profile == "udp-blocked":
                    net.block_udp()
                else:
                    net.symmetric_nat()
                ip = net.addr("s")
                turn = net.popen("s", [TURNSERVER, "-n", "--listening-ip", ip, "--listening-port", "3478",
                                       "--relay-ip", ip, "--use-auth-secret", "--static-auth-secret", SECRET,
                                       "--realm", "whitephone.test", "--no-tls", "--no-dtls", "--no-cli",
                                       "--log-file", str(folder / "turn.log"), "--simple-log",
                                       "--pidfile", str(folder / "turn.pid"), "--userdb", str(folder / "turndb")])
                net.wait_listening("s", 3478)
                try:
                    nat = ["--turn", f"turn:{ip}:3478", *creds, "--transport", "tcp"]

                    def ns_agent(side, *a, env=None, net=net):
                        return NsAgent(net, side, "--listen", f"{net.addr(side)}:0", *a, env=env)

                    # `ip netns exec` execs coturn: the child's pid is coturn's
                    results[profile] = one_call(ns_agent, ref, folder, seconds, nat, nat, env, turn.pid)
                finally:
                    turn.terminate()
                    turn.wait(10)
        print(f"  {json.dumps(results[profile])}", flush=True)
    print(json.dumps({"offline_pcmu_pesq": round(ref.offline, 2), **results}, indent=1))


if __name__ == "__main__":
    main()
