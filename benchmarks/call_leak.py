"""Calls one after another between two headless agents: does either engine grow per call?

    PYTHONPATH=. python benchmarks/call_leak.py [--calls 300] [--end bye|callee-bye|cancel|busy]

One answering agent (--answer --no-audio), one calling agent over IPC. Each call is placed,
ended (by the caller's BYE, the callee's BYE, a CANCEL before answer, or 486 busy), and both
`ended` events are awaited before the next. Prints both agents' RSS every --every calls, the
conference-bridge ports in use (the `resources` command) and how the calls ended. Figures are
noisy on a shared machine; the port counts are not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "sip"))

from agents import AgentProcess  # noqa: E402


def rss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0  # the agent is gone
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def resources(agent: AgentProcess) -> dict:
    agent.reset()
    agent.send(cmd="resources")
    try:
        return agent.wait_for("resources", timeout=5)
    except AssertionError:
        return {}


def one_call(caller: AgentProcess, callee: AgentProcess, end: str, hold: float = 0.0) -> str:
    caller.reset()
    callee.reset()
    caller.send(cmd="call", uri=callee.uri)
    cid = caller.wait_for("calling")["call"]
    if end in ("bye", "callee-bye"):
        caller.wait_for("state", state="confirmed", call=cid, timeout=10)
        time.sleep(hold)
        if end == "bye":
            caller.send(cmd="hangup", call=cid)
        else:
            inc = callee.wait_for("state", state="confirmed", timeout=10)["call"]
            callee.send(cmd="hangup", call=inc)
    else:
        inc = callee.wait_for("incoming", timeout=10)["call"]
        caller.wait_for("state", state="early", call=cid, timeout=10)
        if end == "cancel":
            caller.send(cmd="hangup", call=cid)
        else:
            callee.send(cmd="busy", call=inc)
    ev = caller.wait_for("ended", call=cid, timeout=10)
    callee.wait_for("ended", timeout=10)
    return f"{ev['code']} {ev['reason']}"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--calls", type=int, default=300)
    p.add_argument("--every", type=int, default=25)
    p.add_argument("--end", choices=("bye", "callee-bye", "cancel", "busy"), default="bye")
    p.add_argument("--callee-arg", action="append", default=[], help="more arguments for the answering agent")
    p.add_argument("--caller-arg", action="append", default=[], help="more arguments for the calling agent")
    p.add_argument("--hold", type=float, default=0.0, metavar="SECONDS", help="talk this long before the BYE")
    p.add_argument("--gap", type=float, default=0.05, metavar="SECONDS",
                   help="pause between calls (0: as fast as they go; placing ~50 calls a second, the "
                        "caller aborted after ~270: pjlib's 64 socket slots, freed 500 ms after a close)")
    p.add_argument("--rounds", type=int, default=1,
                   help="repeat the calls this often, pausing --pause seconds between (SIP transactions "
                        "linger 32 s after a UDP call ends: growth that stops after a pause is not a leak)")
    p.add_argument("--pause", type=float, default=35.0)
    args = p.parse_args()
    callee_args = ["--no-audio", "--listen", "127.0.0.1:0", *args.callee_arg, "--ipc"]
    if args.end in ("bye", "callee-bye"):
        callee_args.insert(0, "--answer")
    with AgentProcess(*callee_args[:-1], ipc=True) as callee, \
            AgentProcess("--no-audio", "--listen", "127.0.0.1:0", *args.caller_arg, ipc=True) as caller:
        base = (rss_kib(caller.proc.pid), rss_kib(callee.proc.pid))
        print(f"end by {args.end}; start RSS caller {base[0]} KiB callee {base[1]} KiB; "
              f"ports {resources(caller).get('media_ports')} / {resources(callee).get('media_ports')}")
        results: dict[str, int] = {}
        start = time.monotonic()
        total = args.calls * args.rounds
        for n in range(1, total + 1):
            if n > 1 and (n - 1) % args.calls == 0:
                print(f"round done; RSS caller {rss_kib(caller.proc.pid) - base[0]:+6d} KiB callee "
                      f"{rss_kib(callee.proc.pid) - base[1]:+6d} KiB; pausing {args.pause:.0f} s", flush=True)
                time.sleep(args.pause)
                print(f"after the pause; RSS caller {rss_kib(caller.proc.pid) - base[0]:+6d} KiB callee "
                      f"{rss_kib(callee.proc.pid) - base[1]:+6d} KiB", flush=True)
            time.sleep(args.gap)
            try:
                outcome = one_call(caller, callee, args.end, args.hold)
            except (AssertionError, BrokenPipeError) as exc:
                outcome = f"FAILED: {str(exc)[:200]}"
            dead = [(name, a.proc.poll()) for name, a in (("caller", caller), ("callee", callee))
                    if a.proc.poll() is not None]
            if dead:
                print(f"call {n}: agent gone {dead}; stderr: "
                      f"{[a.proc.stderr.read()[-1500:] for a in (caller, callee) if a.proc.poll() is not None]}")
                break
            results[outcome] = results.get(outcome, 0) + 1
            if n % args.every == 0 or outcome.startswith("FAILED"):
                rc, re_ = resources(caller), resources(callee)
                print(f"{n:4d} calls  RSS caller {rss_kib(caller.proc.pid) - base[0]:+6d} KiB "
                      f"callee {rss_kib(callee.proc.pid) - base[1]:+6d} KiB  "
                      f"ports caller {rc.get('media_ports')} callee {re_.get('media_ports')}  "
                      f"calls {rc.get('calls')}/{re_.get('calls')}  last: {outcome}", flush=True)
                print(f"      callee ports {re_.get('port_names')}", flush=True)
            if outcome.startswith("FAILED") and results[outcome] > 3:
                break
        took = time.monotonic() - start - (args.rounds - 1) * args.pause - total * args.gap
        print(f"{sum(results.values())} calls in {took:.1f} s; outcomes: {results}")


if __name__ == "__main__":
    main()
