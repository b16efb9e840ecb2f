"""The system tray icon: show/hide the window, missed calls in the tooltip, quit, and the
desktop notification of an incoming call (clicking it brings the ringing window up).

Where the desktop has no tray (offscreen, some Wayland shells without the StatusNotifier
extension) `create_tray` returns None and the window works as before: the ringing window alone
announces a call.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from whitephone import APP_NAME


def app_icon() -> QIcon:
    """WhitePhone's icon (whitephone/ui/icons/whitephone.svg)."""
    from whitephone.ui.icons import app_icon as svg_app_icon

    return svg_app_icon()


class Tray(QObject):
    """The tray icon of one main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.icon = QSystemTrayIcon(app_icon(), self)
        self.menu = QMenu()
        self.toggle_action = self.menu.addAction(self.tr("Hide WhitePhone"))
        self.toggle_action.triggered.connect(self.toggle_window)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(self.quit)
        self.menu.aboutToShow.connect(self._update_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        self._on_click: Callable[[], None] | None = None
        self.missed = 0
        self.unread = 0
        self.status: tuple[str, str] | None = None  # (kind, colour): the accounts' registration
        status = getattr(window, "account_status", None)
        if status is not None and hasattr(status, "changed"):
            status.changed.connect(lambda: self.set_status(*status.overall()))
            self.status = status.overall()
        self.set_missed(0)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    # -- window --------------------------------------------------------------------------
    def _update_menu(self) -> None:
        shown = self.window.isVisible() and not self.window.isMinimized()
        self.toggle_action.setText(self.tr("Hide WhitePhone") if shown else self.tr("Show WhitePhone"))

    def toggle_window(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.window.bring_to_front()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.toggle_window()

    def quit(self) -> None:
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # -- missed calls, notifications -----------------------------------------------------
    def set_missed(self, n: int) -> None:
        self.missed = n
        self._tooltip()

    def set_unread(self, n: int) -> None:
        self.unread = n
        self._tooltip()

    def set_status(self, kind: str, colour: str) -> None:
        """The registration state (ui/account_status.py `overall`): a dot on the icon."""
        if self.status != (kind, colour):
            self.status = (kind, colour)
            self._tooltip()

    def _tooltip(self) -> None:
        from whitephone.ui.tray_badge import badged_icon

        self.icon.setIcon(badged_icon(app_icon(), self.missed + self.unread,
                                      self.status[1] if self.status and self.status[0] != "off" else None))
        parts = []
        if self.missed:
            parts.append(self.tr("%n missed call(s)", "", self.missed))
        if self.unread:
            parts.append(self.tr("%n unread message(s)", "", self.unread))
        if self.status is not None and self.status[0] != "off":
            parts.append({"ok": self.tr("registered"), "local": self.tr("local calls"),
                          "pending": self.tr("registering…"), "failed": self.tr("not registered")}[self.status[0]])
        self.icon.setToolTip(" — ".join([APP_NAME, *parts]))

    def notify(self, title: str, text: str, on_click: Callable[[], None] | None = None) -> None:
        """A desktop notification; `on_click` runs when the user clicks it. Through the desktop's
        notification server where it has one (ui/notifications.py), else the tray's balloon."""
        notifier = getattr(self.window, "notifier", None)
        if notifier is not None and notifier.notify(title, text, on_click):
            return
        self.balloon(title, text, on_click)

    def balloon(self, title: str, text: str, on_click: Callable[[], None] | None = None) -> None:
        """The tray's own notification (QSystemTrayIcon.showMessage)."""
        self._on_click = on_click
        self.icon.showMessage(title, text, app_icon(), 30000)

    def _message_clicked(self) -> None:
        on_click, self._on_click = self._on_click, None
        if on_click is not None:
            on_click()
        else:
            self.window.bring_to_front()


def create_tray(window) -> Tray | None:
    """The window's tray icon, shown; None where the desktop has no system tray."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = Tray(window)
    tray.show()
    return tray
