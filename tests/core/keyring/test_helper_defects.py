"""Defects found in the window's keyring helper (whitephone/keyring_process.py,
whitephone/commands/keyring_helper_cmd.py), each with real helper processes and the file keyring
of the tests; a misbehaving backend comes from misbehaving_backends.py."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from tests.core.keyring.misbehaving_backends import use_in_this_process
from tests.polling import wait_until
from whitephone.profile import Profile


def test_a_save_that_timed_out_once_shadows_every_later_save(profile, profile_dir, tmp_path, monkeypatch):
    """The window saves a secret (the hub's rotated refresh token, a SIP password) while the
    desktop keyring waits for an unlock prompt nobody answers: the helper is given up, set_secret
    says False and keeps the value in this session's memory. The user unlocks the keyring; a later
    save of a NEW value succeeds (True, the keyring holds it).
    What happens: get_secret still returns the OLD value from memory for the rest of the session
    (the window then refreshes with a spent token, or registers with the old password), while
    every CLI command reads the new one: set_secret never drops the memory copy on success.
    Before the helper a keyring either worked or not; the helper's time-outs and crashes make this
    one-off failure ordinary.
    Expected: after a successful save, get_secret returns the value saved."""
    flag = tmp_path / "hang"
    use_in_this_process(monkeypatch, "Hanging")
    monkeypatch.setenv("WP_TEST_KEYRING_HANG", str(flag))
    profile._keyring_process.answer_timeout_s = 2
    flag.write_text("")
    assert profile.set_secret("hub-token", "spent-token-1") is False  # timed out: kept in memory
    flag.unlink()
    assert profile.set_secret("hub-token", "fresh-token-2") is True
    assert Profile.open(profile_dir).get_secret("hub-token") == "fresh-token-2"  # what the CLI reads
    assert profile.get_secret("hub-token") == "fresh-token-2"


def test_a_backend_that_prints_to_stdout_breaks_every_read(profile, profile_dir, monkeypatch):
    """The user's keyring backend (or a library or program it runs, which inherits stdout) prints
    a line such as "Unlocking the keyring..." on stdout when it reads.
    What happens: that line arrives on the helper's answer pipe; the window takes it for the
    answer, cannot read it, kills the helper and get_secret says None: the window never finds its
    hub token or SIP passwords (signed out at every start), though `whitephone` CLI commands,
    reading the keyring in their own process, find them.
    Expected: the helper's answers have a channel of their own (stdout kept for them only, the
    rest sent to stderr), and the window reads the saved secret."""
    use_in_this_process(monkeypatch, "Noisy")
    assert profile.set_secret("hub-token", "T-123") is True
    assert Profile.open(profile_dir).get_secret("hub-token") == "T-123"  # in-process: fine
    assert profile.get_secret("hub-token") == "T-123"


def test_a_large_request_to_a_stopped_helper_hangs_past_the_answer_time_out(profile):
    """A helper is frozen (SIGSTOP: a debugger, a job-control stop, a machine thrashing) and the
    window saves a large value (a certificate, a > 64 KiB blob).
    What happens: writing the request fills the pipe and blocks for ever: the answer time-out only
    covers the wait for the answer, so set_secret never returns, and, as it holds the helper's
    lock, every later keyring call of the window (from any thread) hangs too.
    Expected: the call fails (False, kept in memory) within about the answer time-out."""
    helper = profile._keyring_process
    helper.answer_timeout_s = 2
    assert profile.set_secret("small", "x") is True
    proc = helper._helper.proc
    os.kill(proc.pid, signal.SIGSTOP)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(profile.set_secret("big", "y" * (1 << 20))),
                              daemon=True)
    try:
        worker.start()
        worker.join(20)
        assert not worker.is_alive(), "set_secret still blocked 20 s later (answer time-out 2 s)"
        assert result == [False]
    finally:
        if proc.poll() is None:
            proc.kill()  # SIGKILL ends a stopped process too
        worker.join(20)


def test_a_helper_that_ended_when_idle_is_reaped(profile_dir):
    """The window's helper ends after its idle time-out (20 s after its last answer), as it does
    after every start-up and sign-in.
    What happens: nobody waits for it until the next keyring request, which may be hours later:
    it stays a zombie (<defunct>, seen in ps and by process monitors) child of the window.
    Expected: once ended it is reaped (the reader thread sees EOF and can wait for it)."""
    profile = Profile.open(profile_dir)
    profile.keyring_in_child_process(idle_timeout_s=0.5)
    assert profile.set_secret("a", "v") is True
    pid = profile._keyring_process._helper.proc.pid

    def state() -> str:
        try:
            return next(line.split()[1] for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                        if line.startswith("State:"))
        except (OSError, StopIteration):
            return "gone"

    assert wait_until(lambda: state() in ("Z", "gone"), 20), "the helper did not end when idle"
    time.sleep(2)
    assert state() == "gone", "the ended helper is left a zombie until the next keyring request"
