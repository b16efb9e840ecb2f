"""The contact editor asks again about a number kept as text once it is offered as a number."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from whitephone.core.contact import ContactData, Phone
from whitephone.ui.dialogs.contact_editor import ContactEditor


def editor(qtbot, app, contact):
    dlg = ContactEditor(contact, app.store.books.list(), "GB", [], None)
    qtbot.addWidget(dlg)
    return dlg


def accept(dlg, keep=True):
    asked = []
    dlg.ask_keep_as_text = lambda numbers: (asked.append(list(numbers)), keep)[1]
    dlg._accept()
    return asked


def test_kept_text_switched_to_mobile_is_asked_again(qtbot, app):
    dlg = editor(qtbot, app, ContactData(given_name="A", phones=[Phone("call me maybe", "other")]))
    combo = dlg.phones.rows[0][0]
    combo.setCurrentIndex(combo.findData("mobile"))
    assert accept(dlg) == [["call me maybe"]]
    assert [p.kind for p in dlg.result_contact().phones] == ["other"]


def test_kept_text_copied_into_a_mobile_row_is_asked_about(qtbot, app):
    dlg = editor(qtbot, app, ContactData(given_name="A", phones=[Phone("call me maybe", "other")]))
    dlg.phones.add_row("mobile", ["call me maybe"])
    assert accept(dlg) == [["call me maybe"]]
    assert [p.kind for p in dlg.result_contact().phones] == ["other", "other"]


def test_kept_text_left_alone_is_not_asked_again(qtbot, app):
    dlg = editor(qtbot, app, ContactData(given_name="A", phones=[Phone("call me maybe", "other")]))
    assert accept(dlg) == []


def test_a_number_that_cannot_exist_is_asked_about(qtbot, app):
    dlg = editor(qtbot, app, ContactData(given_name="A"))
    dlg.phones.add_row("mobile", ["+1 000 000 0000"])
    dlg.phones.add_row("work", ["+44 20 7946 0018"])
    assert accept(dlg) == [["+1 000 000 0000"]]


def test_the_question_names_every_bad_number(qtbot, app, monkeypatch):
    dlg = editor(qtbot, app, ContactData(given_name="A"))
    dlg.phones.add_row("mobile", ["first junk"])
    dlg.phones.add_row("work", ["second junk"])
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    dlg.ask_keep_as_text(["first junk", "second junk"])
    assert "“first junk”" in shown[0] and "“second junk”" in shown[0] and " are not understood" in shown[0]
    dlg._check_numbers()
    assert "“first junk” and “second junk” are" in dlg.phone_hint.text()


def test_a_number_with_text_after_it_is_asked_about(qtbot, app):
    dlg = editor(qtbot, app, ContactData(given_name="A"))
    dlg.phones.add_row("mobile", ["07400 123265 😀"])
    dlg.phones.add_row("work", ["07400 123266 ext. 12"])  # an extension is part of a number
    assert accept(dlg) == [["07400 123265 😀"]]
