"""Relative dates for lists: "Today 14:05", "Yesterday 14:05", "Tomorrow 14:05", "Mon 14:05" for
the past six days, else the date (a future day is never named by its weekday alone: on a Saturday
"Mon" would be both last Monday and the next one). Plain Python: which kind of date a time is; the words and formats are the caller's (the
window's are QLocale's: whitephone/ui/dates.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

WEEK_DAYS = 6  # within this many days back the weekday names the day


def local_time(value) -> dt.datetime | None:
    """A time (datetime, ISO text with or without Z, or epoch seconds) as a local aware datetime;
    a naive one is taken as UTC (the store keeps UTC); None for nothing or what is no time."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, int | float):
        d = dt.datetime.fromtimestamp(value, dt.UTC)
    else:
        try:
            d = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.UTC)
    return d.astimezone()


def day_kind(d: dt.datetime, now: dt.datetime | None = None) -> str:
    """"today", "yesterday", "tomorrow", "weekday" (the past six days) or "date"."""
    today = (now or dt.datetime.now().astimezone()).astimezone(d.tzinfo).date()
    days = (d.date() - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if -WEEK_DAYS <= days < 0:
        return "weekday"
    return "date"


def _plain(kind: str, d: dt.datetime) -> str:
    words = {"today": "Today", "yesterday": "Yesterday", "tomorrow": "Tomorrow"}
    day = words.get(kind) or (d.strftime("%a") if kind == "weekday" else d.strftime("%Y-%m-%d"))
    return f"{day} {d.strftime('%H:%M')}"


def relative_text(value, now: dt.datetime | None = None,
                  fmt: Callable[[str, dt.datetime], str] = _plain) -> str:
    """`value` as a list shows it; "" for no time, the text itself for what is no time.
    `fmt(kind, local datetime)` words it (default: English, ISO dates, 24-hour times)."""
    d = local_time(value)
    if d is None:
        return "" if value in (None, "") else str(value)
    return fmt(day_kind(d, now), d)
