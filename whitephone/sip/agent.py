"""`whitephone agent`: the engine without Qt. Prints one JSON event per line; with `--ipc` it
also reads JSON commands on stdin (that is how the GUI drives its engine process)."""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import queue
import re
import signal
import sys
import threading
import time

from whitephone.sip.audio_bridge import AudioSettings
from whitephone.sip.engine import AccountSpec, Engine, EngineConfig, MediaPlan
from whitephone.sip.nat import NatSettings
from whitephone.sip.reach import signalling_plan


def _listen(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"port {number} is out of range (1-65535, or 0 for any free port)")
    return host or "127.0.0.1", number


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--listen", type=_listen, default=("127.0.0.1", 0), metavar="HOST:PORT",
                   help="SIP address to bind (default 127.0.0.1, any free port)")
    p.add_argument("--transport", choices=("udp", "tcp", "tls"), default=None,
                   help="SIP signalling: udp, tcp, or tls (through the engine's TLS relay). Without it, "
                        "an agent with a server (--registrar, a SIP --proxy, or a sips: --call) climbs the "
                        "ladder UDP, TCP, TLS 5061, TLS 443, TLS in an HTTP CONNECT tunnel and keeps the "
                        "first rung that answers; an agent without one uses udp")
    p.add_argument("--account", metavar="URI", help="SIP account URI, e.g. sip:alice@example.com")
    p.add_argument("--registrar", metavar="URI", help="registrar, e.g. sip:example.com")
    p.add_argument("--proxy", metavar="URI|URL",
                   help="a sip:/sips: URI is the outbound SIP proxy; an http://[user:password@]host:port URL "
                        "is an HTTP proxy TLS signalling goes through (CONNECT). Default HTTP proxy: the "
                        "system's (https_proxy, no_proxy), used by the ladder's last rung")
    p.add_argument("--proxy-user", metavar="USER",
                   help="the HTTP --proxy's user name (DOMAIN\\user for NTLM), instead of one in its URL; the "
                        "proxy's 407 picks the scheme: Negotiate, NTLM or Basic. Without a user name, "
                        "Negotiate and NTLM use the logged-in user's Kerberos ticket or Windows login")
    p.add_argument("--proxy-password-env", metavar="VAR",
                   help="environment variable holding the --proxy-user's password")
    p.add_argument("--ca-file", metavar="FILE", help="TLS: trust the certificate authorities in this PEM file "
                                                      "instead of the system's")
    p.add_argument("--pin-cert", action="append", metavar="[HOST:PORT=]SHA256", default=[], type=_pin,
                   help="TLS: also accept the certificate with this SHA-256 fingerprint (a self-signed one): "
                        "HOST:PORT=SHA256 for that server only, whatever names it carries; a bare SHA256 for "
                        "a server whose name the certificate carries. CA-signed certificates still pass "
                        "(repeat for several)")
    p.add_argument("--tls-server", metavar="HOST:PORT",
                   help="with --transport tls: the server TLS goes to (default: the SIP --proxy's, else the "
                        "--registrar's, else the --call URI's host; port 5061)")
    p.add_argument("--tls-port", action="append", type=int, metavar="PORT",
                   help="the ladder's TLS ports, in order (repeat; default 5061 then 443)")
    p.add_argument("--probe-timeout", type=float, default=3.0, metavar="SECONDS",
                   help="the ladder gives a rung up after this long (default %(default)s)")
    p.add_argument("--user", help="authentication user")
    p.add_argument("--password-env", metavar="VAR", help="environment variable holding the password")
    p.add_argument("--srtp", choices=("off", "optional", "mandatory"), default="off")
    p.add_argument("--answer", action="store_true", help="answer incoming calls")
    p.add_argument("--after", type=float, default=0.0, metavar="SECONDS", help="ring this long before answering")
    p.add_argument("--play", metavar="WAV", help="play this file into each call")
    p.add_argument("--record", metavar="WAV", help="record each call to this file (finished when the call ends)")
    p.add_argument("--echo", action="store_true", help="echo test: play back what is heard")
    p.add_argument("--call", metavar="URI", help="call this URI once ready")
    p.add_argument("--hangup-after", type=float, metavar="SECONDS", help="hang up this long after answer")
    p.add_argument("--codec", action="append", metavar="NAME",
                   help="codec to offer (repeat for several, in order); default G722, PCMU, PCMA")
    p.add_argument("--once", action="store_true", help="exit when the first call has ended")
    p.add_argument("--ipc", action="store_true", help="read JSON commands on stdin")
    p.add_argument("--log", metavar="FILE", help="pjsip log file (never the console)")
    p.add_argument("--crash-dir", metavar="DIR",
                   help="write crash reports (Python errors, native crashes) here (default: the --log "
                        "file's folder; neither: native crashes go to stderr)")
    p.add_argument("--mic", metavar="DEVICE", help="microphone (an id from the `devices` event; default: the system's)")
    p.add_argument("--speaker", metavar="DEVICE", help="speaker (default: the system's)")
    p.add_argument("--ringer", metavar="DEVICE", help="where the ring tone plays (default: the speaker)")
    p.add_argument("--ring-timeout", type=float, default=120.0, metavar="SECONDS",
                   help="end an unanswered incoming call (480) after this long (default 120)")
    p.add_argument("--audio-latency", type=float, default=AudioSettings.latency, metavar="SECONDS",
                   help="sound device buffer (default %(default)s; more survives a busier computer)")
    p.add_argument("--no-echo-cancellation", action="store_true", help="turn the echo canceller off")
    p.add_argument("--no-realtime", action="store_true",
                   help="leave the audio threads at normal priority (by default they ask for real-time "
                        "scheduling where the system allows it)")
    p.add_argument("--jitter-buffer", type=_jitter_ms, default=EngineConfig.jb_init_ms, metavar="MS",
                   help="play-out starts once this much audio is buffered (default %(default)s; 40 suits an "
                        "office network: ~35 ms less delay, but the first jitter costs a short gap)")
    p.add_argument("--jitter-trim", type=_trim_ms, default=EngineConfig.jb_trim_ms, metavar="MS",
                   help="on a link that proves clean, shed the jitter buffer down to this (default %(default)s; "
                        "0: keep the start-up reserve)")
    p.add_argument("--nameserver", action="append", metavar="IP", type=_ip,
                   help="DNS server for SIP names (repeat for several; default: the system's, from "
                        "/etc/resolv.conf); names are resolved without blocking the engine")
    p.add_argument("--screen-calls", action="store_true",
                   help="accept calls only through our accounts' servers and from known peers (--peer); "
                        "refuse the rest with 403")
    p.add_argument("--peer", action="append", metavar="HOST", default=[],
                   help="a known peer (host or IP) that may call when --screen-calls is on (repeat)")
    p.add_argument("--ice", action="store_true",
                   help="media NAT traversal with ICE (host, and with --stun/--turn server-reflexive and "
                        "relayed candidates); on by itself with --turn")
    p.add_argument("--stun", action="append", default=[], metavar="HOST:PORT",
                   help="STUN server for media (repeat for several)")
    p.add_argument("--turn", metavar="URI", action="append", default=[],
                   help="TURN server for relayed media, turn:host:port?transport=udp|tcp (without "
                        "transport=: UDP, falling back to TCP when UDP is blocked) or turns:host:port "
                        "(TURN over TLS, then TLS through the HTTP proxy's CONNECT); repeat for several: "
                        "the ladder tries UDP, TCP, TLS, TLS in CONNECT")
    p.add_argument("--turn-user", default="", metavar="U", help="TURN user name (the hub's ephemeral one)")
    p.add_argument("--turn-password-env", metavar="VAR", help="environment variable holding the TURN password")
    p.add_argument("--ice-max-host", type=int, default=-1, metavar="N",
                   help="at most N host candidates (0: relayed or reflexive only; for tests on one machine)")
    p.add_argument("--no-audio", action="store_true",
                   help="no sound devices (calls without --play/--record/--echo are silent)")
    p.add_argument("--devices-on-first-use", action="store_true",
                   help="start PortAudio and check the sound devices on their first use (a call, the "
                        "audio test, the meter, the device list) instead of at start: ~20 MiB less "
                        "while idle; the `audio` event comes then")


_SECRET_KEYS = ("password", "secret", "token", "credential")
_URL_CREDENTIALS = re.compile(r"(://[^/@\s:\"']*):[^@\s\"']*@")
_SECRET_FIELDS = re.compile(r'("[^"]*(?:password|secret|token|credential)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"', re.I)


def redact_text(text: str) -> str:
    """`scheme://user:secret@host` → `scheme://user:***@host`, `"…password…": "x"` → `"…": "***"`."""
    return _SECRET_FIELDS.sub(r'\1"***"', _URL_CREDENTIALS.sub(r"\1:***@", text))


def redacted_command(line: str, cmd: dict) -> str:
    """A failed command as its error event echoes it: without passwords (its own fields, the
    TURN password, an HTTP proxy URL's user:password@)."""
    if not cmd:
        return redact_text(line)
    shown = {k: "***" if any(w in str(k).lower() for w in _SECRET_KEYS) and v else
             redact_text(v) if isinstance(v, str) else v for k, v in cmd.items()}
    return redact_text(json.dumps(shown))


def _pin(text: str) -> str:
    from whitephone.net.pins import normal_pin

    try:
        return normal_pin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ip(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an IP address, got {text!r}") from None


def _jitter_ms(text: str) -> int:
    ms = int(text)
    if not 20 <= ms <= EngineConfig.jb_max_ms:
        raise argparse.ArgumentTypeError(f"between 20 and {EngineConfig.jb_max_ms} ms")
    return ms


def _trim_ms(text: str) -> int:
    ms = int(text)
    if ms and not 20 <= ms <= EngineConfig.jb_max_ms:
        raise argparse.ArgumentTypeError(f"0 or between 20 and {EngineConfig.jb_max_ms} ms")
    return ms


def _why(exc: Exception) -> str:
    """pjsua2's own words (pj.Error.reason, e.g. "Invalid URI (PJSIP_EINVALIDURI)"), else the exception's."""
    return str(getattr(exc, "reason", "") or exc or repr(exc))


WAITING = "network"  # the `waiting` field of a call held until its account's ladder is climbed


def _rung_names(tried: list[dict]) -> str:
    """"UDP 5060, TCP 5060, TLS 5061, TLS 443" for the ladder event's `tried` list."""
    names = {"udp": "UDP", "tcp": "TCP", "tls": "TLS", "tls-proxy": "TLS through the HTTP proxy"}
    return ", ".join(f"{names.get(r.get('rung'), r.get('rung'))} {r.get('port')}" for r in tried)


class Agent:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.out_lock = threading.Lock()
        self.commands: queue.Queue = queue.Queue()
        self.climbing: dict[str, str] = {}  # account id -> the ladder climb whose result may add it
        # calls on an account whose ladder is still climbing, by the climb they were dialled under
        # (an account sent again climbs anew: its old calls fail, never go out as the new identity);
        # each has a provisional call id (negative, "_held") until placed on the rung found
        self.parked: dict[str, list[dict]] = {}
        self.held_ids: dict[int, int] = {}  # provisional id of a call that waited -> its engine call id
        self._next_held = -1
        self.stop = False
        self.hangups: dict[int, float] = {}
        self.calls_ended = 0
        host, port = args.listen
        codecs = tuple(f"{c.upper()}/" for c in args.codec) if args.codec else None
        cfg = EngineConfig(host=host, port=port, transport=args.transport or "udp", log_file=args.log)
        cfg.tls_ca_file, cfg.tls_pins = args.ca_file, tuple(args.pin_cert)
        # without a file or the echo service, calls use the real microphone and speaker
        cfg.ring_timeout = args.ring_timeout
        cfg.nameservers = args.nameserver
        cfg.screen_calls = args.screen_calls
        cfg.jb_init_ms = args.jitter_buffer
        cfg.jb_trim_ms = args.jitter_trim
        cfg.audio_devices = not (args.play or args.record or args.echo or args.no_audio)
        cfg.devices_on_first_use = args.devices_on_first_use
        cfg.audio = AudioSettings(microphone=args.mic, speaker=args.speaker, ringer=args.ringer,
                                  echo_cancellation=not args.no_echo_cancellation, latency=args.audio_latency,
                                  realtime=not args.no_realtime)
        if codecs:
            cfg.codecs = codecs
        cfg.nat = self.nat = NatSettings(
            ice=args.ice, stun=list(args.stun), turn=",".join(args.turn), turn_user=args.turn_user,
            turn_password=os.environ.get(args.turn_password_env, "") if args.turn_password_env else "",
            max_host_candidates=args.ice_max_host, ca_file=args.ca_file, pins=frozenset(args.pin_cert),
            proxy=args.proxy if args.proxy and not args.proxy.strip().lower().startswith(("sip:", "sips:")) else "")
        self.engine = Engine(self.emit, cfg, MediaPlan(play=args.play, record=args.record, echo=args.echo))
        self.engine.screen.set_peers(args.peer)

    def emit(self, event: dict) -> None:
        event.setdefault("t", round(time.time(), 3))
        line = json.dumps(event)
        with self.out_lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        kind = event.get("event")
        if kind == "state" and event.get("state") == "confirmed" and self.args.hangup_after is not None:
            self.hangups[event["call"]] = time.monotonic() + self.args.hangup_after
        if kind == "ended":
            self.hangups.pop(event["call"], None)
            for hid in [h for h, cid in self.held_ids.items() if cid == event["call"]]:
                del self.held_ids[hid]
            self.calls_ended += 1
            if self.args.once or (self.args.call and not self.args.ipc):
                self.stop = True

    def _read_stdin(self) -> None:
        for line in sys.stdin:
            line = line.strip()
            if line:
                self.commands.put(line)
        self.commands.put('{"cmd": "quit"}')  # the GUI went away: stop cleanly

    def run(self) -> int:
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "stop", True))
        signal.signal(signal.SIGINT, lambda *_: setattr(self, "stop", True))
        a = self.args
        try:
            self.nat.check()
            if a.ice and not (a.stun or a.turn) and a.listen[0].startswith("127."):
                raise ValueError("ICE leaves loopback addresses out: listen on a LAN address (--listen) "
                                 "or give --stun/--turn")
        except ValueError as exc:
            self.emit({"event": "error", "reason": f"bad STUN/TURN setting: {exc}"})
            return 2
        try:
            reach = signalling_plan(a, self.emit)
        except ValueError as exc:
            self.emit({"event": "error", "reason": str(exc)})
            return 2
        if reach.rung is None:  # the ladder found no way through; its events say what each rung met
            self.emit({"event": "stopped"})
            return 2
        self.engine.cfg.transport = "udp" if reach.rung == "udp" else "tcp"
        if self.nat.turn:  # the media ladder: which TURN transport gets through (2 s a rung)
            self.nat.probe()
            self.emit({"event": "nat", **self.nat.summary()})
        try:
            bound = self.engine.start()
        except Exception as exc:  # noqa: BLE001 - reported as an event, exit 2
            self.emit({"event": "error", "reason": f"cannot start SIP on {a.listen[0]}:{a.listen[1]}: {_why(exc)}"})
            return 2
        host, port = bound.rsplit(":", 1)
        uri = a.account or f"sip:agent@{bound}"
        password = os.environ.get(a.password_env, "") if a.password_env else ""
        srtp = {"off": 0, "optional": 1, "mandatory": 2}[a.srtp]
        status = 0
        try:
            # a bad --account/--registrar/--proxy or --call URI is an `error` event and exit 2
            # after a clean shut-down, never a traceback
            try:
                self.engine.add_account(AccountSpec(uri=uri, registrar=reach.registrar, user=a.user or "",
                                                    password=password, proxy=reach.sip_proxy, srtp=srtp,
                                                    **reach.account_fields()))
            except Exception as exc:  # noqa: BLE001
                self.emit({"event": "error", "reason": f"cannot use account {uri}: {_why(exc)}"})
                return 2
            if a.answer:
                self.engine.auto_answer = a.after
            ready = {"event": "ready", "address": bound, "host": host, "port": int(port),
                     "transport": self.engine.cfg.transport, "signalling": reach.rung, "uri": uri}
            if self.engine.fallback_reason:  # the wanted port was taken: the GUI says so, retries later
                ready.update(wanted_port=a.listen[1], fallback_reason=self.engine.fallback_reason)
            other = "tcp" if self.engine.cfg.transport == "udp" else "udp"
            ready[f"{other}_port"] = self.engine.second_port  # the other transport (0: none)
            if self.engine.second_fallback_reason:
                ready[f"{other}_fallback_reason"] = self.engine.second_fallback_reason
            test = self.engine.trim_self_test  # jitter-buffer trimming proven in a throw-away call
            ready["jitter_trim"] = {"self_test": None if test is None else test.passed,
                                    "reason": "" if test is None else test.reason,
                                    "discard": self.engine.jb_discard}
            self.emit(ready)
            from whitephone.gcpolicy import release_free_memory

            release_free_memory()  # what start-up freed (the self-test call, imports) back to the system
            if a.ipc:
                threading.Thread(target=self._read_stdin, daemon=True).start()
            if a.call:
                try:
                    self.engine.call(a.call)
                except Exception as exc:  # noqa: BLE001 - (a failure pjsua already ended stays `ended`)
                    self.emit({"event": "error", "reason": f"cannot call {a.call}: {_why(exc)}"})
                    if not a.ipc:
                        self.stop = True
                        status = 0 if self.calls_ended else 2
            while not self.stop:
                self.engine.pump(10)
                self._drain()
                now = time.monotonic()
                for cid, when in list(self.hangups.items()):
                    if now >= when:
                        del self.hangups[cid]
                        if cid in self.engine.calls:  # not ended meanwhile
                            self.engine.hangup(cid)
        finally:
            for token in list(self.parked):  # each waiting call is answered before `stopped`
                self._unpark(token, "the call engine stopped before the account's server was reached")
            self.engine.shutdown()
            self.emit({"event": "stopped"})
        return status

    def _drain(self) -> None:
        while True:
            try:
                line = self.commands.get_nowait()
            except queue.Empty:
                return
            cmd: dict = {}
            try:
                parsed = json.loads(line)
                if not isinstance(parsed, dict):  # [1], "x", 5, null: valid JSON, no command
                    raise ValueError("a command is a JSON object")
                cmd = parsed
                self.execute(cmd)
            except Exception as exc:  # noqa: BLE001 - a bad command never stops the engine
                reason = getattr(exc, "info", lambda: "")() if hasattr(exc, "info") else str(exc)
                error = {"event": "error", "reason": redact_text(f"command failed: {reason or repr(exc)}"),
                         "command": redacted_command(line, cmd)[:200], "cmd": cmd.get("cmd")}
                if "req" in cmd:  # the reply names its request: the GUI never guesses from the text
                    error["req"] = cmd["req"]
                self.emit(error)
                continue
            if "req" in cmd and cmd.get("cmd") not in ("ping", "quit"):
                self.emit({"event": "ok", "req": cmd["req"], "cmd": cmd.get("cmd")})

    def _park(self, cmd: dict) -> None:
        """A call on an account still climbing its ladder: held under that climb with a
        provisional (negative) call id, reported at once as `calling` with `waiting` so the window
        shows it and can hang it up (`_cancel_held`)."""
        acc_id = str(cmd.get("account", "default"))
        hid = cmd["_held"] = self._next_held
        self._next_held -= 1
        self.parked.setdefault(self.climbing[acc_id], []).append(cmd)
        self.emit({"event": "calling", "call": hid, "uri": str(cmd.get("uri", "")), "account": acc_id,
                   "waiting": WAITING, **({"req": cmd["req"]} if "req" in cmd else {})})

    def _end_held(self, cmd: dict, reason: str, cancelled: bool = False) -> None:
        self.emit({"event": "ended", "call": cmd["_held"], "code": 0, "reason": reason,
                   "uri": str(cmd.get("uri", "")), "account": str(cmd.get("account", "default")),
                   "waiting": WAITING, **({"cancelled": True} if cancelled else {})})

    def _unpark(self, token: str, failure: str = "") -> None:
        """The calls that waited for this climb: placed now (their `calling` names the provisional
        id as `waited_as`), or each ended with `failure` (or the reason it could not be placed)."""
        for cmd in self.parked.pop(token, []):
            uri = str(cmd.get("uri", ""))
            why = failure
            if not failure:
                try:
                    media = (MediaPlan(cmd.get("play"), cmd.get("record"), bool(cmd.get("echo")))
                             if any(k in cmd for k in ("play", "record", "echo")) else None)
                    cid = self.engine.call(uri, str(cmd.get("account", "default")), media, req=cmd.get("req"),
                                           waited_as=cmd["_held"])
                except Exception as exc:  # noqa: BLE001 - told as the waiting call's end
                    why = _why(exc)
                else:
                    if cid in self.engine.calls:  # not ended already
                        self.held_ids[cmd["_held"]] = cid
                    continue
            self._end_held(cmd, f"cannot call {uri}: {why}")

    def _cancel_held(self, hid: int) -> bool:
        """Hang up a call still waiting for its account's ladder: it is dropped (it never goes
        out) and ends. False when it has gone out meanwhile (`held_ids` names its call)."""
        for calls in self.parked.values():
            for cmd in calls:
                if cmd["_held"] == hid:
                    calls.remove(cmd)
                    self._end_held(cmd, "hung up before the call went out", cancelled=True)
                    return True
        if hid in self.held_ids:
            return False
        raise ValueError(f"no call {hid}")

    def _call_id(self, cmd: dict) -> int:
        """The engine's call id of a command's "call" (a waiting call's provisional id once it went out)."""
        cid = int(cmd["call"])
        if cid < 0:
            if cid in self.held_ids:
                return self.held_ids[cid]
            if any(c["_held"] == cid for calls in self.parked.values() for c in calls):
                raise ValueError("the call has not gone out yet: it waits until the account's server is reached")
        return cid

    def _climb_for_account(self, cmd: dict) -> None:
        """An account whose transport is "auto" (the window's default): the signalling ladder
        (UDP, TCP, TLS 5061, TLS 443, TLS in CONNECT; the rung remembered per network) is climbed
        on a thread, as the agent does at start without --transport, then the account is added
        on the rung found (its `ladder` and probe events carry the account's id)."""
        acc_id = str(cmd.get("id", "default"))
        old = self.climbing.get(acc_id)
        if old is not None:  # sent again (another server or user): its earlier calls are not this one's
            self._unpark(old, "the account was changed before its server was reached")
        token = self.climbing[acc_id] = f"{acc_id}-{time.monotonic_ns()}"
        a = self.args
        http_proxy = str(cmd.get("tls_proxy") or "") or (a.proxy or "")
        ns = argparse.Namespace(
            proxy=http_proxy, registrar=str(cmd.get("registrar") or ""), call=None, tls_port=a.tls_port,
            transport=None, tls_server="", probe_timeout=a.probe_timeout, profile=getattr(a, "profile", None),
            ca_file=a.ca_file, pin_cert=a.pin_cert)

        seen: dict[str, dict] = {}

        def emit(event: dict) -> None:
            seen[event.get("event", "")] = event
            if event.get("event") != "error":  # said instead by the account's registration below
                self.emit({**event, "account": acc_id})

        def climb() -> None:
            resolved = {k: v for k, v in cmd.items() if k not in ("transport", "tls_proxy", "req")}
            try:
                plan = signalling_plan(ns, emit)
            except ValueError as exc:
                self.emit({"event": "registration_failed", "account": acc_id, "code": 0, "reason": str(exc)})
                self.commands.put(json.dumps({"cmd": "_climb_failed", "id": acc_id, "_climb": token,
                                              "reason": str(exc)}))
                return
            if plan.rung is None and "tls_error" in seen:  # a certificate refused: never plain instead
                # the tls_error event (with the account's id) says why
                self.commands.put(json.dumps({"cmd": "_climb_failed", "id": acc_id, "_climb": token,
                                              "reason": seen["tls_error"].get("reason", "")}))
                return
            if plan.rung is None:
                # nothing answered OPTIONS (a registrar may ignore them; a name may not resolve): the
                # account registers over UDP and pjsip's own answer (403, 408, DNS) names the failure;
                # the calls that waited fail now instead of going out on a route no probe confirmed
                self.emit({"event": "rung", "account": acc_id, "for": "ladder", "rung": "udp",
                           "reason": seen.get("error", {}).get("reason", "")})
                ladder = seen.get("ladder", {})
                resolved["_held_fail"] = (f"no way to reach {ladder.get('server') or 'the server'} was found "
                                          f"({_rung_names(ladder.get('tried') or [])}: all blocked)")
            elif plan.rung == "tcp":
                from whitephone.core.accounts import with_transport

                resolved.update(registrar=with_transport(resolved.get("registrar", ""), "tcp"),
                                proxy=with_transport(resolved.get("proxy", ""), "tcp"))
            resolved.update(plan.account_fields() if plan.rung else {}, cmd="account", _climb=token)
            self.commands.put(json.dumps(resolved))

        threading.Thread(target=climb, name=f"wp-ladder-{acc_id}", daemon=True).start()

    def execute(self, cmd: dict) -> object | None:
        e, name = self.engine, cmd.get("cmd")
        if name == "quit":
            self.stop = True
        elif name == "ping":  # the GUI's heartbeat: answered from the pump loop, so a hung loop is seen
            self.emit({"event": "pong", "req": cmd.get("req")})
        elif name == "call" and str(cmd.get("account", "default")) in self.climbing:
            self._park(cmd)
        elif name == "call":
            e.call(cmd["uri"], cmd.get("account", "default"),
                   MediaPlan(cmd.get("play"), cmd.get("record"), bool(cmd.get("echo"))) if
                   any(k in cmd for k in ("play", "record", "echo")) else None, req=cmd.get("req"))
        elif name == "answer":
            e.answer(int(cmd["call"]))
        elif name in ("hangup", "decline", "busy"):
            code = {"decline": 603, "busy": 486}.get(name, int(cmd.get("code", 0)))
            if int(cmd["call"]) >= 0 or not self._cancel_held(int(cmd["call"])):
                e.hangup(self._call_id(cmd), code)
        elif name == "hold":
            e.hold(self._call_id(cmd))
        elif name == "resume":
            e.resume(self._call_id(cmd))
        elif name == "mute":
            e.mute(self._call_id(cmd), bool(cmd.get("muted", True)))
        elif name == "dtmf":
            e.dtmf(self._call_id(cmd), str(cmd["digits"]))
        elif name == "transfer":
            if "to_call" in cmd:
                e.transfer_attended(self._call_id(cmd), self._call_id({"call": cmd["to_call"]}))
            else:
                e.transfer(self._call_id(cmd), cmd["uri"])
        elif name == "record":
            e.record(self._call_id(cmd), cmd["path"])
        elif name == "record_stop":
            e.record_stop(self._call_id(cmd))
        elif name == "conference":
            e.conference([self._call_id({"call": c}) for c in cmd["calls"]])
        elif name == "account" and cmd.get("transport") == "auto":
            self._climb_for_account(cmd)
        elif name == "account":
            acc_id, token = str(cmd.get("id", "default")), cmd.get("_climb")
            if token is not None and self.climbing.get(acc_id) != token:
                return  # removed or sent again while its ladder was climbing (its calls ended then)
            old = self.climbing.pop(acc_id, None)
            if token is None and old is not None:  # sent again without a ladder: not the calls' account
                self._unpark(old, "the account was changed before its server was reached")
            spec = AccountSpec(**{k: v for k, v in cmd.items() if k in AccountSpec.__dataclass_fields__})
            try:
                e.add_account(spec, acc_id)
            except Exception as exc:
                if token is not None:
                    self._unpark(token, f"cannot use the account: {_why(exc)}")
                raise
            if token is not None:  # its waiting calls go out now (or fail: no rung was confirmed)
                self._unpark(token, str(cmd.get("_held_fail") or ""))
        elif name == "_climb_failed":  # from a ladder thread: nothing reached the account's server
            if self.climbing.get(str(cmd["id"])) == cmd["_climb"]:
                self.climbing.pop(str(cmd["id"]))
                self._unpark(cmd["_climb"], f"no way to reach the account's server: {cmd.get('reason') or 'unknown'}")
        elif name == "screening":  # who may ring us: {"on": bool, "peers": [host, ...]}
            e.screen.on = bool(cmd.get("on"))
            e.screen.set_peers([str(h) for h in cmd.get("peers", [])])
        elif name == "account_remove":  # unregisters; the GUI sends it before re-adding an edited account
            old = self.climbing.pop(str(cmd["id"]), None)
            if old is not None:
                self._unpark(old, "the account was removed before its server was reached")
            e.screen.drop_account(str(cmd["id"]))
            acc = e.accounts.pop(str(cmd["id"]), None)
            if acc is not None:
                acc.shutdown()
        elif name == "nat":  # ICE/STUN/TURN from the hub: {"ice", "stun": [..], "turn" (comma-separated URIs), "turn_user", "turn_password", "proxy"}
            e.set_nat(NatSettings(ice=bool(cmd.get("ice")), stun=[str(x) for x in cmd.get("stun") or []],
                                  turn=str(cmd.get("turn") or ""), turn_user=str(cmd.get("turn_user") or ""),
                                  turn_password=str(cmd.get("turn_password") or ""),
                                  proxy=str(cmd.get("proxy") or ""), ca_file=e.cfg.tls_ca_file,
                                  pins=frozenset(e.cfg.tls_pins)))
        elif name == "codecs":
            e.set_codecs(list(cmd["order"]))
        elif name == "audio_devices":
            e.audio_devices(rescan=bool(cmd.get("rescan")))
        elif name == "audio_settings":
            if e.devices is None:
                raise ValueError("this engine runs without sound devices (--no-audio or a media file)")
            e.open_devices(AudioSettings(microphone=cmd.get("microphone") or None,
                                         speaker=cmd.get("speaker") or None, ringer=cmd.get("ringer") or None,
                                         echo_cancellation=bool(cmd.get("echo_cancellation", True))),
                           rescan=bool(cmd.get("rescan")))
        elif name == "volume":
            if e.devices is None:
                raise ValueError("this engine runs without sound devices")
            e.devices.set_volume(cmd.get("microphone"), cmd.get("speaker"))
        elif name == "voice_mail":  # record the microphone to a WAV: {"path", "seconds" (maximum)}
            e.voice_mail(cmd["path"], float(cmd.get("seconds", 180)))
        elif name == "voice_mail_stop":  # {"cancel": bool}: cancel throws the recording away
            e.voice_mail_stop(bool(cmd.get("cancel")))
        elif name == "meter":
            e.meter(float(cmd.get("seconds", 10)))
        elif name == "audio_test":
            e.audio_test(float(cmd.get("seconds", 3)), str(cmd["path"]))
        elif name == "call_stats":
            e.emit({"event": "call_stats", **e.call_stats(int(cmd["call"]))})
        elif name == "audio_stats":
            e.emit({"event": "audio_stats", **(e.devices.stats() if e.devices else {})})
        elif name == "relay_stats":  # the TLS relay: connections, bytes each way, its thread's CPU
            e.emit({"event": "relay_stats", **(e.relay.report() if e.relay else {"connections": 0})})
        elif name == "resources":  # what the engine holds now: returns to its idle value after each call
            e.emit({"event": "resources", **e.resources()})
        else:
            raise ValueError(f"unknown command {name!r}")


def run(args: argparse.Namespace) -> int:
    _crash_reports(args)
    if args.proxy_user:
        from whitephone.net.proxy import with_user

        try:
            password = os.environ.get(args.proxy_password_env, "") if args.proxy_password_env else ""
            args.proxy = with_user(args.proxy or "", args.proxy_user, password)
        except ValueError as exc:
            for event in ({"event": "error", "reason": str(exc)}, {"event": "stopped"}):
                print(json.dumps({**event, "t": round(time.time(), 3)}), flush=True)
            return 2
    return Agent(args).run()


def _crash_reports(args: argparse.Namespace) -> None:
    """Crash reports into --crash-dir or the --log file's folder (whitephone/crash.py); without
    either, faulthandler at least prints a native crash's stacks on stderr."""
    import faulthandler

    folder = getattr(args, "crash_dir", None) or (os.path.dirname(os.path.abspath(args.log)) if getattr(args, "log", None) else None)
    if folder:
        from whitephone.crash import CrashReporter

        logs = tuple(os.path.basename(p) for p in (args.log,) if p) + ("engine-stderr.log",)
        CrashReporter(folder, "engine", log_files=logs).install()
    elif not faulthandler.is_enabled():
        faulthandler.enable()
