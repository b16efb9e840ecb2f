"""From the break-it review (the defects each docstring tells of are fixed) of ui/dates.py: the full date-time tooltip on the night clocks go back
(Europe/Warsaw, 25 Oct 2026: 02:00–03:00 happens twice), in a real process with that time zone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
app = QApplication([])
QLocale.setDefault(QLocale(sys.argv[1]))
from whitephone.ui.dates import full_text
print(full_text("2026-10-25T00:30:00Z"))  # 02:30 CEST (UTC+2)
print(full_text("2026-10-25T01:30:00Z"))  # 02:30 CET (UTC+1), an hour later
"""


def _texts(locale: str) -> list[str]:
    env = {**os.environ, "TZ": "Europe/Warsaw", "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, locale], capture_output=True, text=True, env=env,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_full_text_tells_the_two_half_past_twos_apart():
    """full_text rebuilds a QDateTime from the local wall-clock fields (no offset), so Qt picks
    summer time for both: a call at 02:30 CET (after the change) is shown as "02:30:00 czas
    środkowoeuropejski letni", the same text as the call an hour earlier — the tooltip that is
    there to give the exact time gives a wrong time zone."""
    first, second = _texts("pl_PL")
    assert first != second, f"two different instants, one text: {first!r}"
    assert "standardowy" in second, second


def test_relative_dates_do_not_name_two_days_alike(qapp):
    """ui/dates.when_text names a day by its weekday within six days either way: on a Saturday,
    last Monday (5 days ago) and next Monday (in 2 days) are both "Mon 10:00" / "pon. 10:00": the CRM
    window's "Reminder" line (crm_window.py, remind_at: overdue or coming) cannot tell which."""
    import datetime as dt

    from whitephone.ui.dates import when_text

    now = dt.datetime(2026, 12, 5, 12, 0).astimezone()  # a Saturday, local time
    last_monday = (now - dt.timedelta(days=5)).replace(hour=10)
    next_monday = (now + dt.timedelta(days=2)).replace(hour=10)
    assert when_text(last_monday, now) != when_text(next_monday, now), when_text(last_monday, now)
