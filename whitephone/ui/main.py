"""Starting the GUI: QApplication, the App services, the main window."""

from __future__ import annotations

import argparse
import logging
import sys
import time

log = logging.getLogger(__name__)
STARTED = time.perf_counter()


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from whitephone import APP_NAME, __version__
    from whitephone.app import App
    from whitephone.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationVersion(__version__)
    qt_app.setOrganizationName("WhitePhone")
    try:
        app = App.open(getattr(args, "profile", None))
    except Exception as exc:  # noqa: BLE001 - tell the user instead of a traceback
        QMessageBox.critical(None, APP_NAME, f"WhitePhone could not open its data folder:\n{exc}")
        return 1
    window = MainWindow(app)
    window.show()
    if getattr(args, "quit_after_show", False):  # used by benchmarks/ui.py
        QTimer.singleShot(0, lambda: (print(f"shown_after_s={time.perf_counter() - STARTED:.3f}",
                                            flush=True), qt_app.quit()))
    code = qt_app.exec()
    window.shutdown()
    app.close()
    return code
