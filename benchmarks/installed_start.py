"""The installed app's start-up and memory (issue 17): a .deb unpacked into a folder (`dpkg -x`) or
the system's /usr/bin/whitephone, under Xvfb. Prints figures; asserts nothing.

    python benchmarks/installed_start.py --deb dist/whitephone_0.1.0_amd64.deb [--runs 5]
    python benchmarks/installed_start.py --root /           # the installed package

- first window: from exec to the address book's first rows painted (the main window's first
  frame with content, as the process's own age reports it: WHITEPHONE_BENCH_REPORT; the window
  then quits: WHITEPHONE_BENCH_QUIT_WHEN_SHOWN, and exec to exit is printed too), each run with a fresh profile holding
  three contacts; the first run after unpacking has the coldest file cache, the median is over all;
- idle memory: the window and its engine (`whitephone agent`) 20 s after start, resident set.
Linphone in the same run when it is installed (benchmarks/startup.py's measurement).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import _children, display, linphone, rss_mib  # noqa: E402

IDLE_S = 20.0


def du_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--deb", type=Path)
    ap.add_argument("--root", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-linphone", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wp-installed-"))
    try:
        if args.deb:
            print(f".deb: {args.deb.stat().st_size / 2**20:.1f} MiB ({args.deb.name})")
            root = work / "root"
            subprocess.run(["dpkg", "-x", str(args.deb), str(root)], check=True)
        else:
            root = args.root or Path("/")
        exe = root / "usr" / "bin" / "whitephone"
        print(f"bundle: {du_mib(root / 'opt' / 'whitephone'):.0f} MiB installed in /opt/whitephone")
        base = {k: v for k, v in os.environ.items() if not k.startswith(("WHITEPHONE_", "PYTHON"))}
        base["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
        template = work / "template"
        for name, phone in (("Mary Smith", "+442079460018"), ("Jan Kowalski", "+48601234567"),
                            ("Acme Ltd", "+442079460000")):
            subprocess.run([str(exe), "--profile", str(template), "contacts", "add", "--name", name,
                            "--phone", phone], env=base, check=True, capture_output=True)
        with display(True) as disp:
            times = []
            for i in range(args.runs):
                profile = work / f"run{i}"
                shutil.copytree(template, profile)
                env = {**base, **disp, "WHITEPHONE_PROFILE": str(profile), "HOME": str(work / f"home{i}"),
                       "WHITEPHONE_BENCH_QUIT_WHEN_SHOWN": "1", "WHITEPHONE_BENCH_REPORT": "1"}
                t0 = time.perf_counter()
                out = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=300)
                shown = re.search(r"^shown t=([0-9.]+)", out.stdout, re.M)
                if shown:  # the process's own age at its first rows (the exit after it is not counted)
                    times.append(float(shown.group(1)))
                    print(f"run {i + 1}: first window {times[-1]:.2f} s; exec to exit "
                          f"{time.perf_counter() - t0:.2f} s")
                else:
                    print(f"run {i + 1}: no window ({out.returncode}): {out.stderr[-500:]}")
            if times:
                print(f"first window: median {statistics.median(times):.2f} s over {len(times)} runs "
                      f"(first run {times[0]:.2f} s)")
            profile = work / "idle"
            shutil.copytree(template, profile)
            env = {**base, **disp, "WHITEPHONE_PROFILE": str(profile), "HOME": str(work / "home-idle")}
            proc = subprocess.Popen([str(exe)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(IDLE_S)
            kids = _children(proc.pid)
            window = rss_mib(proc.pid)
            rest = sum(rss_mib(k) for k in kids)
            print(f"idle after {IDLE_S:.0f} s: window {window:.0f} MiB + engine/children {rest:.0f} MiB "
                  f"({len(kids)} processes) = {window + rest:.0f} MiB")
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
            if not args.no_linphone:
                linphone(disp, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
