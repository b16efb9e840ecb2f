"""The window area in Polish: with the Polish translation installed (built from the .ts files by
lrelease) the main window's menus and tabs, the status bar's sync line, the list models' words,
the incoming-call window and the CRM reports speak Polish, counts take the right Polish plural,
and without it everything is English again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from whitephone.core.calls import CallLogEntry
from whitephone.core.crm_reports import Report
from whitephone.sync.engine import SyncStatus
from whitephone.ui import i18n


@pytest.fixture
def polish(qapp, tmp_path):
    """Polish texts and a Polish locale for one test; English and the old locale after it."""
    old = QLocale()
    translator = QTranslator()
    assert translator.load(str(i18n.build_qm("pl", tmp_path / "whitephone_pl.qm")))
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale("pl_PL"))
    yield
    qapp.removeTranslator(translator)
    QLocale.setDefault(old)


@pytest.fixture
def app(tmp_path):
    from whitephone.app import App

    a = App.open(tmp_path / "profile")
    yield a
    a.close()


def test_main_window_menus_and_tabs(polish, qtbot, app):
    from whitephone.ui.main_window import MainWindow

    w = MainWindow(app)
    qtbot.addWidget(w)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[:2] == ["&Plik", "&Edycja"] and "Pomo&c" in menus
    tabs = [w.tabs.tabText(i).replace("&", "") for i in range(w.tabs.count())]
    assert tabs == ["Monitor obecności", "Książki adresowe", "Terminarz", "Wiadomości", "CRM", "Historia połączeń"]
    file_menu = w.menuBar().actions()[0].menu()
    assert "&Importuj kontakty…" in [a.text() for a in file_menu.actions()]


def test_status_bar_and_list_words(polish):
    from whitephone.ui.call_window import media_path_text
    from whitephone.ui.crm_model import priority_label, status_label, task_text
    from whitephone.ui.messages_model import kind_label
    from whitephone.ui.sync_status import describe

    assert describe(SyncStatus("signed_out")) == "Nie zalogowano"
    line = describe(SyncStatus("offline", user="ala@firma.pl", hub="https://hub.firma.pl", outbox=12345, conflicts=2))
    assert line == ("ala@firma.pl @ hub.firma.pl: Bez połączenia — oczekujące zmiany: 12\u00a0345"
                    " — konflikty: 2")  # the locale's digit grouping
    assert kind_label("voice") == "Wiadomość głosowa" and kind_label("odd") == "odd"
    assert priority_label("high") == "Wysoki" and status_label("closed") == "Zamknięta"
    assert task_text(type("R", (), {"task_number": None})()) == "oczekuje"
    assert media_path_text({"path": "relayed", "transport": "tcp"}) == "Dźwięk: przekazywany przez serwer po TCP"


def test_sync_details_words(polish):
    from whitephone.sync.messages import reason_text
    from whitephone.ui.sync_status import change_text, field_text
    from whitephone.ui.user_errors import known_text

    assert change_text("upsert", "contact", "Anna Nowak") == "Kontakt “Anna Nowak” (zmiana)"
    assert change_text("delete", "address_book") == "Książka adresowa (usunięcie)"
    assert change_text("merge", "gadget") == "Gadget (merge)"  # what the window has no words for, as it is
    assert field_text("family_name") == "Nazwisko" and field_text("shoe_size") == "Shoe size"
    assert known_text(reason_text("deleted")).startswith("Zostało usunięte na serwerze firmy")


@pytest.mark.parametrize(("n", "text"), [(1, "1 nieodebrane połączenie"), (3, "3 nieodebrane połączenia"),
                                         (5, "5 nieodebranych połączeń"), (22, "22 nieodebrane połączenia")])
def test_counts_take_the_polish_plural(polish, n, text):
    assert QCoreApplication.translate("Tray", "%n missed call(s)", "", n) == text


def test_incoming_call_window_history(polish, qtbot):
    from whitephone.ui.calls import IncomingCallWindow

    started = dt.datetime.now(dt.UTC).isoformat()
    history = [CallLogEntry(direction="in", peer_uri="sip:x@y", started_at=started, result="missed"),
               CallLogEntry(direction="out", peer_uri="sip:x@y", started_at=started, result="answered", duration=125)]
    w = IncomingCallWindow(None, 0, "Maria", "", history)
    qtbot.addWidget(w)
    assert w.windowTitle() == "Połączenie przychodzące — Maria"
    from PySide6.QtWidgets import QLabel

    text = " ".join(label.text() for label in w.findChildren(QLabel))
    assert "Ostatnie połączenia" in text and "Dziś" in text
    assert "przychodzące, nieodebrane" in text and "wychodzące, odebrane, 2:05" in text
    assert w.accept_btn.text() == "Odbierz" and w.decline_btn.text() == "Odrzuć"


def test_crm_reports_shown_and_exported_in_polish(polish, tmp_path):
    from whitephone.core import crm_reports
    from whitephone.ui.crm_reports import localised

    rep = localised(Report("open_by_priority", "Open records by priority", ["Priority", "Open"],
                           [("high", 2), ("low", 1)],
                           note="The team's calls from the hub, 2026-11-01 to 2026-11-30"))
    assert rep.title == "Otwarte karty wg priorytetu" and rep.columns == ["Priorytet", "Otwarte"]
    assert rep.rows == [("Wysoki", 2), ("Niski", 1)]
    assert rep.note == "Połączenia zespołu z serwera firmy, od 2026-11-01 do 2026-11-30"
    path = tmp_path / "r.csv"
    crm_reports.export_csv([rep], str(path))
    assert "Priorytet,Otwarte\nWysoki,2\n" in path.read_text(encoding="utf-8-sig")  # the export is in Polish too


def test_english_without_the_translation(qapp):
    from whitephone.ui.crm_reports import localised
    from whitephone.ui.messages_model import kind_label

    assert kind_label("voice") == "Voice mail"
    rep = localised(Report("open_by_type", "Open records by type", ["Type", "Open"], [("Support", 3)]))
    assert rep.title == "Open records by type" and rep.columns == ["Type", "Open"] and rep.rows == [("Support", 3)]


def test_timeline_entries_in_polish(qapp, app):
    """Entries the real store writes (calls, a contact change, a CRM record): the window's words
    in Polish, the same words as the store's in English."""
    from whitephone.core.contact import ContactData, Phone
    from whitephone.ui.timeline_view import entry_texts

    cid = app.contacts.add(ContactData(given_name="Maria", family_name="Nowak", phones=[Phone("+48 512 345 678")]))
    for result, direction, recording in (("missed", "in", ""), ("answered", "out", "/r/1.wav"),
                                         ("cancelled", "out", "")):
        app.store.calls.add(CallLogEntry(direction=direction, peer_uri="sip:+48512345678@pbx", contact_id=cid,
                                         started_at="2026-01-01T10:00:00.000+00:00", number_e164="+48512345678",
                                         result=result, duration=65, recording=recording))
    c = app.store.contacts.get(cid)
    c.nickname = "Marysia"
    app.contacts.update(c)
    app.store.crm.create(subject="Oferta", type="Support", priority="high", contact=c.uid)
    entries = app.store.timeline.for_contact(cid, kinds=["call", "change", "crm"], limit=50)

    english = {e.key if e.kind == "call" else e.kind: entry_texts(e) for e in entries}
    for e in entries:
        if e.kind in ("call", "change"):
            assert entry_texts(e)[1].endswith(e.title)  # the window's English is the store's
    old = QLocale()
    translator = QTranslator()
    assert translator.load(str(i18n.build_qm("pl", app.profile.root / "whitephone_pl.qm")))
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale("pl_PL"))
    try:
        polish = [entry_texts(e) for e in entries]
    finally:
        qapp.removeTranslator(translator)
        QLocale.setDefault(old)
    whats = [what for _, what, _ in polish]
    details = [detail for _, _, detail in polish]
    assert any(w.endswith("Nieodebrane połączenie") for w in whats)
    assert any(w.endswith("Połączenie wychodzące") for w in whats)
    assert any(w.endswith("Połączenie wychodzące (anulowane)") for w in whats)
    assert any(d.endswith("1:05 · nagrane") for d in details)
    assert any(w.endswith("Zmieniono: Pseudonim") for w in whats)
    assert any(d.startswith("(puste) → Marysia  (Ty") for d in details)
    assert "Support · priorytet: Wysoki · Otwarta" in details
    assert english["crm"][2] == "Support · High priority · Open"
