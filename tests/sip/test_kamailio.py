"""Registration with digest auth and a call between two registered accounts, through a real
Kamailio (Debian kamailio + kamailio-sqlite-modules) started by the test with its own config
(peers/kamailio/kamailio.cfg) and SQLite database."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.sip.agents import AgentProcess, dominant_frequency, tone

CONFIG = Path(__file__).parent / "peers" / "kamailio" / "kamailio.cfg"
SCHEMA = Path("/usr/share/kamailio/db_sqlite")
USERS = {"alice": "alice-Secret-1", "bob": "bob-Secret-2", "carol": "carol-Secret-3"}

pytestmark = [
    pytest.mark.sip, pytest.mark.xdist_group("sip"),
    pytest.mark.skipif(shutil.which("kamailio") is None and not Path("/usr/sbin/kamailio").exists(),
                       reason="kamailio is not installed (Debian kamailio + kamailio-sqlite-modules; "
                              "`make test` installs them)"),
]


def free_udp_and_tcp_port() -> int:
    """A port free for both UDP and TCP on 127.0.0.1 (Kamailio listens on both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
            t.bind(("127.0.0.1", 0))
            port = t.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
                try:
                    u.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no port free for both UDP and TCP")


class Kamailio:
    """Kamailio in the foreground (-DD -E) on a free port, its log in workdir/kamailio.log."""

    def __init__(self, workdir: Path, users: dict[str, str], edit=None) -> None:
        self.dir = workdir / "kamailio"
        (self.dir / "run").mkdir(parents=True)
        db = self.dir / "kamailio.sqlite"
        with sqlite3.connect(db) as con:
            for script in ("standard-create.sql", "auth_db-create.sql"):
                con.executescript((SCHEMA / script).read_text())
            con.executemany("INSERT INTO subscriber (username, domain, password) VALUES (?, '127.0.0.1', ?)",
                            users.items())
        con.close()
        self.port = free_udp_and_tcp_port()
        cfg = self.dir / "kamailio.cfg"
        text = CONFIG.read_text().replace("@SIP_PORT@", str(self.port)).replace("@DB_PATH@", str(db))
        cfg.write_text(edit(text) if edit else text)  # `edit`: a test's changes to the config
        self.log = self.dir / "kamailio.log"
        kamailio = shutil.which("kamailio") or "/usr/sbin/kamailio"
        with open(self.log, "w") as out:  # its own process group: its workers go with it
            self.proc = subprocess.Popen([kamailio, "-f", str(cfg), "-DD", "-E", "-Y", str(self.dir / "run"),
                                          "-w", str(self.dir), "-m", "32", "-M", "4"],
                                         stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        try:
            self._wait_alive()
        except BaseException:
            self.stop()
            raise

    def _wait_alive(self, timeout: float = 20) -> None:
        """Ask with OPTIONS (answered 200 by the config) until Kamailio answers."""
        probe = (f"OPTIONS sip:127.0.0.1:{self.port} SIP/2.0\r\n"
                 "Via: SIP/2.0/UDP 127.0.0.1:{lport};branch=z9hG4bK-probe{n}\r\n"
                 "From: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:127.0.0.1>\r\n"
                 "Call-ID: probe-{n}\r\nCSeq: {n} OPTIONS\r\nMax-Forwards: 5\r\nContent-Length: 0\r\n\r\n")
        end = time.monotonic() + timeout
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.settimeout(0.2)
            n = 0
            while time.monotonic() < end:
                if self.proc.poll() is not None:
                    break
                n += 1
                s.sendto(probe.format(lport=s.getsockname()[1], n=n).encode(), ("127.0.0.1", self.port))
                try:
                    if s.recv(4096).startswith(b"SIP/2.0 200"):
                        return
                except TimeoutError:
                    pass
        raise AssertionError(f"Kamailio did not come up (exit {self.proc.poll()}):\n{self.output()[-4000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def uri(self, user: str = "") -> str:
        return f"sip:{user + '@' if user else ''}127.0.0.1:{self.port}"

    def stop(self) -> None:
        """SIGTERM (the main process stops its workers); if that hangs, SIGKILL to the whole group,
        or orphaned workers would keep the port."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # workers still exiting, or a hung main process
        except ProcessLookupError:
            pass
        self.proc.wait()


@pytest.fixture
def kamailio(tmp_path):
    k = Kamailio(tmp_path, USERS)
    yield k
    k.stop()


def registered_agent(k: Kamailio, user: str, password: str, *args: str, ipc: bool = False,
                     transport: str = "udp") -> AgentProcess:
    env = {**os.environ, "WP_SIP_PASSWORD": password}
    tcp = ";transport=tcp" if transport == "tcp" else ""
    return AgentProcess("--transport", transport, "--account", k.uri(user), "--registrar", k.uri() + tcp,
                        "--user", user, "--password-env", "WP_SIP_PASSWORD", *args, ipc=ipc, env=env)


def test_digest_registration_and_refusals_with_their_reason(kamailio):
    with registered_agent(kamailio, "alice", USERS["alice"], "--no-audio") as alice, \
            registered_agent(kamailio, "bob", "not-" + USERS["bob"], "--no-audio") as wrong_password, \
            registered_agent(kamailio, "mallory", "whatever", "--no-audio") as unknown_user:
        ok = alice.wait_for("registered")
        challenged = wrong_password.wait_for("registration_failed")
        forbidden = unknown_user.wait_for("registration_failed")
        assert ok["code"] == 200 and ok["expires"] > 0 and ok["account"] == "default"
        # the code and the registrar's own words reach the status bar
        assert (challenged["code"], challenged["reason"]) == (401, "Unauthorized"), challenged
        assert (forbidden["code"], forbidden["reason"]) == (403, "Unknown User"), forbidden
        for refused in (wrong_password, unknown_user):
            assert not [e for e in refused.events if e["event"] == "registered"]
            assert refused.proc.poll() is None  # a refused registration is reported, not fatal
        assert alice.stop() == 0 and wrong_password.stop() == 0 and unknown_user.stop() == 0
    log = kamailio.output()
    assert "REQ REGISTER sip:127.0.0.1" in log and "from sip:alice@127.0.0.1" in log


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_call_between_registered_accounts_through_kamailio(kamailio, tmp_path, transport):
    with registered_agent(kamailio, "bob", USERS["bob"], "--answer", "--once",
                          "--play", str(tone(tmp_path / "bob.wav", 1000)),
                          "--record", str(tmp_path / "heard-by-bob.wav"), transport=transport) as bob, \
            registered_agent(kamailio, "alice", USERS["alice"],
                             "--play", str(tone(tmp_path / "alice.wav", 440)),
                             "--record", str(tmp_path / "heard-by-alice.wav"), "--hangup-after", "2",
                             ipc=True, transport=transport) as alice:
        bob.wait_for("registered")
        alice.wait_for("registered")
        tcp = ";transport=tcp" if transport == "tcp" else ""
        alice.send(cmd="call", uri=kamailio.uri("carol") + tcp)  # a subscriber who is not registered
        not_found = alice.wait_for("ended")
        assert (not_found["code"], not_found["reason"]) == (404, "Not Found"), not_found
        alice.reset()
        alice.send(cmd="call", uri=kamailio.uri("bob") + tcp)
        incoming = bob.wait_for("incoming")
        media = alice.wait_for("media", status="active")
        ended = alice.wait_for("ended")
        bob_ended = bob.wait_for("ended")
        assert bob.proc.wait(15) == 0
        alice.send(cmd="quit")
        assert alice.proc.wait(15) == 0
    assert "sip:alice@127.0.0.1" in incoming["remote_uri"]
    assert media["codec"] == "G722"
    assert ended["code"] == 200 and ended["duration"] > 1 and bob_ended["code"] == 200
    log = kamailio.output()
    invites = [ln for ln in log.splitlines() if "REQ INVITE sip:bob@127.0.0.1" in ln]
    assert invites and all(f"over {transport} " in ln for ln in invites), log[-3000:]
    assert "relay INVITE to sip:bob@127.0.0.1:" in log, log[-3000:]  # to bob's registered contact
    for heard, freq in (("heard-by-bob.wav", 440), ("heard-by-alice.wav", 1000)):
        f, rms = dominant_frequency(tmp_path / heard)
        assert abs(f - freq) < 15 and rms > 1000, (heard, f, rms)
