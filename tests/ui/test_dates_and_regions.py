"""Lists show relative dates in the locale's formats and the window's language (ui/dates.py);
region menus show country names in the locale's language, in its collation (ui/regions.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from PySide6.QtCore import QLocale, QTranslator

from whitephone.core.calls import CallLogEntry
from whitephone.ui import dates, i18n
from whitephone.ui.regions import region_choices, region_label

NOW = dt.datetime(2026, 12, 5, 15, 30).astimezone()  # a Saturday


def at(days: int) -> dt.datetime:
    d = NOW.date() + dt.timedelta(days=days)
    return dt.datetime(d.year, d.month, d.day, 14, 5).astimezone()


@pytest.fixture
def polish(qapp, tmp_path):
    """The Polish translation (built from the .ts files) installed for the test, removed after."""
    translator = QTranslator()
    assert translator.load(str(i18n.build_qm("pl", tmp_path / "whitephone_pl.qm")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def locale():
    old = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(old)


def test_relative_dates_in_the_locale(qapp, locale):
    locale("en_GB")
    assert dates.when_text(at(0), NOW) == "Today 14:05"
    assert dates.when_text(at(-1), NOW) == "Yesterday 14:05"
    assert dates.when_text(at(-2), NOW) == "Thu 14:05"
    assert dates.when_text(at(-20), NOW) == "15/11/2026 14:05"
    locale("en_US")
    assert dates.when_text(at(0), NOW).startswith("Today 2:05") and "PM" in dates.when_text(at(0), NOW)
    assert dates.when_text(at(-20), NOW).startswith("11/15/26")
    locale("pl_PL")
    assert dates.when_text(at(-2), NOW) == "czw. 14:05"
    assert dates.when_text(at(-20), NOW) == "15.11.2026 14:05"
    assert dates.when_text(None) == ""


def test_relative_dates_in_polish(qapp, locale, polish):
    locale("pl_PL")
    assert dates.when_text(at(0), NOW) == "Dziś 14:05"
    assert dates.when_text(at(-1), NOW) == "Wczoraj 14:05"
    assert dates.when_text(at(1), NOW) == "Jutro 14:05"
    assert dates.when_text(at(-3), NOW) == "śr. 14:05"
    assert dates.when_text(at(-30), NOW) == "5.11.2026 14:05"
    assert dates.when_text("not a time") == "not a time"  # what is no time is shown as it is


def test_region_menus_show_country_names(qapp, locale):
    locale("en_GB")
    assert region_label("PL") == "Poland (+48)" and region_label("GB") == "United Kingdom (+44)"
    choices = region_choices()
    labels = [label for label, _ in choices]
    assert ("Poland (+48)", "PL") in choices
    assert labels[0] == "Afghanistan (+93)" and labels[-1] == "Zimbabwe (+263)"  # by name, not by code
    assert all(not label[:2].isupper() or label[2] != " " for label in labels)  # no bare ISO codes


def test_region_menus_in_polish(qapp, locale):
    locale("pl_PL")
    assert region_label("DE") == "Niemcy (+49)" and region_label("GB") == "Wielka Brytania (+44)"
    labels = [label for label, _ in region_choices()]
    assert labels[0] == "Afganistan (+93)"
    # Polish collation: Ł right after L (a sort by code points would put it after Z)
    assert labels.index("Luksemburg (+352)") < labels.index("Łotwa (+371)") < labels.index("Madagaskar (+261)")
    assert all(not label[:2].isupper() or label[2] != " " for label in labels)  # no bare ISO codes
    locale("en_GB")  # back in English: Qt's names again
    assert region_label("DE") == "Germany (+49)"


def test_an_english_start_does_not_load_babel():
    code = ("import sys\n"
            "from PySide6.QtCore import QLocale\n"
            "QLocale.setDefault(QLocale('en_US'))\n"
            "from whitephone.ui.regions import region_choices\n"
            "assert region_choices()\n"
            "print('babel' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_preferences_region_list(qtbot, app):
    from whitephone.ui.dialogs.preferences import RegionsPage

    page = RegionsPage(app.profile)
    qtbot.addWidget(page)
    combo = page.region
    assert combo.currentData() == "GB" and combo.currentText() == "United Kingdom (+44)"
    i = combo.findData("PL")
    assert combo.itemText(i) == "Poland (+48)"


def test_call_logs_show_relative_dates(qtbot, window, app, locale):
    locale("en_GB")
    now = dt.datetime.now(dt.UTC)
    for started, uid in ((now, "a"), (now - dt.timedelta(days=1), "b"), (now - dt.timedelta(days=40), "c")):
        app.store.calls.add(CallLogEntry(uid=uid, direction="in", result="missed", peer_uri="sip:x@y",
                                         started_at=started.isoformat(), account="acc"))
    tab = window.call_logs
    tab.since.setDate(tab.since.date().addDays(-60))
    tab.refresh()
    texts = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert texts[0].startswith("Today ") and texts[1].startswith("Yesterday ")
    assert "/" in texts[2] and tab.table.item(0, 0).toolTip()
