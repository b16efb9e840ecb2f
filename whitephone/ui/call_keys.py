"""Keyboard and media keys for calls, in every window of the app (Qt.ApplicationShortcut):
answer, hang up, mute, hold; a headset's or keyboard's Call / Hangup / Play-Pause keys where Qt
delivers them (the app must be active: no global grab). Help → Keyboard shortcuts lists these
with the menu commands' keys."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

# what -> its keys (the first is the one shown in Help and tooltips)
CALL_KEYS: dict[str, tuple[str, ...]] = {
    "answer": ("Ctrl+Shift+A",),
    "hang_up": ("Ctrl+Shift+E",),
    "mute": ("Ctrl+Shift+M",),
    "hold": ("Ctrl+Shift+H",),
}
# media and telephony keys: Call/Play answer a ringing call or end the current one, Hangup/Stop end it
MEDIA_KEYS: dict[Qt.Key, str] = {
    Qt.Key.Key_Call: "answer_or_hang_up", Qt.Key.Key_MediaTogglePlayPause: "answer_or_hang_up",
    Qt.Key.Key_MediaPlay: "answer_or_hang_up", Qt.Key.Key_MediaPause: "hang_up",
    Qt.Key.Key_Hangup: "hang_up", Qt.Key.Key_MediaStop: "hang_up", Qt.Key.Key_ToggleCallHangup: "answer_or_hang_up",
}
LABELS = {"answer": QT_TRANSLATE_NOOP("CallKeys", "Answer the ringing call"),
          "hang_up": QT_TRANSLATE_NOOP("CallKeys", "Hang up (or decline the ringing call)"),
          "mute": QT_TRANSLATE_NOOP("CallKeys", "Mute / unmute the current call"),
          "hold": QT_TRANSLATE_NOOP("CallKeys", "Hold / resume the current call")}

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CallKeys", text)  # i18n: marked


class CallKeys:
    """The call keys of one main window (`window.calls`: its CallController, once the engine runs)."""

    def __init__(self, window) -> None:
        self.window = window
        self.shortcuts: list[QShortcut] = []
        for what, keys in CALL_KEYS.items():
            for key in keys:
                self._add(QKeySequence(key), getattr(self, what))
        for key, what in MEDIA_KEYS.items():
            self._add(QKeySequence(key), getattr(self, what))

    def _add(self, seq: QKeySequence, slot) -> None:
        sc = QShortcut(seq, self.window)
        sc.setContext(Qt.ShortcutContext.ApplicationShortcut)
        sc.setAutoRepeat(False)  # a held Play/Call key must not answer and then hang up
        sc.activated.connect(slot)
        self.shortcuts.append(sc)

    # -- which call ---------------------------------------------------------------------------
    def _controller(self):
        return getattr(self.window, "calls", None)

    def ringing(self):
        """The incoming-call window the user most likely means: the active one, else the newest."""
        ctl = self._controller()
        if ctl is None or not ctl.incoming:
            return None
        for w in ctl.incoming.values():
            if w.isActiveWindow():
                return w
        return list(ctl.incoming.values())[-1]

    def current(self):
        """The call window the user most likely means: the active one, else the newest call that
        is up and not on hold, else the newest that has not ended."""
        ctl = self._controller()
        if ctl is None:
            return None
        live = [w for cid, w in ctl.windows.items() if not w.ended and cid not in ctl.incoming]  # not ringing
        for w in live:
            if w.isActiveWindow():
                return w
        talking = [w for w in live if not w.held]
        return (talking or live or [None])[-1]

    # -- actions ------------------------------------------------------------------------------
    def answer(self) -> bool:
        w = self.ringing()
        if w is None:
            return False
        w.accept_btn.click()
        return True

    def hang_up(self) -> bool:
        w = self.current()
        if w is not None:
            w.hang_up()
            return True
        ringing = self.ringing()
        if ringing is not None:
            ringing.decline_btn.click()
            return True
        return False

    def answer_or_hang_up(self) -> bool:
        return self.answer() or self.hang_up()

    def mute(self) -> bool:
        w = self.current()
        if w is None:
            return False
        w.toggle_mute()
        return True

    def hold(self) -> bool:
        w = self.current()
        if w is None or not w.hold_btn.isEnabled():
            return False
        w.toggle_hold()
        return True


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(keys, what) for Help → Keyboard shortcuts: call keys, media keys, the menus' commands, tabs."""
    from whitephone.ui.call_window import HANG_UP_KEY  # the call window's code: with its first use

    native = QKeySequence.SequenceFormat.NativeText
    rows = [(" / ".join(QKeySequence(k).toString(native) for k in keys), _tr(LABELS[what]))
            for what, keys in CALL_KEYS.items()]
    rows.append((QKeySequence(HANG_UP_KEY).toString(native), translate("CallKeys", "Hang up (in a call's window)")))
    rows.append((translate("CallKeys", "0-9, * and #"), translate("CallKeys", "Dial-pad tones (in a call's window)")))
    rows.append((translate("CallKeys", "Call / Play-Pause key"), translate("CallKeys", "Answer, or hang up (keyboards and headsets with media keys)")))
    rows.append((translate("CallKeys", "Hang-up / Stop key"), translate("CallKeys", "Hang up")))
    hotkey = getattr(window, "global_hotkey", None)
    if hotkey is not None and hotkey.grabber is not None:
        from whitephone.ui.global_hotkey import GLOBAL_HOTKEY

        rows.append((QKeySequence(window.app.profile.get(GLOBAL_HOTKEY, "")).toString(native),
                     translate("CallKeys", "Answer, or hang up, also while another program is in front (global hotkey)")))
    rows.append((translate("CallKeys", "Headset call button"), translate("CallKeys", "Answer, or hang up (USB headsets; Preferences → Keys and headset)")))
    rows.append((translate("CallKeys", "Headset mute / flash button"), translate("CallKeys", "Mute / unmute; hold / resume")))
    seen = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for a in menu.actions():
            if a.shortcut().isEmpty() or a.text() in seen:
                continue
            seen.add(a.text())
            rows.append((a.shortcut().toString(native), a.text().replace("&", "").rstrip("…").rstrip(".")))
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        for i in range(min(tabs.count(), 9)):
            rows.append((QKeySequence(f"Alt+{i + 1}").toString(native),
                         translate("CallKeys", "Show the %s tab") % tabs.tabText(i).replace("&", "")))
    return rows


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setWindowTitle(translate("CallKeys", "Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setHorizontalHeaderLabels([translate("CallKeys", "Keys"), translate("CallKeys", "What they do")])
        self.table.setAccessibleName(translate("CallKeys", "Keyboard shortcuts"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addWidget(self.table)
        v.addWidget(buttons)
        self.resize(560, 520)


def install(window) -> CallKeys:
    return CallKeys(window)


