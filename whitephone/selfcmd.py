"""The command line that runs another `whitephone` subcommand in a child process.

From a source checkout or a pip install that is `python -m whitephone ...`; in a PyInstaller
bundle (`sys.frozen`) the bundle's own executable is the `whitephone` program and takes the
subcommand directly (it has no `-m`).
"""

from __future__ import annotations

import sys


def whitephone_command(*args: str) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "whitephone", *args]
