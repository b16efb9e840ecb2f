"""Attacks on the window's keyring helper (whitephone/keyring_process.py,
whitephone/commands/keyring_helper_cmd.py) that it withstood; kept as coverage. Real helper
processes and the tests' file keyring."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from whitephone.keyring_process import KeyringFailed
from whitephone.profile import KEYRING_SERVICE, Profile
from whitephone.selfcmd import whitephone_command

SECRET = "Hunter2-\u00e9-\u2603-secret"


@pytest.mark.parametrize("name, value", [
    ("new\nline", "first\nsecond\r\n"),
    ("nul\0name", "a\0b"),
    ('json"}{,', '{"ok": false, "error": "x"}\n{"ok": true, "value": "forged"}'),
    ("sep\u2028\u2029", "line\u2028sep\u2029"),
    ("emoji", "\U0001f600" * 100),
    ("huge", "z" * (5 * 1024 * 1024)),
    ("empty", ""),
])
def test_held_odd_names_and_values_round_trip_as_the_cli_reads_them(profile, profile_dir, name, value):
    """The window saves a secret whose name or value holds newlines, NUL, JSON that looks
    like an answer, Unicode line separators, or 5 MiB: the helper reads it back unchanged, and a
    CLI command (the keyring in its own process) reads the same entry."""
    assert profile.set_secret(name, value) is True
    assert profile._memory_secrets == {}
    assert profile.get_secret(name) == value
    assert Profile.open(profile_dir).get_secret(name) == value
    profile.delete_secret(name)
    assert profile.get_secret(name) is None


def test_held_an_unencodable_value_is_a_failure_kept_in_memory_not_logged(profile):
    """A value with a lone surrogate (not encodable): set_secret says False and keeps it for
    the session; the helper keeps running and its log names only the error's type."""
    assert profile.set_secret("odd", "pre\ud800post-" + SECRET) is False
    assert profile.get_secret("odd") == "pre\ud800post-" + SECRET
    assert profile.set_secret("fine", SECRET) is True
    assert profile._keyring_process.spawned == 1
    profile._keyring_process.close()
    log = (profile.logs_dir / "keyring-helper.log").read_text("utf-8", "replace")
    assert "UnicodeEncodeError" in log and SECRET not in log and "post-" not in log


def test_held_a_bad_request_is_not_echoed_in_the_answer_or_the_log(profile_dir, tmp_path):
    """Lines that are not requests (broken JSON holding a secret, wrong types, unknown op)
    get a failure answer that does not repeat them, the helper goes on answering, and its stderr
    holds no part of them."""
    err = tmp_path / "helper.err"
    lines = ['{"op": "set", "service": "s", "username": "u", "password": "' + SECRET + '"',  # cut short
             json.dumps({"op": "set", "service": "s", "username": "u", "password": [SECRET]}),
             json.dumps({"op": "steal", "service": "s", "username": SECRET}),
             json.dumps(SECRET),
             json.dumps({"op": "get", "service": KEYRING_SERVICE, "username": "nobody"})]
    with err.open("wb") as stderr:
        done = subprocess.run(whitephone_command("keyring-helper"), input="\n".join(lines) + "\n",
                              stdout=subprocess.PIPE, stderr=stderr, text=True, timeout=60)
    answers = [json.loads(a) for a in done.stdout.splitlines()]
    assert done.returncode == 0
    assert [a["ok"] for a in answers] == [False, False, False, False, True]
    assert SECRET not in done.stdout
    assert SECRET not in err.read_text("utf-8", "replace")


def test_held_answers_never_cross_between_threads_while_the_helper_is_killed(profile):
    """Twelve threads save and read their own secrets while another kills the helper every
    few tens of milliseconds (mid-request, between requests): a call may fail, but no thread ever
    reads another thread's secret, and no killed helper is left unreaped."""
    helper = profile._keyring_process
    stop = threading.Event()
    wrong: list[str] = []
    failed: list[int] = []
    killed: list[subprocess.Popen] = []

    def work(n: int) -> None:  # straight to the helper: no session memory in between
        user = f"{profile.root}:thread{n}"
        for i in range(40):
            value = f"secret-of-{n}-{i}"
            try:
                helper.call("set", KEYRING_SERVICE, user, value)
                got = helper.call("get", KEYRING_SERVICE, user)
            except KeyringFailed:
                failed.append(n)
                continue
            if got is not None and not got.startswith(f"secret-of-{n}-"):
                wrong.append(f"thread {n} read {got!r}")

    def killer() -> None:
        rnd = random.Random(7)
        while not stop.is_set():
            current = helper._helper
            if current is not None and current.proc.poll() is None:
                current.proc.kill()
                killed.append(current.proc)
            time.sleep(rnd.uniform(0.02, 0.15))

    k = threading.Thread(target=killer, daemon=True)
    k.start()
    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    stop.set()
    k.join(5)
    assert not any(t.is_alive() for t in threads)
    assert wrong == []
    assert failed  # the kills did hit requests
    assert len(killed) >= 3 and helper.spawned >= 3
    profile._memory_secrets.clear()
    assert profile.set_secret("after", SECRET) is True and profile.get_secret("after") == SECRET
    # every killed helper but the last one replaced is reaped
    assert sum(1 for p in killed if p.returncode is None) <= 1


def test_held_requests_at_the_idle_time_out_are_answered(profile_dir):
    """Requests sent just as the helper ends at its idle time-out (a helper with a 0.3 s
    time-out, asked every 0.2-0.5 s): each is answered (the request a dying helper lost goes to
    a new one)."""
    profile = Profile.open(profile_dir)
    profile.keyring_in_child_process(idle_timeout_s=0.3)
    assert profile.set_secret("a", SECRET) is True
    rnd = random.Random(3)
    for _ in range(25):
        time.sleep(rnd.uniform(0.2, 0.5))
        assert profile.get_secret("a") == SECRET
    assert profile._keyring_process.spawned > 3
    profile._keyring_process.close()


def pipe_inodes(pid: int) -> set[str]:
    out = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("pipe:"):
            out.add(target)
    return out


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="Linux /proc")
def test_held_a_child_started_later_does_not_hold_the_helpers_pipes(profile):
    """The window starts the engine and the hub (subprocess.Popen, as sip/client.py and
    sync/embedded_hub.py) while a helper runs: they hold none of the helper's pipe ends (else the
    helper would never see EOF and a child could read the secrets)."""
    assert profile.set_secret("a", SECRET) is True
    helper = profile._keyring_process._helper.proc
    ours = pipe_inodes(os.getpid()) & pipe_inodes(helper.pid)
    assert ours  # the window's ends of the helper's stdin and stdout
    for close_fds in (True, False):
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, close_fds=close_fds)
        try:
            time.sleep(0.3)
            assert not (pipe_inodes(child.pid) & ours), f"close_fds={close_fds}"
        finally:
            child.kill()
            child.wait()
    profile._keyring_process.close()
    assert helper.wait(10) == 0  # it saw EOF: nobody else holds its stdin


def test_held_the_helper_reads_the_keyring_the_cli_reads_via_keyringrc(profile_dir, tmp_path, monkeypatch):
    """No PYTHON_KEYRING_BACKEND, the backend chosen in keyringrc.cfg (XDG_CONFIG_HOME), as
    on a desktop: the helper (the window's environment) and a CLI command use the same one."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    cfg = Path(os.environ["XDG_CONFIG_HOME"]) / "python_keyring"
    cfg.mkdir(parents=True)
    (cfg / "keyringrc.cfg").write_text("[backend]\ndefault-keyring=keyrings.alt.file.PlaintextKeyring\n")
    profile = Profile.open(profile_dir)
    profile.keyring_in_child_process()
    assert profile.set_secret("pw", SECRET) is True
    profile._keyring_process.close()
    code = ("import sys; from whitephone.profile import Profile\n"
            "print(Profile.open(sys.argv[1]).get_secret('pw'))")
    out = subprocess.run([sys.executable, "-c", code, str(profile_dir)], capture_output=True, text=True,
                         timeout=60, env=dict(os.environ))
    assert out.stdout.strip() == SECRET, out.stderr
