"""Issue 18, the engine's side: crash.py's report head without platform/datetime, jitter_trim's
libc lookup (ctypes.CDLL(None)) and its digest cache folder (the XDG rule instead of
platformdirs), and cli.main importing the profile module only when a command fails."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_crash_report_head_says_what_platform_said():
    """A crash report's head (Platform, Python, Time lines) carries what the platform and datetime
    modules said before issue 18 (on this Linux machine; `uname -p`'s "unknown" is dropped by
    platform.platform() too) (held)."""
    from whitephone import crash

    lines = crash.about_lines("window")
    head = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    assert head["Platform"] == f"{platform.platform()} ({platform.machine()})"
    assert head["Python"] == f"{sys.version.split()[0]} {platform.python_implementation()}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", head["Time"])
    stamp = time.mktime(time.strptime(head["Time"][:19], "%Y-%m-%dT%H:%M:%S")) - time.timezone
    assert abs(stamp - time.time()) < 5 + 3600  # UTC, not local time (DST tolerance)


def _fresh(code: str, **env) -> str:
    e = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-c", code], env=e, capture_output=True, text=True, timeout=60,
                          check=True).stdout


def test_process_vm_readv_is_found_in_a_fresh_engine_like_process():
    """The engine starts (a fresh process, no ctypes.util): jitter_trim finds process_vm_readv and
    reads its own memory (held)."""
    out = _fresh("import ctypes, sys; from whitephone.sip import jitter_trim as j; b = ctypes.create_string_buffer(b'abc');"
                 "print(j._readv is not None, j.read_memory(ctypes.addressof(b), 3), 'ctypes.util' in sys.modules)")
    assert out.split() == ["True", "b'abc'", "False"]


@pytest.mark.parametrize("xdg", [None, "", "   ", "/tmp/wp-xdg-cache", "relative/cache"])
def test_digest_cache_folder_as_platformdirs(xdg, tmp_path):
    """The engine's digest cache folder with XDG_CACHE_HOME unset, empty, blank, absolute,
    relative: where platformdirs.user_cache_dir put it before issue 18. Held for unset, empty,
    absolute; for a relative XDG_CACHE_HOME the new code follows the XDG spec (~/.cache) where
    platformdirs took the relative path (cwd-dependent): a deliberate, better difference."""
    import platformdirs

    from whitephone.sip import jitter_trim

    old = os.environ.get("XDG_CACHE_HOME")
    try:
        if xdg is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = xdg
        ours = jitter_trim._cache_folder()
        theirs = Path(platformdirs.user_cache_dir("whitephone", appauthor=False))
    finally:
        if old is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = old
    if xdg == "relative/cache":
        assert ours == Path(os.path.expanduser("~/.cache"), "whitephone")
        assert ours.is_absolute()
    else:
        assert ours == theirs


def test_bad_profile_is_one_json_line(tmp_path):
    """`whitephone --profile <a file, not a folder> contacts list`: one JSON error line, exit 2, no
    traceback (cli.main imports ProfileError only in its except now) (held)."""
    f = tmp_path / "afile"
    f.write_text("x")
    r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(f / "sub"), "contacts", "search", "Ann"],
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.strip().startswith('{"error"'), r.stderr


def test_damaged_database_names_the_default_folder(tmp_path):
    """A damaged contacts database in the default profile folder (no --profile): one JSON line
    naming the folder, exit 2 (default_profile_dir imported in the except now) (held)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("WHITEPHONE_PROFILE", None)
    subprocess.run([sys.executable, "-m", "whitephone", "contacts", "add", "--name", "Ann"], env=env,
                   capture_output=True, timeout=120, check=True)
    dbs = [p for p in (tmp_path / "data").rglob("*") if p.suffix in (".sqlite3", ".db", ".sqlite")]
    assert dbs, list((tmp_path / "data").rglob("*"))
    for db in dbs:
        db.write_bytes(b"this is not a database" * 100)
    r = subprocess.run([sys.executable, "-m", "whitephone", "contacts", "search", "Ann"], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2, (r.stdout, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and r.stderr.startswith('{"error": "cannot '), r.stderr[-2000:]
    assert str(tmp_path / "data") in r.stderr
