"""`whitephone call URI` end to end: real GUI process (offscreen), its real engine, a real SIP peer."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def whitephone(profile, *args: str) -> subprocess.Popen:
    """`whitephone ARGS` as the program "testbrowser" starts it (a shell under that name: the
    link's source the call confirmation names, always allowed in these profiles)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("WHITEPHONE_NO_ENGINE", None)
    browser = Path(profile).parent / "testbrowser"
    if not browser.exists():
        browser.symlink_to("/bin/sh")
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "whitephone", "--profile", str(profile), *args])
    return subprocess.Popen([str(browser), "-c", f"{command}; exit $?"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_call_starts_whitephone_then_hands_over_to_it(tmp_path):
    profile = tmp_path / "p"
    profile.mkdir()
    (profile / "settings.json").write_text(json.dumps({"sip_listen": "127.0.0.1:0", "region": "GB",
                                                       "trusted_link_sources": ["testbrowser"]}))
    with AgentProcess(ipc=True) as peer:
        target = f"sip:bob@{peer.ready['address']}"
        gui = whitephone(profile, "call", target)
        try:
            # no instance ran: this process became WhitePhone and dials once its engine is ready
            first = peer.wait_for("incoming", timeout=60)
            assert "bob@" in first["local_uri"]
            assert gui.poll() is None
            peer.send(cmd="busy", call=first["call"])
            peer.wait_for("ended", call=first["call"])
            peer.reset()
            # a second `whitephone call` hands the URI over and exits at once
            second = whitephone(profile, "call", f"sip:carol@{peer.ready['address']}")
            out, err = second.communicate(timeout=60)
            assert second.returncode == 0, err
            assert json.loads(out.splitlines()[0])["kind"] == "sip"
            incoming = peer.wait_for("incoming", timeout=30)
            assert "carol@" in incoming["local_uri"]
            peer.send(cmd="busy", call=incoming["call"])
            # SIGTERM closes the window like File → Quit: engine stopped, lock released, status 0
            (app,) = psutil.Process(gui.pid).children()  # WhitePhone itself, under the "browser" shell
            app.send_signal(signal.SIGTERM)
            _out, err = gui.communicate(timeout=30)
            assert gui.returncode == 0, err
        finally:
            if gui.poll() is None:
                gui.kill()
                gui.wait()
    again = subprocess.run([sys.executable, "-c",
                            "import sys; from pathlib import Path\n"
                            "from whitephone.ui.single_instance import SingleInstance\n"
                            "i = SingleInstance(Path(sys.argv[1]).resolve()); print(i.try_lock())", str(profile)],
                           capture_output=True, text=True, timeout=60)
    assert again.stdout.strip() == "True"
