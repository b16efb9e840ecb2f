"""Dates and times as the Diary and the tabs' lists show them, in the user's locale (QLocale(): the one
Preferences → Language chose, else the system's): weekday and month names, the order of day,
month and year, 24- or 12-hour times, the first day of the week. Nothing here hard-codes an
English name or a strftime pattern."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache

from PySide6.QtCore import QDate, QLocale, QTime

_LONG = QLocale.FormatType.LongFormat
_SHORT = QLocale.FormatType.ShortFormat


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _drop(fmt: str, token: str) -> str:
    """A Qt date format without one of its fields (`dddd`, `yyyy`) and the separators that
    went with it: "dddd, MMMM d, yyyy" → "MMMM d, yyyy" → "MMMM d"."""
    out = re.sub(rf"^\s*{token}[\s,./\-年]*", "", fmt)
    out = re.sub(rf"(\s*'[^']*')?[\s,./\-]*{token}[年]?", "", out)
    return out.strip(" ,") or fmt


def _qt_format(icu: str) -> str | None:
    """A CLDR (ICU) date pattern of day, month and year as a Qt format; None when it has other
    fields. Quoting is the same in both ('…', '' for a quote)."""
    out = []
    for i, part in enumerate(re.split(r"('(?:[^']|'')*')", icu)):
        if i % 2:  # quoted text
            out.append(part)
            continue
        if re.search(r"[A-Za-z]", re.sub(r"[dMLy]", "", part)):
            return None
        part = part.replace("L", "M")  # the stand-alone month: Qt's MMMM is the one in a date
        out.append(re.sub(r"y+", lambda m: "yy" if len(m.group()) == 2 else "yyyy", part))
    return "".join(out)


@lru_cache(maxsize=16)
def _cldr_date_format(locale_name: str, year: bool) -> str | None:
    """The locale's own long date without the weekday (and without the year), from CLDR's
    skeletons by Babel ("MMMMd": "d MMMM", "MMMM d일", "MMMM d 'd'."); None when Babel lacks it."""
    try:
        from babel import Locale

        pattern = Locale.parse(locale_name, sep="-").datetime_skeletons.get("yMMMMd" if year else "MMMMd")
    except Exception:  # noqa: BLE001 - no Babel, an unknown locale: the caller's fallback
        return None
    return _qt_format(getattr(pattern, "pattern", str(pattern))) if pattern is not None else None


# a long date Qt gives (without the weekday) whose year can be cut with its separators
_SIMPLE = re.compile(r"(d\.? MMMM,? yyyy|MMMM d,? yyyy|d\.? MMMM yyyy\.?)")


def date_format(year: bool = True, short_month: bool = False) -> str:
    """The locale's long date without the weekday (and without the year): "d MMMM yyyy",
    "MMMM d, yyyy", "d. MMMM"; `short_month`: "MMM" for "MMMM". English (and the C locale) is cut
    from Qt's long format; another language's comes from CLDR (Babel), which knows which words go
    with the year ("г." in Bulgarian, "년" in Korean); without it the year is cut only from a
    simple pattern, else kept."""
    locale = QLocale()
    fmt = None
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        fmt = _cldr_date_format(locale.bcp47Name(), year)
    if fmt is None:
        fmt = _drop(locale.dateFormat(_LONG), "dddd")
        if not year and _SIMPLE.fullmatch(fmt):
            fmt = _drop(fmt, "yyyy")
    if short_month:
        fmt = fmt.replace("MMMM", "MMM")
    return fmt


def date_text(d: date, year: bool = True, short_month: bool = False) -> str:
    """"7 December 2026", "December 7", "7 gru" (no weekday)."""
    return QLocale().toString(_qdate(d), date_format(year, short_month))


def long_date(d: date) -> str:
    """The locale's full date with the weekday: "Monday, 7 December 2026", "poniedziałek, 7 grudnia 2026"."""
    return QLocale().toString(_qdate(d), _LONG)


def weekday(d: date, short: bool = False) -> str:
    """The weekday's name as a heading ("Monday", "Mon"; "poniedziałek", "pon.")."""
    return QLocale().standaloneDayName(d.isoweekday(), _SHORT if short else _LONG)


def day_heading(d: date, short: bool = False) -> str:
    """A day column's heading: "Mon 7 Dec" (`short`), "Monday 7 December"."""
    return f"{weekday(d, short)} {date_text(d, year=False, short_month=short)}"


def month_title(d: date) -> str:
    """"December 2026", "Grudzień 2026" (the name as it stands alone, capitalised as a title)."""
    name = QLocale().standaloneMonthName(d.month, _LONG)
    return f"{name[:1].upper()}{name[1:]} {QLocale().toString(_qdate(d), 'yyyy')}"


def time_text(t: datetime | time) -> str:
    """"14:05" or "2:05 PM", as the locale writes a time."""
    return QLocale().toString(QTime(t.hour, t.minute), _SHORT)


def hour_text(hour: int) -> str:
    """An hour of the time grid's gutter: "09:00", or "9 AM" where the locale counts 12 hours."""
    loc = QLocale()
    if "a" in loc.timeFormat(_SHORT).lower():
        return loc.toString(QTime(hour, 0), "h AP")
    return loc.toString(QTime(hour, 0), _SHORT)


def span_text(start: datetime, end: datetime) -> str:
    """"10:00–11:30"."""
    return f"{time_text(start)}–{time_text(end)}"


def date_edit_format() -> str:
    """A date field's format: the locale's short date with a four-digit year ("d.MM.yyyy",
    "M/d/yyyy"); ISO (yyyy-MM-dd) for the bare C locale, which has no way of its own."""
    loc = QLocale()
    if loc.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = loc.dateFormat(_SHORT)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def first_weekday() -> int:
    """The locale's first day of the week, Monday = 0 (Sunday = 6 in the United States)."""
    return QLocale().firstDayOfWeek().value - 1


def title(view: str, anchor: date, days: list[date]) -> str:
    """The heading of a view: the day, the month, or the first and last of the shown days."""
    if view == "day":
        return long_date(anchor)
    if view == "month":
        return month_title(anchor)
    a, b = days[0], days[-1]
    if a.year != b.year:
        return f"{date_text(a)} – {date_text(b)}"
    return f"{date_text(a, year=False)} – {date_text(b)}"
