"""Real-time scheduling for the engine's audio threads, where the system allows it.

A 20 ms frame has to cross three threads (PortAudio's input and output callbacks, pjmedia's
clock) on time, whatever else the computer is doing; with ordinary scheduling one late wake-up
of 40 ms is an audible gap. PulseAudio and PipeWire run their own audio threads real-time for
this reason. On Linux a thread may switch itself to SCHED_RR when the user's RLIMIT_RTPRIO
allows it (Debian's audio group, a pro-audio setup, root) or it has CAP_SYS_NICE; otherwise it
stays as it is and the bridge's rings absorb what they can. macOS's CoreAudio and Windows'
WASAPI/MME threads are real-time already (PortAudio asks MMCSS for them), so there is nothing
to do there.

PortAudio reaches PulseAudio/PipeWire through ALSA's pulse plugin, whose libpulse main loops run
in threads of their own ("threaded-ml"): the capture data waits for them, so they are raised too
(measured: with them at normal priority a CPU hog beside the call delayed the microphone's
callback by 54 ms, longer than the ring's 40 ms). So is pjmedia's own I/O thread ("media"), which
receives the RTP that fills the jitter buffer: a trimmed buffer holds 40 ms, and a packet the
thread takes in late is an underflow.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

AUDIO_PRIORITY = 10  # SCHED_RR 1-99: above ordinary threads, below PulseAudio/PipeWire (~20)


def _allowed_priority() -> int:
    """The highest SCHED_RR priority this process may take (0: none)."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_RTPRIO)
    except (ImportError, AttributeError, OSError, ValueError):
        return 0
    if os.geteuid() == 0 or soft == resource.RLIM_INFINITY:
        return AUDIO_PRIORITY
    return min(AUDIO_PRIORITY, soft)


class RealtimeThreads:
    """Call `enter(name)` first thing in each audio callback: the first call on a thread asks
    for real-time scheduling, later ones cost a set lookup. `granted` says what each got."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and hasattr(os, "sched_setscheduler")
        self.priority = _allowed_priority() if self.enabled else 0
        self._seen: set[int] = set()
        self.granted: dict[str, bool] = {}

    def enter(self, name: str) -> None:
        ident = threading.get_ident()
        if ident in self._seen:
            return
        self._seen.add(ident)
        self.granted[name] = self._switch(name)

    def _switch(self, name: str) -> bool:
        if not self.enabled or self.priority <= 0:
            return False
        try:
            self._raise(0)  # 0: this thread
        except OSError as exc:
            log.info("%s thread stays at normal priority: %s", name, exc)
            return False
        log.info("%s thread runs real-time (SCHED_RR %d)", name, self.priority)
        return True

    def promote(self, thread_name: str, label: str) -> None:
        """Real-time scheduling for this process's threads named `thread_name` (Linux: other
        libraries' audio threads, found in /proc/self/task); `granted[label]` says if all got it."""
        tasks = Path("/proc/self/task")
        if not self.enabled or self.priority <= 0 or not tasks.is_dir():
            self.granted[label] = False
            return
        found, ok = 0, True
        for task in tasks.iterdir():
            try:
                if (task / "comm").read_text().strip() != thread_name:
                    continue
                found += 1
                self._raise(int(task.name))
            except (OSError, ValueError):
                ok = False  # gone meanwhile, or not allowed
        self.granted[label] = bool(found) and ok

    def _raise(self, tid: int) -> None:
        os.sched_setscheduler(tid, os.SCHED_RR, os.sched_param(self.priority))
