"""One window per profile: later starts (real processes) hand their request to the running one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from whitephone.ui.main_window import MainWindow
from whitephone.ui.single_instance import SingleInstance, profile_root, server_name


def start_whitephone(profile, *args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WHITEPHONE_NO_ENGINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finished(qtbot, proc: subprocess.Popen, timeout: int = 30000) -> tuple[str, str]:
    """Wait for the process while this test's event loop keeps serving the local socket."""
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout)
    return proc.communicate()


@pytest.fixture
def running(qtbot, app):
    """This test process as the running WhitePhone of `app`'s profile."""
    instance = SingleInstance(app.profile.root)
    assert instance.claim() and instance.listening
    w = MainWindow(app)
    qtbot.addWidget(w)
    instance.messageReceived.connect(w.handle_instance_request)
    w.show()
    yield w
    w.shutdown()
    instance.release()


def test_names_differ_per_profile_and_are_stable(tmp_path):
    a, b = profile_root(tmp_path / "a"), profile_root(tmp_path / "b")
    assert server_name(a) == server_name(profile_root(tmp_path / "a"))
    assert server_name(a) != server_name(b)
    assert len(server_name(a)) < 40  # AF_UNIX paths are short


def test_only_one_instance_per_profile(tmp_path):
    first = SingleInstance(profile_root(tmp_path / "a"))
    assert first.claim()
    assert not SingleInstance(profile_root(tmp_path / "a")).try_lock()
    other = SingleInstance(profile_root(tmp_path / "b"))  # another profile runs beside it
    assert other.claim()
    first.release()
    other.release()
    again = SingleInstance(profile_root(tmp_path / "a"))
    assert again.claim()
    again.release()


def test_the_lock_of_a_killed_instance_is_taken_over(tmp_path):
    root = profile_root(tmp_path / "a")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from whitephone.ui.single_instance import SingleInstance\n"
         "from pathlib import Path\n"
         "instance = SingleInstance(Path(sys.argv[1]))\n"
         "assert instance.try_lock()\n"
         "print('locked', flush=True)\n"
         "time.sleep(120)\n", str(root)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert not SingleInstance(root).try_lock()
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert SingleInstance(root).claim()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


@pytest.mark.parametrize(("uri", "kind", "expected"), [
    ("tel:+44-20-7946-0018", "number", "+442079460018"),
    ("callto://+442079460018", "number", "+442079460018"),
    ("020 7946 0018", "number", "+442079460018"),
    ("sip:bob@192.0.2.7:5070", "sip", "sip:bob@192.0.2.7:5070"),
    ("sips:bob@example.com", "sip", "sips:bob@example.com"),
])
def test_call_command_hands_the_uri_to_the_running_instance(qtbot, running, app, uri, kind, expected):
    running.hide()  # e.g. in the tray
    with qtbot.waitSignal(running.callRequested, timeout=30000) as sig:
        proc = start_whitephone(app.profile.root, "call", uri)
        out, err = finished(qtbot, proc)
    assert proc.returncode == 0, err
    printed = json.loads(out.splitlines()[0])
    assert (printed["kind"], printed["call"]) == (kind, expected)
    target, _contact = sig.args
    assert (target.kind, target.uri) == (kind, expected)
    assert running.isVisible()  # and brought to the front


def test_second_start_raises_the_window(qtbot, running, app):
    running.hide()
    proc = start_whitephone(app.profile.root)
    _out, err = finished(qtbot, proc)
    assert proc.returncode == 0, err
    qtbot.waitUntil(running.isVisible, timeout=5000)


def test_a_bad_uri_is_refused_without_starting_anything(tmp_path):
    r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(tmp_path / "p"), "call", "hello"],
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 2
    assert "neither a phone number nor a SIP address" in json.loads(r.stderr)["error"]
    assert not (tmp_path / "p" / "instance.lock").exists()
