"""A private X server (Xvfb) for the global hotkey tests; xdotool presses keys on it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


class Xvfb:
    def __init__(self) -> None:
        if not shutil.which("Xvfb") or not shutil.which("xdotool"):
            pytest.skip("needs Xvfb and xdotool (make deb-deps)")
        r, w = os.pipe()
        # -noreset: by default the server resets when its last client leaves (a hotkey stopping) and refuses
        # connections meanwhile, so the next xdotool would fail with "Can't open display".
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "640x480x24", "-nolisten", "tcp",
                                      "-noreset"],
                                     pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            number = f.readline().strip()
        if not number:
            self.proc.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def key(self, combo: str) -> None:
        subprocess.run(["xdotool", "key", combo], check=True, timeout=10,
                       env={**os.environ, "DISPLAY": self.display})

    def hold(self, combo: str, seconds: float) -> None:
        env = {**os.environ, "DISPLAY": self.display}
        subprocess.run(["xdotool", "keydown", combo, "sleep", str(seconds), "keyup", combo], check=True,
                       timeout=10 + seconds, env=env)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture(scope="module")
def xvfb():
    x = Xvfb()
    yield x
    x.stop()
