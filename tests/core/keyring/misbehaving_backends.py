"""Keyring backends that misbehave as real ones can, for the keyring helper's tests.

Each is the plain file keyring (keyrings.alt) the tests use, plus one misbehaviour switched on by
an environment variable, so the helper (`whitephone keyring-helper`, started with the window's
environment) and an in-process reader see the same entries. `env_with(tmp, backend)` gives a child
process's environment: this folder on PYTHONPATH and PYTHON_KEYRING_BACKEND naming the backend.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from keyrings.alt.file import PlaintextKeyring

HERE = Path(__file__).resolve().parent


class Noisy(PlaintextKeyring):
    """Says something on stdout when it reads (a backend's or a library's progress message, or a
    program it runs that inherits stdout)."""

    priority = 1

    def get_password(self, service, username):
        print("Unlocking the keyring...", flush=True)
        return super().get_password(service, username)


class Hanging(PlaintextKeyring):
    """While the file $WP_TEST_KEYRING_HANG exists, a read waits (an unlock prompt nobody answers,
    a D-Bus call that never returns); it writes its pid to $WP_TEST_KEYRING_HANG.pid first."""

    priority = 1

    def get_password(self, service, username):
        flag = os.environ.get("WP_TEST_KEYRING_HANG")
        if flag and os.path.exists(flag):
            Path(flag + ".pid").write_text(str(os.getpid()))
            while os.path.exists(flag):
                time.sleep(0.1)
        return super().get_password(service, username)

    def set_password(self, service, username, password):
        flag = os.environ.get("WP_TEST_KEYRING_HANG")
        if flag and os.path.exists(flag):
            Path(flag + ".pid").write_text(str(os.getpid()))
            while os.path.exists(flag):
                time.sleep(0.1)
        return super().set_password(service, username, password)


def env_with(backend: str, base: dict | None = None) -> dict:
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), str(HERE.parents[2]), env.get("PYTHONPATH", "")) if p)
    env["PYTHON_KEYRING_BACKEND"] = f"misbehaving_backends.{backend}"
    return env


def use_in_this_process(monkeypatch, backend: str) -> None:
    """The helpers this process starts use `backend` (they inherit the environment)."""
    for key, value in env_with(backend).items():
        if os.environ.get(key) != value:
            monkeypatch.setenv(key, value)
    if str(HERE) not in sys.path:
        monkeypatch.syspath_prepend(str(HERE))
