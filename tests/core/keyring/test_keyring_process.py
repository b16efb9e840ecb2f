"""The window's keyring through `whitephone keyring-helper` (whitephone/keyring_process.py): real
child processes with the file keyring tests/conftest.py sets up (PYTHON_KEYRING_BACKEND)."""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.polling import wait_until
from whitephone.keyring_process import KeyringFailed, KeyringProcess
from whitephone.profile import KEYRING_SERVICE, Profile

SECRET = "s3cret-Zx9-ünïcode"


def helper_of(profile: Profile) -> KeyringProcess:
    return profile._keyring_process


def fake_helper(profile: Profile, code: str, **kwargs) -> KeyringProcess:
    """The profile's helper replaced by `python -c code` (a helper that misbehaves)."""
    process = KeyringProcess(str(profile.logs_dir / "keyring-helper.log"), command=[sys.executable, "-c", code],
                             **kwargs)
    profile._keyring_process = process
    return process


def test_set_get_delete_round_trip_through_the_helper(profile, profile_dir):
    assert profile.set_secret("hub-token", SECRET) is True
    assert profile.get_secret("hub-token") == SECRET
    assert profile.get_secret("missing") is None
    profile.delete_secret("hub-token")
    profile.delete_secret("hub-token")  # a missing entry is no error
    assert profile.get_secret("hub-token") is None
    assert helper_of(profile).spawned == 1  # one helper answered them all
    assert profile._memory_secrets == {}
    # the same keyring entry a CLI command reads in its own process
    assert profile.set_secret("pw", SECRET) is True
    assert Profile.open(profile_dir).get_secret("pw") == SECRET


def test_the_helper_exits_when_idle_and_the_next_call_starts_another(profile_dir):
    profile = Profile.open(profile_dir)
    profile.keyring_in_child_process(idle_timeout_s=0.5)
    helper = helper_of(profile)
    assert profile.set_secret("a", SECRET)
    first = helper._helper.proc
    assert wait_until(lambda: first.poll() is not None, 20), "the helper did not exit when idle"
    assert first.returncode == 0
    assert profile.get_secret("a") == SECRET
    assert helper.spawned == 2
    helper.close()


def test_a_helper_killed_between_calls_is_started_again(profile):
    assert profile.set_secret("a", SECRET)
    proc = helper_of(profile)._helper.proc
    proc.kill()
    proc.wait()
    assert profile.get_secret("a") == SECRET
    proc = helper_of(profile)._helper.proc
    proc.kill()  # not yet reaped: the request goes to a dead process, then to a new one
    assert profile.get_secret("a") == SECRET
    assert helper_of(profile).spawned == 3


def test_a_helper_that_answers_garbage_is_a_failure_not_an_exception(profile):
    process = fake_helper(profile, "import sys\nfor line in sys.stdin: print('no json here', flush=True)")
    assert profile.set_secret("a", SECRET) is False  # as without a keyring: kept for this session
    assert profile.get_secret("a") == SECRET
    assert profile.get_secret("other") is None
    profile.delete_secret("a")
    assert profile.get_secret("a") is None
    with pytest.raises(KeyringFailed):
        process.call("get", KEYRING_SERVICE, "x")
    assert wait_until(lambda: process._helper is None or process._helper.proc.poll() is not None, 20)


def test_a_helper_that_dies_mid_request_is_a_failure(profile):
    process = fake_helper(profile, "import sys\nsys.stdin.readline()\nsys.exit(3)")
    t0 = time.monotonic()
    assert profile.get_secret("a") is None
    assert profile.set_secret("a", SECRET) is False
    assert profile.get_secret("a") == SECRET  # in memory
    with pytest.raises(KeyringFailed, match="exit code 3"):
        process.call("get", KEYRING_SERVICE, "x")
    assert time.monotonic() - t0 < 30


def test_a_helper_that_does_not_answer_is_given_up_after_the_time_out(profile):
    process = fake_helper(profile, "import sys, time\nsys.stdin.readline()\ntime.sleep(60)", answer_timeout_s=1)
    t0 = time.monotonic()
    assert profile.get_secret("a") is None
    assert time.monotonic() - t0 < 15
    assert process._helper is None  # killed: the next request starts a new one


def test_concurrent_calls_from_several_threads(profile):
    errors: list[str] = []

    def work(n: int) -> None:
        for i in range(5):
            name, value = f"t{n}-{i}", f"{SECRET}-{n}-{i}"
            if not profile.set_secret(name, value):
                errors.append(f"{name}: not saved")
            if profile.get_secret(name) != value:
                errors.append(f"{name}: read back wrong")
            profile.delete_secret(name)
            if profile.get_secret(name) is not None:
                errors.append(f"{name}: not deleted")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert helper_of(profile).spawned == 1


def test_without_a_keyring_the_secret_is_kept_for_the_session(profile, profile_dir, monkeypatch, caplog):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # the helper inherits it
    with caplog.at_level(logging.WARNING, logger="whitephone.profile"):
        assert profile.set_secret("pw", SECRET) is False
    assert "no usable keyring" in caplog.text and SECRET not in caplog.text
    assert profile.get_secret("pw") == SECRET  # this session's memory
    assert profile.get_secret("other") is None
    again = Profile.open(profile_dir)
    again.keyring_in_child_process()
    assert again.get_secret("pw") is None  # not saved anywhere
    profile.delete_secret("pw")
    profile.delete_secret("never-there")
    assert profile.get_secret("pw") is None
    again._keyring_process.close()


def test_the_secret_is_not_on_the_command_line_in_the_environment_or_the_log(profile):
    assert profile.set_secret("pw", SECRET)
    assert profile.get_secret("pw") == SECRET
    proc = helper_of(profile)._helper.proc
    assert SECRET not in " ".join(proc.args)
    for part in ("cmdline", "environ"):
        data = Path(f"/proc/{proc.pid}/{part}")
        if data.exists():
            assert SECRET.encode() not in data.read_bytes()
    helper_of(profile).close()
    assert proc.wait(10) == 0  # EOF on its stdin: it ends
    log = profile.logs_dir / "keyring-helper.log"
    assert log.exists()  # its stderr goes there
    assert SECRET not in log.read_text("utf-8", "replace")


def test_a_helper_that_cannot_be_started_falls_back_to_the_keyring_in_this_process(profile, caplog):
    profile._keyring_process = KeyringProcess(str(profile.logs_dir / "keyring-helper.log"),
                                              command=[str(profile.root / "no-such-program")])
    with caplog.at_level(logging.WARNING, logger="whitephone.profile"):
        assert profile.set_secret("pw", SECRET) is True
    assert "cannot be started" in caplog.text and SECRET not in caplog.text
    assert profile._keyring_process is None
    assert profile.get_secret("pw") == SECRET
