"""One window per profile: later starts (real processes) hand their request to the running one."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading

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
        qtbot.waitUntil(lambda: getattr(running, "link_question", None) is not None, timeout=10000)
        question = running.link_question  # shown with the number, and asked first
        # the number as written in the user's region (GB), or the SIP address it dials
        assert question.informativeText() == ("020 7946 0018" if kind == "number" else expected)
        question.buttons()[0].click()  # Call
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


def _link(qtbot, app, running, uri: str, source: str) -> None:
    """What the hand-over delivers for a link `source` opened (the socket path: the test above)."""
    running.handle_instance_request({"action": "call", "uri": uri, "source": source})


def test_a_link_asks_first_naming_the_program_and_cancel_dials_nothing(qtbot, running, app):
    dialled = []
    running.callRequested.connect(lambda target, contact: dialled.append(target.uri))
    running.link_question = None
    _link(qtbot, app, running, "tel:+44-20-7946-0018", "firefox")
    qtbot.waitUntil(lambda: running.link_question is not None, timeout=10000)
    question = running.link_question
    assert "firefox asks WhitePhone to call" in question.text()
    assert question.informativeText() == "020 7946 0018"  # as written in the user's region (GB)
    question.reject()  # Cancel
    qtbot.wait(200)
    assert dialled == []


def test_always_allow_lets_that_program_dial_without_asking_and_no_other(qtbot, running, app):
    dialled = []
    running.callRequested.connect(lambda target, contact: dialled.append(target.uri))
    running.link_question = None
    _link(qtbot, app, running, "tel:+442079460018", "thunderbird")
    qtbot.waitUntil(lambda: running.link_question is not None, timeout=10000)
    running.link_question.checkBox().setChecked(True)
    running.link_question.buttons()[0].click()  # Call
    qtbot.waitUntil(lambda: dialled == ["+442079460018"], timeout=5000)
    running.link_question = "unset"
    _link(qtbot, app, running, "tel:+442079460019", "thunderbird")
    qtbot.waitUntil(lambda: len(dialled) == 2, timeout=5000)  # allowed: no question
    assert running.link_question is None
    _link(qtbot, app, running, "tel:+442079460020", "evil-app")
    qtbot.waitUntil(lambda: running.link_question not in (None, "unset"), timeout=10000)
    assert len(dialled) == 2  # another program is asked about again
    running.link_question.reject()


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix-domain sockets (Windows: QtNetwork's)")
def test_the_unix_socket_is_this_users_replaces_a_stale_one_and_refuses_bad_requests(qtbot, tmp_path):
    """The window's own local socket (no QtNetwork: ~3 MiB at idle, issue 18): a socket file left
    by a crashed instance is replaced, only this user may connect, an over-long or half request
    gets no answer and breaks nothing, and the file goes with the instance."""
    from whitephone.ui.single_instance import MAX_MESSAGE, send, socket_path

    root = profile_root(tmp_path / "a")
    path = socket_path(server_name(root))
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))  # a crashed instance's file: nobody listens on it
    stale.close()
    instance = SingleInstance(root)
    got: list[dict] = []
    instance.messageReceived.connect(got.append)
    assert instance.claim() and instance.listening
    try:
        assert stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0

        def ask(message) -> list:
            out: list = []
            t = threading.Thread(target=lambda: out.append(send(root, message, timeout=20)))
            t.start()
            qtbot.waitUntil(lambda: not t.is_alive(), timeout=30000)
            return out

        def raw(data: bytes) -> bytes:
            out: list = []

            def talk() -> None:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as c:
                    c.settimeout(20)
                    c.connect(str(path))
                    with contextlib.suppress(OSError):
                        c.sendall(data)
                    c.shutdown(socket.SHUT_WR)
                    reply = b""
                    with contextlib.suppress(OSError):
                        while chunk := c.recv(65536):
                            reply += chunk
                    out.append(reply)

            t = threading.Thread(target=talk)
            t.start()
            qtbot.waitUntil(lambda: not t.is_alive(), timeout=30000)
            return out[0]

        assert raw(b"x" * (MAX_MESSAGE + 10)) == b""  # too long: closed without an answer
        assert raw(b'{"action": "raise"}') == b""  # no end of line: nothing done
        assert raw(b"") == b""
        assert json.loads(raw(b"not json\n")) == {"ok": False, "error": "not JSON"}
        assert ask({"action": "dance"}) == [{"ok": False, "error": "unknown request"}]
        assert ask({"action": "raise"}) == [{"ok": True}]
        qtbot.waitUntil(lambda: got == [{"action": "raise"}], timeout=10000)
    finally:
        instance.release()
    assert not path.exists()
    assert send(root, {"action": "raise"}, timeout=0.3) is None  # nobody there: None, in time
