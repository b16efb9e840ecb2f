"""Links opened by the system (macOS): a clicked tel:, sip:, sips: or callto: link reaches the app
as a QFileOpenEvent (QEvent.FileOpen) on the QApplication, at start-up too (Info.plist URL types,
packaging/macos/). It goes the way a `whitephone call URI` hand-over goes: shown and confirmed
first (MainWindow.handle_instance_request). Other platforms run `whitephone call URI` instead."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from whitephone.ui.dialogs.link_call import SYSTEM_SOURCE

SCHEMES = ("tel", "sip", "sips", "callto")


class UrlOpenFilter(QObject):
    """Installed on the QApplication; hands call links to `window`."""

    def __init__(self, window, parent=None) -> None:
        super().__init__(parent)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.FileOpen:
            return False
        url = event.url()
        uri = url.toString() if url.isValid() and url.scheme().lower() in SCHEMES else event.file()
        if not uri or url.scheme().lower() not in SCHEMES:
            return False  # a document: not ours
        self.window.handle_instance_request({"action": "call", "uri": uri, "source": SYSTEM_SOURCE})
        return True


def install(qt_app, window) -> UrlOpenFilter:
    f = UrlOpenFilter(window, qt_app)
    qt_app.installEventFilter(f)
    return f
