"""Only callable numbers are offered for calling: a number kept as text is shown, never dialled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from whitephone.core.contact import ContactData, Phone
from whitephone.phone import call_target


def test_call_target_refuses_text():
    assert call_target("ask reception") is None
    assert call_target("fax: see website") is None
    assert call_target("+44 20 7946 0018", "+442079460018") == "+442079460018"
    assert call_target("201") == "201"
    assert call_target("*72") == "*72"
    assert call_target("sip:alice@example.com") == "sip:alice@example.com"


def test_enter_and_the_card_call_only_real_numbers(qtbot, window, app):
    cid = app.contacts.add(ContactData(given_name="Reception", family_name="Only",
                                       phones=[Phone("ask reception", "other"), Phone("+44 20 7946 0018", "work")]),
                           app.store.books.default_id())
    tab = window.address_books
    tab.reload_books()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 1)
    tab.select_contact(cid)
    qtbot.waitUntil(lambda: tab.card.contact is not None)
    buttons = [b for b in tab.card.findChildren(QPushButton) if b.text() == "Call"]
    assert [b.toolTip() for b in buttons] == ["Call 020 7946 0018"]
    seen = []
    tab.callRequested.connect(lambda number, contact: seen.append(number))
    window.activateWindow()
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["+442079460018"]


def test_enter_on_a_contact_with_only_text_says_so(qtbot, window, app):
    cid = app.contacts.add(ContactData(given_name="Text", family_name="Only",
                                       phones=[Phone("ask reception", "other")]), app.store.books.default_id())
    tab = window.address_books
    tab.reload_books()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 1)
    tab.select_contact(cid)
    seen, said = [], []
    tab.callRequested.connect(lambda number, contact: seen.append(number))
    tab.status.connect(said.append)
    tab.call_selected()
    assert not seen and said == ["Text Only has no number to call."]
