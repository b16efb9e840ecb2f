"""The real window (offscreen, signed in to its office hub) closed while its keyring helper is
busy: the window must end promptly and leave no helper behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.core.keyring.misbehaving_backends import env_with
from tests.startup.profiles import profile_with_a_contact
from tests.startup.test_keyring_helper_window import SIGNED_IN


def alive(pid: int) -> bool:
    try:
        state = [line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State:")]
    except OSError:
        return False
    return bool(state) and "Z" not in state[0]


def test_closing_the_window_while_the_keyring_waits_leaves_no_helper_behind(tmp_path):
    """The user starts WhitePhone; the keyring read of the hub token waits (a desktop keyring's
    unlock prompt nobody answers, a D-Bus call that hangs) and the user closes the window.
    What happens: the window ends, but `whitephone keyring-helper` runs on, an orphan, for as long
    as the keyring call waits (forever for a hung call): it is busy, so neither EOF on its stdin
    nor its idle time-out ends it, and the window neither kills it nor closes it.
    Expected: the window ends promptly and its helper ends with it (within a few seconds)."""
    profile, env = profile_with_a_contact(tmp_path)
    subprocess.run([sys.executable, "-c", SIGNED_IN, str(profile)], env=env, check=True, capture_output=True,
                   timeout=180)
    flag = tmp_path / "hang"
    flag.write_text("")
    env = env_with("Hanging", env)
    env["WP_TEST_KEYRING_HANG"] = str(flag)
    window = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    helper_pid = None
    try:
        deadline = time.monotonic() + 120
        pid_file = Path(str(flag) + ".pid")
        while not pid_file.exists() and window.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert pid_file.exists(), f"the window did not ask the keyring (exit code {window.poll()})"
        helper_pid = int(pid_file.read_text())
        assert helper_pid != window.pid  # the helper waits, not the window
        t0 = time.monotonic()
        window.send_signal(signal.SIGTERM)
        try:
            window.wait(60)
        except subprocess.TimeoutExpired:
            pass
        closed_in = time.monotonic() - t0
        assert window.poll() is not None, "the window did not end within 60 s of SIGTERM"
        deadline = time.monotonic() + 10
        while alive(helper_pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = alive(helper_pid)
        assert not left, (f"the keyring helper {helper_pid} still runs 10 s after the window ended "
                          f"(window closed in {closed_in:.1f} s)")
        assert closed_in < 20, f"the window took {closed_in:.1f} s to end"
    finally:
        if window.poll() is None:
            window.kill()
            window.wait()
        flag.unlink(missing_ok=True)  # a helper still waiting answers and ends
        if helper_pid is not None:
            deadline = time.monotonic() + 10
            while alive(helper_pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            if alive(helper_pid):
                os.kill(helper_pid, signal.SIGKILL)
