"""SIP names are resolved by pjsip's asynchronous resolver against the system's DNS servers, so a
DNS server that never answers freezes nothing: commands (a hang-up too) are answered while the
look-up is still pending (issue 11.7)."""

from __future__ import annotations

import random
import socket
import threading

import pytest

from tests.sip.agents import AgentProcess
from whitephone.sip.engine import system_nameservers

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


class BlackHoleDns:
    """A UDP "DNS server" on 127.x.y.z:53 that counts the queries and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for _ in range(20):
            self.ip = f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(2, 254)}"
            try:
                self.sock.bind((self.ip, 53))
                break
            except PermissionError:
                pytest.skip("binding port 53 needs root (or CAP_NET_BIND_SERVICE)")
            except OSError:
                continue
        self.queries: list[bytes] = []
        self.sock.settimeout(0.2)
        self._stop = False
        threading.Thread(target=self._listen, daemon=True).start()

    def _listen(self) -> None:
        while not self._stop:
            try:
                data, _ = self.sock.recvfrom(2048)
            except OSError:
                continue
            self.queries.append(data)

    def close(self) -> None:
        self._stop = True
        self.sock.close()


def test_a_dns_server_that_never_answers_freezes_no_command():
    dns = BlackHoleDns()
    try:
        with AgentProcess("--no-audio", "--nameserver", dns.ip, ipc=True) as me:
            me.send(cmd="call", uri="sip:bob@pbx.slow-dns.example", req=1)
            call = me.wait_for("calling", req=1)["call"]  # the INVITE waits for the name; the engine does not
            me.send(cmd="audio_stats", req=2)
            me.send(cmd="hangup", call=call, req=3)
            me.wait_for("ok", req=3)
            kinds = [(e["event"], e.get("req"), e.get("call")) for e in me.events]
            assert ("ok", 2, None) in kinds and ("ended", None, call) not in kinds[:kinds.index(("ok", 2, None))]
            ended = me.wait_for("ended", call=call, timeout=60)
            assert ended["direction"] == "out"
        assert dns.queries  # pjsip asked our DNS server (SRV first, RFC 3263)
        assert any(b"_sip" in q for q in dns.queries), dns.queries
    finally:
        dns.close()


def test_the_system_nameservers_are_read_from_resolv_conf(tmp_path):
    conf = tmp_path / "resolv.conf"
    conf.write_text("# comment\nsearch example.com\nnameserver 192.0.2.53\nnameserver fe80::1%eth0\n"
                    "nameserver not-an-ip\noptions ndots:2\n")
    assert system_nameservers(str(conf)) == ["192.0.2.53", "fe80::1"]
    assert system_nameservers(str(tmp_path / "missing")) == []


def test_a_nameserver_that_is_not_an_ip_address_is_refused():
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "whitephone", "agent", "--no-audio", "--nameserver", "dns.example"],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 2 and "expected an IP address" in p.stderr
