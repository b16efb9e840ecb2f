"""From the break-it review (the defects each docstring tells of are fixed) of ui/diary/formats.py: "the locale's long date without the year" is made by
cutting `yyyy` (and what regex thinks goes with it) out of QLocale's long date format. Dates follow
the system locale whenever the language setting is "System" (and English is shown for languages
WhitePhone has no translation for), so any locale can reach this code: the diary's week title and
day headings, reminders, the agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale

DAY = dt.date(2026, 12, 7)


@pytest.fixture
def locale(qapp):
    old = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(old)


@pytest.mark.parametrize("name, expected", [
    ("ko_KR", "12월 7일"),       # now "년 12월 7일": the year's unit is left behind
    ("bg_BG", "7 декември"),     # now "7 декември г.": the year's "г." is left behind
    ("ar_EG", "٧ ديسمبر"),       # now "، ٧ ديسمبر": the weekday's comma (Arabic ،) is left
    ("lt_LT", "gruodžio 7 d."),  # now "m. gruodžio 7": the year's "m." kept, the day's "d." cut
], ids=["ko_KR", "bg_BG", "ar_EG", "lt_LT"])
def test_date_without_year(locale, name, expected):
    from whitephone.ui.diary import formats

    locale(name)
    assert formats.date_text(DAY, year=False) == expected
