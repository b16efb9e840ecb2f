"""A profile on disk with one contact, made by the real CLI in a child process (the window's
start-up tests then start `python -m whitephone` on it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


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


def stop(proc: subprocess.Popen, wait_s: float = 15) -> None:
    """End the window as the desktop does (SIGTERM), killed if it does not end in `wait_s`."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(wait_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def modules_listed_by_window(profile, env: dict, variable: str, listing, timeout_s: float = 90) -> set[str]:
    """Start the window on `profile`, let ui/startup_probe.py write its sys.modules to `listing`
    (WHITEPHONE_BENCH_IDLE_MODULES: 5 s after the attach; ..._SYNCED_MODULES: when signed in),
    end it, and return the names."""
    env = dict(env, **{variable: str(listing)})
    proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout_s
        while not listing.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listing.exists(), f"no listing from the window (exit code {proc.poll()})"
    finally:
        stop(proc, 30)
    return set(listing.read_text().split())


def children(pid: int) -> list[int]:
    """Every process under `pid` (the children of each of its threads: the hub is started from a
    worker thread), depth first."""
    out: list[int] = []
    kids: list[str] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids += (task / "children").read_text().split()
    except OSError:
        return out
    for k in map(int, dict.fromkeys(kids)):
        out.append(k)
        out.extend(children(k))
    return out


def cmdline(pid: int) -> str:
    """The command line of `pid`, "" once it has ended."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
