"""Test helpers for TLS signalling: a test CA and server certificates made with `openssl`, a TLS
terminator (TLS on a free port, each connection carried to a plain TCP SIP peer: an agent or
Kamailio), and tinyproxy as an HTTP CONNECT proxy that allows only the terminator's port."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


class CertAuthority:
    """A CA (ca.pem) and server certificates signed by it or self-signed, in `workdir`."""

    def __init__(self, workdir: Path) -> None:
        self.dir = workdir / "pki"
        self.dir.mkdir(parents=True, exist_ok=True)
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                 "-days", "2", "-subj", "/CN=WhitePhone Test CA", cwd=self.dir)
        self.ca = self.dir / "ca.pem"

    def server(self, name: str, san: str = "DNS:localhost,IP:127.0.0.1", expired: bool = False,
               self_signed: bool = False) -> tuple[Path, Path]:
        """(certificate, key) for a server; `expired`: valid only in the past."""
        key, csr, crt = (self.dir / f"{name}.{x}" for x in ("key", "csr", "pem"))
        ext = self.dir / f"{name}.ext"
        ext.write_text(f"subjectAltName={san}\n")
        if self_signed:
            _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.name, "-out", crt.name,
                     "-days", "2", "-subj", f"/CN={name}", "-addext", f"subjectAltName={san}", cwd=self.dir)
            return crt, key
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.name, "-out", csr.name,
                 "-subj", f"/CN={name}", cwd=self.dir)
        if expired:  # `openssl ca` takes explicit dates: a certificate that ended yesterday
            db = self.dir / "index.txt"
            db.touch()
            (self.dir / "serial").write_text("1000\n")
            conf = self.dir / "ca.cnf"
            conf.write_text("[ca]\ndefault_ca=t\n[t]\ndatabase=index.txt\nserial=serial\nnew_certs_dir=.\n"
                            "default_md=sha256\npolicy=p\ncopy_extensions=copy\nunique_subject=no\n"
                            "[p]\ncommonName=supplied\n")
            _openssl("ca", "-batch", "-config", conf.name, "-cert", "ca.pem", "-keyfile", "ca.key",
                     "-in", csr.name, "-out", crt.name, "-startdate", "20200101000000Z",
                     "-enddate", "20200102000000Z", "-extfile", ext.name, "-notext", cwd=self.dir)
        else:
            _openssl("x509", "-req", "-in", csr.name, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", crt.name, "-days", "2", "-extfile", ext.name, cwd=self.dir)
        return crt, key


class TlsTerminator:
    """TLS on 127.0.0.1:`port` (the given certificate); each connection is carried to
    127.0.0.1:`backend` over plain TCP. Counts the bytes it carries."""

    def __init__(self, cert: Path, key: Path, backend: int, host: str = "127.0.0.1", port: int = 0) -> None:
        self.backend, self.host, self.port = backend, host, port
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)
        self.connections = 0
        self.bytes = 0
        self.backend_ports: list[int] = []  # our source ports towards the backend (what it logs)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._handle, self.host, self.port, ssl=self.ctx))
        self.port = self.server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _handle(self, r, w) -> None:
        self.connections += 1
        try:
            br, bw = await asyncio.open_connection("127.0.0.1", self.backend)
        except OSError:
            w.close()
            return
        self.backend_ports.append(bw.get_extra_info("sockname")[1])

        async def pipe(src, dst):
            try:
                while data := await src.read(65536):
                    self.bytes += len(data)
                    dst.write(data)
                    await dst.drain()
            except (OSError, ConnectionError):
                pass
            finally:
                dst.close()
        await asyncio.gather(pipe(r, bw), pipe(br, w))

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


class Tinyproxy:
    """tinyproxy on a free port of `host` (an IPv6 address too) allowing CONNECT to `allow_port`
    only, or to any port when it is None (Debian tinyproxy)."""

    def __init__(self, workdir: Path, allow_port: int | None, auth: tuple[str, str] | None = None,
                 host: str = "127.0.0.1", allow: str = "127.0.0.1") -> None:
        self.host = host
        self.dir = workdir / "tinyproxy"
        self.dir.mkdir(parents=True, exist_ok=True)
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            s.bind((host, 0))
            self.port = s.getsockname()[1]
        conf = self.dir / "tinyproxy.conf"
        lines = [f"Port {self.port}", f"Listen {host}", "Timeout 60", "MaxClients 20",
                 f"LogFile \"{self.dir / 'tinyproxy.log'}\"", "LogLevel Info", f"PidFile \"{self.dir / 'pid'}\"",
                 f"Allow {allow}"] + ([f"ConnectPort {allow_port}"] if allow_port is not None else [])
        if auth:
            lines.append(f"BasicAuth {auth[0]} {auth[1]}")
        conf.write_text("\n".join(lines) + "\n")
        exe = shutil.which("tinyproxy") or "/usr/bin/tinyproxy"
        self.proc = subprocess.Popen([exe, "-d", "-c", str(conf)], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        end = time.monotonic() + 15
        while time.monotonic() < end:
            try:
                socket.create_connection((host, self.port), 0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("tinyproxy did not come up")

    @property
    def url(self) -> str:
        return f"http://[{self.host}]:{self.port}" if ":" in self.host else f"http://{self.host}:{self.port}"

    def log(self) -> str:
        p = self.dir / "tinyproxy.log"
        return p.read_text(errors="replace") if p.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class TlsServer:
    """A TLS server on 127.0.0.1 that records what each connection sent and answers with `replies`
    (bytes sent right after the handshake, per connection in order)."""

    def __init__(self, cert: Path, key: Path, replies: list[bytes] | None = None) -> None:
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.replies = list(replies or [])
        self.received: list[bytes] = []
        self.conns: list[ssl.SSLSocket] = []
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        try:
            conn = self.ctx.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            return
        self.conns.append(conn)
        index = len(self.received)
        self.received.append(b"")
        if self.replies:
            conn.sendall(self.replies.pop(0))
        conn.settimeout(5)
        try:
            while data := conn.recv(65536):
                self.received[index] += data
        except (OSError, ssl.SSLError):
            pass

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            try:
                c.close()
            except OSError:
                pass


def der_of(pem: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(pem.read_text())
