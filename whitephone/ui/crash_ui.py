"""The window's side of crash reports (whitephone/crash.py): the hooks plus Qt's message handler,
the offer to open a report left by the last run, and Help → Report a problem."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from whitephone import crash
from whitephone.problem_report import build_zip

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

# which logs' ends go into a report, per process that crashed
LOG_FILES = {"window": ("engine-stderr.log",), "engine": ("pjsip.log", "engine-stderr.log")}

_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
           QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
           QtMsgType.QtFatalMsg: logging.CRITICAL}

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashReports", text)  # i18n: marked


def install(logs_dir: Path | str) -> crash.CrashReporter:
    """Crash reports for the window's process: Python's hooks, faulthandler, and Qt's messages
    into logging (a fatal one writes a report before Qt aborts)."""
    reporter = crash.CrashReporter(logs_dir, "window", log_files=LOG_FILES["window"]).install()

    def on_message(mode, context, message: str) -> None:
        qt_log.log(_LEVELS.get(mode, logging.WARNING), "%s", message)
        if mode == QtMsgType.QtFatalMsg:
            where = f"{context.file}:{context.line}" if context is not None and context.file else "Qt"
            reporter.report_fatal(f"Qt fatal message ({where})", message)

    qInstallMessageHandler(on_message)
    reporter.qt_handler = on_message  # kept alive with the reporter
    return reporter


def uninstall(reporter: crash.CrashReporter | None) -> None:
    """Qt's own message handler and Python's hooks back (a clean exit, or a run in a test)."""
    if reporter is not None:
        qInstallMessageHandler(None)
        reporter.uninstall()


def open_path(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def offer_reports(parent: QWidget, logs_dir: Path | str,
                  opener: Callable[[Path], object] = open_path) -> QMessageBox | None:
    """Reports the last run left (a native crash's faulthandler file becomes one here): offered
    once, in a window that does not block. None when there is nothing new."""
    logs_dir = Path(logs_dir)
    try:
        crash.collect_native(logs_dir, LOG_FILES)
        new = crash.unoffered(logs_dir)
        if new:
            crash.mark_offered(logs_dir, new)
    except OSError as exc:
        log.warning("crash reports in %s unreadable: %s", logs_dir, exc)
        return None
    if not new:
        return None
    latest = new[-1]
    when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(latest.stat().st_mtime)), QLocale.FormatType.ShortFormat)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("CrashReports", "WhitePhone closed unexpectedly"),
                      translate("CrashReports", "WhitePhone ran into a problem last time ({when}) and wrote a report.\n\n"
                          "The report has no passwords in it. You can open it, or send it with "
                          "Help → Report a problem.").format(when=when), QMessageBox.StandardButton.Close, parent)
    box.setObjectName("crashReportOffer")
    box.setDetailedText("\n".join(str(p) for p in new))
    open_report = box.addButton(translate("CrashReports", "Open report"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(translate("CrashReports", "Open folder"), QMessageBox.ButtonRole.ActionRole)
    open_report.setObjectName("openReport")
    open_folder.setObjectName("openFolder")

    def clicked(button) -> None:
        if button is open_report:
            opener(latest)
        elif button is open_folder:
            opener(logs_dir)

    box.buttonClicked.connect(clicked)
    box.setModal(False)
    box.show()
    return box


def report_problem(parent: QWidget, logs_dir: Path | str, settings: dict | None = None,
                   ask_path: Callable[[Path], str] | None = None) -> Path | None:
    """Help → Report a problem: logs and crash reports, secrets removed, in a zip the user
    saves. The zip's path, or None when cancelled or it could not be written (said)."""
    default = Path.home() / f"whitephone-report-{dt.datetime.now():%Y%m%d-%H%M}.zip"
    if ask_path is None:
        def ask_path(suggested: Path) -> str:
            return QFileDialog.getSaveFileName(parent, translate("CrashReports", "Save problem report"), str(suggested),
                                               translate("CrashReports", "Zip archives (*.zip)"))[0]
    chosen = ask_path(default)
    if not chosen:
        return None
    dest = Path(chosen)
    if dest.suffix.lower() != ".zip":
        dest = dest.with_name(dest.name + ".zip")
    try:
        build_zip(logs_dir, dest, settings)
    except OSError as exc:
        QMessageBox.warning(parent, translate("CrashReports", "Report a problem"),
                            translate("CrashReports", "The report could not be saved to {path}:\n{reason}").format(
                                path=dest, reason=exc.strerror or exc))
        return None
    QMessageBox.information(parent, translate("CrashReports", "Report a problem"),
                            translate("CrashReports", "The report was saved to {path}.\n\nPasswords, tokens and sign-in "
                                "headers were removed. Attach it to an e-mail to your support.").format(path=dest))
    return dest
