"""Starting the GUI: QApplication, the App services, the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys

log = logging.getLogger(__name__)


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            return next(int(x.split()[1]) for x in f if x.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


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
    window = MainWindow(app, engine=not os.environ.get("WHITEPHONE_NO_ENGINE"))
    window.show()
    if os.environ.get("WHITEPHONE_BENCH_QUIT_WHEN_SHOWN"):  # benchmarks/ui.py: first rows on screen
        def shown(_n: int) -> None:
            rss = _rss_mb()
            print(f"shown rows={window.address_books.model.rowCount()} rss_mb={rss:.0f}", flush=True)
            QTimer.singleShot(0, qt_app.quit)

        window.address_books.model.searchFinished.connect(shown)
    code = qt_app.exec()
    window.shutdown()
    app.close()
    return code
