"""Network namespaces for reach tests (ip netns + nftables, as root): two clients `a`, `b` and a
server `s` (coturn) on their own subnets, joined by a router `r` whose nftables rules make the
profile (UDP blocked, symmetric NAT). Names carry a random suffix so parallel runs never meet;
everything is deleted at the end (the veth pairs go with their namespaces)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.sip.agents import AgentProcess

ROOT = Path(__file__).resolve().parents[2]
SUBNET = {"a": "10.77.1", "b": "10.77.2", "s": "10.77.3"}


def why_not() -> str:
    """Why namespaces cannot be used here ("" when they can)."""
    if os.geteuid() != 0:
        return "network namespaces need root"
    if shutil.which("ip") is None or shutil.which("nft") is None:
        return "ip (iproute2) and nft (nftables) are needed"
    name = f"wpprobe{uuid.uuid4().hex[:6]}"
    probe = subprocess.run(["ip", "netns", "add", name], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`ip netns add` is not permitted here: {probe.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    return ""


def _ip(*args: str, ns: str | None = None) -> None:
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {out.stderr.strip()}")


class Net:
    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:6]
        self.ns = {k: f"wp{tag}{k}" for k in ("a", "b", "s", "r")}
        self.made: list[str] = []
        try:
            for name in self.ns.values():
                _ip("ip", "netns", "add", name)
                self.made.append(name)
                _ip("ip", "link", "set", "lo", "up", ns=name)
            for side in ("a", "b", "s"):
                inner, outer = f"wp{tag}{side}0", f"wp{tag}r{side}"
                _ip("ip", "link", "add", inner, "type", "veth", "peer", "name", outer)
                _ip("ip", "link", "set", inner, "netns", self.ns[side])
                _ip("ip", "link", "set", outer, "netns", self.ns["r"])
                _ip("ip", "addr", "add", f"{SUBNET[side]}.2/24", "dev", inner, ns=self.ns[side])
                _ip("ip", "link", "set", inner, "up", ns=self.ns[side])
                _ip("ip", "route", "add", "default", "via", f"{SUBNET[side]}.1", ns=self.ns[side])
                _ip("ip", "addr", "add", f"{SUBNET[side]}.1/24", "dev", outer, ns=self.ns["r"])
                _ip("ip", "link", "set", outer, "up", ns=self.ns["r"])
            _ip("sysctl", "-qw", "net.ipv4.ip_forward=1", ns=self.ns["r"])
            self.tag = tag
        except BaseException:
            self.close()
            raise

    def addr(self, side: str) -> str:
        return f"{SUBNET[side]}.2"

    def router_iface(self, side: str) -> str:
        return f"wp{self.tag}r{side}"

    def rules(self, text: str) -> None:
        """nftables rules in the router."""
        out = subprocess.run(["ip", "netns", "exec", self.ns["r"], "nft", "-f", "-"], input=text,
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"nft: {out.stderr}")

    def block_udp(self) -> None:
        """Profile 1: the router forwards no UDP at all (TCP passes)."""
        self.rules("table inet wpfilter {\n chain wpforward { type filter hook forward priority 0; policy accept;"
                   " meta l4proto udp drop; }\n}\n")

    def symmetric_nat(self) -> None:
        """Profile 4: a and b each behind a symmetric NAT (masquerade with random ports towards the
        server's net); UDP between a and b is dropped (TCP for SIP passes)."""
        s = self.router_iface("s")
        a, b = self.router_iface("a"), self.router_iface("b")
        self.rules(
            "table ip wpnat {\n chain wppost { type nat hook postrouting priority 100;"
            f' oifname "{s}" masquerade random,fully-random; }}\n}}\n'
            "table inet wpfilter {\n chain wpforward { type filter hook forward priority 0; policy accept;"
            f' iifname "{a}" oifname "{b}" meta l4proto udp drop;'
            f' iifname "{b}" oifname "{a}" meta l4proto udp drop; }}\n}}\n')

    def popen(self, side: str, cmd: list[str], **kw) -> subprocess.Popen:
        return subprocess.Popen(["ip", "netns", "exec", self.ns[side], *cmd], **kw)

    def run(self, side: str, cmd: list[str], timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", self.ns[side], *cmd], capture_output=True, text=True,
                              timeout=timeout, **kw)

    def wait_listening(self, side: str, port: int, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if f":{port} " in self.run(side, ["ss", "-ltn"]).stdout:
                return
            time.sleep(0.2)
        raise RuntimeError(f"nothing listens on {side}:{port}")

    def close(self) -> None:
        for name in reversed(self.made):
            subprocess.run(["ip", "netns", "del", name], capture_output=True)
        self.made.clear()

    def __enter__(self) -> Net:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class NsAgent(AgentProcess):
    """A `whitephone agent` inside a namespace (AgentProcess's events and helpers)."""

    def __init__(self, net: Net, side: str, *args: str, env: dict | None = None) -> None:
        import queue
        import threading

        cmd = ["ip", "netns", "exec", net.ns[side], sys.executable, "-m", "whitephone", "agent", *args]
        env = dict(env or os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
        self.events: list[dict] = []
        self._q: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        try:
            self.ready = self.wait_for("ready", timeout=30)
        except BaseException:
            self.__exit__()
            raise
