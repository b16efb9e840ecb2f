"""Every control of every screen has a name a screen reader can say, icon-only buttons say what
they do, and every window carries the application icon.

The screens are the ones `make screenshots` renders (ui/screenshots.py: the main window with each
tab built, the call windows, Preferences and its pages, the contact editor, the import wizard, the
CRM windows, messages and Compose, the diary editor, the first-run window, the team windows
against a real hub): each is checked as it is shown, through QAccessible, as a screen reader
asks."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from whitephone.ui import icons

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractSlider,
               QTabBar, QTextEdit, QPlainTextEdit)


def controls(window: QWidget) -> list[QWidget]:
    """The interactive controls shown in `window` (Qt's own parts of a control left out: a combo
    box's line edit, a spin box's, a line edit's clear button, a tab bar's scroll arrows, scroll
    bars, table headers and corner buttons, which screen readers reach through their control)."""
    out = []
    for w in [window, *window.findChildren(QWidget)]:
        if not isinstance(w, INTERACTIVE) or isinstance(w, (QScrollBar, QHeaderView)):
            continue
        if not w.isVisibleTo(window) and w is not window:
            continue
        parent = w.parentWidget()
        if w.objectName().startswith("qt_"):  # a table's select-all corner button and the like
            continue
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar)):
            continue
        out.append(w)
    return out


# button texts that say what happens but not to what: they need a description ("Edit" → "Edit
# the chosen contact"). A dialog's own Save / OK / Cancel (QDialogButtonBox) act on the dialog.
BARE_VERBS = {"edit", "delete", "remove", "add", "open", "clear", "rename", "change", "refresh", "new", "save",
              "apply", "reset", "test", "stop", "start", "copy", "move", "up", "down", "call", "send"}


def _bare_verb(button) -> bool:
    text = button.text().replace("&", "").replace("…", "").replace("...", "").strip().lower()
    return text in BARE_VERBS


def problems(window: QWidget) -> list[str]:
    found = []
    for w in controls(window):
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name).strip() if iface else ""
        desc = iface.text(QAccessible.Text.Description).strip() if iface else ""
        what = f"{type(w).__name__} {w.objectName() or ''}".strip()
        if isinstance(w, QLineEdit) and w.placeholderText():
            what += f" ({w.placeholderText()!r})"
        if not name:
            found.append(f"{what}: no accessible name")
        elif not any(ch.isalnum() for ch in name) and name not in ("*", "#"):  # "✎", "▶": said as symbols
            found.append(f"{what}: the name {name!r} is only a symbol")
        elif isinstance(w, QAbstractButton) and not w.text().strip() and not desc:
            found.append(f"{what} {name!r}: an icon-only button without a description or tool tip")
        elif isinstance(w, QAbstractButton) and not desc and _bare_verb(w) \
                and not isinstance(w.parentWidget(), QDialogButtonBox):
            found.append(f"{what} {name!r}: a verb without its object and no description or tool tip")
        if isinstance(w, QComboBox) and iface and not w.isEditable():
            # on Linux a combo's name is its current text: only a label (buddy) or an explicit
            # name says which field it is ("Microphone", not "System default" three times)
            said = {name} | {rel[0].text(QAccessible.Text.Name).strip()
                             for rel in iface.relations(QAccessible.RelationFlag.Label)}
            if not said - {w.currentText().strip(), ""}:
                found.append(f"{what}: named only by its value {w.currentText()!r}")
        if isinstance(w, QAbstractItemView) and w.tabKeyNavigation():
            found.append(f"{what} {name!r}: Tab is kept by the view (a keyboard trap)")
    return found


def test_the_checker_finds_what_a_screen_reader_misses(qtbot):
    from PySide6.QtWidgets import QFormLayout, QPushButton, QToolButton

    w = QWidget()
    qtbot.addWidget(w)
    form = QFormLayout(w)
    named = QLineEdit()
    form.addRow("Display name", named)  # a form row's label is the field's buddy: its name
    bare = QLineEdit()
    bare.setPlaceholderText("Search")
    form.addRow(bare)
    symbol = QToolButton()
    symbol.setText("✎")
    icon_only = QPushButton()
    icon_only.setIcon(icons.icon("mute"))
    icon_only.setAccessibleName("Mute")
    form.addRow(symbol)
    form.addRow(icon_only)
    w.show()
    found = problems(w)
    assert not any("Display name" in p for p in found)
    assert any("'Search'" in p and "no accessible name" in p for p in found)
    assert any("only a symbol" in p for p in found)
    assert any("icon-only" in p for p in found)
    icon_only.setToolTip("Mute the microphone (M)")
    symbol.setAccessibleName("Rename")
    bare.setAccessibleName("Search")
    assert problems(w) == []


def test_the_checker_finds_unnamed_combos_bare_verbs_and_tab_traps(qtbot):
    """A combo named only by its value (on Linux an accessible name alone does not change that),
    a button "Edit" with nothing said about what it edits, a table that keeps Tab."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget

    from whitephone.ui import a11y

    w = QWidget()
    qtbot.addWidget(w)
    row = QHBoxLayout(w)
    combo, edit, table = QComboBox(), QPushButton("Edit"), QTableWidget(2, 2)
    combo.addItems(["Any tag", "vip"])
    table.setAccessibleName("Numbers")
    for x in (combo, edit, table):
        row.addWidget(x)
    w.show()
    found = problems(w)
    assert any("named only by its value 'Any tag'" in p for p in found), found
    assert any("'Edit': a verb without its object" in p for p in found), found
    assert any("keyboard trap" in p for p in found), found
    a11y.name(combo, "Tag")
    a11y.name(combo, "Tag filter")  # named again: one label, new words
    edit.setToolTip("Edit the chosen contact")
    table.setTabKeyNavigation(False)
    assert problems(w) == []
    labels = [rel[0].text(QAccessible.Text.Name)
              for rel in QAccessible.queryAccessibleInterface(combo).relations(QAccessible.RelationFlag.Label)]
    assert labels == ["Tag filter"]


@pytest.fixture
def restore_theme(qtbot):
    qt = QApplication.instance()
    style, pal = qt.style().name(), QPalette(qt.palette())
    yield
    qt.setStyle(style)
    qt.setPalette(pal)


def test_every_screen_names_every_control_and_has_the_app_icon(qtbot, tmp_path, restore_theme):
    from whitephone.ui.screenshots import render

    found: dict[str, list[str]] = {}
    seen: list[str] = []
    app_icon = icons.app_icon().cacheKey()

    def visit(widget, name: str) -> None:
        seen.append(name)
        window = widget.window()
        if window.windowIcon().cacheKey() != app_icon:
            found.setdefault(name, []).append(f"{type(window).__name__}: not the application icon")
        for p in problems(window):
            found.setdefault(name, []).append(p)

    render(tmp_path / "shots", "light", visit=visit)
    assert len(seen) >= 55  # every screen was reached (the script stopped early once)
    for screen in ("tab-1-online-monitor", "tab-6-call-logs", "call-window", "call-incoming", "preferences",
                   "preferences-audio", "contact-editor", "crm-record", "compose-text", "diary-editor",
                   "team-user-admin", "first-run-1-choices", "import-wizard-1-files"):
        assert screen in seen
    report = [f"{screen}: {p}" for screen, ps in found.items() for p in dict.fromkeys(ps)]
    assert not report, "\n".join(report)


def test_the_dialogs_no_screenshot_shows(qtbot, window, app):
    """Every Preferences page, and the dialogs the screenshot script does not open."""
    from whitephone.ui.call_keys import ShortcutsDialog
    from whitephone.ui.caller_popup import CallerPopup
    from whitephone.ui.dialogs.advanced_search import AdvancedSearchDialog
    from whitephone.ui.dialogs.announcements import AnnounceDialog, MarketsDialog
    from whitephone.ui.dialogs.crm_types import CrmTypesDialog
    from whitephone.ui.dialogs.leave_voice_mail import LeaveVoiceMailDialog
    from whitephone.ui.dialogs.network_test import NetworkTestDialog
    from whitephone.ui.dialogs.preferences import PreferencesDialog
    from whitephone.ui.recent_communications import RecentCommunications

    report = []
    prefs = PreferencesDialog(app, window)
    qtbot.addWidget(prefs)
    window.team.add_preferences_pages(prefs)
    prefs.show()
    for i in range(prefs.tabs.count()):
        prefs.tabs.setCurrentIndex(i)
        report += [f"Preferences → {prefs.tabs.tabText(i)}: {p}" for p in problems(prefs)]
    prefs.reject()
    team = window.team.team
    dialogs = [AdvancedSearchDialog(app, window.tasks.read, window), ShortcutsDialog(window),
               NetworkTestDialog(window), CrmTypesDialog(app, team.run, window),
               LeaveVoiceMailDialog(app, None, 2, "Jan Kowalski", "Busy", window),
               AnnounceDialog(app, team, window), MarketsDialog(app, team, window),
               CallerPopup("+44 20 7946 0018", "GB", True),
               RecentCommunications(app.store, window.tasks.read, window)]
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        dlg.show()
        report += [f"{type(dlg).__name__}: {p}" for p in problems(dlg)]
        if dlg.isWindow() and type(dlg).__name__ != "CallerPopup":
            assert dlg.windowIcon().cacheKey() == icons.app_icon().cacheKey(), type(dlg).__name__
        dlg.close()
    assert not report, "\n".join(report)
