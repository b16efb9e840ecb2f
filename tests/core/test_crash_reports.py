"""Crash reports (whitephone/crash.py) and the problem report zip (whitephone/problem_report.py):
real child processes that raise, crash natively or are killed; the redaction; the zip's content."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from whitephone import __version__
from whitephone.crash import collect_native, mark_offered, redact, reports, unoffered
from whitephone.problem_report import build_zip

ROOT = Path(__file__).resolve().parents[2]
SECRET = "hunter2xyz"


def run_child(code: str, *, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True,
                          text=True, timeout=timeout)


def install(logs: Path, process: str = "window") -> str:
    return f"""
        import logging
        from whitephone.crash import CrashReporter
        logging.basicConfig(level=logging.INFO)
        CrashReporter({str(logs)!r}, {process!r}, log_files=("engine-stderr.log",)).install()
        logging.getLogger("sync").warning("signing in with password={SECRET}")
    """


def test_uncaught_exception_leaves_a_redacted_report(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "engine-stderr.log").write_text(f'{{"cmd": "account", "password": "{SECRET}"}}\nlast engine line\n')
    r = run_child(install(logs) + "\n        raise RuntimeError('boom in a slot')\n")
    assert r.returncode == 1
    assert "RuntimeError: boom in a slot" in r.stderr  # the usual traceback still printed
    (report,) = reports(logs)
    text = report.read_text()
    assert report.name.startswith("crash-") and report.name.endswith("-window.txt")
    assert f"WhitePhone {__version__} (window)" in text and "Platform:" in text and "Python:" in text
    assert "RuntimeError: boom in a slot" in text and 'File "<string>"' in text
    assert "signing in with password=[removed]" in text  # the recent log lines
    assert "last engine line" in text  # the end of the named log file
    assert SECRET not in text
    assert not list(logs.glob("native-*"))  # a Python error is no native crash: the file went at exit


def test_platform_line_is_platforms_without_its_subprocess():
    """The reports' head names the system as platform.platform() does, without the `uname -p`
    subprocess it runs for that (every process that installs crash reports, the engine too)."""
    import platform

    from whitephone.crash import _platform

    expected = platform.platform()
    if platform.processor():  # what `uname -p` says, where it knows (it is the subprocess): not in ours
        expected = expected.replace(f"-{platform.processor()}-with", "-with")
    assert _platform() == f"{expected} ({platform.machine()})"


def test_exception_in_a_thread_is_reported_and_the_process_goes_on(tmp_path):
    logs = tmp_path / "logs"
    r = run_child(install(logs) + """
        import threading
        def work():
            raise ValueError("bad row")
        t = threading.Thread(target=work, name="sync-worker")
        t.start(); t.join()
        print("still running")
    """)
    assert r.returncode == 0 and "still running" in r.stdout
    (report,) = reports(logs)
    text = report.read_text()
    assert "Uncaught ValueError in thread sync-worker" in text and "ValueError: bad row" in text


def test_the_same_error_is_reported_once(tmp_path):
    logs = tmp_path / "logs"
    r = run_child(install(logs) + """
        import sys
        for _ in range(3):
            try:
                raise KeyError("same")
            except KeyError:
                sys.excepthook(*sys.exc_info())
    """)
    assert r.returncode == 0
    assert len(reports(logs)) == 1


def test_segfault_leaves_a_native_report_found_on_the_next_start(tmp_path):
    logs = tmp_path / "logs"
    r = run_child(install(logs) + """
        import ctypes
        def dial_the_engine():
            ctypes.string_at(0)
        dial_the_engine()
    """)
    assert r.returncode in (-signal.SIGSEGV, 128 + signal.SIGSEGV), r
    assert reports(logs) == []  # nothing could run after the crash but faulthandler
    (native,) = logs.glob("native-window-*.txt")
    (logs / "engine-stderr.log").write_text(f"Authorization: Digest username=\"a\", response=\"{'ab' * 16}\"\n")
    made = collect_native(logs, {"window": ("engine-stderr.log",)})
    assert len(made) == 1 and not native.exists()
    text = made[0].read_text()
    assert f"WhitePhone {__version__} (window)" in text and "Native crash (faulthandler)" in text
    assert "Segmentation fault" in text and "dial_the_engine" in text
    assert "Authorization: [removed]" in text and "ab" * 16 not in text
    assert collect_native(logs) == []  # done once


def test_engine_process_crash_is_reported_in_the_logs_folder(tmp_path):
    """`whitephone agent --log LOGS/pjsip.log` (as the window starts it) reports into LOGS."""
    logs = tmp_path / "logs"
    logs.mkdir()
    r = run_child(f"""
        import ctypes, sys
        from whitephone.sip import agent
        class Crashing:
            def __init__(self, args): pass
            def run(self):
                ctypes.string_at(0)
        agent.Agent = Crashing
        from whitephone.cli import main
        sys.exit(main(["agent", "--log", {str(logs / "pjsip.log")!r}]))
    """)
    assert r.returncode in (-signal.SIGSEGV, 128 + signal.SIGSEGV), r.stderr
    (made,) = collect_native(logs, {"engine": ("pjsip.log",)})
    assert made.name.endswith("-engine.txt")
    text = made.read_text()
    assert "(engine)" in text and "Segmentation fault" in text and " in run" in text


def test_engine_python_error_is_reported(tmp_path):
    logs = tmp_path / "logs"
    r = run_child(f"""
        import sys
        from whitephone.sip import agent
        class Failing:
            def __init__(self, args): pass
            def run(self):
                raise OSError("sound device gone, token={SECRET}")
        agent.Agent = Failing
        from whitephone.cli import main
        sys.exit(main(["agent", "--crash-dir", {str(logs)!r}]))
    """)
    assert r.returncode == 1
    (report,) = reports(logs)
    text = report.read_text()
    assert report.name.endswith("-engine.txt") and "OSError: sound device gone, token=[removed]" in text
    assert SECRET not in text


def test_a_killed_process_leaves_no_report(tmp_path):
    logs = tmp_path / "logs"
    p = subprocess.Popen([sys.executable, "-c", textwrap.dedent(install(logs) + """
        import time
        print("up", flush=True)
        time.sleep(600)
    """)], env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "up"
        assert collect_native(logs) == [] and len(list(logs.glob("native-*"))) == 1  # alive: untouched
        p.kill()
        p.wait(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
        p.stdout.close()
    assert collect_native(logs) == []
    assert not list(logs.glob("native-*"))  # a kill -9 is not a crash: the file is gone


def test_qt_fatal_message_writes_a_report(tmp_path):
    logs = tmp_path / "logs"
    r = run_child(f"""
        from PySide6.QtCore import qFatal
        from PySide6.QtWidgets import QApplication
        from whitephone.ui import crash_ui
        app = QApplication([])
        crash_ui.install({str(logs)!r})
        qFatal("cannot go on: password={SECRET}")
    """)
    assert r.returncode != 0
    made = reports(logs) + collect_native(logs, {})
    texts = [p.read_text() for p in made]
    assert any("Qt fatal message" in t and "cannot go on: password=[removed]" in t for t in texts), texts
    assert not any(SECRET in t for t in texts)


def test_reports_are_offered_once(tmp_path):
    logs = tmp_path
    (logs / "crash-20260101-120000-window.txt").write_text("x")
    (logs / "crash-20260102-120000-engine.txt").write_text("y")
    new = unoffered(logs)
    assert [p.name for p in new] == ["crash-20260101-120000-window.txt", "crash-20260102-120000-engine.txt"]
    mark_offered(logs, new)
    assert unoffered(logs) == []
    (logs / "crash-20260103-120000-window.txt").write_text("z")
    assert [p.name for p in unoffered(logs)] == ["crash-20260103-120000-window.txt"]


@pytest.mark.parametrize("line, secret", [
    ('Authorization: Digest username="alice", realm="pbx", nonce="n1", uri="sip:pbx", '
     'response="6629fae49393a05397450978507c4ef1"', "6629fae49393a05397450978507c4ef1"),
    ('Proxy-Authorization: Digest username="bob", response="0a4f113b"', "0a4f113b"),
    ("authorization: Bearer abcdefghijklmnop", "abcdefghijklmnop"),
    ("GET /sync HTTP/1.1 Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl", "eyJzdWIiOi"),
    ('{"cmd": "account", "password": "p4ss word\\"x", "user": "alice"}', "p4ss"),
    ("{'refresh_token': 'r3fresh.t0ken', 'id': 3}", "r3fresh"),
    ("whitephone agent --password hunter2 --user bob", "hunter2"),
    ("https://hub/api?access_token=a1b2c3d4&x=1", "a1b2c3d4"),
    ("sip:alice:s3cret@pbx.example.com", "s3cret"),
    ("proxy http://user:pr0xypw@proxy:3128", "pr0xypw"),
    ("Cookie: session=deadbeef", "deadbeef"),
    ("turn_password = tp4ss", "tp4ss"),
    ("sip_secret: Zx9secret", "Zx9secret"),
])
def test_redaction_removes_secrets(line, secret):
    out = redact(line)
    assert secret not in out and "[removed]" in out


def test_redaction_keeps_the_useful_rest():
    text = ("INVITE sip:+48601234567@pbx SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.2:5060\n"
            "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"abc\"\nuser=alice bypass:on --user bob")
    assert redact(text) == text


def test_problem_report_zip(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "pjsip.log").write_text(
        "12:00:00 REGISTER sip:pbx SIP/2.0\nAuthorization: Digest username=\"alice\", response=\"%s\"\n" % ("f" * 32))
    (logs / "pjsip.log.1").write_text("older part, password=" + SECRET + "\n")
    (logs / "engine-stderr.log").write_text("engine started\n")
    (logs / "crash-20260101-120000-window.txt").write_text("Traceback ... token=" + SECRET + "\n")
    (logs / "audio-test.wav").write_bytes(b"RIFF" + bytes(1000))  # a recording: not in the zip
    (logs / "offered-crash-reports.txt").write_text("crash-20260101-120000-window.txt\n")
    settings = {"region": "PL", "hub": {"url": "https://hub", "api_key": SECRET}, "password": SECRET}
    dest = tmp_path / "out" / "report.zip"
    dest.parent.mkdir()
    names = build_zip(logs, dest, settings)
    with zipfile.ZipFile(dest) as z:
        assert sorted(z.namelist()) == sorted(names) == sorted([
            "about.txt", "settings.json", "logs/pjsip.log", "logs/pjsip.log.1", "logs/engine-stderr.log",
            "logs/crash-20260101-120000-window.txt"])
        everything = "".join(z.read(n).decode() for n in z.namelist())
        assert f"WhitePhone {__version__}" in z.read("about.txt").decode()
        assert "REGISTER sip:pbx" in z.read("logs/pjsip.log").decode()
        assert "Authorization: [removed]" in z.read("logs/pjsip.log").decode()
        assert json.loads(z.read("settings.json"))["region"] == "PL"
        assert json.loads(z.read("settings.json"))["hub"]["url"] == "https://hub"
    assert SECRET not in everything and "f" * 32 not in everything
    assert not list(dest.parent.glob("*.part"))
