"""The start-up budget (issue 18) in the call engine's process: the engine the window starts
(`whitephone agent --ipc`, with the arguments the window gives it: ui/early_engine.py) has not
imported, by the time it idles, the modules that nothing at idle uses. Each one it holds costs
memory for the engine's whole life; together these were ~2 MiB of its resident size.

A part that needs one imports it inside the function that uses it (audio_bridge's `pactl` lookup,
the echo canceller's `ctypes.util`). Seen through `python -X importtime`: every import the process
made is on its stderr, read once the engine has answered a command after `ready`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

NOT_AT_IDLE = (
    "whitephone.profile",  # cli.py imports it only when a command fails
    "platformdirs",  # jitter_trim's digest cache folder: the XDG rule on Linux
    "typing",  # net/proxy_choice.py's TYPE_CHECKING
    "shutil",  # argparse's terminal width: cli.HelpFormatter gives it (shutil brings bz2, lzma)
    "bz2",
    "lzma",
    "ctypes.util",  # libc's functions from the process itself (jitter_trim), not find_library
    "tempfile",
    "random",
    "subprocess",  # crash.py's report head: platform.platform() ran `uname -p`
    "platform",
    "datetime",
    "hashlib",  # OpenSSL's libcrypto (~3 MiB): the pjsua2 digest uses CPython's own SHA-256
    "ssl",  # the TLS relay, with TLS signalling only
    "sounddevice",  # --devices-on-first-use: PortAudio with the first call
    "numpy",
    "sqlalchemy",
    "whitephone.store",
    "PySide6",
)


def imported(importtime_stderr: str) -> list[str]:
    """The modules named by `-X importtime` lines ("import time: self | cumulative | name")."""
    return [line.rsplit("|", 1)[1].strip() for line in importtime_stderr.splitlines()
            if line.startswith("import time:") and line.count("|") == 2]


def test_idle_engine_imports_only_what_it_uses(tmp_path):
    pytest.importorskip("pjsua2")
    err_path = tmp_path / "stderr.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    cmd = [sys.executable, "-X", "importtime", "-m", "whitephone", "agent", "--ipc",
           "--listen", "127.0.0.1:0", "--transport", "udp", "--log", str(tmp_path / "logs" / "pjsip.log"),
           "--codec", "G722", "--codec", "PCMU", "--codec", "PCMA", "--devices-on-first-use"]
    with open(err_path, "w") as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True,
                                env=env, cwd=tmp_path)
    watchdog = threading.Timer(90, proc.kill)  # a hung engine fails the test instead of hanging it
    watchdog.start()
    try:
        events = []
        for line in proc.stdout:
            events.append(json.loads(line))
            if events[-1].get("event") in ("ready", "error", "stopped"):
                break
        assert events and events[-1].get("event") == "ready", events
        proc.stdin.write('{"cmd": "ping", "req": 1}\n')  # answered from the pump loop: idle now
        proc.stdin.flush()
        for line in proc.stdout:
            if json.loads(line).get("event") == "pong":
                break
        time.sleep(0.5)
        names = imported(err_path.read_text())
        proc.stdin.write('{"cmd": "quit"}\n')
        proc.stdin.flush()
        proc.wait(30)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "pjsua2" in names and "whitephone.sip.engine" in names  # the listing is the engine's imports
    found = sorted(n for n in names if any(n == h or n.startswith(h + ".") for h in NOT_AT_IDLE))
    assert not found, f"imported by the idle engine: {found}"
