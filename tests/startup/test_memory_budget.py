"""Issue 18 point 1: idle memory of window + engine, the part the code decides.

The target (resident memory of window + engine <= 150 MiB, 100 000 contacts, a SIP account
registered, signed in to the hub) is measured by `benchmarks/startup.py --cold`
(docs/measurements.md). Resident memory has two parts:

- anonymous memory (Python's objects and code, Qt's heap, SQLite's caches): what the program
  allocates. It repeats within ~2 MiB from run to run, loaded machine or not;
- pages of the libraries' files (Qt, libpython, pjsua2) mapped into the process. Their count
  depends on how the files came into the page cache, not on the program (Linux maps several
  cached pages per fault): in a venv `pip` had made a minute before (as in CI) the same window
  mapped 60 MiB of library pages (libQt6Gui 10.0, libQt6Core 6.7, ICU data 1.0) and the engine
  19; once the page cache was dropped, as after a reboot, 53 (8.1, 5.2, 0.02) and 16: 151 MiB
  against 141 for the same code and contact.

So this test holds the anonymous part to what the target leaves once the libraries map what a
cold start maps (69 MiB, measured with the page cache dropped), and holds the libraries mapped
at idle to those measured: a library more (a Qt module, a compiled extension) is named here
before it costs its pages. tests/startup/test_idle_modules.py keeps the idle imports in check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.startup.profiles import children, cmdline, profile_with_a_contact, stop

TARGET_MIB = 150  # window + engine resident, issue 18
LIBRARY_PAGES_COLD_MIB = 69  # window 52.9 + engine 16.1 MiB of mapped library pages, page cache dropped

# what the idle window and engine map from the venv (site-packages), measured; anything else is new
WINDOW_LIBRARIES = (
    r"PySide6/Qt/lib/libQt6(Core|DBus|Gui|Svg|Widgets|XcbQpa|OpenGL)\.so",  # XcbQpa, OpenGL: on X11
    r"PySide6/Qt/lib/libicu(data|i18n|uc)\.so",
    r"PySide6/Qt/plugins/(platforms|xcbglintegrations)/",
    r"PySide6/Qt(Core|Gui|Svg|Widgets)\.abi3\.so",
    r"PySide6/libpyside6\.abi3\.so",
    r"shiboken6/",
    r"sqlalchemy/",  # its compiled helpers
)
ENGINE_LIBRARIES = (r"pjsua2/", r"pjsua2_python\.libs/")
# Python's own extension modules the engine does not load once its account has registered over
# UDP: asyncio and ssl come with the ladder's TCP/TLS probes and a proxy (net/proxy.py, sip/ladder.py)
ENGINE_NOT_AT_IDLE = ("_asyncio", "_ssl", "_hashlib")

has_kamailio = shutil.which("kamailio") is not None or Path("/usr/sbin/kamailio").exists()


def _status(pid: int) -> dict[str, float]:
    with open(f"/proc/{pid}/status") as f:
        return {k: int(v.split()[0]) / 1024 for k, v in (line.split(":", 1) for line in f)
                if k in ("VmRSS", "RssAnon", "RssFile", "RssShmem")}


def _mapped(pid: int) -> set[str]:
    with open(f"/proc/{pid}/maps") as f:
        return {line.split(None, 5)[5].strip() for line in f if len(line.split(None, 5)) == 6 and ".so" in line}


def _new_libraries(paths: set[str], allowed: tuple[str, ...]) -> list[str]:
    site = [p for p in sys.path if p.endswith("site-packages")]
    out = []
    for path in sorted(paths):
        rel = next((path[len(s) + 1:] for s in site if path.startswith(s + "/")), None)
        if rel is not None and not any(re.match(a, rel) for a in allowed):
            out.append(rel)
    return out


@pytest.mark.skipif(not has_kamailio, reason="Kamailio not installed (make installs it)")
def test_idle_memory_of_window_and_engine_is_within_150_mib(tmp_path):
    """Issue 18 point 1: window + engine <= 150 MiB at idle, the anonymous part held to
    150 - 69 = 81 MiB. A profile of ONE contact (far less than the issue's 100 000) with a SIP
    account (transport auto) registered to a real Kamailio, no hub; the real window
    (`whitephone --profile`, its engine process: the child running `whitephone agent`, not the
    keyring helper that reads the password and lives 20 s), 14 s after start: past the 3 s settle
    and the 10 s source-line drop. RssAnon + RssShmem of both. Measured: window 56.5 + engine 16.9
    = 73.4 MiB (total RSS 142.4, page cache dropped). benchmarks/startup.py --cold, 100 000
    contacts: docs/measurements.md."""
    from tests.sip.test_kamailio import USERS, Kamailio

    kamailio = Kamailio(tmp_path, USERS)
    try:
        profile, env = profile_with_a_contact(tmp_path)
        account = (f"from whitephone.core.accounts import SipAccount, password_secret, save_accounts\n"
                   f"from whitephone.profile import Profile\n"
                   f"p = Profile.open({str(profile)!r})\n"
                   f"save_accounts(p, [SipAccount(id='a1', uri='sip:alice@127.0.0.1:{kamailio.port}', "
                   f"registrar='sip:127.0.0.1:{kamailio.port}', default=True)])\n"
                   f"assert p.set_secret(password_secret('a1'), {USERS['alice']!r})\n")
        subprocess.run([sys.executable, "-c", account], env=env, check=True, capture_output=True, timeout=120)
        env.pop("WHITEPHONE_NO_ENGINE", None)
        env["WHITEPHONE_BENCH_REPORT"] = "1"
        proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            time.sleep(14)
            assert proc.poll() is None, "the window ended"
            engines = [k for k in children(proc.pid) if "whitephone agent" in cmdline(k)]
            assert len(engines) == 1, f"engine processes: {engines}"
            window, engine = _status(proc.pid), _status(engines[0])
            window_libs, engine_libs = _mapped(proc.pid), _mapped(engines[0])
        finally:
            stop(proc)
        milestones = [line.split()[0] for line in proc.stdout.read().splitlines() if line.strip()]
    finally:
        kamailio.stop()
    assert "registered" in milestones, f"the account did not register: {milestones}"

    def own(s: dict[str, float]) -> float:
        return s["RssAnon"] + s["RssShmem"]

    def line(name: str, s: dict[str, float]) -> str:
        return f"{name} {s['VmRSS']:.1f} MiB (anonymous {own(s):.1f}, library pages {s['RssFile']:.1f})"

    report = f"{line('window', window)}; {line('engine', engine)}"
    print(report)
    assert own(window) + own(engine) <= TARGET_MIB - LIBRARY_PAGES_COLD_MIB, report
    assert _new_libraries(window_libs, WINDOW_LIBRARIES) == [], "libraries new in the idle window"
    assert _new_libraries(engine_libs, ENGINE_LIBRARIES) == [], "libraries new in the idle engine"
    stdlib = sorted(Path(p).name.split(".")[0] for p in engine_libs if "lib-dynload" in p)
    assert [m for m in ENGINE_NOT_AT_IDLE if m in stdlib] == [], f"the idle engine's extension modules: {stdlib}"
