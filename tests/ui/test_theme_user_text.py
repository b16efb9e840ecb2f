"""`theme.html()` once swapped the light theme's colours in *all* of a rich text,
including what the user typed (escaped, but still text): a CRM note about a customer's brand
colours ("text color: #666") is shown as "text color:#a3aab5" in dark, "#5f6672" in light —
the note says something else than what was written, and differently in each theme."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from whitephone.ui import theme


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_crm_note_about_colours_is_shown_as_written(restore_theme, qtbot, window, app, name):
    from tests.ui.conftest import add_people
    from whitephone.ui.crm_parts import person_for_contact

    theme.apply(name)
    cid = add_people(app, 1)[0]
    contact = app.store.contacts.get(cid)
    crm = app.store.crm
    r = crm.create(subject="New brochure", type=crm.types()[0], priority="low", contact=contact.uid)
    note = "Their brand: text color: #666 on background: #e3f2fd, headings color:#445"
    crm.add_note(r.uid, note)
    w = window.crm.open(person_for_contact(contact))
    qtbot.waitUntil(lambda: not w.busy() and w.current is not None, timeout=10000)
    qtbot.waitUntil(lambda: "brand" in w.notes_view.toPlainText(), timeout=5000)
    shown = w.notes_view.toPlainText()
    w.close()
    assert note in shown, f"the note reads {shown!r}"


def test_a_contact_tag_with_a_colour_is_shown_as_written(restore_theme, qtbot):
    """Tags shown as chips on the contact card go through the same swap."""
    from whitephone.core.contact import ContactData
    from whitephone.ui.contact_card import ContactCard

    theme.apply("dark")
    card = ContactCard("GB")
    qtbot.addWidget(card)
    card.show_contact(ContactData(given_name="Ink", family_name="Shop", tags=["color:#666", "vip"]))
    texts = [lb.text() for lb in card.findChildren(QLabel)]
    assert any("color:#666" in t for t in texts), texts
