"""Keyboard use: Enter and Esc must not do something destructive, Tab must
reach every control.

Review conflicts (sync details → Review conflicts): QDialog makes the first auto-default push
button the default one, here "Keep all mine". A keyboard user moving through the table with the
arrow keys and pressing Enter (to "open" or choose a row) writes back every one of their losing
changes over the colleagues' values, for every conflict at once, without a question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import insert

from whitephone.store import models as m
from whitephone.store.database import write_transaction
from whitephone.store.sync_rows import dumps


def test_enter_in_the_conflict_table_does_not_keep_all_mine(qtbot, window, app):
    from tests.ui.conftest import add_people
    from whitephone.ui.sync_status import ConflictDialog

    cid = add_people(app, 1)[0]
    uid = app.store.contacts.get(cid).uid
    with write_transaction(app.store.sync.engine) as conn:  # as the hub's answer records them
        for field, mine, theirs in (("job_title", "Head buyer", "Purchasing manager"),
                                    ("notes", "Call back Monday", "Prefers e-mail")):
            conn.execute(insert(m.sync_conflicts).values(entity="contact", uid=uid, field=field,
                                                         mutation_id="m-1", base=None, local=dumps(mine),
                                                         server=dumps(theirs), created_at="2026-12-05T09:12:00"))
    assert len(app.sync.conflicts()) == 2
    review = ConflictDialog(window.team.team, window)
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    review.table.setFocus()
    review.table.setCurrentCell(0, 0)
    qtbot.keyClick(review.table, Qt.Key.Key_Down)
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    qtbot.wait(100)
    assert len(app.sync.conflicts()) == 2, "Enter in the table resolved every conflict as 'mine'"


def test_the_conflict_choices_are_reachable_with_tab(qtbot, window, app):
    """Full keyboard navigation: from the conflict table, Tab must reach the per-field "Mine" /
    "Theirs" buttons and the "Keep all" and "Close" buttons. The table keeps Tab to itself (it
    moves from cell to cell, then round again): a keyboard trap, and a field-by-field choice
    that only a mouse can make."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import add_people
    from whitephone.ui.sync_status import ConflictDialog

    cid = add_people(app, 1)[0]
    uid = app.store.contacts.get(cid).uid
    with write_transaction(app.store.sync.engine) as conn:
        conn.execute(insert(m.sync_conflicts).values(entity="contact", uid=uid, field="job_title",
                                                     mutation_id="m-1", base=None, local=dumps("Head buyer"),
                                                     server=dumps("Purchasing manager"),
                                                     created_at="2026-12-05T09:12:00"))
    review = ConflictDialog(window.team.team, window)
    qtbot.addWidget(review)
    review.show()
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    review.table.setFocus()
    qtbot.waitUntil(review.table.hasFocus)
    reached = set()
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        fw = QApplication.focusWidget()
        reached.add(fw.text() if hasattr(fw, "text") and callable(fw.text) and isinstance(fw.text(), str)
                    else type(fw).__name__)
    assert {"Mine", "Theirs", "Keep all theirs", "Close"} <= reached, f"Tab reached only {reached}"


def test_esc_in_compose_does_not_throw_away_a_written_message(qtbot, window, app):
    """A careless Esc (meant for a completer or a menu that already closed) while writing a
    message closes Compose at once: the text is gone, no question asked, no draft kept."""

    dlg = _open_compose(qtbot, window, app)
    dlg.text.setFocus()
    qtbot.keyClicks(dlg.text, "Hi Mary, the discount is fine. I will call Lucerne tomorrow about the rest.")
    qtbot.keyClick(dlg.text, Qt.Key.Key_Escape)
    qtbot.wait(100)
    assert dlg.isVisible(), "Esc discarded the written message without asking"


def test_esc_in_the_contact_editor_does_not_throw_away_edits(qtbot, app):
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from tests.ui.conftest import add_people
    from whitephone.ui.dialogs.contact_editor import ContactEditor

    cid = add_people(app, 1)[0]
    ed = ContactEditor(app.store.contacts.get(cid), app.store.books.list(), "GB", app.store.contacts.custom_fields())
    qtbot.addWidget(ed)
    ed.show()
    ed.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ed)
    field = ed.findChildren(QPlainTextEdit)[-1]  # Notes
    field.setFocus()
    qtbot.keyClicks(field, "Met at the trade fair; wants 40 handsets in March, call before the 10th.")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.wait(100)
    assert ed.isVisible(), "Esc discarded the edits without asking"


def test_tab_leaves_the_keyboard_shortcuts_table(qtbot, window):
    """Help → Keyboard shortcuts: Tab goes from cell to cell and round again; the Close button
    is never reached (the same trap as the conflict table: QTableWidget's tabKeyNavigation)."""
    from PySide6.QtWidgets import QApplication, QPushButton

    from whitephone.ui.call_keys import ShortcutsDialog

    dlg = ShortcutsDialog(window)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    dlg.table.setFocus()
    qtbot.waitUntil(dlg.table.hasFocus)
    reached = set()
    for _ in range(2 * dlg.table.rowCount() * dlg.table.columnCount() + 4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    assert any(isinstance(w, QPushButton) for w in reached), "Tab never leaves the table"


def _open_compose(qtbot, window, app):
    """Compose a reply to Mary, shown and active."""
    from PySide6.QtWidgets import QApplication

    from whitephone.ui.dialogs.compose import ComposeDialog

    dlg = ComposeDialog(app, None, to=[(2, "Mary Smith")], subject="Re: Price list", parent=window)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    return dlg


def _write_in_compose(qtbot, window, app):

    dlg = _open_compose(qtbot, window, app)
    dlg.text.setFocus()
    qtbot.keyClicks(dlg.text, "Hi Mary, the discount is fine.")
    qtbot.keyClick(dlg.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _question(dlg) is not None)
    return dlg, _question(dlg)


def _question(dlg):
    from PySide6.QtWidgets import QMessageBox

    boxes = [b for b in dlg.findChildren(QMessageBox) if b.isVisible()]
    return boxes[0] if boxes else None


def _button(box, text):
    return next(b for b in box.buttons() if b.text() == text)


def test_esc_asks_and_discard_closes_compose(qtbot, window, app):
    dlg, box = _write_in_compose(qtbot, window, app)
    assert box.windowTitle() == "Discard changes?"
    assert box.defaultButton() is _button(box, "Keep editing")  # Enter keeps the text
    _button(box, "Discard").click()
    qtbot.waitUntil(lambda: not dlg.isVisible())


def test_esc_asks_and_keep_editing_keeps_the_text(qtbot, window, app):
    dlg, box = _write_in_compose(qtbot, window, app)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc on the question: keep editing, never discard
    qtbot.waitUntil(lambda: _question(dlg) is None)
    assert dlg.isVisible() and dlg.text.toPlainText() == "Hi Mary, the discount is fine."


def test_esc_without_changes_closes_at_once_and_cancel_never_asks(qtbot, window, app):
    """Nothing to lose: Esc closes as before. Cancel is an explicit choice: it closes even with a text."""
    from PySide6.QtWidgets import QDialogButtonBox

    dlg = _open_compose(qtbot, window, app)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    dlg2 = _open_compose(qtbot, window, app)
    dlg2.text.setPlainText("A draft")
    dlg2.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not dlg2.isVisible())


def test_esc_in_the_diary_editor_asks_when_changed(qtbot):
    from PySide6.QtWidgets import QApplication

    from whitephone.ui.diary.editor import AppointmentEditor

    ed = AppointmentEditor()
    qtbot.addWidget(ed)
    ed.show()
    ed.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ed)
    ed.subject.setFocus()
    qtbot.keyClicks(ed.subject, "Visit Lucerne")
    qtbot.keyClick(ed.subject, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _question(ed) is not None)
    assert ed.isVisible()
    _button(_question(ed), "Discard").click()
    qtbot.waitUntil(lambda: not ed.isVisible())


def test_every_table_of_the_main_window_lets_tab_go(qtbot, window):
    """No table keeps Tab (QTableView's default): the tabs' tables, built."""
    from PySide6.QtWidgets import QTableView

    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
    qtbot.wait(50)
    tables = window.findChildren(QTableView)
    assert tables
    assert [t.accessibleName() or t.objectName() for t in tables if t.tabKeyNavigation()] == []
