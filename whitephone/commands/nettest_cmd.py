"""`whitephone nettest`: which ways to the hub, the registrar and the media relay get through
this network, and what to ask IT to open (one JSON object; `--text`: the copyable report)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", metavar="URL",
                        help="the hub (default: the one this profile is signed in to); it names the registrar "
                             "and the TURN/STUN servers")
    parser.add_argument("--registrar", metavar="URI", help="test this registrar instead of the hub's (sip:host[:port])")
    parser.add_argument("--turn", action="append", metavar="URI",
                        help="test this TURN server instead of the hub's (turn:host:port: UDP and TCP; "
                             "turns:host:port: TLS, and TLS through the HTTP proxy; repeat)")
    parser.add_argument("--proxy", metavar="URL", default="",
                        help="the HTTP proxy for the hub and the TLS-in-CONNECT rungs (default: the profile's, "
                             "Preferences → Network; else the system's, https_proxy)")
    parser.add_argument("--proxy-user", metavar="USER",
                        help="the HTTP --proxy's user name, as `agent --proxy-user` (Negotiate, NTLM or Basic)")
    parser.add_argument("--proxy-password-env", metavar="VAR",
                        help="environment variable holding the --proxy-user's password")
    parser.add_argument("--stun", action="append", metavar="HOST:PORT", help="test this STUN server")
    parser.add_argument("--turn-user", default="", metavar="U", help="TURN user (default: the hub's, when signed in)")
    parser.add_argument("--turn-password-env", metavar="VAR", help="environment variable holding the TURN password")
    parser.add_argument("--sip-port", type=int, metavar="N", help="SIP UDP/TCP port (default: the registrar's, 5060)")
    parser.add_argument("--tls-port", type=int, action="append", metavar="N",
                        help="SIP TLS port to try (repeat; default 5061 and 443)")
    parser.add_argument("--timeout", type=float, default=3.0, metavar="SECONDS", help="per rung (default 3)")
    parser.add_argument("--ca-file", metavar="FILE",
                        help="trust this CA for the hub's, the registrar's and the TURN server's TLS")
    parser.add_argument("--pin-cert", action="append", metavar="[HOST:PORT=]SHA256", default=[], type=_pin,
                        help="also accept this pinned certificate, as `agent --pin-cert` does (repeat)")
    parser.add_argument("--text", action="store_true", help="print the report for IT instead of JSON")


def _pin(text: str) -> str:
    from whitephone.net.pins import normal_pin

    try:
        return normal_pin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _signed_in(args) -> tuple[str, dict]:
    """The profile's hub and, when signed in, its SIP/TURN credentials."""
    from whitephone.commands.hub_common import hub_context
    from whitephone.sync.hub_client import HubError

    try:
        with hub_context(args) as ctx:
            url = ctx.session.info.get("url") or ""
            if not ctx.session.signed_in:
                return url, {}
            try:
                return url, ctx.session.ensure().sip_credentials()
            except HubError as exc:
                log.info("no SIP credentials: %s", exc)
                return url, {}
    except Exception as exc:  # noqa: BLE001 - no profile, or no store: test what was given
        log.info("no profile hub: %s", exc)
        return "", {}


def _profile_proxy(args) -> str:
    """The profile's proxy (Preferences → Network, the password from the keyring), as the window's
    network test uses it; "" (the system's) without a profile."""
    from pathlib import Path

    from whitephone.profile import Profile, default_profile_dir

    root = Path(args.profile).expanduser() if getattr(args, "profile", None) else default_profile_dir()
    if not (root / "settings.json").is_file():
        return ""
    from whitephone.core import http_proxy

    return http_proxy.setting(Profile.open(root))


def run(args: argparse.Namespace) -> int:
    from whitephone import nettest

    server, creds = (args.server, {}) if args.server else _signed_in(args)
    if not (server or args.registrar or args.turn or args.stun):
        print(json.dumps({"error": "nothing to test: give --server URL (or sign in first)"}))
        return 2
    ports: dict[str, int] = {}
    if args.sip_port:
        ports.update(udp=args.sip_port, tcp=args.sip_port)
    if args.tls_port:
        ports.update(tls=args.tls_port[0], tls443=args.tls_port[1] if len(args.tls_port) > 1 else 0)
    password = os.environ.get(args.turn_password_env, "") if args.turn_password_env else creds.get("password", "")
    proxy = args.proxy
    try:
        if not proxy and not args.proxy_user:
            proxy = _profile_proxy(args)
        if args.proxy_user:
            from whitephone.net.proxy import with_user

            proxy = with_user(proxy, args.proxy_user,
                              os.environ.get(args.proxy_password_env, "") if args.proxy_password_env else "")
        report = nettest.run(server or "", registrar=args.registrar, turn=args.turn, stun_servers=args.stun,
                             turn_user=args.turn_user or creds.get("username", ""), turn_password=password,
                             timeout=args.timeout, ca_file=args.ca_file, sip_ports=ports, proxy=proxy,
                             pins=frozenset(args.pin_cert))
    except ValueError as exc:
        print(json.dumps({"error": str(exc)}))
        return 2
    if args.text:
        print(report.text())
    else:
        json.dump(report.to_json(), sys.stdout)
        sys.stdout.write("\n")
    return 0 if report.to_json()["ok"] else 1
