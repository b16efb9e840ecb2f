"""Issue 18: argparse gets the terminal's width from cli.HelpFormatter (terminal_columns) instead
of shutil.get_terminal_size. `whitephone --help`, `whitephone agent --help` and the error for a
bad command line must come out exactly as with argparse's own formatter, at every width: $COLUMNS
set (wide, narrow, absurd, empty, not a number), no terminal (a pipe), and a real terminal (a pty
of a given size)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# the same command line, with argparse's own formatter (shutil's width) put back
REFERENCE = ("import argparse, sys, whitephone.cli as c; c.HelpFormatter = argparse.HelpFormatter; "
             "sys.exit(c.main(sys.argv[1:]))")
LINES = [["--help"], ["agent", "--help"], ["contacts", "--help"], ["--bogus-option"], ["agent", "--no-such"],
         ["agent", "--listen"], ["nosuchcommand"]]


def _run(code: list[str], argv: list[str], columns: str | None) -> tuple[int, str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("COLUMNS", None)
    if columns is not None:
        env["COLUMNS"] = columns
    r = subprocess.run([sys.executable, *code, *argv], env=env, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    return r.returncode, r.stdout, r.stderr


@pytest.mark.parametrize("columns", [None, "200", "80", "40", "20", "3", "1", "0", "-5", "abc", ""])
@pytest.mark.parametrize("argv", LINES, ids=lambda a: " ".join(a))
def test_help_and_errors_as_argparse_at_every_width_without_a_terminal(argv, columns):
    """The user runs `whitephone <argv>` with COLUMNS=<columns>, output to a pipe: the help or the
    error is what argparse's own formatter printed (held unless marked)."""
    ours = _run(["-m", "whitephone"], argv, columns)
    ref = _run(["-c", REFERENCE], argv, columns)
    assert ours == ref


def _in_pty(code: list[str], argv: list[str], cols: int) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("COLUMNS", None)
    pid, fd = pty.fork()
    if pid == 0:  # child: the terminal is `cols` wide
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
        os.execve(sys.executable, [sys.executable, *code, *argv], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    os.close(fd)
    return out


@pytest.mark.parametrize("cols", [50, 132])
@pytest.mark.parametrize("argv", [["--help"], ["agent", "--help"], ["agent", "--no-such"]], ids=lambda a: " ".join(a))
def test_help_in_a_real_terminal_of_a_given_width(argv, cols):
    """The user runs `whitephone <argv>` in a terminal `cols` wide (no COLUMNS): wrapped as
    argparse's own formatter wraps it (held unless marked)."""
    assert _in_pty(["-m", "whitephone"], argv, cols) == _in_pty(["-c", REFERENCE], argv, cols)
