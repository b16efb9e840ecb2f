"""Plain-Python geometry of the Diary views (no Qt): which days a view shows, how it steps, where
an occurrence falls in local time, and how overlapping appointments share a day's width.

Everything here works on local (view time zone) datetimes so the painted widgets only map
minutes and days to pixels."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

VIEWS = ("day", "week", "month", "agenda")
AGENDA_DAYS = 30
SNAP_MINUTES = 15


def local_zone(name: str | None = None) -> tzinfo:
    """The view's time zone: the profile's (an IANA name) or the computer's."""
    if name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return datetime.now().astimezone().tzinfo  # type: ignore[return-value]


def zone_label(tz: tzinfo, when: datetime | None = None) -> str:
    """'Europe/London (GMT, UTC+00:00)': the zone times are shown in."""
    when = (when or datetime.now(tz)).astimezone(tz)
    key = getattr(tz, "key", None)
    offset = when.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    abbr = when.tzname() or ""
    return f"{key} ({abbr}, {offset})" if key else f"{abbr} ({offset})"


# -- ranges -------------------------------------------------------------------------------------
def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day (Monday = 0) of the week holding `day`."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def visible_days(view: str, anchor: date, first_weekday: int = 0) -> list[date]:
    """The days a view shows around `anchor`: 1, 7, the 6-week month grid, or the agenda's days."""
    if view == "day":
        return [anchor]
    if view == "week":
        start = week_start(anchor, first_weekday)
        return [start + timedelta(days=i) for i in range(7)]
    if view == "month":
        start = week_start(anchor.replace(day=1), first_weekday)
        return [start + timedelta(days=i) for i in range(42)]
    if view == "agenda":
        return [anchor + timedelta(days=i) for i in range(AGENDA_DAYS)]
    raise ValueError(f"unknown view {view!r}")


def step(view: str, anchor: date, n: int) -> date:
    """The anchor `n` pages on (PgDn) or back (PgUp): a day, a week, a month (the day clamped to
    the month's length), or the agenda's span."""
    if view == "day":
        return anchor + timedelta(days=n)
    if view == "week":
        return anchor + timedelta(days=7 * n)
    if view == "month":
        m = anchor.month - 1 + n
        year, month = anchor.year + m // 12, m % 12 + 1
        return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))
    if view == "agenda":
        return anchor + timedelta(days=AGENDA_DAYS * n)
    raise ValueError(f"unknown view {view!r}")


def range_bounds(days: Sequence[date], tz: tzinfo) -> tuple[datetime, datetime]:
    """Aware start (first day's midnight) and end (after the last day) of a list of days."""
    return (datetime.combine(days[0], time(), tz),
            datetime.combine(days[-1] + timedelta(days=1), time(), tz))


# -- occurrences in local time --------------------------------------------------------------------
@dataclass(slots=True)
class Placed:
    """One occurrence as a view draws it: local start/end and the days it covers."""

    occ: Any
    start: datetime  # local, naive-free (aware in the view's zone)
    end: datetime
    all_day: bool
    first_day: date
    last_day: date  # inclusive


def place(occ: Any, tz: tzinfo) -> Placed:
    """Where an occurrence falls in the view's zone. All-day appointments keep their dates (a
    holiday on the 25th is on the 25th wherever one looks at it); timed ones are converted."""
    if occ.all_day:
        first = _as_date(occ.start)
        last = _as_date(occ.end)
        if isinstance(occ.end, datetime) and occ.end.time() == time() or not isinstance(occ.end, datetime):
            last = last - timedelta(days=1)  # the end is exclusive (the next midnight)
        last = max(first, last)
        start = datetime.combine(first, time(), tz)
        end = datetime.combine(last + timedelta(days=1), time(), tz)
        return Placed(occ, start, end, True, first, last)
    start, end = occ.start, occ.end
    if start.tzinfo is not tz:  # most appointments are in the profile's zone: nothing to convert
        start = start.astimezone(tz)
    if end.tzinfo is not tz:
        end = end.astimezone(tz)
    if end < start:
        end = start
    first = start.date()
    last = end.date()
    if last != first and end.hour == 0 and end.minute == 0 and end.second == 0:
        last -= timedelta(days=1)  # ends at midnight: not on the next day
    return Placed(occ, start, end, False, first, last)


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def by_day(placed: Iterable[Placed], days: Sequence[date]) -> dict[date, list[Placed]]:
    """Each shown day's occurrences (an appointment over several days is on each of them),
    all-day first, then by start time (one sort of the whole list, nearly free on the store's
    start-ordered answer, instead of one per day)."""
    shown = {d: [] for d in days}  # type: dict[date, list[Placed]]
    if not days:
        return shown
    lo, hi = days[0], days[-1]
    for p in sorted(placed, key=_order):
        d = max(p.first_day, lo)
        last = min(p.last_day, hi)
        while d <= last:
            if d in shown:
                shown[d].append(p)
            d += timedelta(days=1)
    return shown


def _order(p: Placed) -> tuple:
    return (not p.all_day, p.start, p.end)


# -- overlaps side by side --------------------------------------------------------------------------
def pack_columns(spans: Sequence[tuple[float, float]]) -> list[tuple[int, int, int]]:
    """Lay out overlapping [start, end) spans side by side: for each span (in input order) its
    column, how many columns it may stretch over to the right (free there for its whole
    length), and the number of columns of its overlap group.

    Groups are sets of spans connected by overlaps; within a group each span takes the first
    column whose last span ended by its start (earliest start first, longer first on ties), so a
    group of n spans that all overlap uses n columns and a chain uses as few as it needs."""
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -(spans[i][1] - spans[i][0]), i))
    result: list[tuple[int, int, int]] = [(0, 1, 1)] * len(spans)
    group: list[int] = []
    col_of: dict[int, int] = {}
    col_ends: list[float] = []
    group_end = float("-inf")

    def close_group() -> None:
        n = len(col_ends)
        for i in group:
            c = col_of[i]
            s, e = spans[i]
            span = 1
            while c + span < n and not any(col_of[j] == c + span and spans[j][0] < e and s < spans[j][1]
                                           for j in group):
                span += 1
            result[i] = (c, span, n)

    for i in order:
        s, e = spans[i]
        e = max(e, s)
        if group and s >= group_end:
            close_group()
            group, col_of, col_ends = [], {}, []
            group_end = float("-inf")
        for c, end in enumerate(col_ends):
            if end <= s:
                col_ends[c] = e
                col_of[i] = c
                break
        else:
            col_of[i] = len(col_ends)
            col_ends.append(e)
        group.append(i)
        group_end = max(group_end, e)
    if group:
        close_group()
    return result


@dataclass(slots=True)
class Packed:
    """A timed occurrence's box in one day column: minutes from midnight and its columns."""

    placed: Placed
    top: float  # minutes
    bottom: float
    col: int
    span: int
    cols: int


def pack_day(items: list[Placed], day: date, min_minutes: int = 20) -> list[Packed]:
    """Column-pack one day's timed occurrences (clipped to the day; a very short one counts as
    `min_minutes` long so its label has room and it does not hide under a neighbour)."""
    timed = [p for p in items if not p.all_day]
    spans = []
    for p in timed:
        s, e = minutes_in_day(p, day)
        spans.append((s, max(e, s + min_minutes)))
    return [Packed(p, s, e, c, span, n)
            for p, (s, e), (c, span, n) in zip(timed, spans, pack_columns(spans), strict=True)]


def pack_days(per_day: dict[date, list[Placed]]) -> dict[date, list[Packed]]:
    """Every day column of a day or week view packed (plain Python: the tab does it on its read
    worker)."""
    return {d: pack_day(items, d) for d, items in per_day.items()}


def minutes_in_day(p: Placed, day: date) -> tuple[float, float]:
    """The part of an occurrence on `day`, in minutes from that day's midnight (0..1440)."""
    midnight = datetime.combine(day, time(), p.start.tzinfo)
    s = (p.start - midnight).total_seconds() / 60 if p.start.date() == day else 0.0
    e = (p.end - midnight).total_seconds() / 60 if p.end.date() == day else 1440.0
    if p.end.date() < day:
        e = 0.0
    return max(0.0, s), min(1440.0, max(e, s))


def at_minutes(day: date, minutes: float, tz: tzinfo) -> datetime:
    """The aware local time `minutes` after `day`'s midnight, as a wall-clock time (on a
    daylight-saving day 10:00 is 10:00, however many real hours have passed since midnight)."""
    minutes = max(0, min(24 * 60, int(round(minutes))))
    if minutes >= 24 * 60:
        return datetime.combine(day + timedelta(days=1), time(), tz)
    return datetime.combine(day, time(minutes // 60, minutes % 60), tz)


def snap(minutes: float, to: int = SNAP_MINUTES) -> int:
    return int(round(minutes / to)) * to


def month_cells(days: Sequence[date]) -> list[tuple[int, int]]:
    """(row, column) of each of the 42 days of a month grid."""
    return [(i // 7, i % 7) for i in range(len(days))]
