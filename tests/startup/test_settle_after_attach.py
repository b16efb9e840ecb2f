"""The start-up settle (ui/main.py `_settle_gc`: freeze start-up's objects for the collector, give
the freed heap back) waits for the store: on a loaded machine the store was attached after the
3 s timer, start-up's allocations came after the freeze and the release, and the window idled
~15 MiB larger (docs/measurements.md, round 5). The window here is a stand-in with the
window's interface that `_settle_gc` uses (the real one attaches in a fraction of a second here,
which is the case this cannot show); the timers and signals are Qt's own."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class _Team(QObject):
    signedIn = Signal(dict)


class _Window(QObject):
    attached = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.app = None  # the first rows are up, the store is not
        self.tasks = None
        self.team = type("Parts", (), {"team": _Team()})()


def test_settle_waits_for_a_late_attach(qtbot, qapp, monkeypatch):
    from whitephone import gcpolicy
    from whitephone.ui import main

    steps: list[str] = []
    monkeypatch.setattr(gcpolicy, "settle_after_startup", lambda: steps.append("settle") or False)
    window = _Window()
    timer = main._settle_gc(qapp, window)  # noqa: SLF001
    qtbot.wait(3500)  # past the settle timer: the store is still not attached
    assert steps == []
    window.app = object()
    steps.append("attached")
    window.attached.emit()
    qtbot.waitUntil(lambda: "settle" in steps, timeout=10_000)
    assert steps == ["attached", "settle"]
    timer.stop()


def test_settle_runs_on_its_timer_when_attached_in_time(qtbot, qapp, monkeypatch):
    from whitephone import gcpolicy
    from whitephone.ui import main

    steps: list[str] = []
    monkeypatch.setattr(gcpolicy, "settle_after_startup", lambda: steps.append("settle") or False)
    window = _Window()
    window.app = object()
    window.tasks = None
    timer = main._settle_gc(qapp, window)  # noqa: SLF001
    qtbot.waitUntil(lambda: steps == ["settle"], timeout=10_000)
    timer.stop()
