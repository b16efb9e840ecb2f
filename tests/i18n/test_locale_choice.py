"""From the break-it review (the defects each docstring tells of are fixed): which locale the dates, numbers and country names follow once a language is
chosen (whitephone/ui/i18n.install, ui/regions.py with the real Babel data), in real processes
with the system locale set by LANG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
app = QApplication([])
from whitephone.ui import i18n
from whitephone.ui.diary import formats
i18n.install(app, sys.argv[1])
print(QLocale().name(), formats.date_edit_format(), formats.hour_text(15), formats.first_weekday())
"""


def _after_choice(lang_env: str, setting: str) -> list[str]:
    env = {**os.environ, "LANG": lang_env, "LC_ALL": "", "LANGUAGE": "", "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": "/nonexistent-cache"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, setting], capture_output=True, text=True, env=env,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_choosing_english_keeps_a_british_users_dates():
    """A user on an en_GB system (dd/MM/yyyy, 24 h, Monday first) picks Preferences → Language →
    English: install() does QLocale.setDefault(QLocale("en")), which is en_US, and from the next
    start every date field reads M/d/yyyy, the diary counts 12 hours and starts the week on Sunday
    — 05/12/2026 typed into a date field is now 12 May. Same for en_IE, en_AU, en_IN, …"""
    assert _after_choice("en_GB.UTF-8", "") == ["en_GB", "dd/MM/yyyy", "15:00", "0"]  # the system's
    assert _after_choice("en_GB.UTF-8", "en") == ["en_GB", "dd/MM/yyyy", "15:00", "0"]


def test_country_names_in_the_locales_script(qapp):
    """regions.country_name asks Babel for QLocale.name(), which drops the script: a Serbian
    Latin-script locale (sr_Latn_RS → "sr_RS") gets Cyrillic country names ("Немачка", not
    "Nemačka") in the region menus."""
    from whitephone.ui.regions import country_name

    assert country_name("DE", QLocale("sr_Latn_RS")) == "Nemačka"
