"""Break-it review: English left on Polish screens (the real store and window, the Polish .qm built
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
    from whitephone.ui.crm_parts import person_for_contact
    from whitephone.ui.main_window import MainWindow
    from whitephone.core.contact import ContactData, Phone

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
