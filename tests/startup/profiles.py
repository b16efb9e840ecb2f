"""A profile on disk with one contact, made by the real CLI in a child process (the window's
start-up tests then start `python -m whitephone` on it)."""

from __future__ import annotations

import os
import subprocess
import sys


def profile_with_a_contact(tmp_path):
    """(profile folder, environment for child processes: offscreen, no engine, XDG in tmp_path)."""
    profile = tmp_path / "profile"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WHITEPHONE_NO_ENGINE="1",
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("WHITEPHONE_PROFILE", None)
    subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "contacts", "add",
                    "--name", "Mary Smith", "--phone", "+44 20 7946 0018"],
                   env=env, check=True, capture_output=True, timeout=120)
    return profile, env
