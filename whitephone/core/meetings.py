"""Phone meetings (seed 002): when a meeting's window opens, the app dials it (mode automatic)
or asks the user to (mode manual).

Plain Python: the window calls `start_due_meetings` from a timer with its own `dial` (the usual
call path: parse the number, send `call` to the engine) and `prompt` (a notification with a Dial
button). A meeting is marked started before it is dialled, so a crash or a second timer tick
never dials it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from whitephone.core.dial import DialError, DialTarget, parse_dial_target
from whitephone.store.diary import DiaryStore, Occurrence

log = logging.getLogger(__name__)


def meeting_target(o: Occurrence, region: str) -> DialTarget:
    """What to dial for a meeting occurrence (DialError says why its number cannot be dialled)."""
    if not o.meeting or not o.meeting.get("number"):
        raise DialError(f"“{o.subject}” has no number to dial.", "no_number", o.subject)
    return parse_dial_target(o.meeting["number"], region)


def start_due_meetings(diary: DiaryStore, now: datetime, region: str,
                       dial: Callable[[Occurrence, DialTarget], None],
                       prompt: Callable[[Occurrence, DialTarget | None, str | None], None]) -> list[Occurrence]:
    """Start every meeting whose window holds `now`: automatic ones are dialled, manual ones
    (and automatic ones whose number cannot be dialled, with the reason) are prompted. Returns
    the occurrences handled."""
    due = diary.meetings_starting(now)
    if not due:
        return []
    diary.mark_meeting_started(due)
    for o in due:
        try:
            target = meeting_target(o, region)
        except DialError as exc:
            prompt(o, None, str(exc))
            continue
        if o.meeting.get("mode") == "automatic":
            try:
                dial(o, target)
            except Exception as exc:  # noqa: BLE001 - the user is told and can dial by hand
                log.warning("meeting %s not dialled: %s", o.uid, exc)
                prompt(o, target, f"could not dial: {exc}")
        else:
            prompt(o, target, None)
    return due
