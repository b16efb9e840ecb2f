"""A small HTTP CONNECT proxy for tests that authenticates like a corporate proxy: 407 with
`Proxy-Authenticate` challenges, NTLM and Negotiate verified by pyspnego's server side against an
NTLM credential file (NTLM_USER_FILE, set only in this process), Basic against a user:password,
then a real tunnel to the target. Squid's NTLM/Negotiate helpers need a Windows domain; this does
the same protocol without one.

Run as `python -m tests.net.authproxy --offer Negotiate --offer NTLM [...]`; it prints its port on
the first line and writes every request head it received to `--log` (to check what the client
sent). `AuthProxy` starts one as a child process."""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import subprocess
import sys
from pathlib import Path


class AuthProxy:
    """The proxy below as a child process: `url`, `log()` (the request heads it received),
    `connections` (read from the log), `stop()`."""

    def __init__(self, workdir: Path, offers: list[str], users: dict[str, str] | None = None,
                 close_first: bool = False, close_mid: bool = False, http10: bool = False,
                 env: dict[str, str] | None = None) -> None:
        """`env`: more environment for the proxy (a Kerberos realm's KRB5_CONFIG, KRB5_KTNAME)."""
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / "authproxy.log"
        user_file = workdir / "ntlm_users"
        # pyspnego's Heimdal format: DOMAIN:USER:PASSWORD (the domain may be empty)
        user_file.write_text("".join(f":{u}:{p}\n" for u, p in (users or {}).items()))
        args = [sys.executable, "-m", "tests.net.authproxy", "--log", str(self.log_path)]
        for offer in offers:
            args += ["--offer", offer]
        for u, p in (users or {}).items():
            args += ["--basic", f"{u}:{p}"]
        args += ["--close-first"] * close_first + ["--close-mid"] * close_mid + ["--http10"] * http10
        env = dict(os.environ, NTLM_USER_FILE=str(user_file), **(env or {}))
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env,
                                     cwd=Path(__file__).resolve().parents[2])
        line = self.proc.stdout.readline()
        if not line.strip().isdigit():
            self.stop()
            raise AssertionError(f"the test proxy did not start: {line!r}")
        self.port = int(line)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    @property
    def connections(self) -> int:
        return self.log().count("== connection")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()

    def __enter__(self) -> AuthProxy:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class _Proxy:
    def __init__(self, a: argparse.Namespace) -> None:
        self.offers = a.offer
        self.basic = {base64.b64encode(b.encode()).decode() for b in a.basic}
        self.close_first, self.close_mid, self.http10 = a.close_first, a.close_mid, a.http10
        self.log = open(a.log, "a", buffering=1)

    def refuse(self, w, challenge: str = "", close: bool = False) -> None:
        lines = [f"Proxy-Authenticate: {challenge}"] if challenge else \
            [f"Proxy-Authenticate: {o}" + (' realm="test"' if o.lower() == "basic" else "") for o in self.offers]
        body = b"authentication required\n"
        version = "HTTP/1.0" if self.http10 else "HTTP/1.1"
        head = [f"{version} 407 Proxy Authentication Required", *lines, "Content-Type: text/plain",
                f"Content-Length: {len(body)}"] + (["Connection: close"] if close else [])
        w.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)

    async def handle(self, r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        self.log.write("== connection\n")
        context = None
        try:
            while True:
                head = (await r.readuntil(b"\r\n\r\n")).decode("latin-1")
                self.log.write(head)
                lines = head.split("\r\n")
                method, target = lines[0].split(" ")[:2]
                headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
                auth = headers.get("proxy-authorization", "")
                scheme, _, token = auth.partition(" ")
                ok = not self.offers  # offering nothing: an open proxy
                if method != "CONNECT":
                    w.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                    continue
                if not ok and not auth:
                    self.refuse(w, close=self.close_first or self.http10)
                    if self.close_first or self.http10:
                        break
                    continue
                if ok:
                    pass  # an open proxy
                elif scheme.lower() == "basic" and any(o.lower() == "basic" for o in self.offers):
                    ok = token in self.basic
                elif scheme.lower() in ("ntlm", "negotiate") and any(o.lower() == scheme.lower() for o in self.offers):
                    import spnego
                    if context is None:
                        context = spnego.server(protocol=scheme.lower(), service="HTTP")
                    try:
                        out = context.step(base64.b64decode(token))
                    except Exception:  # noqa: BLE001 - a wrong password (SpnegoError), or a token pyspnego
                        # cannot read (struct.error, KeyError, binascii.Error): refused, as a real proxy does
                        context = None
                        self.refuse(w, close=self.http10)
                        if self.http10:
                            break
                        continue
                    if not context.complete:
                        self.refuse(w, f"{scheme} {base64.b64encode(out).decode()}", close=self.close_mid)
                        if self.close_mid:
                            break
                        continue
                    ok = True
                if not ok:
                    self.refuse(w, close=self.http10)
                    if self.http10:
                        break
                    continue
                host, _, port = target.rpartition(":")
                try:
                    tr, tw = await asyncio.open_connection(host.strip("[]"), int(port))
                except OSError:
                    w.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                    break
                w.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                await asyncio.gather(_pipe(r, tw), _pipe(tr, w))
                return
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
            pass
        finally:
            w.close()


async def _pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
    try:
        while data := await src.read(65536):
            dst.write(data)
            await dst.drain()
    except (OSError, ConnectionError):
        pass
    finally:
        dst.close()


async def _main(a: argparse.Namespace) -> None:
    proxy = _Proxy(a)
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--offer", action="append", default=[], help="a scheme to offer, in order (Negotiate, NTLM, "
                                                                 "Basic, or any other name)")
    p.add_argument("--basic", action="append", default=[], help="USER:PASSWORD accepted by Basic")
    p.add_argument("--log", required=True)
    p.add_argument("--close-first", action="store_true", help="close after the first (unauthenticated) 407")
    p.add_argument("--close-mid", action="store_true", help="close after sending the NTLM/Negotiate challenge")
    p.add_argument("--http10", action="store_true", help="answer HTTP/1.0 and close after every 407")
    try:
        asyncio.run(_main(p.parse_args()))
    except KeyboardInterrupt:
        pass
