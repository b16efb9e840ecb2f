"""packaging/stack/up.sh --test for tests: Kamailio + coturn + the hub behind nginx on free ports
of 127.0.0.1 under a temporary folder, and helpers to sign two users in and run their agents."""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
UP = ROOT / "packaging" / "stack" / "up.sh"
NEEDS = {"kamailio": "/usr/sbin/kamailio", "turnserver": "/usr/bin/turnserver", "nginx": "/usr/sbin/nginx",
         "openssl": "/usr/bin/openssl"}
MODULES = Path("/usr/lib/x86_64-linux-gnu/kamailio/modules")


def missing() -> str:
    """Why the stack cannot run here ("" when it can)."""
    gone = [n for n, p in NEEDS.items() if not (shutil.which(n) or Path(p).exists())]
    for mod, pkg in (("auth_ephemeral.so", "kamailio-autheph-modules"), ("tls.so", "kamailio-tls-modules")):
        if not any(Path(d).joinpath(mod).exists() for d in (MODULES, "/usr/lib/kamailio/modules")):
            gone.append(pkg)
    return f"not installed: {', '.join(gone)} (`make deb-deps` installs them)" if gone else ""


def _free_ports(n: int) -> list[int]:
    """n ports free for both TCP and UDP on 127.0.0.1."""
    ports: list[int] = []
    socks = []
    while len(ports) < n:
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.bind(("127.0.0.1", 0))
        port = t.getsockname()[1]
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(("127.0.0.1", port))
        except OSError:
            t.close()
            u.close()
            continue
        socks += [t, u]
        ports.append(port)
    for s in socks:
        s.close()
    return ports


class Stack:
    def __init__(self, workdir: Path) -> None:
        self.dir = workdir / "stack"
        names = ["SIP_PORT", "TLS_PORT", "TLS_PORT_443", "TURN_PORT", "TURNS_PORT", "HUB_PORT", "HTTPS_PORT"]
        self.ports = dict(zip(names, map(str, _free_ports(len(names))), strict=True))
        base = 20000 + int(self.ports["TURN_PORT"]) % 400 * 100  # a relay range of its own
        self.ports.update(RELAY_MIN=str(base), RELAY_MAX=str(base + 99))
        env = dict(os.environ, PYTHON=sys.executable, PYTHONPATH=str(ROOT), **self.ports)
        proc = subprocess.run([str(UP), "--test", "--dir", str(self.dir)], env=env, capture_output=True, text=True,
                              timeout=180)
        if proc.returncode != 0:
            self.down()
            raise RuntimeError(f"up.sh failed ({proc.returncode}): {proc.stdout}\n{proc.stderr}")
        self.env = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
        self.url, self.ca = self.env["HUB_URL"], self.env["CA_FILE"]
        self.http = httpx.Client(base_url=self.url, verify=ssl.create_default_context(cafile=self.ca), timeout=30)

    @property
    def sip_port(self) -> int:
        return int(self.ports["SIP_PORT"])

    def users(self) -> list[dict]:
        """A company with two users; each one's id and SIP/TURN credentials from the hub."""
        admin = self.http.post("/api/v1/register", json={"company": "Acme", "name": "Ann", "email": "ann@acme.test",
                                                         "password": "password123"})
        assert admin.status_code == 201, admin.text
        tokens = admin.json()
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        bob = self.http.post("/api/v1/users", headers=auth, json={"name": "Bob", "email": "bob@acme.test",
                                                                  "password": "password123"})
        assert bob.status_code in (200, 201), bob.text
        out = []
        for email in ("ann@acme.test", "bob@acme.test"):
            t = self.http.post("/api/v1/login", json={"email": email, "password": "password123"}).json()
            h = {"Authorization": f"Bearer {t['access_token']}"}
            me = self.http.get("/api/v1/me", headers=h).json()
            creds = self.http.get("/api/v1/sip/credentials", headers=h).json()
            out.append({"id": me["id"], **creds})
        return out

    def turn_log(self) -> str:
        return "".join(p.read_text(errors="replace") for p in (self.dir / "log").glob("turn*.log"))

    def down(self) -> None:
        if getattr(self, "http", None) is not None:
            self.http.close()
        subprocess.run([str(UP), "--down", "--dir", str(self.dir)], capture_output=True, timeout=60)
