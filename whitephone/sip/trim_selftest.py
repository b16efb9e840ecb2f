"""The jitter-trim self-test: one throw-away call at each engine start proves that this
process finds and can lock the jitter buffers before any real call's buffer is touched.

`jitter_trim.py` knows pjsip's struct layout per build (keyed by the library's SHA-256) and
reads memory only through `process_vm_readv`, so a wrong layout can fail but never crash. The
self-test checks the rest on the machine itself: the engine calls itself on a private UDP
transport on 127.0.0.1, opened before the real SIP ports and closed after (an account that exists
only for this call, with a random name, no registration, nothing shown to the user), and both
legs' streams must yield a checked jitter buffer whose statistics read back and whose lock
takes and gives back (`drop_next(0)` removes nothing). Until the test has passed, no call is
trimmed; when it fails, the engine restarts pjsua with pjmedia's progressive discard, as on a
build whose layout we do not know.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from dataclasses import dataclass, field

import pjsua2 as pj

from whitephone.sip import jitter_trim

log = logging.getLogger(__name__)

USER = "whitephone-selftest"


@dataclass
class SelfTestResult:
    passed: bool
    reason: str = ""
    streams: int = 0  # jitter buffers found and checked (2: both legs)
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


class _Leg(pj.Call):
    def __init__(self, test: _Test, acc: pj.Account, call_id: int = pj.PJSUA_INVALID_ID) -> None:
        super().__init__(acc, call_id)
        self.test = test
        self.ended = False

    def onStreamCreated(self, prm) -> None:  # noqa: N802 - pjsua2 API
        try:
            self.test.check_stream(int(prm.stream))
        except Exception as exc:  # noqa: BLE001 - never let an exception out of a pjsua2 callback
            self.test.problems.append(f"stream check raised {exc!r}")

    def onCallState(self, prm) -> None:  # noqa: N802
        try:
            self.ended = self.getInfo().state == pj.PJSIP_INV_STATE_DISCONNECTED
        except pj.Error:
            self.ended = True


class _Account(pj.Account):
    def __init__(self, test: _Test) -> None:
        super().__init__()
        self.test = test

    def onIncomingCall(self, prm) -> None:  # noqa: N802
        leg = _Leg(self.test, self, prm.callId)
        self.test.legs.append(leg)
        op = pj.CallOpParam()
        # only our own test call (its user part is this run's random name); the transport is a
        # private loopback one, so nothing else should arrive, but if it does it is not taken
        op.statusCode = 200 if self.test.user in prm.rdata.wholeMsg.split("\r\n", 1)[0] else 403
        try:
            leg.answer(op)
        except pj.Error as exc:
            self.test.problems.append(f"answer failed: {exc.info()}")


class _Test:
    def __init__(self, init_ms: int, min_ms: int, layout, user: str) -> None:
        self.init_ms, self.min_ms, self.layout, self.user = init_ms, min_ms, layout, user
        self.legs: list[_Leg] = []
        self.found = 0
        self.problems: list[str] = []

    def check_stream(self, stream: int) -> None:
        jb = jitter_trim.locate_jitter_buffer(stream, self.init_ms, self.min_ms, self.layout) if stream else None
        if jb is None:
            self.problems.append("a stream's jitter buffer was not where this build keeps it")
            return
        if jb.delay_ms() is None:
            self.problems.append("the jitter buffer's statistics could not be read")
            return
        if jb.drop_next(0) != 0:  # takes and gives back the stream's lock; removes nothing
            self.problems.append("the jitter buffer removed frames when asked for none")
            return
        self.found += 1


def run(ep: pj.Endpoint, init_ms: int, min_ms: int, layout=None, timeout: float = 3.0) -> SelfTestResult:
    """Call ourselves on a private UDP transport on 127.0.0.1 (opened for the test, closed after)
    and check both legs' jitter buffers. Pumps `ep` in this (its own) thread; everything it made
    is gone on return. `layout`: the one to test (tests give wrong ones); default: this build's."""
    started = time.monotonic()
    layout = layout if layout is not None else jitter_trim.known_layout()
    if layout is None or not jitter_trim.trimming_available():
        return SelfTestResult(False, "this pjsip build's layout is not known")
    test = _Test(init_ms, min_ms, layout, f"{USER}-{os.urandom(8).hex()}")  # not secrets: it loads OpenSSL
    tc = pj.TransportConfig()
    tc.port, tc.boundAddress = 0, "127.0.0.1"
    acc: _Account | None = None
    tid = pj.PJSUA_INVALID_ID
    try:
        tid = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tc)
        bound = ep.transportGetInfo(tid).localName
        cfg = pj.AccountConfig()
        cfg.idUri = f"sip:{test.user}@{bound}"
        cfg.regConfig.registerOnAdd = False
        cfg.sipConfig.transportId = tid
        acc = _Account(test)
        acc.create(cfg)
        caller = _Leg(test, acc)
        test.legs.append(caller)
        caller.makeCall(f"sip:{test.user}@{bound}", pj.CallOpParam(True))
        end = time.monotonic() + timeout
        while time.monotonic() < end and test.found + len(test.problems) < 2:
            ep.libHandleEvents(10)
    except pj.Error as exc:
        test.problems.append(f"the test call failed: {exc.info()}")
    finally:
        _clean_up(ep, test, acc, tid)
    found, problems = test.found, test.problems
    passed = found == 2 and not problems
    reason = "" if passed else (problems[0] if problems else "the test call's streams did not start in time")
    return SelfTestResult(passed, reason, found, round(time.monotonic() - started, 3), problems)


def _clean_up(ep: pj.Endpoint, test: _Test, acc: _Account | None, tid: int) -> None:
    """Hang up, wait for both legs to end (a Call object must outlive its call), drop them,
    shut the account down and close the private transport."""
    op = pj.CallOpParam()
    op.statusCode = pj.PJSIP_SC_DECLINE
    for leg in test.legs:
        try:
            if leg.isActive():
                leg.hangup(op)
        except pj.Error:
            pass
    end = time.monotonic() + 2.0
    while time.monotonic() < end and not all(leg.ended or not _active(leg) for leg in test.legs):
        ep.libHandleEvents(10)
    if acc is not None:
        try:
            acc.shutdown()
        except pj.Error:
            pass
    test.legs.clear()
    gc.collect()
    if tid != pj.PJSUA_INVALID_ID:
        try:
            ep.transportClose(tid)
        except pj.Error:
            pass


def _active(leg: _Leg) -> bool:
    try:
        return leg.isActive()
    except pj.Error:
        return False
