"""Reach profile 5 (3 % loss, Normal(75 ms, 25 ms) delay: benchmarks/reach_media.py's `loss`) run
again and again with jitter-buffer variants in turn (A/B/A/B…: the machine is shared, its load
drifts), each round's variants through a relay seeded alike, so they meet the same loss and delay
draws as far as the packets' order allows. Per run: PESQ both ways and each side's pjmedia
counters at the end (lost, discard = late + duplicate + pushed out of a full buffer, empty); with
--timeline, every side's counters every 100 ms into a JSON file per run.

    sudo .venv/bin/python benchmarks/reach_jb.py --runs 6 --seed 400 --variant new '{}' \\
        --variant old '{"jb_init_ms": 80, "jb_min_pre_ms": 80, "jb_max_ms": 160, "jb_spare_ms": 0}' \\
        [--timeline DIR] [--nice -10]

Needs what reach_media.py needs (root for coturn's port, espeak-ng, sox, pesq).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import reach_media as rm  # noqa: E402
from tests.reach.impair import ImpairedUdpRelay  # noqa: E402
from tests.sip.coturn import Coturn, credentials  # noqa: E402


def one_run(ref, folder: Path, media: dict, seed: int) -> tuple[dict, dict]:
    rm.MEDIA.clear()
    rm.MEDIA.update(media)
    user, password = credentials(1, rm.SECRET)
    env = dict(os.environ, WP_TURN_PASSWORD=password, PYTHONPATH=str(ROOT), WP_JB_POLL_S="0.1")
    creds = ["--turn-user", user, "--turn-password-env", "WP_TURN_PASSWORD"]
    timelines: dict = {}
    with Coturn(folder) as server, ImpairedUdpRelay(("127.0.0.1", server.port), seed=seed) as relay:
        b = ["--turn", f"{server.uri}?transport=udp", *creds, "--ice-max-host", "0"]
        a = ["--turn", f"turn:127.0.0.1:{relay.port}?transport=udp", *creds, "--ice-max-host", "0"]
        made = []

        def agent(side, *args, env=None):
            made.append((side, proc := rm.LabAgent(*args, env=env)))
            return proc

        result = rm.one_call(agent, ref, folder, 14.0, a, b, env, server.proc.pid)
        result["relay"] = dict(relay.stats)
    for side, proc in made:
        timelines[side] = [{k: v for k, v in e.items() if k not in ("event", "trimming")} | {
            "trim": e.get("trimming")} for e in proc.events if e.get("event") == "jitter_buffer"]
    return result, timelines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--variant", nargs=2, action="append", metavar=("NAME", "MEDIA_JSON"), required=True,
                   help="a name and EngineConfig overrides (JSON); give two or more")
    p.add_argument("--runs", type=int, default=5, help="runs per variant (default 5)")
    p.add_argument("--seed", type=int, default=100, help="round r's relay seed is SEED + r")
    p.add_argument("--timeline", type=Path, help="write each run's counters every 100 ms here")
    p.add_argument("--nice", type=int, default=-10, help="as reach_media.py (as root)")
    args = p.parse_args()
    if args.nice and os.geteuid() == 0:
        os.nice(args.nice)
    if args.timeline:
        args.timeline.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="reach-jb-"))
    ref = rm.references(work, ["PCMU"])["PCMU"]
    scores: dict[str, list[float]] = {name: [] for name, _ in args.variant}
    for r in range(args.runs):
        for name, media in args.variant:
            folder = work / f"{name}-{r}"
            folder.mkdir()
            res, timelines = one_run(ref, folder, json.loads(media), args.seed + r)
            scores[name] += [res["pesq_a_to_b"], res["pesq_b_to_a"]]
            jb = {s: res[f"jb_{s}"] for s in ("a", "b")}
            print(f"run {r} {name:12s} seed {args.seed + r} load {os.getloadavg()[0]:.1f}  "
                  f"a->b {res['pesq_a_to_b']:.2f} (b: lost {jb['b'].get('lost')} discard {jb['b'].get('discard')} "
                  f"empty {jb['b'].get('empty')} avg {jb['b'].get('avg_delay_ms')} ms)  "
                  f"b->a {res['pesq_b_to_a']:.2f} (a: lost {jb['a'].get('lost')} discard {jb['a'].get('discard')} "
                  f"empty {jb['a'].get('empty')} avg {jb['a'].get('avg_delay_ms')} ms)", flush=True)
            if args.timeline:
                (args.timeline / f"{name}-{r}.json").write_text(json.dumps({"result": res, **timelines}))
    for name, values in scores.items():
        ok = [v for v in values if v == v]
        print(f"{name:12s} PESQ mean {statistics.mean(ok):.2f} min {min(ok):.2f} max {max(ok):.2f} "
              f"({len(ok)} directions of {args.runs} runs)")


if __name__ == "__main__":
    main()
