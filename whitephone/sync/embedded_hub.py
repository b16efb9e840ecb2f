"""The embedded hub: `whitephone server` as a child process on the profile's data folder, for the
first-run choice "just this computer / my office".

Listens on 127.0.0.1 on a free port (or the one it had, so signed-in clients find it again);
`start()` returns once the hub answers HTTP; `stop()` asks it to finish (SIGTERM: uvicorn
closes its sockets and the database) and kills it only if it does not.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import socket
import ssl
import subprocess
import time
from pathlib import Path

from whitephone.selfcmd import whitephone_command
from whitephone.sync.hub_client import tls_for

log = logging.getLogger(__name__)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no obstacle
        try:
            s.bind((host, port))
            return True
        except OSError:
            return False


class EmbeddedHubError(RuntimeError):
    """The hub did not start; str() says why (with the end of its log)."""


class EmbeddedHub:
    """One `whitephone server` child process.

    `data_dir` holds its SQLite database, mail outbox, attachments and `hub.log`; the SIP
    secret is made once and kept in `data_dir/sip-secret` (readable by the user only)."""

    def __init__(self, data_dir: Path | str, *, host: str = "127.0.0.1", port: int | None = None,
                 db_url: str | None = None, certfile: Path | str | None = None,
                 keyfile: Path | str | None = None, extra_args: list[str] | None = None) -> None:
        """`certfile`/`keyfile`: serve HTTPS (for other computers of the office; clients then
        trust that certificate)."""
        self.data_dir = Path(data_dir)
        self.certfile, self.keyfile = certfile, keyfile
        self.host = host
        self.port = port
        self.db_url = db_url
        self.extra_args = list(extra_args or [])
        self.process: subprocess.Popen | None = None
        self.profile = None  # set by for_profile: the port is remembered there

    @classmethod
    def for_profile(cls, profile) -> EmbeddedHub:
        """The embedded hub of a profile: data in `profile.root / "hub"`, on the port it had
        last time (kept in the profile's settings, so the signed-in session's address stays
        valid); `start()` records the port it got."""
        saved = profile.get("embedded_hub") or {}
        hub = cls(profile.root / "hub", port=saved.get("port"))
        hub.profile = profile
        return hub

    @property
    def url(self) -> str:
        if self.port is None:
            raise EmbeddedHubError("the hub has not been started")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host  # every interface: reached here locally
        return f"{'https' if self.certfile else 'http'}://{host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "hub.log"

    def _secret(self) -> str:
        path = self.data_dir / "sip-secret"
        if path.exists():
            return path.read_text().strip()
        value = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(value)
        return value

    def start(self, timeout: float = 30.0) -> str:
        """Start the hub and wait until it answers; returns its URL."""
        if self.running:
            return self.url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.port is None or not _port_free(self.host, self.port):
            if self.port is not None:
                log.warning("port %s of the embedded hub is taken; moving it", self.port)
            self.port = free_port(self.host)
        if self.profile is not None:
            self.profile.set("embedded_hub", {"port": self.port})
        cmd = whitephone_command("server", "--host", self.host, "--port", str(self.port),
                                "--data", str(self.data_dir))
        if self.db_url:
            cmd += ["--db", self.db_url]
        if self.certfile:
            cmd += ["--ssl-certfile", str(self.certfile), "--ssl-keyfile", str(self.keyfile)]
        cmd += self.extra_args
        env = {**os.environ, "WHITEPHONE_SIP_SECRET": self._secret()}
        logf = open(self.log_path, "ab")  # noqa: SIM115 - the child writes it for its whole life
        try:
            self.process = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, env=env,
                                            stdin=subprocess.DEVNULL)
        finally:
            logf.close()
        import httpx  # with the hub, not when this module is imported (the window's, at start)

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EmbeddedHubError(f"the hub stopped at start-up (exit {self.process.returncode}): "
                                       f"{self._log_tail()}")
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=1.0, trust_env=False,  # loopback: never a proxy
                          verify=ssl.create_default_context(cafile=str(self.certfile)) if self.certfile
                          else tls_for(self.url, True))
                return self.url
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()
        raise EmbeddedHubError(f"the hub did not answer within {timeout:.0f} s: {self._log_tail()}")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop cleanly (SIGTERM), or kill after `timeout` seconds."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("embedded hub did not stop in %.0f s; killing it", timeout)
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """Kill at once (SIGKILL), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def _log_tail(self, n: int = 800) -> str:
        try:
            return self.log_path.read_text("utf-8", "replace")[-n:].strip()
        except OSError:
            return ""

    def __enter__(self) -> EmbeddedHub:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
