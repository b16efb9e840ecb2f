"""The window on a database damaged in the middle: a plain error dialog and exit 2, no crash."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QMessageBox

from tests.commands.test_contacts_cli import make_damaged_profile


def test_the_window_on_a_damaged_database_shows_an_error(qtbot, tmp_path, monkeypatch, capsys):
    from whitephone.ui.main import run_gui

    profile = make_damaged_profile(tmp_path / "prof")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text: shown.append(text)))
    monkeypatch.setenv("WHITEPHONE_NO_ENGINE", "1")
    assert run_gui(argparse.Namespace(profile=str(profile))) == 2
    assert len(shown) == 1 and "malformed" in shown[0] and "damaged" in shown[0]
    assert "Traceback" not in capsys.readouterr().err
    # the lock is released: the next start (once the file is repaired) is not "already running"
    from whitephone.ui.single_instance import SingleInstance
    again = SingleInstance(profile.resolve())
    assert again.try_lock()
    again.release()
