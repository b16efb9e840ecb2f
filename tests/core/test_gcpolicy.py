"""The window's garbage-collection policy: start-up frozen, automatic collections stay young."""

from __future__ import annotations

import gc

from whitephone import gcpolicy


def test_settling_freezes_start_up_and_keeps_automatic_collections_young(monkeypatch):
    before = gc.get_threshold()
    monkeypatch.delenv("WHITEPHONE_GC", raising=False)
    try:
        assert gcpolicy.settle_after_startup()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] >= 10**9  # generation 2 only through collect_full()

        class Cycle:
            pass

        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
        del a, b
        assert gcpolicy.collect_full() >= 2  # the timer's full collection still frees cycles
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_default_leaves_cpythons_settings_alone(monkeypatch):
    before = gc.get_threshold()
    monkeypatch.setenv("WHITEPHONE_GC", "default")
    assert not gcpolicy.settle_after_startup()
    assert gc.get_threshold() == before
