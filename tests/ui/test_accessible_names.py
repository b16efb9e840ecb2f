"""Accessible names: controls a screen reader announces by their value
only, and rows of controls with the same name.

On Linux a combo box's accessible name is its current text (Qt: "on Linux we use relations"):
Orca says which field it is from the label relation, which only a buddy label gives (QFormLayout.addRow
with the widget itself, QLabel.setBuddy, or ui/a11y.py's `name`, which adds a hidden one; an
accessible name alone is not used for a combo on Linux). A combo put in a form row inside a
layout, or beside a plain QLabel, had none: Orca says "System default,
combo box" three times in Preferences → Audio and the user cannot tell the microphone from the
speaker."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QPushButton


def said(widget) -> list[str]:
    """What identifies `widget` to a screen reader: its name and the names of its labels."""
    iface = QAccessible.queryAccessibleInterface(widget)
    out = [iface.text(QAccessible.Text.Name)]
    out += [rel[0].text(QAccessible.Text.Name) for rel in iface.relations(QAccessible.RelationFlag.Label)]
    return [s for s in out if s]


def test_preferences_audio_microphone_chooser_is_named_microphone(qtbot, app):
    from whitephone.ui.dialogs.audio_page import AudioPage

    page = AudioPage(app.profile)
    qtbot.addWidget(page)
    page.show()
    assert any("Speaker" in s for s in said(page.speaker))  # a buddy label: fine
    assert any("Ringer" in s for s in said(page.ringer))
    assert any("Microphone" in s for s in said(page.microphone)), said(page.microphone)


def test_diary_editor_repeat_chooser_is_named(qtbot):
    from whitephone.ui.diary.editor import AppointmentEditor

    ed = AppointmentEditor()
    qtbot.addWidget(ed)
    ed.show()
    assert any("Repeat" in s for s in said(ed.freq)), said(ed.freq)  # says only "Does not repeat"
    assert any("Reminder" in s for s in said(ed.remind)), said(ed.remind)


def test_online_monitor_my_status_chooser_is_named(qtbot, window):
    tab = window.team.monitor  # Online Monitor: "My status: [Online ▾]"
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(100)
    assert any("status" in s.lower() for s in said(tab.my_status)), said(tab.my_status)  # "Online"


def test_contact_editor_remove_buttons_say_what_they_remove(qtbot, app):
    """A contact with a company, two numbers, an e-mail and an address: five buttons all named
    "Remove" (description "Remove"), one after the other in the Tab order."""
    from tests.ui.conftest import add_people
    from whitephone.core.contact import Phone
    from whitephone.ui.dialogs.contact_editor import ContactEditor

    cid = add_people(app, 1)[0]
    c = app.store.contacts.get(cid)
    c.phones.append(Phone("+44 20 7946 0999", "work"))
    ed = ContactEditor(c, app.store.books.list(), "GB", app.store.contacts.custom_fields())
    qtbot.addWidget(ed)
    ed.show()
    names = Counter()
    for b in ed.findChildren(QPushButton):
        if b.isVisibleTo(ed):
            iface = QAccessible.queryAccessibleInterface(b)
            names[(iface.text(QAccessible.Text.Name), iface.text(QAccessible.Text.Description))] += 1
    dup = {k: n for k, n in names.items() if n > 1}
    assert dup == {}, f"indistinguishable buttons (name, description) × count: {dup}"

