"""Relative dates in the window's lists (core/relative_dates.py) in the user's locale: QLocale's
short time, weekday names and short date; "Today", "Yesterday", "Tomorrow" translated."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, QTime

from whitephone.core.relative_dates import local_time, relative_text

_WORDS = {"today": QT_TRANSLATE_NOOP("RelativeDates", "Today"),
          "yesterday": QT_TRANSLATE_NOOP("RelativeDates", "Yesterday"),
          "tomorrow": QT_TRANSLATE_NOOP("RelativeDates", "Tomorrow")}


def _localised(kind: str, d: dt.datetime) -> str:
    loc = QLocale()
    time = loc.toString(QTime(d.hour, d.minute), QLocale.FormatType.ShortFormat)
    if kind in _WORDS:
        day = QCoreApplication.translate("RelativeDates", _WORDS[kind])  # i18n: marked
    elif kind == "weekday":
        day = loc.dayName(d.isoweekday(), QLocale.FormatType.ShortFormat)
    else:
        day = loc.toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)
    return f"{day} {time}"


def when_text(value, now: dt.datetime | None = None) -> str:
    """A time as a list shows it: "Today 14:05", "Yesterday 14:05", "Mon 14:05" (the past six days), "20/11/2026 14:05"
    (the locale's formats)."""
    return relative_text(value, now, _localised)


def full_text(value) -> str:
    """The full date and time in the locale's long-ish format (a tooltip next to a relative date)."""
    d = local_time(value)
    if d is None:
        return "" if value in (None, "") else str(value)
    # from the instant, not the wall-clock fields: in the hour the clocks go back 02:30 happens
    # twice, and only the instant tells Qt which (summer or standard time, named in the text)
    qdt = QDateTime.fromMSecsSinceEpoch(int(d.timestamp()) * 1000)
    return QLocale().toString(qdt, QLocale.FormatType.LongFormat)
