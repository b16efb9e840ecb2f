"""Dialogs in Polish: Preferences → General stores the language choice in the real profile, and
Preferences, the contact editor and the sign-in window show their Polish texts once the Polish
translation is installed (the .qm built from the .ts by lrelease, as at start-up)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QLabel, QLineEdit

from whitephone.app import App
from whitephone.core.contact import ContactData, Phone
from whitephone.profile import Profile
from whitephone.ui import i18n


@pytest.fixture
def app(tmp_path):
    a = App.open(tmp_path / "profile")
    a.profile.region = "GB"
    yield a
    a.close()


@pytest.fixture
def polish(qapp, tmp_path, monkeypatch):
    """The Polish translation installed as main.py does (built into a cache of this test's own),
    removed afterwards with the locale it set."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    locale = QLocale()
    assert i18n.install(qapp, "pl") == "pl"
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Preferencje", \
        "the Polish translation did not load"
    yield
    i18n.install(qapp, "en")  # removes the translators
    QLocale.setDefault(locale)
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Preferences"


def _texts(widget) -> set[str]:
    """Every text a person reads on `widget` and its children."""
    found = {widget.windowTitle()}
    for label in widget.findChildren(QLabel):
        found.add(label.text())
    for box in widget.findChildren(QGroupBox):
        found.add(box.title())
    for edit in widget.findChildren(QLineEdit):
        found.add(edit.placeholderText())
    from PySide6.QtWidgets import QAbstractButton, QComboBox

    for button in widget.findChildren(QAbstractButton):
        found.add(button.text())
    for combo in widget.findChildren(QComboBox):
        found.update(combo.itemText(i) for i in range(combo.count()))
    return found


# ------------------------------------------------------------------ the language choice
def test_dialogs_language_choice_is_saved_in_the_profile(qtbot, app):
    from whitephone.ui.dialogs.preferences import GeneralPage, PreferencesDialog

    dlg = PreferencesDialog(app)
    qtbot.addWidget(dlg)
    assert dlg.tabs.widget(0) is dlg.general and dlg.tabs.tabText(0) == "General"
    combo = dlg.general.language
    # the system's language, then each language named in its own language
    assert [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == \
        [("System default", ""), ("English", "en"), ("Polski", "pl")]
    assert combo.currentData() == ""  # nothing chosen yet: the system's
    assert "next start" in dlg.general.note.text()

    combo.setCurrentIndex(combo.findData("pl"))
    dlg.accept()
    assert app.profile.get(i18n.LANGUAGE_KEY) == "pl"
    on_disk = Profile.open(app.profile.root)  # the settings file, read again as the next start reads it
    assert on_disk.get(i18n.LANGUAGE_KEY) == "pl"
    assert i18n.chosen_language(on_disk.get(i18n.LANGUAGE_KEY)) == "pl"

    again = GeneralPage(app.profile)  # the dialog opened again shows the choice
    qtbot.addWidget(again)
    assert again.language.currentText() == "Polski"
    again.language.setCurrentIndex(again.language.findData(""))
    assert again.apply() is True
    assert app.profile.get(i18n.LANGUAGE_KEY) == ""  # back to the system's language
    assert again.apply() is False  # nothing changed: nothing written


def test_dialogs_language_cancel_and_unknown_setting(qtbot, app):
    from whitephone.ui.dialogs.preferences import PreferencesDialog

    app.profile.set(i18n.LANGUAGE_KEY, "xx")  # a language this version does not have
    dlg = PreferencesDialog(app)
    qtbot.addWidget(dlg)
    assert dlg.general.language.currentData() == ""  # shown as the system's, which it means
    dlg.general.language.setCurrentIndex(dlg.general.language.findData("en"))
    dlg.reject()
    assert app.profile.get(i18n.LANGUAGE_KEY) == "xx"  # Cancel keeps what was there

    dlg = PreferencesDialog(app)
    qtbot.addWidget(dlg)
    dlg.accept()  # OK without a choice: the unknown code becomes the system's
    assert app.profile.get(i18n.LANGUAGE_KEY) == ""


@pytest.mark.parametrize("stored, shown", [(["pl"], ""), ({"pl": True}, ""), (5, ""), ("pl_PL", "pl"), ("PL-pl", "pl")])
def test_dialogs_language_page_takes_any_stored_value(qtbot, app, stored, shown):
    """settings.json is edited by people and scripts: an odd value opens the page as the system's
    choice (no TypeError), a locale-style code as its language; OK writes a clean code."""
    from whitephone.ui.dialogs.preferences import GeneralPage

    app.profile.set(i18n.LANGUAGE_KEY, stored)
    page = GeneralPage(app.profile)
    qtbot.addWidget(page)
    assert page.language.currentData() == shown
    page.apply()
    assert app.profile.get(i18n.LANGUAGE_KEY) == shown


# ------------------------------------------------------------------ dialogs shown in Polish
def test_dialogs_preferences_in_polish(qtbot, app, polish):
    from whitephone.ui.dialogs.preferences import PreferencesDialog

    dlg = PreferencesDialog(app)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Preferencje"
    tabs = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert tabs[:4] == ["Ogólne", "Regiony", "Pola kontaktów", "Konta"]
    assert {"Dźwięk", "Sieć", "Uruchamianie"} <= set(tabs)
    texts = _texts(dlg)
    assert {"Język", "Domyślny systemowy", "Polski", "English", "Mój region", "Dodaj pole…",
            "Testuj dźwięk", "Konta SIP:"} <= texts
    assert "Nowy język zostanie użyty przy następnym uruchomieniu WhitePhone." in texts
    # Qt's own strings come from Qt's Polish translation
    assert dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).text() == "Anuluj"


def test_dialogs_contact_editor_in_polish(qtbot, app, polish):
    from whitephone.ui.dialogs.contact_editor import ContactEditor

    contact = ContactData(given_name="Anna", phones=[Phone("not a number", "home_fax")])
    dlg = ContactEditor(contact, app.store.books.list(), "GB", [])
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Nowy kontakt"
    texts = _texts(dlg)
    assert {"Imię", "Nazwisko", "Książka adresowa", "Numery telefonów", "Adresy", "Strony WWW", "Etykiety",
            "Dodaj numer", "Dodaj adres", "Usuń zdjęcie", "Brak zdjęcia", "Numer",
            "RRRR-MM-DD", "Osoba", "Firma"} <= texts
    kinds = dlg.phones.rows[0][0]
    assert kinds.currentText() == "Faks domowy" and kinds.currentData() == "home_fax"
    assert "Komórkowy" in {kinds.itemText(i) for i in range(kinds.count())}
    # messages built at run time: numbers named, counted with Polish plurals
    dlg.phones.rows[0][1][0].setText("no number")
    assert dlg.phone_hint.text().startswith("Nie rozpoznano „no number” jako numeru telefonu. ")
    for i in range(6):
        dlg.phones.add_row("mobile", [f"junk {i}"])
    assert dlg.phone_hint.text().startswith(
        "Nie rozpoznano „no number”, „junk 0”, „junk 1”, „junk 2”, „junk 3” i 2 inne jako numerów telefonów. ")
    dlg.edits["given_name"].setText("")
    for _kind, edits, _row in dlg.phones.rows:
        edits[0].setText("")
    assert dlg.validate() == "Podaj nazwę kontaktu, firmę, numer lub adres e-mail."


def test_dialogs_sign_in_in_polish(qtbot, app, polish):
    from whitephone.sync.hub_client import HubError
    from whitephone.ui.dialogs.sign_in import COMPANY, SignInWindow, error_text
    from whitephone.ui.team import Team

    team = Team(app)
    try:
        dlg = SignInWindow(team)
        qtbot.addWidget(dlg)
        assert dlg.windowTitle() == "Witamy w WhitePhone"
        assert dlg.company_choice.text() == "Zaloguj się na serwer mojej firmy"
        dlg.show_page(COMPANY)
        texts = _texts(dlg)
        assert {"Adres serwera firmy:", "Hasło:", "Zapamiętaj mnie na tym komputerze", "Nie pamiętasz hasła?",
                "Zaloguj się", "Wstecz"} <= texts
        dlg.sign_in()  # nothing filled in: the sentence that says what is missing, in Polish
        assert "Wpisz adres serwera firmy, swój e-mail i hasło." in dlg.message.text()
        assert error_text(HubError("rate_limited", "Too many attempts.")) == \
            "Zbyt wiele prób. Odczekaj kilka minut i spróbuj ponownie."
        # the kind in Polish, never the hub client's English sentence glued to ours
        assert error_text(HubError("unreachable", "Cannot reach https://hub.example.", url="https://hub.example")) == (
            "Nie można połączyć się z serwerem firmy pod adresem https://hub.example. Sprawdź adres i połączenie "
            "z siecią albo zapytaj administratora, czy serwer firmy działa.")
        assert error_text(HubError("unreachable", "Cannot reach https://hub.example.")).startswith(
            "Nie można połączyć się z serwerem firmy. Sprawdź adres")
    finally:
        team.worker.stop()


# ------------------------------------------------------------------ labels of the plain-Python core
def _ts_sources(context: str) -> set[str]:
    root = ET.parse(i18n.TRANSLATIONS / "pl" / "dialogs.ts").getroot()
    return {m.findtext("source") for ctx in root.iter("context") if ctx.findtext("name") == context
            for m in ctx.iter("message")}


def test_dialogs_mark_every_core_label_they_show():
    """The labels the core keeps in plain tables (no Qt there) are marked again in the dialogs
    that show them; a label added to the core without its mark would show in English."""
    from whitephone.core.contact import CUSTOM_FIELD_TYPES, EMAIL_KINDS, PHONE_KINDS
    from whitephone.core.search import SEARCH_FIELDS
    from whitephone.sync.permissions import LABELS, SHORT
    from whitephone.ui.dialogs.contact_editor import KIND_LABELS

    assert set(SEARCH_FIELDS.values()) <= _ts_sources("SearchField")
    assert {*LABELS.values(), *SHORT.values(), "All (admin)", "None", "Admin", "Disabled", "Active"} \
        <= _ts_sources("Permission")
    assert set(CUSTOM_FIELD_TYPES) <= _ts_sources("FieldType")
    assert set(PHONE_KINDS) | set(EMAIL_KINDS) <= set(KIND_LABELS)
    assert set(KIND_LABELS.values()) <= _ts_sources("ContactKind")
    from whitephone.ui.dialogs.compose import NO_CAMERA
    from whitephone.ui.video_mail import NO_CAMERA as shown

    assert NO_CAMERA == shown
