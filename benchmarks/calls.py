"""Call figures on 127.0.0.1 between two real engine processes: set-up time (INVITE sent to
CONFIRMED, as the engine measures it), engine CPU and memory idle and during a call.

    .venv/bin/python benchmarks/calls.py [--calls 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil  # noqa: E402

from tests.sip.agents import AgentProcess  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=30)
    ap.add_argument("--call-seconds", type=float, default=10.0)
    args = ap.parse_args()
    with AgentProcess("--answer", "--echo") as callee, AgentProcess(ipc=True) as caller:
        proc = psutil.Process(caller.proc.pid)
        idle_rss = proc.memory_info().rss / 2**20
        setups = []
        for _ in range(args.calls):
            caller.send(cmd="call", uri=callee.uri)
            ev = caller.wait_for("state", state="confirmed")
            setups.append(ev["setup_ms"])
            caller.send(cmd="hangup", call=ev["call"])
            caller.wait_for("ended", call=ev["call"])
            caller.reset()
        print(f"call set-up on 127.0.0.1 (INVITE -> CONFIRMED), {len(setups)} calls: median "
              f"{statistics.median(setups):.1f} ms, p95 {sorted(setups)[int(0.95 * len(setups))]:.1f} ms "
              f"(target median <= 20 ms)")
        caller.send(cmd="call", uri=callee.uri)
        caller.wait_for("media", status="active")
        proc.cpu_percent(None)
        time.sleep(args.call_seconds)
        cpu = proc.cpu_percent(None)
        rss = proc.memory_info().rss / 2**20
        print(f"engine during a {args.call_seconds:.0f} s G722 call (echo peer): CPU {cpu:.1f} % of one core; "
              f"RSS idle {idle_rss:.0f} MB, in call {rss:.0f} MB")


if __name__ == "__main__":
    main()
