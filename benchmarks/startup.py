"""Start-up and memory budget (issue 18): time to the first rows on screen, to "ready to call" (the
engine answered; then its SIP account registered) and to "synced" (signed in to the profile's
embedded hub), and the resident memory
of the window, the engine and the hub processes, idle and after a simulated day; Linphone in the
same run when it is installed. Prints figures; asserts nothing. The machine is shared: the figures
are noisy, compare runs taken in the same session (--tree alternates code trees run by run).

    .venv/bin/python benchmarks/startup.py [--contacts 100000] [--runs 5] [--dir DIR]
        [--tree NAME=DIR ...] [--exe NAME=PATH ...] [--no-day] [--no-linphone] [--no-xvfb] [--source-only] [--busy N] [--cold]
        [--no-sip]

Each run starts from a fresh copy of a prepared profile (100 000 contacts already synced to the
profile's own hub, its keyring file beside it, opened once by the window as a user's profile has
been: what the window keeps for its next start, such as ui/first_read.py's phone texts, is in it),
under Xvfb unless --no-xvfb (then offscreen). The profile has a SIP account (transport "auto", as a
user adds one) that registers to a Kamailio started for the benchmark on 127.0.0.1, its password
in the keyring: the engine climbs its ladder and registers as at a user's start (--no-sip: none).
Targets: first rows <= 0.5 s (median), window + engine idle <= 150 MiB, "Call (starting…)" (ready -
shown) <= 1 s; --busy N keeps N processes spinning on the CPU during the runs (a loaded machine);
--cold drops the kernel's page cache before each start (root): the start after boot, and figures
that do not depend on what the machine read or wrote before.
Idle RSS is read 4 s after the last milestone and once the transient helpers have ended (the
keyring's, 20 s after its last answer); other children are printed as "other".
Also printed: the longest stall of the window's main thread in the 8 s after the first rows (a 10 ms timer's latest tick,
ui/startup_probe.py), i.e. how long the window could not answer while the rest loaded.
The code trees are byte-compiled first and run with bytecode caches, as an installed package is
(--source-only: compile every module at every start, as with PYTHONDONTWRITEBYTECODE=1).
--exe NAME=PATH runs an installed `whitephone` instead of a code tree (a PyInstaller bundle's
executable: dist/whitephone/whitephone), alternated with the trees; no simulated day for it, and
not signed in (the bundle has no keyrings.alt to read the template's keyring file): compare
bundles with bundles.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.startup.profiles import children, cmdline  # noqa: E402 - which process is which

MILESTONES = ("shown", "ready", "registered", "synced")
IDLE_AFTER = 4.0  # s after the last milestone: the window settles (gc timer at 3 s), then RSS is read


SOURCE_ONLY = False  # --source-only


def _env(base: Path, tree: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               XDG_DATA_HOME=str(base / "xdg-data"), XDG_CONFIG_HOME=str(base / "xdg-config"))
    env.pop("WHITEPHONE_PROFILE", None)
    if SOURCE_ONLY:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    if tree is not None and not tree.is_file():
        env["PYTHONPATH"] = str(tree)
    return env


def prepare(work: Path, n: int) -> Path:
    """A template folder: `profile/` with n contacts synced to its own hub, and its keyring."""
    template = work / f"template-{n}"
    if (template / "ready").exists():
        return template
    shutil.rmtree(template, ignore_errors=True)
    # built where the runs will use it: the keyring's entries name the profile's folder
    build = run_folder(work)
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    vcf = work / f"contacts-{n}.vcf"
    if not vcf.exists():
        from contacts import generate

        generate(vcf, n)
    env = _env(build, ROOT)
    profile = build / "profile"
    subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "import", str(vcf),
                    "--on-duplicate", "clone"], check=True, capture_output=True, env=env, timeout=3600)
    code = ("import sys; from whitephone.app import App\n"
            "a = App.open(sys.argv[1])\n"
            "a.office.create(a.session, 'Bench User', 'Bench Ltd', 'bench@example.com')\n"
            "print(a.sync.sync_once())\n"
            "a.close()\n")
    subprocess.run([sys.executable, "-c", code, str(profile)], check=True, env=env, timeout=3600)
    build.rename(template)
    (template / "ready").touch()
    return template


def opened_once(template: Path, tree: Path) -> None:
    """Open the template's profile once with the window (in the runs' folder, where its keyring
    entries point) and keep what that run left in the profile folder for the next start."""
    mark = template / f"opened-once-{tree.name}"
    if mark.exists():
        return
    run = Run(template, tree, {"QT_QPA_PLATFORM": "offscreen"})
    try:
        run.wait(timeout=120)
        time.sleep(IDLE_AFTER)
    finally:
        with contextlib.suppress(ProcessLookupError):
            run.proc.send_signal(signal.SIGTERM)
        run.proc.wait(60)
    left = run.base / "profile"
    for f in left.iterdir():  # small files the window keeps (not the database and its journal)
        if f.is_file() and f.suffix == ".json" and f.name != "settings.json":
            shutil.copy2(f, template / "profile" / f.name)
    shutil.rmtree(run.base, ignore_errors=True)
    mark.touch()


def schema_behind(template: Path, tree: Path) -> str:
    """A sentence when the template's database is not at `tree`'s newest store revision: then
    every run of that tree migrates, and its figures include Alembic (the window ~11 MiB larger, measured once),
    which a user's profile pays once after an upgrade, not at every start. "" when current."""
    import sqlite3

    from whitephone.revisions import head_revision

    head = head_revision(tree / "whitephone" / "store" / "migrations" / "versions")
    try:
        with contextlib.closing(sqlite3.connect(template / "profile" / "whitephone.sqlite3")) as conn:
            have = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except (sqlite3.Error, TypeError):
        return "the template's schema revision cannot be read"
    if head is None or have == head:
        return ""
    return (f"the template's database is at {have}, this tree's head is {head}: every run migrates "
            f"(remove {template} to prepare it again, or migrate it once)")


def run_folder(work: Path) -> Path:
    """Where each run's fresh copy of the template lives (always the same folder)."""
    return work / "run"


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


TRANSIENT = ("whitephone keyring-helper",)  # child processes that end by themselves when idle


def processes(pid: int) -> dict[str, float]:
    """RSS (MiB) of the window, its engine, its hub process and any other child ("other")."""
    out = {"window": rss_mib(pid), "engine": 0.0, "hub": 0.0, "other": 0.0}
    for k in children(pid):
        cmd = cmdline(k)
        key = "engine" if "whitephone agent" in cmd else "hub" if "whitephone server" in cmd else "other"
        out[key] += rss_mib(k)
    return out


def wait_transient_children(pid: int, timeout: float = 40.0) -> float:
    """Idle means the transient helpers (the keyring's, which exits 20 s after its last answer)
    have ended: wait for them; returns how long that took."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if not any(t in cmdline(k) for k in children(pid) for t in TRANSIENT):
            break
        time.sleep(0.5)
    return time.perf_counter() - t0


ACCOUNT = """
import sys
from whitephone.core.accounts import SipAccount, password_secret, save_accounts
from whitephone.profile import Profile
profile = Profile.open(sys.argv[1])
port, user, password = sys.argv[2], sys.argv[3], sys.argv[4]
save_accounts(profile, [SipAccount(id="bench", uri=f"sip:{user}@127.0.0.1:{port}", registrar=f"sip:127.0.0.1:{port}",
                                   default=True)])
assert profile.set_secret(password_secret("bench"), password), "no keyring for the account's password"
"""


@contextlib.contextmanager
def registrar(enabled: bool, work: Path):
    """(port, user, password) of an account on a Kamailio registrar for the runs, or None."""
    if not enabled:
        yield None
        return
    if shutil.which("kamailio") is None and not Path("/usr/sbin/kamailio").exists():
        print("   no SIP account: kamailio is not installed (make installs it; --no-sip to skip)", flush=True)
        yield None
        return
    from tests.sip.test_kamailio import USERS, Kamailio

    folder = Path(tempfile.mkdtemp(prefix="registrar-", dir=work))
    k = Kamailio(folder, USERS)
    try:
        yield (k.port, "alice", USERS["alice"])
    finally:
        k.stop()
        shutil.rmtree(folder, ignore_errors=True)


class Run:
    """One start of the window on a fresh copy of the template, milestones read from its stdout."""

    def __init__(self, template: Path, tree: Path, display_env: dict[str, str], sip=None) -> None:
        self.base = run_folder(template.parent)
        shutil.rmtree(self.base, ignore_errors=True)
        shutil.copytree(template, self.base)
        (self.base / "ready").unlink(missing_ok=True)
        env = _env(self.base, tree)
        if sip is not None:  # the account and its password in this copy's keyring, before the clock starts
            subprocess.run([sys.executable, "-c", ACCOUNT, str(self.base / "profile"), *map(str, sip)], env=env,
                           cwd=tree.parent if tree.is_file() else tree, check=True, timeout=120,
                           capture_output=True)
        env.update(display_env, WHITEPHONE_BENCH_REPORT="1")
        self.t0 = time.perf_counter()
        # cwd: `python -m` puts the current folder first on sys.path, before PYTHONPATH
        cmd = [str(tree)] if tree.is_file() else [sys.executable, "-m", "whitephone"]  # --exe: an installed one
        self.proc = subprocess.Popen([*cmd, "--profile", str(self.base / "profile")], env=env,
                                     cwd=tree.parent if tree.is_file() else tree, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        self.times: dict[str, float] = {}
        self.lines: dict[str, str] = {}

    def wait(self, wanted=MILESTONES, timeout: float = 60.0) -> dict[str, float]:
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        end = time.perf_counter() + timeout
        while not all(w in self.times for w in wanted) and time.perf_counter() < end:
            if not sel.select(timeout=0.5):
                continue
            line = self.proc.stdout.readline()
            if not line:
                break
            name = (line.split() or ["?"])[0]
            self.times.setdefault(name, time.perf_counter() - self.t0)
            self.lines.setdefault(name, line.strip())
        sel.close()
        return self.times

    def memory(self) -> dict[str, float]:
        """Idle RSS: read once the transient helpers have ended (wait_transient_children)."""
        wait_transient_children(self.proc.pid)
        return processes(self.proc.pid)

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.base, ignore_errors=True)


DAY = """
import importlib.util, sys, time, datetime
from whitephone.core.calls import CallLogEntry
from whitephone.profile import Profile
from whitephone.store import Store
from whitephone.sync.hub_client import HubClient
from whitephone.sync.local_office import PASSWORD_SECRET
calls, messages, crm = (int(x) for x in sys.argv[2:5])
profile = Profile.open(sys.argv[1])
store = Store(profile.db_path)
t = datetime.datetime(2026, 1, 5, 8, tzinfo=datetime.UTC)
for i in range(calls):
    start = (t + datetime.timedelta(seconds=30 * i)).isoformat()
    store.calls.add(CallLogEntry(direction="out" if i % 3 else "in", peer_uri=f"sip:+44207946{i % 10000:04d}@example.com",
                                 started_at=start, answered_at=start, ended_at=start, duration=25, result="answered"))
print(f"{calls} calls logged (call log, through the store)")
store.close()
info = profile.get("hub") or {}
client = HubClient(info["url"])
client.tokens = client.login(info["email"], profile.get_secret(PASSWORD_SECRET))
t0 = time.monotonic()
for i in range(messages):
    client.request("POST", "/api/v1/messages", json={"to": info["user_id"], "kind": "text", "body": f"message {i}"})
print(f"{messages} messages posted to this user's hub inbox in {time.monotonic() - t0:.0f} s "
      "(the window's sync takes them into its store)")
client.close()
if importlib.util.find_spec("whitephone.store.crm") is None:
    print(f"{crm} CRM records skipped: no whitephone.store.crm in this tree yet")
else:
    sys.path.insert(0, sys.argv[5])
    from crm import fill
    t0 = time.monotonic()
    store = Store(profile.db_path)
    fill(store, crm)
    store.close()
    print(f"{crm} CRM records written into the store in {time.monotonic() - t0:.0f} s (benchmarks/crm.py's "
          "bulk insert, as records synced from colleagues; the CRM tab is not opened)")
"""


def simulate_day(run: Run, tree: Path, calls: int = 1000, messages: int = 10_000, crm: int = 100_000) -> list[str]:
    """A day's data written while the window runs: calls through the store (another process, as
    the CLI writes; the window sees the file change), messages through the embedded hub, CRM
    records straight into the store (benchmarks/crm.py's bulk insert)."""
    r = subprocess.run([sys.executable, "-c", DAY, str(run.base / "profile"), str(calls), str(messages), str(crm),
                        str(ROOT / "benchmarks")],
                       capture_output=True, text=True, env=_env(run.base, tree), cwd=tree, timeout=1800)
    lines = r.stdout.strip().splitlines()
    if r.returncode:
        lines.append("simulated day failed: " + (r.stderr.strip().splitlines() or ["?"])[-1])
    return lines


def linphone(display_env: dict[str, str], runs: int, cold: bool = False) -> None:
    exe = shutil.which("linphone")
    if exe is None:
        print("linphone: not installed (apt-get install linphone-desktop): skipped")
        return
    times, mem = [], []
    for _ in range(runs):
        home = Path(tempfile.mkdtemp(prefix="wp-linphone-"))
        env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local/share"), **display_env)
        _wait_window(display_env, timeout=15, gone=True)  # the last run's window is gone
        if cold:
            drop_page_cache()
        t0 = time.perf_counter()
        # Linphone quits without a D-Bus session bus ("Cannot connect to the D-Bus session bus")
        bus = ["dbus-run-session", "--"] if shutil.which("dbus-run-session") else []
        proc = subprocess.Popen([*bus, exe], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shown = _wait_window(display_env, timeout=30)
        if shown is not None:
            times.append(shown - t0)
        time.sleep(IDLE_AFTER)
        ours = [k for k in [proc.pid, *children(proc.pid)] if _comm(k) == "linphone"]
        mem.append(sum(rss_mib(k) for k in ours))
        for k in ours:  # Linphone first: the bus wrapper does not pass SIGTERM on
            with contextlib.suppress(ProcessLookupError):
                os.kill(k, signal.SIGTERM)
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(home, ignore_errors=True)
    if times:
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "linphone-desktop"], capture_output=True,
                                 text=True).stdout.strip() if shutil.which("dpkg-query") else ""
        print(f"linphone {version}: "
              f"first window median {statistics.median(times):.2f} s, idle RSS median {statistics.median(mem):.0f} MiB "
              f"(no contacts: it has no bulk import; window mapped on the X server)")
    else:
        print("linphone: no window appeared within 30 s (needs an X server: run without --no-xvfb)")


def _wait_window(display_env: dict[str, str], timeout: float, gone: bool = False) -> float | None:
    """The moment Linphone's window is mapped and viewable (or, `gone`, no longer), by polling
    `xwininfo`; None on time-out or without an X server."""
    if "DISPLAY" not in display_env or shutil.which("xwininfo") is None:
        return None
    env = dict(os.environ, **display_env)
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        out = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True, env=env).stdout
        ids = [line.split()[0] for line in out.splitlines() if '"Linphone"' in line]
        viewable = any("IsViewable" in subprocess.run(["xwininfo", "-id", i], capture_output=True, text=True,
                                                      env=env).stdout for i in ids)  # created is not shown
        if viewable != gone:
            return time.perf_counter()
        time.sleep(0.02)
    return None


def drop_page_cache() -> None:
    """--cold: the libraries are read from disk again, as at the first start after boot. The
    resident size of a process's mapped libraries depends on the page cache's state (a venv just
    written by pip idled ~5 MiB higher than the same files later), so this also makes runs taken
    at different times comparable."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as exc:
        raise SystemExit(f"--cold needs root (writing /proc/sys/vm/drop_caches: {exc})") from None


@contextlib.contextmanager
def busy(n: int):
    """n processes spinning on the CPU while the block runs (--busy): start-up on a loaded machine."""
    # each spins until its parent is gone, so a benchmark killed outright leaves none behind
    spin = "import os, sys\nwhile os.getppid() == int(sys.argv[1]):\n    pass"
    spinners = [subprocess.Popen([sys.executable, "-c", spin, str(os.getpid())]) for _ in range(n)]
    try:
        yield
    finally:
        for p in spinners:
            p.kill()
            p.wait()


@contextlib.contextmanager
def display(use_xvfb: bool):
    if not use_xvfb or shutil.which("Xvfb") is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    num = 90 + os.getpid() % 100
    xvfb = subprocess.Popen(["Xvfb", f":{num}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    try:
        yield {"DISPLAY": f":{num}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        xvfb.terminate()
        xvfb.wait()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contacts", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", default=None, help="work folder (kept: the prepared profile is reused)")
    ap.add_argument("--tree", action="append", default=[], metavar="NAME=DIR",
                    help="code tree to run (several: alternated run by run); default this checkout")
    ap.add_argument("--exe", action="append", default=[], metavar="NAME=PATH",
                    help="an installed whitephone executable to run (a PyInstaller bundle's), alternated with the trees")
    ap.add_argument("--no-day", action="store_true", help="skip the simulated day")
    ap.add_argument("--no-linphone", action="store_true")
    ap.add_argument("--no-xvfb", action="store_true", help="offscreen Qt instead of Xvfb")
    ap.add_argument("--source-only", action="store_true", help="no bytecode caches (compile at every start)")
    ap.add_argument("--cold", action="store_true",
                    help="drop the kernel's page cache before each start (as root): a start after boot")
    ap.add_argument("--busy", type=int, default=0, metavar="N",
                    help="N processes spinning on the CPU during the runs (a machine other programs load)")
    ap.add_argument("--no-sip", action="store_true",
                    help="no SIP account in the profile (default: one registering to a local Kamailio)")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `timeout`, kill: the clean-up below still runs
    global SOURCE_ONLY
    SOURCE_ONLY = args.source_only
    work = Path(args.dir or Path(tempfile.gettempdir()) / "wp-startup-bench")
    work.mkdir(parents=True, exist_ok=True)
    trees = [(t.split("=", 1)[0], Path(t.split("=", 1)[1])) for t in args.tree] or ([] if args.exe else [("this", ROOT)])
    exes = [(t.split("=", 1)[0], Path(t.split("=", 1)[1]).resolve()) for t in args.exe]
    print(f"preparing {args.contacts:,} contacts synced to the profile's own hub in {work} …", flush=True)
    template = prepare(work, args.contacts)
    if not SOURCE_ONLY:  # as installed: bytecode written once (__pycache__ is not tracked)
        for _, tree in trees:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "whitephone")], check=False,
                           env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    for name, tree in trees:
        opened_once(template, tree)
        note = schema_behind(template, tree)
        if note:
            print(f"!! {name}: {note}", flush=True)
    for _name, exe in exes:
        opened_once(template, exe)
    day_trees, trees = trees, trees + exes
    with display(not args.no_xvfb) as disp, registrar(not args.no_sip, work) as sip:
        print(f"== {args.contacts:,} contacts, {args.runs} runs per tree, "
              f"{'Xvfb' if 'DISPLAY' in disp else 'offscreen'}; figures are noisy on a shared machine")
        if args.busy:
            print(f"   with {args.busy} busy process(es) spinning on the {os.cpu_count()} cores", flush=True)
        if args.cold:
            print("   the page cache dropped before each start (cold, as after boot)", flush=True)
        if sip is not None:
            print(f"   a SIP account (transport auto) registering to Kamailio on 127.0.0.1:{sip[0]}", flush=True)
        wanted = [m for m in MILESTONES if m != "registered" or sip is not None]
        results: dict[str, list[tuple[dict, dict]]] = {name: [] for name, _ in trees}
        stalls: dict[str, list[float]] = {name: [] for name, _ in trees}
        with busy(args.busy):
            for _ in range(args.runs):
                for name, tree in trees:  # interleaved: before/after see the same load
                    if args.cold:
                        drop_page_cache()
                    run = Run(template, tree, disp, None if tree.is_file() else sip)
                    try:
                        # an installed bundle has no keyrings.alt for the template's keyring file: not signed in
                        times = run.wait(("shown", "ready", "stall") if tree.is_file() else (*wanted, "stall"))
                        time.sleep(IDLE_AFTER)
                        stall = run.lines.get("stall", "")
                        if "max_ms=" in stall:
                            stalls[name].append(float(stall.split("max_ms=")[1].split()[0]))
                        results[name].append((times, run.memory()))
                    finally:
                        run.stop()
        for name, rows in results.items():
            print(f"-- {name}")
            for m in MILESTONES:
                if m == "registered" and sip is None:
                    continue
                vals = [t[m] for t, _ in rows if m in t]
                if vals:
                    print(f"  time to {m:10s}: median {statistics.median(vals):.2f} s  "
                          f"(min {min(vals):.2f}, max {max(vals):.2f}, {len(vals)}/{len(rows)} runs)")
                else:
                    print(f"  time to {m:10s}: never reached")
            gaps = [t["ready"] - t["shown"] for t, _ in rows if {"shown", "ready"} <= set(t)]
            if gaps:
                print(f"  'Call (starting…)' after the first rows (ready - shown): median {statistics.median(gaps):.2f} s "
                      f"(min {min(gaps):.2f}, max {max(gaps):.2f}; target <= 1 s)")
            if stalls[name]:
                print(f"  longest main-thread stall in the 8 s after the first rows: median "
                      f"{statistics.median(stalls[name]):.0f} ms (min {min(stalls[name]):.0f}, max {max(stalls[name]):.0f})")
            for p in ("window", "engine", "hub", "other"):
                print(f"  idle RSS {p:6s}: median {statistics.median(m[p] for _, m in rows):.1f} MiB")
            totals = [m["window"] + m["engine"] for _, m in rows]
            print(f"  idle RSS window + engine: median {statistics.median(totals):.1f} MiB (target <= 150; "
                  f"runs: {', '.join(f'{t:.1f}' for t in totals)})")
        if not args.no_day:
            for name, tree in day_trees:
                run = Run(template, tree, disp, sip)
                try:
                    run.wait(wanted)
                    time.sleep(IDLE_AFTER)
                    before = run.memory()
                    for note in simulate_day(run, tree):
                        print(f"  [{name}] {note}")
                    time.sleep(IDLE_AFTER + 2)
                    after = run.memory()
                    print(f"  [{name}] after the simulated day: window {after['window']:.0f} MiB "
                          f"(idle {before['window']:.0f}), engine {after['engine']:.0f} ({before['engine']:.0f}), "
                          f"hub {after['hub']:.0f} ({before['hub']:.0f})")
                finally:
                    run.stop()
        if not args.no_linphone:
            linphone(disp, args.runs, args.cold)


if __name__ == "__main__":
    main()
