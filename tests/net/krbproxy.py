"""A Kerberos-only HTTP CONNECT proxy for tests, behaving as Squid with negotiate_kerberos_auth
does: a Negotiate token that does not verify (whatever the reason) gets a plain
`407 Proxy-Authenticate: Negotiate` with the proxy's own `Date`. Run it as a child process (its
clock can be shifted with libfaketime); it prints its port, then serves.
`python -m tests.net.krbproxy --log FILE` (KRB5_KTNAME names its keytab)."""

from __future__ import annotations

import argparse
import asyncio
import base64
import email.utils
import sys


async def handle(r: asyncio.StreamReader, w: asyncio.StreamWriter, log) -> None:
    try:
        while True:
            head = (await r.readuntil(b"\r\n\r\n")).decode("latin-1")
            lines = head.split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
            scheme, _, token = headers.get("proxy-authorization", "").partition(" ")
            ok = False
            if scheme.lower() == "negotiate" and token:
                import spnego
                try:
                    ctx = spnego.server(protocol="negotiate", service="HTTP")
                    ctx.step(base64.b64decode(token))
                    ok = ctx.complete
                except Exception as exc:  # noqa: BLE001 - a refusal, as Squid's helper says NA
                    log.write(f"refused: {type(exc).__name__}: {exc}\n")
            if not ok:
                log.flush()
                body = b"denied\n"
                w.write((f"HTTP/1.1 407 Proxy Authentication Required\r\nDate: {email.utils.formatdate(usegmt=True)}\r\n"
                         f"Proxy-Authenticate: Negotiate\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body)
                await w.drain()
                continue
            log.write("authenticated\n")
            w.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")  # authenticated: enough here
            await w.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        w.close()


async def main(a: argparse.Namespace) -> None:
    log = open(a.log, "a", buffering=1)
    server = await asyncio.start_server(lambda r, w: handle(r, w, log), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--log", required=True)
    try:
        asyncio.run(main(p.parse_args()))
    except KeyboardInterrupt:
        sys.exit(0)
