"""A throw-away MIT Kerberos KDC for tests (Debian krb5-kdc, krb5-admin-server, krb5-user): its
own realm, database, krb5.conf and a free port on 127.0.0.1, nothing of the system's touched.
`env` is what a client or a service of the realm runs with (KRB5_CONFIG, and KRB5CCNAME for
`kinit`); `service(name)` makes a service principal and its keytab."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

REALM = "WHITEPHONE.TEST"
TOOLS = ("krb5kdc", "kdb5_util", "kadmin.local", "kinit")


def available() -> bool:
    return all(shutil.which(t) or Path("/usr/sbin", t).exists() for t in TOOLS)


def _tool(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Kdc:
    def __init__(self, workdir: Path) -> None:
        self.dir = workdir / "kdc"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        conf = self.dir / "krb5.conf"
        conf.write_text(
            f"[libdefaults]\n default_realm = {REALM}\n dns_lookup_kdc = false\n dns_lookup_realm = false\n"
            f" rdns = false\n dns_canonicalize_hostname = false\n udp_preference_limit = 1\n"
            f"[realms]\n {REALM} = {{\n  kdc = 127.0.0.1:{self.port}\n }}\n"
            f"[domain_realm]\n localhost = {REALM}\n")
        kdc_conf = self.dir / "kdc.conf"
        kdc_conf.write_text(
            f"[kdcdefaults]\n kdc_listen = 127.0.0.1:{self.port}\n kdc_tcp_listen = 127.0.0.1:{self.port}\n"
            f"[realms]\n {REALM} = {{\n  database_name = {self.dir / 'principal'}\n"
            f"  key_stash_file = {self.dir / 'stash'}\n  acl_file = {self.dir / 'kadm5.acl'}\n }}\n"
            f"[logging]\n kdc = FILE:{self.dir / 'kdc.log'}\n")
        self.env = {"KRB5_CONFIG": str(conf), "KRB5_KDC_PROFILE": str(kdc_conf),
                    "KRB5CCNAME": f"FILE:{self.dir / 'ccache'}", "KRB5_TRACE": str(self.dir / "trace.log")}
        self._run(_tool("kdb5_util"), "create", "-s", "-r", REALM, "-P", "master-key-for-tests")
        self.proc = subprocess.Popen([_tool("krb5kdc"), "-n", "-r", REALM], env=self._env(),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        end = time.monotonic() + 15
        while time.monotonic() < end:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("the KDC did not come up")

    def _env(self, **more: str) -> dict[str, str]:
        import os

        return {**os.environ, **self.env, **more}

    def _run(self, *args: str, stdin: str | None = None, **env: str) -> None:
        out = subprocess.run(args, env=self._env(**env), input=stdin, text=True, capture_output=True, timeout=60)
        if out.returncode:
            raise AssertionError(f"{args[0]} failed: {out.stderr or out.stdout}")

    def user(self, name: str, password: str) -> None:
        self._run(_tool("kadmin.local"), "-r", REALM, "-q", f"addprinc -pw {password} {name}")

    def service(self, name: str) -> Path:
        """A service principal (e.g. HTTP/localhost) with a random key, in its own keytab."""
        keytab = self.dir / (name.replace("/", "_") + ".keytab")
        self._run(_tool("kadmin.local"), "-r", REALM, "-q", f"addprinc -randkey {name}")
        self._run(_tool("kadmin.local"), "-r", REALM, "-q", f"ktadd -k {keytab} {name}")
        return keytab

    def kinit(self, name: str, password: str, ccache: str = "") -> None:
        """A ticket-granting ticket for `name` in `ccache` (default: this KDC's, env KRB5CCNAME)."""
        self._run(_tool("kinit"), name, stdin=password + "\n", **({"KRB5CCNAME": ccache} if ccache else {}))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
