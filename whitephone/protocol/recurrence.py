"""Bounded recurrence walks shared by the hub and the app (python-dateutil underneath).

dateutil's rrule walks from DTSTART every time it is asked for "the next occurrence after X",
and a rule that can never match (30 February, INTERVAL=0) makes it loop up to the year 9999 or
for ever. Here:

- `rule_problem` refuses what cannot be expanded safely: INTERVAL below 1, a day that no month
  or year has (BYMONTHDAY=30 in February only, BYYEARDAY=367, ...), a rule with no occurrence.
- `fast_forward` restarts a rule without COUNT near a given instant on one of its own period
  boundaries (DTSTART moved by a whole number of INTERVALs, every BY part the rule inherited from
  DTSTART spelt out), so a series that began in 1990 is walked from last week, not from 1990.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from dateutil.rrule import (
    DAILY,
    HOURLY,
    MINUTELY,
    MONTHLY,
    SECONDLY,
    WEEKLY,
    YEARLY,
    rrule,
    rrulestr,
    weekday,
)

_INTERVAL = re.compile(r"(?:^|;)\s*INTERVAL\s*=\s*(-?[0-9]+)", re.I)
_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def parse(rule: str, start: datetime) -> rrule:
    """The rule (one RRULE value) with DTSTART `start`; ValueError when it cannot be walked."""
    rule = rule.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    mo = _INTERVAL.search(rule)
    if mo and int(mo.group(1)) < 1:
        raise ValueError(f"INTERVAL must be 1 or more, not {mo.group(1)}")
    r = rrulestr(rule, dtstart=start)
    if not isinstance(r, rrule):
        raise ValueError("one RRULE only")
    if r._interval < 1:  # noqa: SLF001
        raise ValueError("INTERVAL must be 1 or more")
    _check_possible(r)
    return r


def _check_possible(r: rrule) -> None:
    """Refuse the day filters no calendar day can pass (dateutil would search to the year 9999)."""
    months = r._bymonth or tuple(range(1, 13))  # noqa: SLF001
    days = tuple(r._bymonthday or ()) + tuple(r._bynmonthday or ())  # noqa: SLF001
    if days and not any(abs(dd) <= _MONTH_DAYS[mm] for dd in days for mm in months):
        raise ValueError("no month has that day (BYMONTH/BYMONTHDAY)")
    if r._byyearday and not any(abs(x) <= 366 for x in r._byyearday):  # noqa: SLF001
        raise ValueError("no year has that day (BYYEARDAY)")
    if r._byweekno and not any(abs(x) <= 53 for x in r._byweekno):  # noqa: SLF001
        raise ValueError("no year has that week (BYWEEKNO)")
    if r._bysetpos and not any(abs(p) <= _most_per_period(r) for p in r._bysetpos):  # noqa: SLF001
        raise ValueError("no period has that many occurrences (BYSETPOS)")
    start = r._dtstart  # noqa: SLF001
    if (r._freq == DAILY and r._interval % 7 == 0 and r._byweekday and start is not None  # noqa: SLF001
            and start.weekday() not in r._byweekday):  # noqa: SLF001
        raise ValueError("every INTERVAL days falls on another weekday than BYDAY")


def _most_per_period(r: rrule) -> int:
    """An upper bound of the occurrences one FREQ period of `r` can hold (BYSETPOS picks among them)."""
    times = len(r._byhour or (0,)) * len(r._byminute or (0,)) * len(r._bysecond or (0,))  # noqa: SLF001
    plain = len(r._byweekday or ()) + len(r._bynweekday or ())  # noqa: SLF001
    days = {YEARLY: 53 * plain if plain else 366, MONTHLY: 5 * plain if plain else 31,
            WEEKLY: plain or 7}.get(r._freq, 1)  # noqa: SLF001
    if r._freq in (YEARLY, MONTHLY) and (r._bymonthday or r._bynmonthday) and not plain:  # noqa: SLF001
        days = min(days, len(r._bymonthday or ()) + len(r._bynmonthday or ()))  # noqa: SLF001
    if r._freq == YEARLY and r._bymonth and (r._bymonthday or r._bynmonthday) and not plain:  # noqa: SLF001
        days *= len(r._bymonth)  # noqa: SLF001
    return days * times


def rule_problem(rule: Any, start: datetime) -> str | None:
    """Why `rule` (text) with DTSTART `start` cannot be kept, or None."""
    if not isinstance(rule, str) or not rule.strip():
        return None
    try:
        r = parse(rule, start)
        if next(iter(r), None) is None:
            return "the repeat rule yields no occurrence"
    except (ValueError, TypeError, OverflowError, KeyError, IndexError) as exc:
        return f"the repeat rule cannot be expanded: {exc}"
    return None


def _periods(freq: int, start: datetime, near: datetime) -> int:
    """Whole FREQ periods (wall clock) from `start` to `near` (both in start's zone), rounded down."""
    a, b = start.replace(tzinfo=None), near.astimezone(start.tzinfo).replace(tzinfo=None)
    if freq == YEARLY:
        return b.year - a.year - 1
    if freq == MONTHLY:
        return (b.year - a.year) * 12 + b.month - a.month - 1
    seconds = (b - a).total_seconds()
    size = {WEEKLY: 7 * 86400, DAILY: 86400, HOURLY: 3600, MINUTELY: 60, SECONDLY: 1}[freq]
    return int(seconds // size) - 1


def fast_forward(r: rrule, near: datetime, back: timedelta = timedelta(days=8)) -> rrule:
    """`r` restarted at the last period boundary of its own at least `back` before `near` (the
    same occurrences from there on); `r` itself when it has a COUNT (that counts from DTSTART)
    or already starts after that."""
    start = r._dtstart  # noqa: SLF001
    if r._count is not None or start is None:  # noqa: SLF001
        return r
    freq, interval = r._freq, r._interval  # noqa: SLF001
    k = _periods(freq, start, near - back) // interval
    if k <= 0:
        return r
    n = k * interval
    local = start.replace(tzinfo=None)
    if freq == YEARLY:
        moved = local + relativedelta(years=n)
    elif freq == MONTHLY:
        moved = local + relativedelta(months=n)
    else:
        size = {WEEKLY: timedelta(weeks=1), DAILY: timedelta(days=1), HOURLY: timedelta(hours=1),
                MINUTELY: timedelta(minutes=1), SECONDLY: timedelta(seconds=1)}[freq]
        moved = local + n * size
    if moved.day != local.day and freq in (YEARLY, MONTHLY):
        return r  # 31st or 29 Feb: the period's own day does not exist there; walk from DTSTART
    byweekday = [weekday(x) for x in r._byweekday or ()] + [weekday(x, n_) for x, n_ in r._bynweekday or ()]  # noqa: SLF001
    return rrule(
        freq, dtstart=moved.replace(tzinfo=start.tzinfo), interval=interval, wkst=r._wkst,  # noqa: SLF001
        until=r._until, bysetpos=r._bysetpos, bymonth=r._bymonth,  # noqa: SLF001
        bymonthday=tuple(r._bymonthday or ()) + tuple(r._bynmonthday or ()) or None,  # noqa: SLF001
        byyearday=r._byyearday, byeaster=r._byeaster, byweekno=r._byweekno,  # noqa: SLF001
        byweekday=byweekday or None, byhour=r._byhour, byminute=r._byminute, bysecond=r._bysecond,  # noqa: SLF001
        cache=False)
