"""The window's crash reports (ui/crash_ui.py): the offer on the next start, Help → Report a problem."""

from __future__ import annotations

import zipfile

from PySide6.QtWidgets import QMessageBox

from whitephone.ui import crash_ui


def test_a_report_left_by_the_last_run_is_offered_once(qtbot, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    report = logs / "crash-20260101-120000-window.txt"
    report.write_text("WhitePhone 0.1.0 (window)\n")
    opened = []
    box = crash_ui.offer_reports(None, logs, opener=opened.append)
    assert box is not None and box.isVisible() and not box.isModal()
    qtbot.addWidget(box)
    assert "wrote a report" in box.text()
    box.findChild(type(box.buttons()[0]), "openReport").click()
    assert opened == [report]
    assert crash_ui.offer_reports(None, logs, opener=opened.append) is None  # once


def test_open_folder_and_a_native_crash_found_at_start(qtbot, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    # what faulthandler left in a process that no longer runs (pid 2**22 + 1 is above Linux's pid_max)
    (logs / f"native-engine-{2**22 + 1}.txt").write_text(
        "WhitePhone 0.1.0 (engine)\n\nFatal Python error: Segmentation fault\n\nCurrent thread:\n  File x\n")
    opened = []
    box = crash_ui.offer_reports(None, logs, opener=opened.append)
    assert box is not None
    qtbot.addWidget(box)
    box.findChild(type(box.buttons()[0]), "openFolder").click()
    assert opened == [logs]
    assert [p.name.endswith("-engine.txt") for p in logs.glob("crash-*.txt")] == [True]


def test_nothing_to_offer(qtbot, tmp_path):
    assert crash_ui.offer_reports(None, tmp_path / "none") is None


def test_help_report_a_problem_saves_a_zip(qtbot, window, tmp_path, monkeypatch):
    logs = window.app.profile.logs_dir
    (logs / "pjsip.log").write_text('Authorization: Digest username="a", response="%s"\n' % ("e" * 32))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    dest = tmp_path / "my report"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(dest), ""))
    action = next(a for a in window.menuBar().actions() if a.text() == "&Help").menu().actions()
    next(a for a in action if a.text() == "&Report a problem…").trigger()
    saved = tmp_path / "my report.zip"
    assert told and str(saved) in told[0]
    with zipfile.ZipFile(saved) as z:
        assert {"about.txt", "settings.json", "logs/pjsip.log"} <= set(z.namelist())
        assert "e" * 32 not in z.read("logs/pjsip.log").decode()


def test_report_a_problem_cancelled_or_unwritable(qtbot, tmp_path, monkeypatch):
    assert crash_ui.report_problem(None, tmp_path, ask_path=lambda _p: "") is None
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert crash_ui.report_problem(None, tmp_path, ask_path=lambda _p: str(tmp_path / "no" / "x.zip")) is None
    assert warned and "could not be saved" in warned[0]
