"""The hub's batching helpers: NOTIFY payload packing and coalesced WebSocket reads."""

import asyncio
import json

from whitephone.server.pgbus import MAX_PAYLOAD, pack
from whitephone.server.wsreads import Coalescer


def test_pack_keeps_order_and_stays_under_the_notify_limit():
    events = [json.dumps({"n": i, "pad": "x" * (i % 300)}) for i in range(2000)]
    payloads = pack(events)
    assert len(payloads) > 1
    assert all(len(p.encode()) <= MAX_PAYLOAD for p in payloads)
    assert [e["n"] for p in payloads for e in json.loads(p)] == list(range(2000))


def test_pack_sends_an_oversized_event_alone():
    big = json.dumps({"pad": "é" * 5000})  # 10 000 bytes in UTF-8
    payloads = pack(["1", big, "2"])
    assert payloads == ["[1]", f"[{big}]", "[2]"]


def test_coalescer_answers_concurrent_keys_with_few_calls_and_passes_errors_on():
    calls = []

    def fetch(keys):
        calls.append(keys)
        if "bad" in keys:
            raise ValueError("boom")
        return {k: k.upper() for k in keys if k != "missing"}

    async def run():
        c = Coalescer(fetch)
        got = await asyncio.gather(*(c.get(k) for k in ["a", "b", "a", "missing"]))
        assert got == ["A", "B", "A", None]
        try:
            await c.get("bad")
        except ValueError as exc:
            assert str(exc) == "boom"
        else:
            raise AssertionError("the error was swallowed")
        assert await c.get("c") == "C"  # still working after a failed batch

    asyncio.run(run())
    assert calls[0] == ["a", "b", "missing"]
    assert len(calls) == 3
