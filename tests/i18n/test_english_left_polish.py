"""From the break-it review (the defects each docstring tells of are fixed): English left on Polish screens (the real store and window, the Polish .qm built
by the real lrelease and installed as at start-up)."""

from __future__ import annotations

from whitephone.app import App


def test_default_address_book_is_not_english_in_polish(polish, qtbot, tmp_path):
    """A fresh Polish profile: the store makes its default book "Personal" on first use
    (store/books.py DEFAULT_BOOK) and the Address Books tab lists it as "Personal (0)" — English
    on the first screen, next to "Wszystkie kontakty (0)". (The import wizard, with no book yet,
    offers the translated "Osobista" for the same default book, so the two paths even disagree.)"""
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    try:
        app.store.books.default_id()  # what saving the first contact does
        w = MainWindow(app)
        qtbot.addWidget(w)
        w.address_books.reload_books()
        items = [w.address_books.books.item(i).text() for i in range(w.address_books.books.count())]
        assert items[0].startswith("Wszystkie kontakty")
        assert not any(text.startswith("Personal") for text in items), items
    finally:
        w.close()
        app.close()


def test_crm_notes_and_changes_in_polish(polish, qtbot, tmp_path):
    """CRM window → a record with a private note and a changed priority, "Pokaż zmiany" ticked:
    the note's header says "ja · 5.12.2026 14:03 · private · jeszcze niezsynchronizowane" (the
    "· private" mark is an English literal in crm_window.py's HTML), and the change lines show the
    store's raw field name and values ("priority: high → low") instead of "Priorytet: Wysoki → Niski"."""
    from whitephone.core.contact import ContactData, Phone
    from whitephone.ui.crm_parts import person_for_contact
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    try:
        cid = app.store.contacts.add(ContactData(kind="person", given_name="Anna", family_name="Nowak",
                                                 phones=[Phone("+48 512 345 678", "mobile")]),
                                     app.store.books.default_id())
        contact = app.store.contacts.get(cid)
        rec = app.store.crm.create(subject="Oferta", type=app.store.crm.types()[0], priority="high",
                                   contact=contact.uid, number="+48512345678")
        app.store.crm.add_note(rec.uid, "Budżet jest napięty.", private=True)
        app.store.crm.update(rec.uid, priority="low")
        w = MainWindow(app)
        qtbot.addWidget(w)
        crm = w.crm.open(person_for_contact(contact))
        qtbot.waitUntil(lambda: not crm.busy() and crm.current is not None, timeout=10000)
        crm.show_changes.setChecked(True)
        qtbot.wait(200)
        text = crm.notes_view.toPlainText()
        assert "Budżet jest napięty." in text
        assert "private" not in text, text
        assert "priority" not in text, text
        crm.close()
    finally:
        w.close()
        app.close()


def test_status_bar_rung_name_in_polish(polish, qtbot):
    """Status bar, an account registered over the TLS ladder's last rung: the engine's "rung"
    event names it "tls-proxy" and AccountStatus.RUNG_NAMES shows "(TLS via proxy)", an English
    literal, after the Polish "zarejestrowano"."""
    from whitephone.core.accounts import SipAccount
    from whitephone.ui.account_status import AccountStatus

    status = AccountStatus()
    qtbot.addWidget(status)
    status.set_accounts([SipAccount(id="a1", uri="sip:ala@sip.example.com", registrar="sip.example.com",
                                     transport="auto", display_name="Biuro")], engine_transport="udp")
    status.on_event({"event": "registered", "account": "a1", "code": 200, "expires": 300})
    status.on_event({"event": "rung", "for": "registration", "account": "a1", "rung": "tls-proxy"})
    text = status.labels["a1"].text()
    assert "zarejestrowano" in text
    assert "via proxy" not in text, text


def test_link_from_the_system_asks_in_polish(polish, qtbot, tmp_path):
    """A tel: link opened by the desktop (QFileOpenEvent, ui/url_open.py): the question says
    "the system (link) prosi WhitePhone o połączenie z:" — url_open passes the English literal
    "the system (link)" as the asking program's name (and the "Always allow calls from the system
    (link)" box repeats it)."""
    from PySide6.QtCore import QCoreApplication, QUrl
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from whitephone.ui import url_open
    from whitephone.ui.main_window import MainWindow

    app = App.open(tmp_path / "profile")
    try:
        app.profile.region = "PL"
        w = MainWindow(app)
        qtbot.addWidget(w)
        f = url_open.install(QApplication.instance(), w)
        QCoreApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("tel:+48512345678")))
        qtbot.waitUntil(lambda: getattr(w, "link_question", None) is not None, timeout=5000)
        box = w.link_question
        text = box.text() + " " + (box.checkBox().text() if box.checkBox() else "")
        assert "prosi WhitePhone" in text
        assert "the system" not in text, text
        box.close()
        QApplication.instance().removeEventFilter(f)
    finally:
        w.close()
        app.close()


def test_conflict_review_field_names_in_polish(polish):
    """Sync → Review conflicts names the field both sides changed with sync_status.field_text:
    its table knows contact fields under names the wire does not use ("urls" where the protocol
    says "websites") and none of prefix/suffix or a CRM record's or appointment's fields, so those
    rows say "Websites", "Prefix", "Subject", "Priority" — English — in the Polish dialog."""
    from whitephone.protocol.entities import APPOINTMENT, CONTACT, CRM_RECORD
    from whitephone.ui.sync_status import field_text

    shown = ["websites", "prefix", "suffix"]  # a contact's, as the wire names them
    shown += ["subject", "priority"]  # a CRM record's
    assert all(f in CONTACT.fields or f in CRM_RECORD.fields or f in APPOINTMENT.fields for f in shown)
    english = {f: field_text(f) for f in shown if field_text(f) == f.replace("_", " ").capitalize()}
    assert not english, f"English field names in the Polish conflict review: {english}"


def test_address_book_order_follows_the_alphabet(polish, tmp_path):
    """The address book is ordered by store/contacts.sort_key = name.casefold(), i.e. by code
    point: "Łucja Nowak" comes after "Zofia Wiśniewska" (ł is U+0142), not between L and M as
    the Polish alphabet (and QCollator) has it; "Émilie" likewise lands after "Zoe" for everyone."""
    from PySide6.QtCore import QCollator, QLocale

    from whitephone.core.contact import ContactData

    app = App.open(tmp_path / "profile")
    try:
        for given, family in (("Zofia", "Wiśniewska"), ("Marek", "Lis"), ("Łucja", "Nowak"), ("Adam", "Kowal")):
            app.contacts.add(ContactData(kind="person", given_name=given, family_name=family))
        shown = [s.display_name for s in app.contacts.search("", limit=10)]
        collator = QCollator(QLocale("pl_PL"))
        assert shown == sorted(shown, key=collator.sortKey), shown
    finally:
        app.close()


def test_voice_mail_countdown_in_polish(polish):
    """Compose → Voice mail while recording: the countdown reads "0:23 / 3:00 · 2:37 left"
    (voice_recorder.countdown, an f-string the escapes check cannot see) on the Polish dialog."""
    from whitephone.ui.voice_recorder import countdown

    text, _ = countdown(23, 180)
    assert text.startswith("0:23 / 3:00 · 2:37")
    assert "left" not in text, text


def test_default_names_are_the_stores():
    """ui/default_names.py writes the store's default names out (the store is not imported before
    the first window): they must stay the same."""
    from whitephone.store.books import DEFAULT_BOOK
    from whitephone.store.crm import DEFAULT_TYPES
    from whitephone.ui import default_names

    assert default_names.DEFAULT_BOOK == DEFAULT_BOOK
    assert default_names.DEFAULT_TYPES == DEFAULT_TYPES
