"""The SIP engine: pjsua2 in this process only, pumped from one loop, events as plain dicts.

Rules from what we measured (DESIGN.md): `threadCnt = 0` and `mainThreadOnly = True`, so every
pjsua2 callback runs inside `pump()` on the thread that created the library; callbacks never
block; every Account/Call object lives in a registry until it is DISCONNECTED (a collected Call
crashes pjsua2); `call.getInfo()` is copied before its media list is read; players and
recorders are re-attached on every media change. Shut-down order: hang up, pump ~200 ms, drop
every Call/Player/Recorder, gc.collect(), shut the accounts down, libDestroy.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import ipaddress
import json
import logging
import logging.handlers
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pjsua2 as pj

from whitephone.sip import jitter_trim, nat, trim_selftest
from whitephone.sip.audio_bridge import AudioSettings, AudioUnavailable, DeviceBridge, list_devices
from whitephone.sip.jitter_trim import StreamTrimmer, find_jitter_buffer, trimming_available
from whitephone.sip.nat import NatSettings
from whitephone.sip.screening import CallScreen, host_of

log = logging.getLogger(__name__)

Emit = Callable[[dict], None]


def _flush_c_stdio() -> None:
    """fflush(NULL): without it, the lines C code buffered while stdout pointed to /dev/null went
    out later (at exit, in a PyInstaller bundle) on the restored stdout, among the JSON events."""
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError, TypeError):  # no C library by that name (Windows): nothing buffered to lose
        pass


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Send C-level stdout to /dev/null meanwhile (our stdout carries JSON events only)."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        yield
    finally:
        _flush_c_stdio()  # what pjlib printed is still in C's buffer (stdout is a pipe): to /dev/null
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
_PJ_ERRNO_START_SYS = 120000  # pj_status_t of an OS error: PJ_STATUS_FROM_OS(errno) on POSIX
DEFAULT_CODECS = ("G722/16000", "PCMU/8000", "PCMA/8000")
# pjsua opens the RTP and RTCP sockets of an incoming call before we see it, and pjlib gives a
# closed socket's slot back only 500 ms later (PJ_IOQUEUE_KEY_FREE_DELAY) out of 64: a flood
# answered at once would run out of them (pjlib aborts). So a refused call is held this long
# before its final answer; meanwhile it keeps its call slot, and pjsua answers further INVITEs
# 486 itself, without media, once MAX_CALLS are taken.
REFUSE_AFTER_S = 1.0
RECORD_MIN_FREE = 128 * 1024  # a recording stops before the disk is this full (4 s of audio)
RECORD_STALL_S = 3.0  # ...or when its file has not grown for this long while the call carries audio
MAX_CALLS = 8  # at most 8 x 2 sockets open + 8 x 2 closing: well inside pjlib's 64
MAX_RINGING_PER_SOURCE = 2  # more unanswered calls from one address are busy (a scanner)
_STATE = {
    pj.PJSIP_INV_STATE_CALLING: "calling", pj.PJSIP_INV_STATE_INCOMING: "incoming",
    pj.PJSIP_INV_STATE_EARLY: "early", pj.PJSIP_INV_STATE_CONNECTING: "connecting",
    pj.PJSIP_INV_STATE_CONFIRMED: "confirmed", pj.PJSIP_INV_STATE_DISCONNECTED: "disconnected",
}


class _RotatingLog(pj.LogWriter):
    """pjsip's log into a size-limited file with backups (5 MB × 3), never the console."""

    def __init__(self, path: str, max_bytes: int = 5 * 2**20, backups: int = 3) -> None:
        super().__init__()
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.handler = logging.handlers.RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                                            encoding="utf-8", errors="backslashreplace")
        self.handler.setFormatter(logging.Formatter("%(message)s"))

    def write(self, entry) -> None:
        self.handler.emit(logging.makeLogRecord({"msg": entry.msg.rstrip("\n"), "levelno": logging.INFO}))

    def close(self) -> None:
        self.handler.close()


_TAG = re.compile(r"^(from|f|to|t)[ \t]*:.*?;[ \t]*tag=([^;>\s]+)", re.IGNORECASE | re.MULTILINE)


_INVITE_CSEQ = re.compile(r"^CSeq[ \t]*:[ \t]*\d+[ \t]+INVITE\b", re.IGNORECASE | re.MULTILINE)


def _dialog_tags(message: str) -> tuple[str, str] | None:
    """(From tag, To tag) of a SIP message that carries both, else None."""
    tags = {m.group(1).lower()[0]: m.group(2) for m in _TAG.finditer(message)}
    return (tags["f"], tags["t"]) if "f" in tags and "t" in tags else None


def _wav_finished(path: str) -> bool:
    """pjmedia writes a WAV's RIFF size when it closes the file (0 until then)."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return True  # nothing to wait for
    return len(head) == 8 and head[:4] == b"RIFF" and head[4:8] != b"\0\0\0\0"


def _port_of(uri: str) -> int:
    """The port of a SIP URI (5060, or 5061 for sips:, when it names none)."""
    text = uri.strip().strip("<>")
    default = 5061 if text.lower().startswith("sips:") else 5060
    text = text.split(";", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
    port = text.rsplit("]", 1)[-1] if text.startswith("[") else text
    if port.count(":") == 1 and port.rsplit(":", 1)[1].isdigit():
        return int(port.rsplit(":", 1)[1])
    return default


def _no_delay(tc) -> None:
    """TCP_NODELAY on pjsip's TCP sockets: without it a response written in two pieces (100, then
    180) waited for the peer's delayed ACK, ~40 ms before ringing on every TCP and TLS call."""
    opt = pj.SockOpt()
    opt.level, opt.optName = socket.IPPROTO_TCP, socket.TCP_NODELAY
    opt.setOptValInt(1)
    params = pj.SockOptParams()
    params.sockOpts.append(opt)
    tc.sockOptParams = params


def _port_of_address(address: str) -> int:
    try:
        return int(address.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return 0


def system_nameservers(path: str = "/etc/resolv.conf") -> list[str]:
    """The DNS servers the system uses (IP addresses; pjsip asks them on port 53)."""
    servers = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "nameserver":
                    try:
                        servers.append(str(ipaddress.ip_address(parts[1].split("%")[0])))
                    except ValueError:
                        continue
    except OSError:
        pass
    return servers


@dataclass
class AccountSpec:
    """A SIP account: any registrar/provider, or a local one without registrar (uri only)."""

    uri: str  # sip:alice@example.com, or sip:alice@127.0.0.1:5070 for a local account
    registrar: str = ""  # sip:example.com; empty = no registration
    user: str = ""
    password: str = ""
    proxy: str = ""  # outbound proxy, sip:proxy.example.com;lr
    display_name: str = ""
    reg_interval: int = 300
    srtp: int = 0  # 0 off, 1 optional, 2 mandatory (SDES)
    # "tls": signalling through the TLS relay (sip/relay.py) to tls_server ("host:port"; default
    # the proxy's, else the registrar's host on 5061), inside a CONNECT tunnel through tls_proxy
    # (an HTTP proxy URL) when given. "" / "udp" / "tcp": pjsip's own transports, as the URIs say.
    transport: str = ""
    tls_server: str = ""
    tls_proxy: str = ""


@dataclass
class MediaPlan:
    """What a call's audio is connected to (the agent's --play/--record/--echo)."""

    play: str | None = None
    record: str | None = None
    echo: bool = False
    record_both: bool = False  # a call recording (both parties) rather than what we hear

    @property
    def uses_devices(self) -> bool:
        """The call talks through the microphone and speaker (not a file or echo service)."""
        return not self.play and not self.echo and (not self.record or self.record_both)


@dataclass
class _Media:
    player: object | None = None
    recorder: object | None = None
    codec: str = ""
    play_failed: str = ""  # why the --play file could not be opened (reported once, not retried)
    recorded: int = 0  # the recording file's size when last looked at...
    grew_at: float = 0.0  # ...and when it last grew (pjmedia says nothing when a write fails)
    record_failed: str = ""  # why the recording could not be created (same)


class _Account(pj.Account):
    def __init__(self, engine: Engine, acc_id: str, domains: set[str] | None = None) -> None:
        super().__init__()
        self.engine, self.acc_id = engine, acc_id
        self.domains = domains or set()  # hosts of its URI, registrar and proxy (transfers may go there)
        self.tls_target = None  # TlsTarget when its signalling goes through the TLS relay

    def onRegState(self, prm) -> None:  # noqa: N802 - pjsua2 API
        if prm.code // 100 == 2:  # where our server answers from: its calls come from there too
            self.engine.screen.account_server(self.acc_id, prm.rdata.srcAddress)
        event = {"event": "registered" if prm.code // 100 == 2 else "registration_failed",
                 "account": self.acc_id, "code": prm.code, "reason": prm.reason, "expires": prm.expiration}
        if prm.code // 100 != 2 and self.tls_target is not None and self.engine.relay is not None:
            failure = self.engine.relay.recent_failure(self.tls_target)  # why, in TLS's words
            if failure is not None:
                event["tls_error"] = {k: failure[k] for k in ("kind", "reason", "server") if k in failure}
        self.engine.emit(event)
        if prm.code // 100 == 2 and prm.expiration > 0:
            self.engine.emit({"event": "rung", "account": self.acc_id, "for": "registration",
                              "rung": self.engine.rungs.get(self.acc_id, "udp")})

    def onIncomingSubscribe(self, prm) -> None:  # noqa: N802 - pjsua2 API
        """Presence subscriptions: with screening on, only from our servers and known peers."""
        source = prm.rdata.srcAddress
        if not self.engine.screen.allows(source):
            prm.code, prm.reason = 403, "Forbidden"
            log.info("refused a SUBSCRIBE from %s (%s)", prm.fromUri, source)

    def onIncomingCall(self, prm) -> None:  # noqa: N802
        call = _Call(self.engine, self, prm.callId)
        ci = call.getInfo()
        self.engine.calls[ci.id] = call
        source = prm.rdata.srcAddress
        call.cid, call.source = ci.id, source
        if not self.engine.screen.allows(source):
            self.engine.refuse(call, ci, 403, "not through your accounts' servers and not from a known peer")
            return
        if self.engine.ringing_from(source) >= MAX_RINGING_PER_SOURCE:
            self.engine.refuse(call, ci, 486, "too many unanswered calls from this address")
            return
        call.direction, call.state = "in", "incoming"
        self.engine.emit({"event": "incoming", "call": ci.id, "account": self.acc_id,
                          "remote_uri": ci.remoteUri, "remote_contact": ci.remoteContact,
                          "local_uri": ci.localUri})
        self.engine.emit({"event": "rung", "call": ci.id, "account": self.acc_id,
                          "rung": self.engine.rung_of_source(source, prm.rdata.info)})
        self.engine.on_incoming(ci.id)


class _Call(pj.Call):
    def __init__(self, engine: Engine, account: _Account, call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(account, call_id)
        self.engine, self.account = engine, account
        self.media = _Media()
        self.plan = MediaPlan()
        self.direction = "out"
        self.started = time.monotonic()
        self.invite_sent: float | None = None
        self.confirmed_at: float | None = None
        self.cid = call_id
        self.remote_uri = ""
        self.reported = False
        self.state = "calling"
        self.trim: StreamTrimmer | None = None  # its jitter buffer sheds its reserve on a clean link
        # Call state re-applied on every media change (pjsua recreates the call's conference
        # port on hold, resume and any re-INVITE, with no connections and default levels)
        self.muted = False
        self.dtmf_until = 0.0  # silence carries the call's DTMF until then (Engine.dtmf)
        self.dtmf_queue = ""  # digits not yet handed to pjmedia
        self.dtmf_next = 0.0  # when pjmedia has sent the last ones handed over
        self.recording_paused = False
        self.candidates: dict[str, str] = {}  # our ICE candidates (ip:port -> host/srflx/relay)
        self.media_path: dict | None = None  # last reported (nat.media_path)
        self.held = False  # on hold by us
        # hold/resume asked while pjsua still runs the call's previous re-INVITE: sent by the
        # pump once it can (the last wish wins), given up with an error event at `hold_until`
        self.want_held: bool | None = None
        self.hold_until = 0.0
        self.conference: set[int] = set()  # calls whose parties hear this one's (merged)
        self.transfer_of: int | None = None  # made by pjsua for a REFER received on that call
        self.transfer_to = ""  # where our REFER sent the other party
        self.transfer_call: _Call | None = None  # the call a REFER received on this one made
        self.tags: tuple[str, str] | None = None  # the dialog's (local, remote) tags, once seen
        self.screened = False  # refused (403 by call screening, 486 flood): no events, dropped when it ends
        self.refuse_code = 0  # the final answer a refused call gets at `refuse_at`
        self.refuse_at = 0.0
        self.source = ""  # where an incoming call's INVITE came from ("ip:port")

    def onCallTsxState(self, prm) -> None:  # noqa: N802 - pjsua2 API
        """Learn the dialog's tags from the first INVITE message that carries both (pjsua2 does
        not expose them; an attended transfer to a direct peer needs them, see transfer_attended)."""
        if self.tags is not None:
            return
        e = prm.e
        if e.type != pj.PJSIP_EVENT_TSX_STATE:
            return
        ts = e.body.tsxState
        if ts.type == pj.PJSIP_EVENT_RX_MSG:
            message = ts.src.rdata.wholeMsg
        elif ts.type == pj.PJSIP_EVENT_TX_MSG:
            message = ts.src.tdata.wholeMsg
        else:
            return
        tags = _dialog_tags(message) if _INVITE_CSEQ.search(message) else None
        if tags is not None:  # From is the caller's: ours on an outgoing call
            self.tags = tags if self.direction == "out" else (tags[1], tags[0])

    def onCallTransferRequest(self, prm) -> None:  # noqa: N802 - pjsua2 API
        """The other party asks us to call someone else (REFER): pjsua makes that call with the
        Call object we give it, so the new call is ours like any other."""
        code, why = self.engine.transfer_refusal(self, prm.dstUri)
        if code:
            prm.statusCode = code
            log.warning("refused a transfer of call %s to %s: %s", self.cid, prm.dstUri, why)
            self.engine.emit({"event": "transfer_refused", "call": self.cid, "to": prm.dstUri, "code": code,
                              "reason": why})
            return
        new = _Call(self.engine, self.account)
        new.plan, new.transfer_of, new.remote_uri = self.plan, self.cid, prm.dstUri
        new.invite_sent = time.monotonic()
        prm.newCall = new
        self.transfer_call = new
        self.engine.adopting.append(new)  # registered under its id at its first state change
        self.engine.emit({"event": "transfer_request", "call": self.cid, "to": prm.dstUri})

    def onCallTransferStatus(self, prm) -> None:  # noqa: N802
        """How our REFER is going (NOTIFYs from the party we transferred): on success our leg is
        done, so we hang it up; a failure leaves the call with us."""
        final = bool(prm.finalNotify) or prm.statusCode >= 200
        self.engine.emit({"event": "transfer_status", "call": self.cid, "code": prm.statusCode,
                          "reason": prm.reason, "final": final, "to": self.transfer_to})
        if final:
            prm.cont = False
            if prm.statusCode // 100 == 2:
                self.engine.end_transferred(self)

    def onCallReplaceRequest(self, prm) -> None:  # noqa: N802 - pjsua2 API
        """An INVITE with Replaces for this call: screened like any INVITE, and accepted only
        from this call's party's host or a trusted source (our servers, known peers)."""
        why = self.engine.replace_refusal(self, prm.rdata.srcAddress)
        if why:
            prm.statusCode, prm.reason = 403, "Forbidden"
            self.engine.emit({"event": "call_refused", "remote_uri": self.remote_uri, "source": prm.rdata.srcAddress,
                              "code": 403, "reason": why, "replaces": self.cid})
            log.warning("refused a Replaces of call %s from %s: %s", self.cid, prm.rdata.srcAddress, why)

    def onCallReplaced(self, prm) -> None:  # noqa: N802
        """An attended transfer: the party who was transferred to us replaces this call with a
        new one (INVITE with Replaces), which pjsua answers itself."""
        new = _Call(self.engine, self.account, prm.newCallId)
        new.plan, new.direction, new.state = self.plan, "in", "connecting"
        new.cid, new.muted = prm.newCallId, self.muted
        prm.newCall = new
        self.engine.calls[new.cid] = new
        try:
            new.remote_uri = new.getInfo().remoteUri
        except pj.Error:
            pass
        self.engine.emit({"event": "replaced", "call": self.cid, "new_call": new.cid,
                          "remote_uri": new.remote_uri})

    def onStreamCreated(self, prm) -> None:  # noqa: N802 - pjsua2 API
        try:
            stream = int(prm.stream)  # the pjmedia_stream's address (a SWIG void pointer)
        except (TypeError, ValueError):
            return
        self.engine.stream_created(self, prm.streamIdx, stream)

    def onStreamDestroyed(self, prm) -> None:  # noqa: N802
        if self.trim is not None and self.trim.index == prm.streamIdx:
            self.trim = None  # the pointer dies with the stream

    def onCallState(self, prm) -> None:  # noqa: N802
        if self.screened:
            try:
                ended = self.getInfo().state == pj.PJSIP_INV_STATE_DISCONNECTED
            except pj.Error:
                ended = True
            if ended:
                self.engine.calls.pop(self.cid, None)
            return
        try:
            ci = self.getInfo()
        except pj.Error as exc:
            # pjsua2 can refuse getInfo() while a call is torn down; an exception escaping a
            # callback is swallowed by SWIG, so report the end from what we know instead.
            log.warning("getInfo failed in onCallState (%s); treating the call as ended", exc.info())
            self.engine.emit({"event": "state", "call": self.cid, "state": "disconnected", "code": 0,
                              "reason": "ended"})
            self.engine.ended(self, None)
            return
        self.cid, self.remote_uri = ci.id, ci.remoteUri
        if self in self.engine.adopting:
            self.engine.adopt(self, ci)
        state = _STATE.get(ci.state, str(ci.state))
        event = {"event": "state", "call": ci.id, "state": state, "code": ci.lastStatusCode,
                 "reason": ci.lastReason}
        if ci.state == pj.PJSIP_INV_STATE_CONFIRMED:
            self.confirmed_at = time.monotonic()
            if self.invite_sent is not None:
                event["setup_ms"] = round((self.confirmed_at - self.invite_sent) * 1000, 2)
        self.state = state
        self.engine.emit(event)
        if ci.state == pj.PJSIP_INV_STATE_CONFIRMED:
            self.engine._hold_others(self)  # e.g. a call we dialled answered while we talk in another
        self.engine.tones_for(self, state, ci.lastStatusCode)
        if ci.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self.engine.ended(self, ci)

    def onCallMediaState(self, prm) -> None:  # noqa: N802
        ci = self.getInfo()  # copy first: the media vector of a temporary dangles (SWIG)
        media = list(ci.media)
        for i, mi in enumerate(media):
            if mi.type != pj.PJMEDIA_TYPE_AUDIO:
                continue
            if mi.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                am = self.getAudioMedia(i)
                si = self.getStreamInfo(i)
                self.media.codec = f"{si.codecName}/{si.codecClockRate}"
                self.held = False
                self.engine.connect_media(self, am)
                self.engine.emit({"event": "media", "call": ci.id, "codec": si.codecName,
                                  "clock_rate": si.codecClockRate, "status": "active", "muted": self.muted})
                self.engine.report_media_path(self, i)
            elif mi.status in (pj.PJSUA_CALL_MEDIA_LOCAL_HOLD, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                self.held = mi.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD
                try:
                    am = self.getAudioMedia(i)
                except pj.Error:
                    am = None  # no conference port while held
                if am is not None and self.held:
                    self.engine.disconnect_media(self, am)  # the held party hears nothing of ours
                elif am is not None:
                    self.engine.connect_media(self, am)  # held by them: we hear what they send (music)
                self.engine.emit({"event": "media", "call": ci.id, "status": "held",
                                  "by": "local" if mi.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD else "remote"})

    def onCallSdpCreated(self, prm) -> None:  # noqa: N802
        # our offer/answer: its ICE candidates tell what the nominated local address is
        try:
            self.candidates.update(nat.local_candidates(prm.sdp.wholeSdp))
        except Exception as exc:  # noqa: BLE001 - an exception escaping a callback is lost in SWIG
            log.info("no candidates from our SDP: %s", exc)

    def onCallMediaTransportState(self, prm) -> None:  # noqa: N802
        if prm.state == pj.PJSUA_MED_TP_RUNNING:
            self.engine.report_media_path(self, prm.medIdx)

    def onDtmfDigit(self, prm) -> None:  # noqa: N802
        self.engine.emit({"event": "dtmf", "call": self.getId(), "digit": prm.digit})


@dataclass
class EngineConfig:
    host: str = "127.0.0.1"
    port: int = 0  # 0 = any free port
    transport: str = "udp"  # udp | tcp
    log_file: str | None = None
    codecs: tuple[str, ...] = DEFAULT_CODECS
    # Jitter buffer, tuned with benchmarks/call_quality.py (20 +/- 10 ms jitter, 0/3/10 % loss)
    # and benchmarks/reach_jb.py (75 +/- 25 ms, 3 %): start at 120 ms (80 underflowed mid-speech
    # on the 75 +/- 25 ms link until pjmedia had grown it), never discard to shed latency
    # (pjmedia's progressive discard keeps ~40 ms, so a lost packet empties the buffer and costs a
    # re-fill gap instead of one concealed frame), grow only on an underrun, hold at most 240 ms
    # (at 160 a 120 ms start overflowed with the early packets). -1 = pjsua's default.
    jb_init_ms: int = 120
    jb_min_pre_ms: int = 120
    jb_max_pre_ms: int = -1
    jb_max_ms: int = 240
    jb_discard: str = "none"  # none | static | progressive
    # ...and on a link that proves clean, shed the reserve down to this (jitter_trim.py); 0: never
    jb_trim_ms: int = 40
    # On a jittery link, shed what the link's delays do not need, keeping this much above the
    # least the buffer held over 3 s (jitter_trim.py); 0: keep everything on a jittery link
    jb_spare_ms: int = 40
    ptime_ms: int = 0  # 0: the codec's own (20 ms)
    no_vad: bool = True
    ec_tail_ms: int = 200  # echo cancellation on by default (0 turns it off)
    audio_devices: bool = False  # bridge calls to the real microphone/speaker (audio_bridge.py)
    devices_on_first_use: bool = False  # PortAudio/ALSA started by the first use, not at start
    audio: AudioSettings | None = None
    ring_timeout: float = 120.0  # an unanswered incoming call is ended (480) after this long
    # DNS servers for pjsip's own asynchronous resolver (SRV then A, RFC 3263, with failover
    # between the servers); None: the system's, from /etc/resolv.conf. Without one pjsip
    # resolves with a blocking gethostbyname on the pump thread, and a slow DNS server freezes
    # every command (hang-up included) until it answers.
    nameservers: list[str] | None = None
    screen_calls: bool = False  # accept calls only through our accounts' servers and from known peers
    nat: NatSettings | None = None  # ICE/STUN/TURN for media (nat.py); None: host addresses only
    tls_ca_file: str | None = None  # TLS relay: trust this CA file instead of the system store
    tls_pins: tuple[str, ...] = ()  # TLS relay: SHA-256 of self-signed certificates accepted as they are


class Engine:
    """One pjsua2 endpoint. Call `start()`, then `pump()` often from the same thread."""

    def __init__(self, emit: Emit, config: EngineConfig, default_media: MediaPlan | None = None) -> None:
        self.emit = emit
        self.cfg = config
        self.default_media = default_media or MediaPlan()
        self.ep: pj.Endpoint | None = None
        self.accounts: dict[str, _Account] = {}
        self.calls: dict[int, _Call] = {}
        self.adopting: list[_Call] = []  # calls pjsua made for a received REFER, not yet registered
        self.auto_answer: float | None = None  # seconds after ringing, None = don't
        self._answer_at: dict[int, float] = {}
        self.bound = ""
        self.transport_id = pj.PJSUA_INVALID_ID  # the main SIP transport, set by start()
        self.tcp_id = pj.PJSUA_INVALID_ID  # TCP beside a UDP main transport
        self.fallback_reason = ""  # why the engine listens on another port than configured
        self.second_port = 0  # where the other of UDP/TCP listens (0: it could not)
        self.second_fallback_reason = ""  # why that is not the main transport's port
        self._next_sweep = 0.0
        self._nat_pending: NatSettings | None = None  # probed by set_nat's thread, applied by pump()
        self._turn_tcp = None  # TurnTcpAdapter: TURN over TCP on pjnath's behalf
        self._turn_tcp_old: list = []
        self.devices: DeviceBridge | None = None
        self._devices_checked = False  # PortAudio/ALSA started and the devices checked (open_devices)
        self.screen = CallScreen(config.screen_calls)  # who may ring us (screening.py)
        self.jb_discard = config.jb_discard  # pjmedia's discard algorithm in use (set by start())
        self.trim_self_test: trim_selftest.SelfTestResult | None = None  # run by start() when trimming may be used
        self._audio_problem = ""  # why the chosen sound devices cannot be used ("" = they can)
        self._devices_failed: tuple[bool, bool] | None = None  # the need that could not be opened
        self._log_writer: _RotatingLog | None = None
        self._ringback = None  # pj.ToneGenerator while an outgoing call rings
        self._silence = None  # pj.ToneGenerator of zeros: carries DTMF on calls nothing else feeds
        self._waiting = None  # pj.ToneGenerator while a second call waits
        self._meter_until = 0.0
        self._next_meter = 0.0
        self._test: dict | None = None  # "test my audio": record a few seconds, play them back
        self._voice_mail = None  # VoiceMailRecording: a voice mail from the microphone
        self._ending: list[tuple[float, str, dict]] = []  # `ended` events waiting for their WAV
        self.relay = None  # TlsRelay, started by the first account that signals over TLS
        self.rungs: dict[str, str] = {}  # account id -> udp | tcp | tls | tls-proxy

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> str:
        self._create_endpoint()
        if self.jb_discard == "none" and self.cfg.jb_trim_ms and trimming_available():
            # prove, in a throw-away call to ourselves, that jitter buffers are found and locked
            # safely here before any real call's is touched (trim_selftest.py). It runs on a
            # private loopback transport before the real SIP ports are open, so no caller can
            # reach the test or be turned away while it runs.
            result = self.trim_self_test = trim_selftest.run(self.ep, self.cfg.jb_init_ms, self.cfg.jb_min_pre_ms)
            jitter_trim.set_proven(result.passed)
            if result.passed:
                log.info("jitter-trim self-test passed in %.3f s", result.seconds)
            else:  # as on a build we do not know: pjmedia's progressive discard, set at libInit
                log.warning("jitter-trim self-test failed (%s); trimming off, progressive discard on",
                            result.reason)
                self.ep.libDestroy()
                self.ep = None
                gc.collect()  # the Endpoint singleton must be gone before the next one
                self._create_endpoint()
        tid = self.transport_id = self._main_transport(self.ep)
        self._second_transport(self.ep, tid)
        self.bound = self.ep.transportGetInfo(tid).localName
        if self.cfg.audio_devices:
            # with devices_on_first_use (the window's engine), PortAudio and ALSA start on first
            # use (a call, the audio test, the meter, the device list): at start they cost
            # ~20 MiB of the engine's idle memory (issue 18)
            self.devices = DeviceBridge(self.cfg.audio)
            self.devices.create_port()
            if not self.cfg.devices_on_first_use:
                self.open_devices()
        return self.bound

    def _ensure_devices(self) -> None:
        """Start PortAudio and check the chosen devices, once (the `audio` event says how)."""
        if self.devices is not None and not self._devices_checked:
            self.open_devices()

    def _create_endpoint(self) -> None:
        """pjsua created, configured and started, with no SIP transport yet (start() opens them)."""
        ep = pj.Endpoint()
        with _quiet_stdout():  # pjlib logs to stdout until libInit applies our log config
            ep.libCreate()
            self._init(ep)
        ep.audDevManager().setNullDev()  # the wheel has no sound devices: media.py bridges them
        ep.libStart()
        self.ep = ep
        self.set_codecs(self.cfg.codecs)

    def _main_transport(self, ep: pj.Endpoint) -> int:
        """The SIP transport on the configured port; when another program holds that port, on a
        free one instead (`fallback_reason` says why), so calls work meanwhile."""
        kind = pj.PJSIP_TRANSPORT_TCP if self.cfg.transport == "tcp" else pj.PJSIP_TRANSPORT_UDP
        tc = pj.TransportConfig()
        if kind == pj.PJSIP_TRANSPORT_TCP:
            _no_delay(tc)
        tc.port, tc.boundAddress = self.cfg.port, self.cfg.host
        try:
            return ep.transportCreate(kind, tc)
        except pj.Error as exc:
            if not self.cfg.port or exc.status != _PJ_ERRNO_START_SYS + errno.EADDRINUSE:
                raise
            self.fallback_reason = (f"another program is using port {self.cfg.port} "
                                    f"({self.cfg.transport.upper()}), so WhitePhone listens on another port")
            log.warning("%s: %s", self.fallback_reason, exc.reason)
        tc.port = 0
        return ep.transportCreate(kind, tc)

    def _second_transport(self, ep: pj.Endpoint, primary: int) -> None:
        """Listen on the other of UDP/TCP as well (same port when free), so an account or a
        peer that wants `;transport=tcp` (or UDP) works on any engine."""
        other = pj.PJSIP_TRANSPORT_UDP if self.cfg.transport == "tcp" else pj.PJSIP_TRANSPORT_TCP
        port = int(ep.transportGetInfo(primary).localName.rsplit(":", 1)[1])
        name = "TCP" if other == pj.PJSIP_TRANSPORT_TCP else "UDP"
        for candidate in (port, 0):
            tc = pj.TransportConfig()
            tc.port, tc.boundAddress = candidate, self.cfg.host
            if other == pj.PJSIP_TRANSPORT_TCP:
                _no_delay(tc)
            try:
                tid = ep.transportCreate(other, tc)
            except pj.Error as exc:
                log.info("second transport on port %s: %s", candidate, exc.info())
                failure = exc.reason
                self.second_fallback_reason = (f"another program is using port {port} ({name}), so "
                                               f"WhitePhone listens for {name} on another port")
                continue
            if other == pj.PJSIP_TRANSPORT_TCP:
                self.tcp_id = tid
            self.second_port = int(ep.transportGetInfo(tid).localName.rsplit(":", 1)[1])
            if candidate:
                self.second_fallback_reason = ""
            else:
                log.warning("%s", self.second_fallback_reason)
            return
        self.second_fallback_reason = f"WhitePhone cannot listen for {name}: {failure}"
        log.warning("only %s is available", self.cfg.transport.upper())

    # -- sound devices ----------------------------------------------------------------------
    def open_devices(self, settings: AudioSettings | None = None, rescan: bool = False) -> None:
        """Choose (and check) the microphone, speaker and ringer; tells the GUI what it got or
        why not. The streams open only while something needs them (`_sync_devices`). Calls keep
        working without devices (silent), so a missing headset never stops a call."""
        self._devices_checked = True
        self._devices_failed = None
        try:
            in_use = self.devices.reopen(settings, rescan=rescan)
        except AudioUnavailable as exc:
            self._audio_problem = str(exc)
            log.warning("sound devices unavailable: %s", exc)
            self.emit({"event": "audio", "status": "unavailable", "reason": str(exc)})
            return
        self._audio_problem = ""
        self.emit({"event": "audio", "status": "ready", **in_use})

    def _devices_wanted(self) -> tuple[bool, bool]:
        """(microphone and speaker, ringer): what must be open now. Microphone and speaker while
        a call on the devices exists (placed, ringing in or talking), the audio test or the level
        meter runs; the ringer only while a call rings. A ringing call opens the microphone too:
        a capture stream's first block took ~1.8 s here (benchmarks/device_open.py), which would
        cut the first words after Answer."""
        voice = self._test is not None or self._voice_mail is not None or self._meter_until > 0 or any(
            not c.reported and c.plan.uses_devices for c in self.calls.values())
        return voice, self.devices.ringing

    def _sync_devices(self) -> None:
        """Open or close the sound streams to match what is needed; a failure is reported once
        (then retried when the need changes)."""
        if self.devices is None or self.devices.port is None:
            return
        wanted = self._devices_wanted()
        if any(wanted) and not self._devices_checked:
            self.open_devices()  # PortAudio's first use: the `audio` event says how it went
            if self._audio_problem:
                self._devices_failed = wanted  # said once; tried again when the need changes
                return
        if wanted == (self.devices.voice_open, self.devices.ringer_open) or wanted == self._devices_failed:
            return
        try:
            self.devices.use(*wanted)
            self._devices_failed = None
        except AudioUnavailable as exc:
            self._devices_failed = wanted
            self._audio_problem = str(exc)
            log.warning("sound devices unavailable: %s", exc)
            self.emit({"event": "audio", "status": "unavailable", "reason": str(exc)})

    def audio_devices(self, rescan: bool = False) -> None:
        """Emit the devices there are; `rescan` sees devices plugged in since (streams reopen,
        so only between calls)."""
        if rescan and self.devices is not None and not self.calls:
            self.open_devices(rescan=True)
        self._ensure_devices()
        try:
            found = list_devices()
        except AudioUnavailable as exc:
            self.emit({"event": "devices", "inputs": [], "outputs": [], "reason": str(exc)})
            return
        self.emit({"event": "devices", **found})

    def meter(self, seconds: float) -> None:
        """Emit `levels` ten times a second for `seconds` (the Preferences level meter)."""
        if seconds > 0:
            self._ensure_devices()
        self._meter_until = time.monotonic() + seconds
        if self.devices is not None:
            self.devices.metering = seconds > 0

    def audio_test(self, seconds: float, path: str) -> None:
        """Record `seconds` from the microphone into `path`, then play it back in the speaker:
        the user hears themselves as the far end would (events `audio_test`: recording,
        playing, done)."""
        if self.devices is None or self.devices.port is None:
            raise RuntimeError("no sound devices in this engine")
        if self.calls:
            raise RuntimeError("the audio test waits until the calls have ended")
        self._ensure_devices()
        if self._audio_problem:  # say what is missing rather than play back silence
            raise RuntimeError(f"no microphone to test: {self._audio_problem}")
        try:
            self.devices.use(True, self.devices.ringer_open)
        except AudioUnavailable as exc:
            raise RuntimeError(f"the microphone could not be opened: {exc}") from None
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        # a microphone just opened takes a moment to send its first block (PulseAudio: ~1 s):
        # the recording starts with it, so the user's first words are in the test
        self._test = {"phase": "opening", "path": path, "seconds": seconds, "until": time.monotonic() + 5.0,
                      "heard_from": self.devices.mic.received}

    def voice_mail(self, path: str, seconds: float) -> None:
        """Record the microphone into `path` (WAV) for at most `seconds`, with levels for the meter
        (events `voice_mail`: recording, done, no_input; see sip/voice_mail.py)."""
        from whitephone.sip.voice_mail import VoiceMailRecording

        if self.devices is None or self.devices.port is None:
            raise RuntimeError("this engine has no sound devices to record from")
        self._ensure_devices()
        if self._audio_problem:
            raise RuntimeError(f"no microphone to record from: {self._audio_problem}")
        if self._voice_mail is not None:
            self._voice_mail.cancel()
        try:
            self.devices.use(True, self.devices.ringer_open)
        except AudioUnavailable as exc:
            raise RuntimeError(f"the microphone could not be opened: {exc}") from None
        self._voice_mail = VoiceMailRecording(self.devices, path, max(1.0, min(float(seconds), 3600.0)),
                                              self.emit, _wav_finished)
        self.meter(float(seconds) + 10)

    def voice_mail_stop(self, cancel: bool = False) -> None:
        if self._voice_mail is None:
            return
        if cancel:
            self._voice_mail.cancel()
            self._voice_mail = None
            self.emit({"event": "voice_mail", "phase": "cancelled"})
        else:
            self._voice_mail.stop()

    def _audio_test_step(self, now: float) -> None:
        t = self._test
        if t["phase"] == "opening" and self.devices.mic.received > t["heard_from"]:
            rec = pj.AudioMediaRecorder()
            rec.createRecorder(t["path"])
            self.devices.port.startTransmit(rec)
            t.update(phase="recording", recorder=rec, until=now + t["seconds"])
            self.emit({"event": "audio_test", "phase": "recording", "seconds": t["seconds"]})
            return
        if now < t["until"]:
            return
        if t["phase"] == "opening":  # not one block came from the microphone
            self._test = None
            self.emit({"event": "audio_test", "phase": "no_input", "reason": "the microphone sent no sound "
                       "(is it plugged in, switched on and allowed for this program?)"})
        elif t["phase"] == "recording":
            t.update(phase="closing", recorder=None)  # the clock thread finishes the WAV soon
        elif t["phase"] == "closing":
            if not _wav_finished(t["path"]):
                return
            player = pj.AudioMediaPlayer()
            player.createPlayer(t["path"], pj.PJMEDIA_FILE_NO_LOOP)
            player.startTransmit(self.devices.port)
            t.update(phase="playing", player=player, until=now + t["seconds"] + 0.2)
            self.emit({"event": "audio_test", "phase": "playing"})
        else:
            self._test = None
            self.emit({"event": "audio_test", "phase": "done", "path": t["path"]})

    def tones_for(self, call: _Call, state: str, code: int) -> None:
        """Ring tone while an incoming call rings; ring-back while an outgoing one does."""
        if self.devices is None:
            return
        if call.direction == "in" and state not in ("incoming", "early"):
            if not any(c.direction == "in" and c.state in ("incoming", "early") and c is not call
                       for c in self.calls.values()):
                self._ring(False)
                self._waiting_tone(False)
        elif call.direction == "out":
            if state == "early" and code == 180 and not call.media.codec:
                self._ringback_tone(True)
            elif state in ("connecting", "confirmed", "disconnected"):
                self._ringback_tone(False)

    def _ring(self, on: bool) -> None:
        if self.devices is not None:
            self.devices.ring(on)

    def _ringback_tone(self, on: bool) -> None:
        """The ring-back tone in the speaker while the far end rings without early media
        (400+450 Hz, twice 0.4 s then 2 s off)."""
        self._ringback = self._tone(self._ringback, on, [(400, 450, 400, 200), (400, 450, 400, 2000)])

    def _waiting_tone(self, on: bool) -> None:
        """A soft beep every 3 s in the speaker while a second call waits (call waiting)."""
        self._waiting = self._tone(self._waiting, on, [(440, 0, 300, 3000)])

    def _tone(self, current, on: bool, pattern: list[tuple[int, int, int, int]]):
        if self.devices is None or self.devices.port is None:
            return None
        if on and current is None:
            tone = pj.ToneGenerator()
            tone.createToneGenerator(16000, 1)
            tones = pj.ToneDescVector()
            for f1, f2, on_ms, off_ms in pattern:
                desc = pj.ToneDesc()
                desc.freq1, desc.freq2, desc.on_msec, desc.off_msec, desc.volume = f1, f2, on_ms, off_ms, 0
                tones.append(desc)
            tone.play(tones, True)
            tone.adjustTxLevel(0.3)
            tone.startTransmit(self.devices.port)
            return tone
        if not on and current is not None:
            current.stopTransmit(self.devices.port)
            return None
        return current

    def _init(self, ep: pj.Endpoint) -> None:
        ec = pj.EpConfig()
        servers = self.cfg.nameservers if self.cfg.nameservers is not None else system_nameservers()
        for server in servers[:4]:
            ec.uaConfig.nameserver.append(server)
        ec.uaConfig.threadCnt = 0
        ec.uaConfig.mainThreadOnly = True
        ec.uaConfig.maxCalls = MAX_CALLS
        ec.uaConfig.userAgent = "WhitePhone"
        if self.cfg.nat is not None:
            nat.apply_endpoint(ec.uaConfig, self.cfg.nat)
        ec.logConfig.consoleLevel = 0
        ec.logConfig.level = 0
        if self.cfg.log_file:  # pjsua hands "console" lines to the writer: our file, not stdout
            ec.logConfig.level = ec.logConfig.consoleLevel = 4
            self._log_writer = _RotatingLog(self.cfg.log_file)
            ec.logConfig.writer = self._log_writer
            ec.logConfig.decor = ec.logConfig.decor & ~pj.PJ_LOG_HAS_NEWLINE
        # pjmedia's conference bridge (PJSIP 2.14+) adds and removes ports only on its clock, and
        # that clock is the (null) sound device, which pjsua closes after 1 s without a connection
        # to its port 0. A call has none here (files, echo and our device bridge connect to the
        # call's port directly), so from then on every ended call's port stayed queued for removal:
        # ~75 KiB and one of the 254 bridge slots each, until new calls got 488 "Unable to create
        # media session". The null device's clock costs next to nothing: it never closes.
        ec.medConfig.sndAutoCloseTime = -1
        ec.medConfig.noVad = self.cfg.no_vad
        ec.medConfig.ecTailLen = self.cfg.ec_tail_ms
        ec.medConfig.jbInit = self.cfg.jb_init_ms
        ec.medConfig.jbMinPre = self.cfg.jb_min_pre_ms
        # pjsua's default maximum prefetch is 4/5 of the buffer (128 ms of 160): a larger start
        # (Preferences, --jitter-buffer up to 160) failed an assertion in pjmedia
        max_pre = self.cfg.jb_max_pre_ms
        if max_pre < 0 and self.cfg.jb_max_ms > 0:
            max_pre = max(self.cfg.jb_max_ms * 4 // 5, self.cfg.jb_init_ms, self.cfg.jb_min_pre_ms)
        ec.medConfig.jbMaxPre = min(max_pre, self.cfg.jb_max_ms) if max_pre >= 0 and self.cfg.jb_max_ms > 0 else max_pre
        ec.medConfig.jbMax = self.cfg.jb_max_ms
        ec.medConfig.ptime = self.cfg.ptime_ms
        # jbDiscardAlgo is an enum SWIG cannot assign from Python; pjsua2's JSON reader can
        doc = pj.JsonDocument()
        doc.writeObject(ec.medConfig)
        med = json.loads(doc.saveString())
        # No discard suits a buffer we trim in pauses; where trimming is unavailable (a pjsip build
        # whose layout we do not know), pjmedia's progressive discard keeps drift from growing it
        self.jb_discard = self.cfg.jb_discard
        if self.cfg.jb_trim_ms and self.jb_discard == "none" and (
                not trimming_available() or jitter_trim.proven() is False):
            log.info("jitter-buffer trimming is unavailable in this pjsip build; progressive discard on")
            self.jb_discard = "progressive"
        algo = {"none": 0, "static": 1, "progressive": 2}[self.jb_discard]  # pjmedia_jb_discard_algo
        med["MediaConfig"]["jbDiscardAlgo"] = algo
        doc = pj.JsonDocument()
        doc.loadString(json.dumps(med))
        doc.readObject(ec.medConfig)
        ep.libInit(ec)

    def set_codecs(self, order: tuple[str, ...] | list[str]) -> None:
        """Listed codecs first, in order; the others disabled (a mixed answer makes pjsua
        re-INVITE to lock one codec, measured in the lab)."""
        wanted = [c.upper() for c in order]
        for c in self.ep.codecEnum2():
            cid = c.codecId
            match = next((i for i, w in enumerate(wanted) if cid.upper().startswith(w)), None)
            self.ep.codecSetPriority(cid, 0 if match is None else 250 - match)

    def pump(self, ms: int = 10) -> None:
        self.ep.libHandleEvents(ms)
        now = time.monotonic()
        if self._nat_pending is not None:
            self._apply_nat()
        if now >= self._next_sweep:
            self._next_sweep = now + 0.5
            self._sweep()
            self._drop_unstarted_transfers()
            self._watch_recordings(now)
        if self._meter_until and now >= self._next_meter and self.devices:
            self._next_meter = now + 0.1
            if now < self._meter_until:
                self.emit({"event": "levels", **self.devices.levels()})
            else:
                self._meter_until, self.devices.metering = 0.0, False
        self._trim_jitter_buffers(now)
        self._end_dtmf_silence(now)
        if self.devices is not None:
            self._sync_devices()
        if self._test is not None:
            self._audio_test_step(now)
        if self._voice_mail is not None:
            self._voice_mail.step(now)
            if self._voice_mail.done:
                self._voice_mail = None
                self.meter(0)
        if self._ending:
            self._emit_finished_recordings(now)
        self._answer_refused(now)
        self._retry_holds()
        if self._answer_at:
            now = time.monotonic()
            for cid, when in list(self._answer_at.items()):
                if now >= when:
                    del self._answer_at[cid]
                    if cid in self.calls:
                        self.answer(cid)

    def report_media_path(self, call: _Call, index: int) -> None:
        """A `media_path` event: how this call's audio travels (direct, stun, relayed; udp/tcp)."""
        n = self.cfg.nat
        ice = n is not None and (n.ice or bool(n.turn))
        try:
            local = call.getMedTransportInfo(index).localRtpName
        except pj.Error:
            return
        path = nat.media_path(call.candidates, local, ice, (n.turn_transport if n else "") or "udp")
        if path != call.media_path:
            call.media_path = path
            self.emit({"event": "media_path", "call": call.cid, **path})

    def stream_created(self, call: _Call, index: int, stream: int) -> None:
        """A call's audio stream is up: find its jitter buffer for trimming (jitter_trim.py)."""
        call.trim = None
        if not self.cfg.jb_trim_ms:
            return
        try:
            jb = find_jitter_buffer(stream, self.cfg.jb_init_ms, self.cfg.jb_min_pre_ms)
        except Exception:  # noqa: BLE001 - an exception out of a pjsua2 callback breaks pjsua
            log.exception("looking for the jitter buffer failed; trimming off for this call")
            jb = None
        if jb is not None:
            call.trim = StreamTrimmer(index, jb, self.cfg.jb_trim_ms, self.cfg.jb_spare_ms)

    def _trim_jitter_buffers(self, now: float) -> None:
        for call in self.calls.values():  # each trimmer says when it wants its next look
            if call.trim is not None and now >= call.trim.next_look and not call.trim.look(call, now):
                call.trim = None

    def _watch_recordings(self, now: float) -> None:
        """pjmedia drops what it cannot write (a full disk) without a word: stop a recording
        whose disk is (nearly) full or whose file stopped growing while the call carries audio,
        and say why (`recording` false with a reason). The part recorded stays a valid WAV."""
        for call in list(self.calls.values()):
            media, path = call.media, call.plan.record
            if media.recorder is None or call.recording_paused or not path or call.reported:
                continue
            try:
                size = os.stat(path).st_size
                st = os.statvfs(os.path.dirname(os.path.abspath(path)))
                free = st.f_bavail * st.f_frsize
            except OSError as exc:
                self._recording_stopped(call, f"the recording file is gone ({exc.strerror})")
                continue
            if size > media.recorded or call.held or self._audio_media(call) is None:
                media.recorded, media.grew_at = size, now  # growing, or nothing to record now
            if free < RECORD_MIN_FREE:
                self._recording_stopped(call, f"the disk is full ({free // 1024} KB free)")
            elif now - media.grew_at > RECORD_STALL_S:
                self._recording_stopped(call, "the recording file stopped growing (disk full or failing?)")

    def _recording_stopped(self, call: _Call, reason: str) -> None:
        log.warning("recording of call %s to %s stopped: %s", call.cid, call.plan.record, reason)
        call.recording_paused = True
        recorder, am = call.media.recorder, self._audio_media(call)
        for source in [am, *self._our_sources(call)]:
            if source is not None and recorder is not None:
                source.stopTransmit(recorder)
        self.emit({"event": "recording", "call": call.cid, "recording": False, "path": call.plan.record,
                   "reason": f"recording stopped: {reason}"})

    def _drop_unstarted_transfers(self) -> None:
        """A Call we gave pjsua for a REFER whose call it could not make (all call slots taken,
        say) never hears of a state: drop it after a few seconds."""
        for call in list(self.adopting):
            try:
                active = call.isActive()
            except pj.Error:
                active = False
            if not active and time.monotonic() - call.started > 3.0:
                self.adopting.remove(call)

    def _sweep(self) -> None:
        """Safety net: a call pjsua no longer holds but whose end we never heard of (seen under
        load for incoming calls cancelled by the caller) is reported as ended, so no window
        keeps ringing and the call log is completed."""
        for call in list(self.calls.values()):
            if (call.direction == "in" and call.state in ("incoming", "early") and not call.reported
                    and time.monotonic() - call.started > self.cfg.ring_timeout):
                # a caller that vanished without CANCEL (crashed, network gone) must not ring forever
                log.info("call %s rang %.0f s unanswered; ending it", call.cid, self.cfg.ring_timeout)
                try:
                    self.hangup(call.cid, 480)
                except pj.Error as exc:
                    log.warning("could not end the unanswered call %s: %s", call.cid, exc.info())
                continue
            try:
                active = call.isActive()
            except pj.Error:
                active = False
            if not active and call.screened and not call.refuse_at and time.monotonic() - call.started > 5.0:
                self.calls.pop(call.cid, None)  # a refused call whose end pjsua never reported
                continue
            if not active and not call.reported and time.monotonic() - call.started > 1.0:
                log.warning("call %s ended without a DISCONNECTED callback; reporting it", call.cid)
                self.emit({"event": "state", "call": call.cid, "state": "disconnected", "code": 0,
                           "reason": "ended"})
                self.ended(call, None)

    def shutdown(self) -> None:
        if self.ep is None:
            return
        end = time.monotonic() + 3.0
        while self._ending and time.monotonic() < end:  # finish the recordings of ended calls
            self.ep.libHandleEvents(10)
            self._emit_finished_recordings(time.monotonic())
        self.ep.hangupAllCalls()
        end = time.monotonic() + 0.2
        while time.monotonic() < end:  # let the BYEs go out
            self.ep.libHandleEvents(10)
        for call in self.calls.values():
            call.media = _Media()
            call.trim = None
        self.calls.clear()
        self.adopting.clear()
        self._ringback = self._waiting = self._silence = None
        self._test = None
        if self._voice_mail is not None:
            self._voice_mail.cancel()
            self._voice_mail = None
        if self.devices is not None:
            self.devices.close()
            self.devices.port = None
        gc.collect()
        for acc in self.accounts.values():
            acc.shutdown()
        self.accounts.clear()
        gc.collect()
        self.ep.libDestroy()
        self.ep = None
        if self.relay is not None:  # after pjsip: its last requests (un-REGISTER, BYE) went through it
            self.relay.close()
            self.relay = None
        if self._log_writer is not None:
            self._log_writer.close()  # only after libDestroy: pjsip logs until the end
        for adapter in [self._turn_tcp, *self._turn_tcp_old]:
            if adapter is not None:
                adapter.stop()  # after libDestroy: pjnath released its allocations through it
        self._turn_tcp, self._turn_tcp_old = None, []

    # -- accounts ---------------------------------------------------------------------------
    def add_account(self, spec: AccountSpec, acc_id: str = "default") -> str:
        if spec.transport == "tls":  # the relay gives the hop TLS; pjsip itself talks TCP
            from whitephone.sip.relay import as_tls_hop

            spec = dataclasses.replace(spec, uri=as_tls_hop(spec.uri), registrar=as_tls_hop(spec.registrar))
        cfg, target, rung = self._account_config(spec)
        acc = _Account(self, acc_id, {host_of(u) for u in (spec.uri, spec.registrar, spec.proxy) if u})
        acc.spec = spec
        acc.tls_target = target
        acc.create(cfg, True)
        self.accounts[acc_id] = acc
        self.rungs[acc_id] = rung or "udp"
        return acc_id

    def _turn_tcp_adapter(self, host: str, port: int, transport: str = "tcp") -> str:
        """Where pjnath sends TURN over TCP, TLS or TLS in CONNECT (over UDP, on loopback):
        net/turn_tcp.py."""
        from whitephone.net.turn_tcp import TurnTcpAdapter

        adapter = self._turn_tcp
        if adapter is None or adapter.server != (host, port) or adapter.transport != transport:
            if adapter is not None:
                self._turn_tcp_old.append(adapter)  # calls in progress may still use it
            opts = self.cfg.nat.adapter_options(transport) if self.cfg.nat is not None else {}
            adapter = self._turn_tcp = TurnTcpAdapter(host, port, **opts)
        return adapter.address

    def set_nat(self, settings: NatSettings) -> None:
        """New ICE/STUN/TURN settings (the hub's, after sign-in): the TURN ladder is probed on a
        thread (never on the pump thread), then pump() applies them to every account."""
        settings.check()

        def probe() -> None:
            settings.probe()
            self._nat_pending = settings

        threading.Thread(target=probe, name="wp-nat-probe", daemon=True).start()

    def _apply_nat(self) -> None:
        settings, self._nat_pending = self._nat_pending, None
        if settings is None or self.ep is None:
            return
        self.cfg.nat = settings
        if settings.stun:
            try:
                self.ep.natUpdateStunServers([f"{h}:{p}" for h, p in map(nat.stun.parse_host_port, settings.stun)],
                                             False)
            except pj.Error as exc:
                log.warning("STUN servers not updated: %s", exc.info())
        for acc_id, acc in list(self.accounts.items()):
            spec = getattr(acc, "spec", None)
            if spec is None:
                continue
            try:
                acc.modify(self._account_config(spec)[0])
            except pj.Error as exc:
                log.warning("account %s keeps its old NAT settings: %s", acc_id, exc.info())
        self.emit({"event": "nat", **settings.summary()})

    def _account_config(self, spec: AccountSpec):
        """(pjsua2 AccountConfig, TLS relay target or None, signalling rung or "")."""
        cfg = pj.AccountConfig()
        cfg.idUri = f'"{spec.display_name}" <{spec.uri}>' if spec.display_name else spec.uri
        if spec.registrar:
            cfg.regConfig.registrarUri = spec.registrar
            cfg.regConfig.timeoutSec = spec.reg_interval
        else:
            cfg.regConfig.registerOnAdd = False
        target = None
        if spec.transport == "tls":
            from whitephone.sip.relay import tls_target

            target = tls_target(spec)
        rung = self._tls_route(target, cfg) if target is not None else ""
        if spec.proxy and not rung:
            cfg.sipConfig.proxies.append(spec.proxy)
        if spec.user:
            cfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", spec.user, 0, spec.password))
        # A TCP engine binds its accounts to TCP: otherwise an incoming INVITE over TCP whose
        # Contact has no ;transport=tcp (sipp, many phones) gets 500 "Unable to generate Contact
        # header". A UDP engine leaves the choice to each URI, so `;transport=tcp` accounts and
        # calls go over its second (TCP) transport.
        if rung:
            pass  # bound to TCP by _tls_route
        elif self.cfg.transport == "tcp" or "transport=tcp" in (spec.registrar + spec.proxy + spec.uri).lower():
            rung = "tcp"
            cfg.sipConfig.transportId = self.transport_id if self.cfg.transport == "tcp" else self.tcp_id
        # RTP on the signalling host, ports chosen by the OS (parallel engines never collide)
        cfg.mediaConfig.transportConfig.boundAddress = self.cfg.host
        cfg.mediaConfig.transportConfig.port = 0
        cfg.mediaConfig.srtpUse = spec.srtp
        cfg.mediaConfig.srtpSecureSignaling = 0
        if self.cfg.nat is not None and self.cfg.nat.active:
            nat.apply_account(cfg.natConfig, self.cfg.nat, pj, self._turn_tcp_adapter)
        return cfg, target, rung

    def _tls_route(self, target, cfg) -> str:
        """Signalling over the TLS relay: the account's only route is the relay's local TCP port
        (loose routing, so the Request-URI, sips: included, and the Via stay as they are; the
        Contact takes the route's transport, TCP, which is what pjsip listens on)."""
        from whitephone.sip.relay import TlsRelay

        tcp = self.transport_id if self.cfg.transport == "tcp" else self.tcp_id
        if tcp == pj.PJSUA_INVALID_ID:
            raise ValueError("TLS signalling needs the engine's TCP transport, which could not be opened")
        if self.relay is None:
            self.relay = TlsRelay(self.emit, ca_file=self.cfg.tls_ca_file, pins=frozenset(self.cfg.tls_pins))
        port = self.relay.route(target)
        cfg.sipConfig.proxies.append(f"sip:127.0.0.1:{port};transport=tcp;lr")
        cfg.sipConfig.transportId = tcp
        return target.rung

    def rung_of_source(self, source: str, info: str = "") -> str:
        """The rung a request arrived on: through the relay (its local port), else pjsip's own."""
        if self.relay is not None:
            target = self.relay.target_of_port(_port_of_address(source))
            if target is not None:
                return target.rung
        return "tcp" if " TCP " in f" {info.upper()} " else "udp"

    # -- calls ------------------------------------------------------------------------------
    def call(self, uri: str, account: str = "default", media: MediaPlan | None = None,
             req: int | None = None, waited_as: int | None = None) -> int:
        """`waited_as`: the provisional id this call had while it waited for its account's ladder
        (sip/agent.py), named in its `calling` event so the window moves that call's window."""
        acc = self.accounts[account]
        if self.rungs.get(account, "").startswith("tls"):
            from whitephone.sip.relay import as_tls_hop

            uri = as_tls_hop(uri)
        call = _Call(self, acc)
        call.plan = media or self.default_media
        call.invite_sent = time.monotonic()
        self._hold_others(call)  # a new call while talking: the one in progress waits on hold
        call.makeCall(uri, pj.CallOpParam(True))
        cid = call.cid = call.getId()
        self.calls[cid] = call
        self.emit({"event": "calling", "call": cid, "uri": uri, "account": account,
                   **({"req": req} if req is not None else {}),  # the command that placed it
                   **({"waited_as": waited_as} if waited_as is not None else {})})
        self.emit({"event": "rung", "call": cid, "account": account, "rung": self.rungs.get(account, "udp")})
        return cid

    def refuse(self, call: _Call, ci, code: int, reason: str) -> None:
        """Refuse an incoming call (403: screening does not allow it; 486: its address already
        rings twice): logged, never shown as ringing, answered REFUSE_AFTER_S later (see there)."""
        call.screened, call.reported, call.direction = True, True, "in"
        call.refuse_code, call.refuse_at = code, time.monotonic() + REFUSE_AFTER_S
        log.warning("refused a call from %s (%s) with %s: %s", ci.remoteUri, call.source, code, reason)
        self.emit({"event": "call_refused", "remote_uri": ci.remoteUri, "source": call.source, "code": code,
                   "reason": reason})

    def _answer_refused(self, now: float) -> None:
        for call in list(self.calls.values()):
            if call.refuse_at and now >= call.refuse_at:
                call.refuse_at = 0.0
                try:
                    self._respond(call, call.refuse_code)
                except pj.Error as exc:  # the caller gave up meanwhile
                    log.info("refused call %s already gone: %s", call.cid, exc.info())

    def replace_refusal(self, call: _Call, source: str) -> str:
        """Why an INVITE from `source` may not replace `call` ("" when it may)."""
        if not self.screen.allows(source):
            return "not through your accounts' servers and not from a known peer"
        if self.screen.trusts(source):
            return ""
        try:
            peer = host_of(call.source) if call.source else host_of(call.getInfo().remoteContact)
        except pj.Error:
            peer = ""
        if host_of(source) != peer:
            return "a call may only be taken over from its own party's host or a trusted one"
        return ""

    def transfer_refusal(self, call: _Call, target: str) -> tuple[int, str]:
        """(SIP code, why) to refuse a REFER received on `call` asking us to call `target`;
        (0, "") to follow it."""
        previous = call.transfer_call
        if previous is not None and not previous.reported and (
                previous in self.adopting or self.calls.get(previous.cid) is previous):
            return 491, "a transfer of this call is already in progress"
        host, port = host_of(target), _port_of(target)
        our_host, our_port = self.bound.rsplit(":", 1) if self.bound else ("", "0")
        ours = {int(our_port)}
        if self.tcp_id != pj.PJSUA_INVALID_ID and self.ep is not None:
            ours.add(int(self.ep.transportGetInfo(self.tcp_id).localName.rsplit(":", 1)[1]))
        if port in ours and (host == host_of(our_host) or host.startswith("127.") or host in ("localhost", "::1")):
            return 603, "the transfer target is this phone"
        if self.screen.on and not self.screen.trusts(host) and not any(
                host in acc.domains for acc in self.accounts.values()):
            return 603, "the transfer target is neither our server nor a known peer"
        return 0, ""

    def ringing_from(self, source: str) -> int:
        """How many incoming calls from the host of `source` ring unanswered now."""
        host = host_of(source)
        return sum(1 for c in self.calls.values() if c.direction == "in" and not c.reported
                   and c.state in ("incoming", "early") and host_of(c.source) == host)

    def on_incoming(self, call_id: int) -> None:
        call = self._call(call_id)
        call.plan = self.default_media
        self._respond(call, 180)
        if any(c.confirmed_at and not c.reported for c in self.calls.values()):
            self._waiting_tone(True)  # call waiting: a beep in the ear, not the ringer
        else:
            self._ring(True)
        if self.auto_answer is not None:
            self._answer_at[call_id] = time.monotonic() + self.auto_answer

    def _respond(self, call: _Call, code: int) -> None:
        op = pj.CallOpParam()
        op.statusCode = code
        call.answer(op)

    def answer(self, call_id: int) -> None:
        """Pick up; a call already in progress goes on hold first (call waiting), so the two
        callers never hear each other or both hear us."""
        call = self._call(call_id)
        self._hold_others(call)
        self._respond(call, 200)

    def _hold_others(self, call: _Call) -> None:
        """Hold every other talking call that is not merged with `call`. Only calls that share
        the user's microphone and speaker wait: a file or echo service (the agent's --play,
        --record, --echo) serves each caller on its own."""
        if not call.plan.uses_devices:
            return
        for other in list(self.calls.values()):
            held = other.held if other.want_held is None else other.want_held
            if (other is not call and other.cid not in call.conference and other.state == "confirmed"
                    and not held and not other.reported and other.plan.uses_devices):
                self._set_hold(other, True)

    def _set_hold(self, call: _Call, held: bool) -> None:
        """Hold or resume `call` now, or as soon as its re-INVITE in progress has finished."""
        call.want_held, call.hold_until = held, time.monotonic() + 5.0
        self._push_hold(call)

    def _push_hold(self, call: _Call) -> None:
        held = call.want_held
        try:
            if held:
                call.setHold(pj.CallOpParam(True))
            else:
                op = pj.CallOpParam(True)
                op.opt.flag = pj.PJSUA_CALL_UNHOLD
                call.reinvite(op)
        except pj.Error as exc:  # PJ_EINVALIDOP: a re-INVITE is still running; retried by pump()
            if time.monotonic() < call.hold_until and not call.reported:
                return
            call.want_held = None
            log.warning("could not %s call %s: %s", "hold" if held else "resume", call.cid, exc.info())
            self.emit({"event": "error", "call": call.cid, "cmd": "hold" if held else "resume",
                       "reason": f"could not {'hold' if held else 'resume'} call {call.cid}: {exc.reason}"})
            return
        call.want_held = None
        if held:
            call.held = True

    def _retry_holds(self) -> None:
        for call in list(self.calls.values()):
            if call.want_held is not None:
                self._push_hold(call)

    def adopt(self, call: _Call, ci) -> None:
        """Register a call pjsua made for a received REFER, and announce it like a dialled one."""
        self.adopting.remove(call)
        call.cid = ci.id
        self.calls[ci.id] = call
        self.emit({"event": "calling", "call": ci.id, "uri": call.remote_uri or ci.remoteUri,
                   "account": call.account.acc_id, "transfer_of": call.transfer_of})

    def end_transferred(self, call: _Call) -> None:
        """Our REFER succeeded: the other party is now with the transfer target; end our leg."""
        if call.reported:
            return
        try:
            call.hangup(pj.CallOpParam(True))
        except pj.Error as exc:
            log.warning("could not end the transferred call %s: %s", call.cid, exc.info())

    def hangup(self, call_id: int, code: int = 0) -> None:
        """End a call; on a ringing incoming call `code` declines (603) or says busy (486)."""
        call = self._call(call_id)
        op = pj.CallOpParam()
        if code:
            op.statusCode = code
        call.hangup(op)

    def _call(self, call_id: int) -> _Call:
        """A call the commands may act on; a clear error for one that ended or never was."""
        try:
            return self.calls[call_id]
        except KeyError:
            raise ValueError(f"no call {call_id}") from None

    def call_stats(self, call_id: int) -> dict:
        """The call's audio stream as the network delivered it: jitter buffer and RTCP receive
        figures (loss, jitter), for the call window and the benchmarks."""
        call = self._call(call_id)
        ci = call.getInfo()
        index = next((i for i, mi in enumerate(list(ci.media))
                      if mi.type == pj.PJMEDIA_TYPE_AUDIO and mi.status == pj.PJSUA_CALL_MEDIA_ACTIVE), None)
        if index is None:
            raise ValueError("the call has no active audio")
        st, si = call.getStreamStat(index), call.getStreamInfo(index)
        jb, rx = st.jbuf, st.rtcp.rxStat
        frame_ms = si.audCodecParam.info.frameLen or 20  # the jitter buffer counts codec frames
        return {"call": call_id, "codec": call.media.codec,
                "jitter_buffer": {"start_ms": si.jbInit, "prefetch_ms": jb.prefetch * frame_ms,
                                  "size_ms": jb.size * frame_ms,
                                  "avg_delay_ms": jb.avgDelayMsec, "max_delay_ms": jb.maxDelayMsec,
                                  "lost": jb.lost, "discarded": jb.discard, "empty": jb.empty},
                "received": {"packets": rx.pkt, "lost": rx.loss, "reordered": rx.reorder,
                             "duplicated": rx.dup, "jitter_ms": round(rx.jitterUsec.mean / 1000, 1)},
                "trimming": self._trim_stats(call, index)}

    def resources(self) -> dict:
        """What the engine holds now (the same after each call as before it, or it leaks):
        conference-bridge ports in use and their limit, calls in our registry and the Call
        objects pjsua made for a REFER not yet registered."""
        names: dict[str, int] = {}
        for am in self.ep.mediaEnumPorts2():
            try:
                name = am.getPortInfo().name
            except pj.Error:  # removed meanwhile (the bridge drops ports on its own clock thread)
                continue
            names[name] = names.get(name, 0) + 1
        return {"media_ports": self.ep.mediaActivePorts(), "media_ports_max": self.ep.mediaMaxPorts(),
                "port_names": names, "calls": len(self.calls), "adopting": len(self.adopting),
                "ending": len(self._ending)}

    def _trim_stats(self, call: _Call, index: int) -> dict:
        """Whether the jitter buffer sheds its reserve on this call (available: the buffer was
        found; level: what it holds; dropped: frames given up in pauses; backoffs: how often
        jitter or an underflow after a drop stopped the trimming)."""
        trim = call.trim if call.trim is not None and call.trim.index == index else None
        return trim.stats() if trim is not None else {"available": False, "target_ms": self.cfg.jb_trim_ms,
                                                      "discard": self.jb_discard}

    def hold(self, call_id: int) -> None:
        self._set_hold(self._call(call_id), True)

    def resume(self, call_id: int) -> None:
        """Take a call off hold; the call we were talking in goes on hold (swap)."""
        call = self._call(call_id)
        self._hold_others(call)
        self._set_hold(call, False)

    def conference(self, call_ids: list[int]) -> None:
        """Merge calls into one conversation (pjmedia's bridge mixes them): each party hears
        the others and us; held ones are resumed."""
        calls = [self._call(c) for c in dict.fromkeys(call_ids)]
        if len(calls) < 2:
            raise ValueError("a conference needs at least two calls")
        for call in calls:
            if call.state != "confirmed":
                raise ValueError(f"call {call.cid} is not connected")
        members = {c.cid for c in calls}
        for call in calls:
            for cid in call.conference:  # merging into an existing conference keeps its members
                members.add(cid)
        for cid in members:
            self.calls[cid].conference = members - {cid}
        for cid in members:
            call = self.calls[cid]
            if call.held or call.want_held:
                self._set_hold(call, False)  # its media callback connects it to the others
            else:
                am = self._audio_media(call)
                if am is not None:
                    self._connect_conference(call, am)
        self.emit({"event": "conference", "calls": sorted(members)})

    def _audio_media(self, call: _Call):
        """The call's audio conference port while it carries audio to us (active, or held by
        the other side), else None."""
        ci = call.getInfo()
        for i, mi in enumerate(list(ci.media)):
            if mi.type == pj.PJMEDIA_TYPE_AUDIO and mi.status in (pj.PJSUA_CALL_MEDIA_ACTIVE,
                                                                  pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                return call.getAudioMedia(i)
        return None

    def _connect_conference(self, call: _Call, am) -> None:
        for cid in call.conference:
            other = self.calls.get(cid)
            other_am = self._audio_media(other) if other is not None else None
            if other_am is not None:
                am.startTransmit(other_am)
                other_am.startTransmit(am)

    DTMF_DIGIT_S = 0.25  # one RFC 2833 digit on the wire: its tone, the end packets, a gap
    DTMF_CHUNK = 8  # digits handed to pjmedia at a time (its queue holds 32)
    DTMF_DIGITS = frozenset("0123456789*#ABCD")

    def dtmf(self, call_id: int, digits: str) -> None:
        """Queue DTMF digits on a call; `_send_dtmf` hands them to pjmedia a few at a time, so
        digits of several commands go out in order (pjmedia's own queue holds 32, and a digit
        refused there must not overtake the queued ones by SIP INFO). RFC 2833
        telephone-events; SIP INFO when no stream can carry them (ringing, on hold either way,
        a re-INVITE under way) or the peer offered no telephone-event. Only 0-9 * # A-D
        (anything else would reach the peer as it is: a NUL aborts pjsua's INFO parser)."""
        call = self._call(call_id)
        digits = str(digits).upper()
        bad = sorted(set(digits) - self.DTMF_DIGITS)
        if not digits or bad:
            shown = ", ".join(repr(c) for c in bad[:5]) or "nothing"
            raise ValueError(f"not DTMF digits: {shown} (only 0-9, *, #, A-D)")
        call.dtmf_queue += digits
        self._send_dtmf(call, time.monotonic())

    def _held_by_far_end(self, call: _Call) -> bool:
        try:
            ci = call.getInfo()  # kept: its media list dies with it
        except pj.Error:
            return False
        return any(mi.type == pj.PJMEDIA_TYPE_AUDIO and mi.status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD
                   for mi in list(ci.media))

    def _send_dtmf(self, call: _Call, now: float) -> None:
        """The next few queued digits, once pjmedia has sent the previous ones. pjmedia's stream
        sends queued digits only while audio frames pass through it: on a call where nothing of
        ours transmits (no microphone, nothing to play) digits stuck behind the first, so silence
        carries the call's digits (and a muted one's) while they go."""
        if not call.dtmf_queue or now < call.dtmf_next:
            return
        chunk, call.dtmf_queue = call.dtmf_queue[:self.DTMF_CHUNK], call.dtmf_queue[self.DTMF_CHUNK:]
        am = self._audio_media(call)
        try:
            if am is None or call.held or self._held_by_far_end(call):  # no stream that sends
                raise pj.Error()
            call.dialDtmf(chunk)
        except pj.Error:  # no stream, or the peer offered no telephone-event: SIP INFO, one per digit
            prm = pj.CallSendDtmfParam()
            prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
            for d in chunk:
                prm.digits = d
                try:
                    call.sendDtmf(prm)
                except pj.Error as exc:
                    call.dtmf_queue = ""
                    self.emit({"event": "error", "call": call.cid, "reason": f"DTMF not sent: {exc.reason}"})
                    return
            call.dtmf_next = now
            return
        call.dtmf_next = now + self.DTMF_DIGIT_S * len(chunk)
        call.dtmf_until = call.dtmf_next + 0.2
        self._carry_dtmf(call, am)

    def _carry_dtmf(self, call: _Call, am) -> None:
        """Silence into the call while its digits go, when nothing else of ours transmits."""
        if call.muted or not self._our_sources(call):
            if self._silence is None:
                self._silence = pj.ToneGenerator()
                self._silence.createToneGenerator(16000, 1)
                tones = pj.ToneDescVector()
                desc = pj.ToneDesc()
                desc.freq1, desc.freq2, desc.on_msec, desc.off_msec = 0, 0, 1000, 0  # 0 Hz: zeros
                tones.append(desc)
                self._silence.play(tones, True)
            self._silence.startTransmit(am)

    def _end_dtmf_silence(self, now: float) -> None:
        for call in self.calls.values():
            if call.dtmf_queue:
                self._send_dtmf(call, now)
            if call.dtmf_until and now >= call.dtmf_until:
                call.dtmf_until = 0.0
                am = self._audio_media(call) if self._silence is not None else None
                if am is not None:
                    try:
                        self._silence.stopTransmit(am)
                    except pj.Error:
                        pass

    def mute(self, call_id: int, muted: bool) -> None:
        """Stop (or restart) sending our audio (microphone or file) into the call. Mute is the
        call's state: every media change re-applies it (connect_media), and merged calls still
        hear each other."""
        call = self._call(call_id)
        call.muted = muted
        am = self._audio_media(call)
        if am is not None:
            for source in self._our_sources(call):
                if muted:
                    source.stopTransmit(am)
                else:
                    source.startTransmit(am)
        self.emit({"event": "muted", "call": call_id, "muted": muted})

    def _our_sources(self, call: _Call) -> list:
        """What carries our side into a call: the file player, or the microphone."""
        sources = [call.media.player] if call.media.player is not None else []
        if self.devices is not None and self.devices.port is not None and call.plan.uses_devices:
            sources.append(self.devices.port)
        return sources

    def transfer(self, call_id: int, uri: str) -> None:
        """Blind transfer: ask the other party to call `uri` (REFER); `transfer_status` events follow."""
        call = self._call(call_id)
        call.xfer(uri, pj.CallOpParam(True))
        call.transfer_to = uri
        self.emit({"event": "transfer_status", "call": call_id, "code": 0, "reason": "sent", "final": False,
                   "to": uri})

    def transfer_attended(self, call_id: int, to_call_id: int) -> None:
        """Attended transfer: the other party of `call_id` replaces our call `to_call_id`.

        pjsua addresses the REFER's target by the dialog's remote URI. A direct peer (no
        registrar) that called us has no port there (pjsip drops it from From), so the
        transferred party would call port 5060; then the target's Contact port is used, with
        the Replaces parameters pjsua would write."""
        from whitephone.core.dial import callback_uri  # here: phonenumbers is no start-up cost

        call, target = self._call(call_id), self._call(to_call_id)
        if call is target:
            raise ValueError(f"call {call_id} cannot be transferred to itself")
        ci = target.getInfo()
        remote = ci.remoteUri.strip().strip("<>")
        direct = callback_uri(ci.remoteUri, ci.remoteContact)
        if direct != remote and target.tags is not None:
            local_tag, remote_tag = target.tags
            call.xfer(f"<{direct}?Require=replaces&Replaces={quote(ci.callIdString, safe='')}"
                      f"%3Bto-tag%3D{remote_tag}%3Bfrom-tag%3D{local_tag}>", pj.CallOpParam(True))
        else:
            call.xferReplaces(target, pj.CallOpParam(True))
        call.transfer_to = target.remote_uri
        self.emit({"event": "transfer_status", "call": call_id, "code": 0, "reason": "sent", "final": False,
                   "to": target.remote_uri, "to_call": to_call_id})

    def record(self, call_id: int, path: str) -> None:
        """Record a call to a WAV file (both directions mixed). Again after `record_stop`, it
        goes on in the same file (the file is finished when the call ends)."""
        call = self._call(call_id)
        if call.media.recorder is None:
            call.plan = MediaPlan(play=call.plan.play, record=path, echo=call.plan.echo, record_both=True)
            call.media.record_failed = ""  # a new file: try again
        call.recording_paused = False
        call.media.grew_at = time.monotonic()  # _watch_recordings: from now on it should grow
        am = self._audio_media(call)
        if am is not None:
            self.connect_media(call, am)
        if not call.media.record_failed:  # else connect_media said why (recording false)
            self.emit({"event": "recording", "call": call_id, "recording": True, "path": call.plan.record})

    def record_stop(self, call_id: int) -> None:
        """Stop recording (the part recorded so far stays in the file)."""
        call = self._call(call_id)
        if not call.plan.record or call.recording_paused or call.media.record_failed:
            raise ValueError(f"call {call_id} is not being recorded")
        call.recording_paused = True  # the call's state: held or ringing, no recorder starts later
        recorder = call.media.recorder
        am = self._audio_media(call) if recorder is not None else None
        for source in [am, *self._our_sources(call)] if recorder is not None else []:
            if source is not None:
                source.stopTransmit(recorder)
        self.emit({"event": "recording", "call": call_id, "recording": False, "path": call.plan.record})

    # -- media ------------------------------------------------------------------------------
    def connect_media(self, call: _Call, am) -> None:
        """(Re)connect the call's audio to its plan: file player, recorder, echo or devices."""
        plan, media = call.plan, call.media
        if plan.play and media.player is None and not media.play_failed:
            media.player = self._open_player(call, plan.play)
        if media.player is not None:
            media.player.startTransmit(am)
        recording = plan.record and not call.recording_paused and not media.record_failed
        if recording and media.recorder is None:
            media.recorder = self._open_recorder(call, plan.record)
        recording = recording and media.recorder is not None
        if recording:
            am.startTransmit(media.recorder)
            if plan.record_both and media.player is not None:
                media.player.startTransmit(media.recorder)
        if plan.echo:
            am.startTransmit(am)  # what we hear goes straight back
        if self.devices is not None and plan.uses_devices:
            self._ringback_tone(False)  # early media or answer: the far end's audio takes over
            self.devices.connect(am)
            if recording and media.recorder is not None:
                self.devices.port.startTransmit(media.recorder)  # our voice into the recording too
        if call.muted:
            for source in self._our_sources(call):
                source.stopTransmit(am)
        if call.dtmf_until:
            self._carry_dtmf(call, am)
        self._connect_conference(call, am)

    def _open_player(self, call: _Call, path: str):
        """The call's file player, or None after a `playing` event saying why not (once)."""
        player = pj.AudioMediaPlayer()
        try:
            player.createPlayer(path, pj.PJMEDIA_FILE_NO_LOOP)
            return player
        except pj.Error as exc:
            call.media.play_failed = exc.reason or str(exc)
        log.warning("call %s cannot play %s: %s", call.cid, path, call.media.play_failed)
        self.emit({"event": "playing", "call": call.cid, "playing": False, "path": path,
                   "reason": f"cannot play {path}: {call.media.play_failed}"})
        return None

    def _open_recorder(self, call: _Call, path: str):
        """The call's recorder, or None after a `recording` event saying why not (once)."""
        recorder = pj.AudioMediaRecorder()
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            recorder.createRecorder(path)
            call.media.recorded, call.media.grew_at = 0, time.monotonic()
            return recorder
        except OSError as exc:
            call.media.record_failed = exc.strerror or str(exc)
        except pj.Error as exc:
            call.media.record_failed = exc.reason or str(exc)
        log.warning("call %s cannot record to %s: %s", call.cid, path, call.media.record_failed)
        self.emit({"event": "recording", "call": call.cid, "recording": False, "path": path,
                   "reason": f"cannot record to {path}: {call.media.record_failed}"})
        return None

    def disconnect_media(self, call: _Call, am) -> None:
        """A call we put on hold: nothing of ours (microphone, file, merged calls) reaches it,
        whether pjsua kept its conference port or made a new one."""
        for source in self._our_sources(call):
            source.stopTransmit(am)
        if self.devices is not None and self.devices.port is not None and call.plan.uses_devices:
            am.stopTransmit(self.devices.port)
        for cid in call.conference:
            other = self.calls.get(cid)
            other_am = self._audio_media(other) if other is not None else None
            if other_am is not None:
                other_am.stopTransmit(am)
                am.stopTransmit(other_am)

    def ended(self, call: _Call, ci) -> None:
        """Report a finished call and drop it (ci None: pjsua2 could not tell us more)."""
        if call.reported:
            return
        call.reported = True
        self.tones_for(call, "disconnected", 0)
        duration = 0.0 if call.confirmed_at is None else time.monotonic() - call.confirmed_at
        # the file, if one was made (recording asked while held and stopped before: none)
        recording = (call.plan.record or "") if call.media.recorder is not None else ""
        codec = call.media.codec
        had_recorder = call.media.recorder is not None
        call.trim = None
        call.media = _Media()  # destroying the recorder finalises the WAV header...
        self._answer_at.pop(call.cid, None)
        for cid in call.conference:  # the others stay merged with each other
            other = self.calls.get(cid)
            if other is not None:
                other.conference.discard(call.cid)
        call.conference = set()
        event = {"event": "ended", "call": call.cid, "direction": call.direction,
                 "duration": round(duration, 3), "code": ci.lastStatusCode if ci else 0,
                 "reason": ci.lastReason if ci else "ended", "codec": codec, "recording": recording,
                 "remote_uri": ci.remoteUri if ci else call.remote_uri}
        self.calls.pop(call.cid, None)  # dropped from the registry on DISCONNECTED
        if had_recorder:
            # ...on pjmedia's clock thread, a little later (PJSIP 2.14+ removes conference ports
            # asynchronously): `ended` promises a finished file, so it waits for the header.
            self._ending.append((time.monotonic() + 3.0, recording, event))
        else:
            self.emit(event)

    def _emit_finished_recordings(self, now: float) -> None:
        for item in list(self._ending):
            deadline, path, event = item
            if now >= deadline or _wav_finished(path):
                self._ending.remove(item)
                self.emit(event)
