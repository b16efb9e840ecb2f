"""The views in Polish (issue 17, point 5): the Diary draws its day and month names, dates and
times in the locale (QLocale, never strftime's English), and the tabs (address books, call logs,
messages, diary) built with the Polish translation installed show Polish words. Real tabs over a
real store, the real .qm built from the .ts files by lrelease."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTableWidget, QWidget

from whitephone.ui import i18n
from whitephone.ui.diary import formats, layout

WARSAW = ZoneInfo("Europe/Warsaw")


@contextmanager
def locale(name: str):
    """QLocale's default for the block (what i18n.install sets for a chosen language), then back."""
    old = QLocale()
    QLocale.setDefault(QLocale(name))
    try:
        yield
    finally:
        QLocale.setDefault(old)


@pytest.fixture
def app(tmp_path):
    from whitephone.app import App

    a = App.open(tmp_path / "profile")
    a.profile.region = "PL"
    yield a
    a.close()


@pytest.fixture
def tasks():
    from whitephone.ui.tasks import Tasks

    t = Tasks()
    yield t
    t.stop()


@pytest.fixture
def polish(qapp, tmp_path):
    """The Polish translation of WhitePhone's texts installed (and Polish dates), removed after."""
    translator = QTranslator()
    assert translator.load(str(i18n.build_qm("pl", tmp_path / "whitephone_pl.qm")))
    qapp.installTranslator(translator)
    try:
        with locale("pl_PL"):
            yield
    finally:
        qapp.removeTranslator(translator)


def texts(widget: QWidget) -> set[str]:
    """Every text the widget and its children show: labels, buttons, menus' actions, drop-down
    items, placeholders, tooltips, table headers."""
    out: set[str] = set()
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            out.add(w.text())
        if isinstance(w, QLineEdit):
            out.add(w.placeholderText())
        if isinstance(w, QComboBox):
            out.update(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QTableWidget):
            out.update(w.horizontalHeaderItem(c).text() for c in range(w.columnCount()) if w.horizontalHeaderItem(c))
        out.add(w.toolTip())
        out.update(a.text() for a in w.actions())
    return {t for t in out if t}


def has(found: set[str], word: str) -> bool:
    return any(word in t for t in found)


def diary_tab(qtbot, app, tasks, view: str, day: date):
    from whitephone.ui.tabs.diary import DiaryTab

    app.store.diary.default_timezone = "Europe/Warsaw"
    tab = DiaryTab(app, tasks)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.anchor = day
        tab.set_view(view)
    return tab


# -- the diary's own drawing follows the locale ------------------------------------------------------
def test_month_view_title_and_weekdays_are_polish_in_a_polish_locale(qtbot, app, tasks):
    with locale("pl_PL"):
        tab = diary_tab(qtbot, app, tasks, "month", date(2026, 12, 7))
        month = tab.views["month"]
        assert tab.title.text() == "Grudzień 2026"  # the month's own name, as a title
        assert month.column_titles() == ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota",
                                         "niedziela"]
        assert month.day_number(date(2026, 12, 1)) == "1 gru" and month.day_number(date(2026, 12, 9)) == "9"
        tab.set_view("week")
        assert tab.title.text() == "7 grudnia – 13 grudnia 2026"
        tab.set_view("day")
        assert tab.title.text() == "poniedziałek, 7 grudnia 2026"
    with locale("en_GB"):  # the same tab in English dates
        tab.set_view("month")
        assert tab.title.text() == "December 2026"


def test_times_and_days_in_the_views_follow_the_locale():
    at = datetime.combine(date(2026, 12, 7), time(14, 5), WARSAW)
    with locale("pl_PL"):
        assert formats.time_text(at) == "14:05" and formats.hour_text(9) == "09:00"
        assert formats.day_heading(at.date(), short=True) == "pon. 7 gru"
        assert formats.day_heading(at.date()) == "poniedziałek 7 grudnia"
        assert formats.first_weekday() == 0  # the week starts on Monday
    with locale("en_US"):
        assert formats.time_text(at).replace("\u202f", " ") == "2:05 PM"
        assert formats.hour_text(9) == "9 AM"
        assert formats.month_title(at.date()) == "December 2026"
        assert formats.first_weekday() == 6  # Sunday first: the week and month grids start on Sunday
        assert layout.visible_days("week", at.date(), formats.first_weekday())[0] == date(2026, 12, 6)


def test_week_view_headings_and_reminder_times_are_polish(qtbot, app, tasks):
    from whitephone.ui.diary.reminders import when_text

    start = datetime.combine(date(2026, 12, 8), time(9, 30), WARSAW)
    app.store.diary.add(subject="Przegląd", start=start, end=start.replace(hour=10), timezone="Europe/Warsaw")
    with locale("pl_PL"):
        tab = diary_tab(qtbot, app, tasks, "week", date(2026, 12, 8))
        occ = tab.occurrences[0]
        assert when_text(occ, WARSAW) == "wt. 8 gru 09:30"
        week = tab.views["week"]
        assert week.box_of(occ) is not None  # drawn (the painted texts come from formats: above)


# -- the tabs built with the Polish translation -------------------------------------------------------
def test_address_books_call_logs_messages_and_diary_tabs_speak_polish(qtbot, app, tasks, polish):
    from whitephone.ui.tabs.address_books import AddressBooksTab, contacts_text
    from whitephone.ui.tabs.call_logs import CallLogsTab
    from whitephone.ui.tabs.messages import MessagesTab, snooze_text
    from whitephone.ui.tabs.online_monitor import last_seen_text

    books = AddressBooksTab(app, tasks)
    qtbot.addWidget(books)
    found = texts(books)
    for word in ("Nowy kontakt", "Importuj książkę adresową…", "Twoja książka adresowa jest pusta", "Dowolny tag",
                 "Książki adresowe", "=dokładnie"):
        assert has(found, word), word
    assert not has(found, "New contact")
    # plurals in the three Polish forms (1 / 2–4 / 5+)
    assert [contacts_text(n) for n in (1, 2, 5, 22, 25)] == [
        "1 kontakt", "2 kontakty", "5 kontaktów", "22 kontakty", "25 kontaktów"]

    logs = CallLogsTab(app)
    qtbot.addWidget(logs)
    found = texts(logs)
    for word in ("Wszystkie połączenia", "Przychodzące", "Nieodebrane", "Oddzwoń", "Kiedy", "Czas trwania",
                 "Brak połączeń"):
        assert has(found, word), word
    assert logs.since.displayFormat() == "d.MM.yyyy"  # the Polish short date

    messages = MessagesTab(app)
    qtbot.addWidget(messages)
    found = texts(messages)
    for word in ("Nowa wiadomość…", "Wiadomość głosowa", "Wszystkie rodzaje", "Kosz", "Brak wiadomości",
                 "Zaznacz wiadomość, aby ją tu przeczytać."):
        assert has(found, word), word
    assert snooze_text(15) == "15 minut" and snooze_text(60) == "1 godzinę"
    assert last_seen_text(None, "online") == "teraz"

    diary = diary_tab(qtbot, app, tasks, "month", date(2026, 12, 7))
    found = texts(diary)
    for word in ("Dzień", "Tydzień", "Miesiąc", "Harmonogram", "Dziś", "Nowe spotkanie", "Importuj…",
                 "Grudzień 2026", "Godziny w strefie"):
        assert has(found, word), word
    assert diary.view_buttons["month"].toolTip() == "Widok: Miesiąc (3)"


def test_the_appointment_editor_speaks_polish(qtbot, polish):
    from whitephone.ui.diary.editor import AppointmentEditor

    start = datetime.combine(date(2026, 12, 7), time(9, 0), WARSAW)
    dlg = AppointmentEditor(tz=WARSAW, start=start)
    qtbot.addWidget(dlg)
    found = texts(dlg)
    for word in ("Cały dzień", "15 minut wcześniej", "Co tydzień", "Najpierw zapytaj", "&Temat:"):
        assert has(found, word), word
    assert dlg.start.text().startswith("pon. 7 gru 2026") and dlg.start.text().endswith("09:00")
    dlg.subject.setText("")
    assert dlg.problem() == "Nadaj spotkaniu temat."
    assert dlg.windowTitle() == "Nowe spotkanie"
