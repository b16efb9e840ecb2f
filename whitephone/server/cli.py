"""`whitephone-server` / `whitephone server`: run the hub with uvicorn."""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="database URL (default sqlite:///DATA/hub.sqlite3; "
                                     "postgresql+psycopg://... for deployments)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data", default="hub-data", help="data folder (SQLite file, mail outbox)")
    parser.add_argument("--ssl-certfile")
    parser.add_argument("--ssl-keyfile")
    parser.add_argument("--sip-secret", default=os.environ.get("WHITEPHONE_SIP_SECRET"),
                        help="shared secret for ephemeral SIP/TURN credentials (also WHITEPHONE_SIP_SECRET; "
                             "at least 16 characters; default: a random one made on first start in "
                             "DATA/sip-secret, mode 0600)")
    parser.add_argument("--sip-domain", default=os.environ.get("WHITEPHONE_SIP_DOMAIN"),
                        help="the company's SIP registrar domain (e.g. sip.example.com, also "
                             "WHITEPHONE_SIP_DOMAIN): clients register there and call colleagues through it; "
                             "without it they call the devices' published contacts directly")
    parser.add_argument("--turn-server", action="append", metavar="URI", type=_turn_uri,
                        default=[u for u in os.environ.get("WHITEPHONE_TURN_SERVERS", "").split(",") if u],
                        help="a TURN server clients relay media through, turn:host:port[?transport=udp|tcp] "
                             "or turns:host:port (TURN over TLS, e.g. coturn on 443: clients behind "
                             "firewalls and HTTP proxies reach it) (repeat; also WHITEPHONE_TURN_SERVERS, comma-separated); it must share "
                             "--sip-secret (coturn use-auth-secret)")
    parser.add_argument("--stun-server", action="append", metavar="HOST:PORT",
                        default=[u for u in os.environ.get("WHITEPHONE_STUN_SERVERS", "").split(",") if u],
                        help="a STUN server for clients' media (repeat; also WHITEPHONE_STUN_SERVERS)")
    parser.add_argument("--public-url", help="the address users reach the hub at, used in password reset "
                                             "links (default http(s)://HOST:PORT)")
    parser.add_argument("--tombstone-days", type=float, default=30.0,
                        help="keep deleted sync rows this long; older cursors must do a full resync")
    parser.add_argument("--header-timeout", type=_seconds, default=10.0,
                        help="seconds a client has to send a request's line and headers (then 408)")
    parser.add_argument("--body-timeout", type=_seconds, default=30.0,
                        help="seconds a client may pause while sending a request body (then closed)")
    parser.add_argument("--max-connections-per-address", type=_count, default=100,
                        help="HTTP connections one client address may hold open (more get 503; 0: no cap; "
                             "raise it behind a reverse proxy, where every client has the proxy's address)")
    parser.add_argument("--forwarded-allow-ips", metavar="ADDRESSES",
                        help="comma-separated addresses (or networks) of reverse proxies whose "
                             "X-Forwarded-For/-Proto headers give the client's address; default: none, "
                             "every client's own address counts (for per-address limits)")


def _turn_uri(text: str) -> str:
    from whitephone.net.stun import parse_turn_uri

    scheme, _, rest = text.partition(":")
    if scheme.lower() not in ("turn", "turns") or not rest.split("?")[0].split(":")[0]:
        raise argparse.ArgumentTypeError(f"expected turn:host[:port][?transport=udp|tcp] or turns:host[:port], "
                                         f"got {text!r}")
    try:
        server = parse_turn_uri(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if server.secure and server.transport == "udp":
        raise argparse.ArgumentTypeError(f"turns: is TURN over TLS (TCP); transport=udp does not fit: {text!r}")
    return text


def _seconds(text: str) -> float:
    value = float(text)
    if not 0 < value < 86400:
        raise argparse.ArgumentTypeError(f"{text} is not a number of seconds between 0 and 86400")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from whitephone.server.app import create_app
    from whitephone.server.sipsecret import WeakSecret

    data = Path(args.data).resolve()
    data.mkdir(parents=True, exist_ok=True)
    url = args.db or f"sqlite:///{data / 'hub.sqlite3'}"
    scheme = "https" if args.ssl_certfile else "http"
    public_url = (args.public_url or f"{scheme}://{args.host}:{args.port}").rstrip("/")
    try:
        app = create_app(url, data, sip_secret=args.sip_secret, public_url=public_url,
                         tombstone_retention=args.tombstone_days * 86400, sip_domain=args.sip_domain,
                         turn_servers=args.turn_server, stun_servers=args.stun_server)
    except WeakSecret as exc:
        log.error("%s", exc)
        return 2
    with_tuned_gc(app)
    from whitephone.server.slowclients import guarded_http_protocol

    http = guarded_http_protocol(args.header_timeout, args.body_timeout, args.max_connections_per_address)
    uvicorn.run(app, host=args.host, port=args.port, http=http, ws="websockets-sansio",
                ws_per_message_deflate=False, **proxy_options(args.forwarded_allow_ips),
                ssl_certfile=args.ssl_certfile, ssl_keyfile=args.ssl_keyfile, log_level="info",
                access_log=False)
    return 0


def proxy_options(allowed: str | None) -> dict:
    """uvicorn trusts X-Forwarded-For from 127.0.0.1 unless told otherwise (and FORWARDED_ALLOW_IPS
    from the environment): then anyone on the hub's machine, or a proxy passing the header through,
    could pick the address per-address limits count. Only the addresses given here are trusted."""
    if not allowed:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": allowed}


class _QuietSockets(logging.Filter):
    """Drop uvicorn's per-WebSocket lines: thousands in a reconnect storm, each with an access token."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        return not (msg.startswith("connection ") or '"WebSocket ' in msg)


def with_tuned_gc(app) -> None:
    """Run the app's lifespan inside `gctune.tuned_gc` (a serving process only, not tests' hubs)."""
    import contextlib

    from whitephone.server.gctune import tuned_gc

    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(a):
        logging.getLogger("uvicorn.error").addFilter(_QuietSockets())  # after uvicorn set up logging
        async with inner(a) as state, tuned_gc():
            yield state

    app.router.lifespan_context = lifespan


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="whitephone-server", description="Run the WhitePhone hub.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
