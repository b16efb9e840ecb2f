"""What the installers rely on without building one: the bundle starts its children with its own
executable, and the desktop entry's `whitephone call %u` with no link opens the window."""

from __future__ import annotations

import sys

from whitephone import cli
from whitephone.selfcmd import whitephone_command


def test_children_run_python_m_whitephone_from_source(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert whitephone_command("agent", "--ipc") == [sys.executable, "-m", "whitephone", "agent", "--ipc"]


def test_children_run_the_bundles_own_executable_when_frozen(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/whitephone/whitephone")
    assert whitephone_command("server", "--port", "1") == ["/opt/whitephone/whitephone", "server", "--port", "1"]


def test_call_without_a_link_opens_the_window(monkeypatch, tmp_path, capsys):
    import whitephone.ui.main as gui

    seen = []
    monkeypatch.setattr(gui, "run_gui", lambda args, call_uri=None: seen.append(call_uri) or 0)
    assert cli.main(["call", "--profile", str(tmp_path / "p")]) == 0
    assert seen == [None] and capsys.readouterr().out == ""  # nothing to dial, nothing printed


def test_call_with_a_link_still_says_what_it_dials(monkeypatch, tmp_path, capsys):
    import whitephone.ui.main as gui

    seen = []
    monkeypatch.setattr(gui, "run_gui", lambda args, call_uri=None: seen.append(call_uri) or 0)
    assert cli.main(["call", "--profile", str(tmp_path / "p"), "tel:+442079460018"]) == 0
    assert seen == ["tel:+442079460018"] and '"call": "+442079460018"' in capsys.readouterr().out
