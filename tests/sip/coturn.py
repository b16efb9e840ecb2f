"""A real coturn (Debian `coturn`) for tests: on 127.0.0.1, a free port, `use-auth-secret` with
the hub's HMAC scheme, relaying on loopback (`--relay-ip`, `--allow-loopback-peers`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import shutil
import socket
import subprocess
import time
from pathlib import Path

from whitephone.net import stun

TURNSERVER = shutil.which("turnserver") or "/usr/bin/turnserver"
AVAILABLE = Path(TURNSERVER).exists()
SECRET = "test-turn-secret-0123456789"


def free_udp_and_tcp_port() -> int:
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


def credentials(user_id: int = 1, secret: str = SECRET, ttl: int = 3600) -> tuple[str, str]:
    """The hub's ephemeral TURN credentials (GET /api/v1/sip/credentials computes the same)."""
    username = f"{int(time.time()) + ttl}:{user_id}"
    return username, base64.b64encode(hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()).decode()


class Coturn:
    """turnserver in the foreground; `log` is its log file (allocations are written there)."""

    def __init__(self, workdir: Path, *extra: str, listen: str = "127.0.0.1", relay_ip: str = "127.0.0.1",
                 port: int = 0, netns: str | None = None, tls: tuple[Path, Path, int] | None = None) -> None:
        """`tls`: (certificate, key, port) for TURN over TLS on that port (turns:)."""
        self.dir = workdir / f"coturn-{time.monotonic_ns()}"
        self.dir.mkdir(parents=True)
        self.host = listen
        self.port = port or free_udp_and_tcp_port()
        self.log = self.dir / "turn.log"
        relay_lo = 40000 + (self.port % 200) * 100  # its own relay range per instance
        cmd = [TURNSERVER, "-n", "--listening-ip", listen, "--listening-port", str(self.port),
               "--relay-ip", relay_ip, "--allow-loopback-peers", "--use-auth-secret",
               "--static-auth-secret", SECRET, "--realm", "whitephone.test",
               "--min-port", str(relay_lo), "--max-port", str(relay_lo + 99),
               *(["--cert", str(tls[0]), "--pkey", str(tls[1]), "--tls-listening-port", str(tls[2])] if tls
                 else ["--no-tls"]), "--no-dtls", "--no-cli", "--log-file", str(self.log), "--simple-log",
               "--pidfile", str(self.dir / "turn.pid"), "--userdb", str(self.dir / "turn.db"), "--verbose", *extra]
        if netns:
            cmd = ["ip", "netns", "exec", netns, *cmd]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        if netns is None:
            self._wait_alive()

    def _wait_alive(self, timeout: float = 20) -> None:
        user, password = credentials()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"turnserver exited: {self.log_text()[-2000:]}")
            if stun.allocate(self.host, self.port, user, password, "tcp", timeout=0.5).ok:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"turnserver did not answer: {self.log_text()[-2000:]}")

    @property
    def uri(self) -> str:
        return f"turn:{self.host}:{self.port}"

    def log_text(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.dir.glob("turn*.log")))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Coturn:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
