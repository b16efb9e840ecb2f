"""Messages in the window (issue 14): send -> the row shown in the recipient's Messages tab, for
a text, p50/p95 over --text sends on 127.0.0.1.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/messages_ui.py [--db URL] [--text 30]

Starts the hub (`whitephone server`, the embedded launcher) on a free loopback port. Alice is a
headless client (store + SyncEngine, worker and WebSocket running); Bob is the real main window
(App, MainWindow, the team parts signed in, so his sync engine runs as in the app). Measured from
Alice's `queue_text` until the row is in Bob's tab model (the hub's live event wakes Bob's
worker, its "changed" hint reaches the window, the tab reloads). Prints figures; asserts
nothing. Figures on a shared, busy machine are noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "password123"


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None, help="the hub's database URL (default: SQLite in a temporary folder)")
    ap.add_argument("--text", type=int, default=30)
    args = ap.parse_args()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from whitephone.app import App
    from whitephone.profile import Profile
    from whitephone.store import Store
    from whitephone.sync.embedded_hub import EmbeddedHub
    from whitephone.sync.engine import SyncEngine
    from whitephone.sync.session import Session
    from whitephone.ui.main_window import MainWindow

    qt = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="wp-bench-messages-ui-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg")
    hub = EmbeddedHub(tmp / "hub", db_url=args.db)
    url = hub.start()
    profile = Profile.open(tmp / "alice")
    store = Store(profile.db_path)
    alice = Session(profile, store)
    engine = SyncEngine(store, alice, pull_interval=30)
    app = App.open(tmp / "bob")
    win = None
    try:
        alice.register(url, "Acme", "Alice", "alice@example.com", PASSWORD)
        bob = alice.ensure().request("POST", "/api/v1/users", json={"name": "Bob", "email": "bob@example.com",
                                                                     "password": PASSWORD})
        engine.sync_once()
        engine.start()
        engine.wait_connected(10)
        app.session.login(url, "bob@example.com", PASSWORD)
        win = MainWindow(app)
        win.show()
        win.team.team.signed_in_now(app.session.info)
        tab = win.messages.tab

        def wait(cond, timeout: float = 30.0) -> None:
            end = time.perf_counter() + timeout
            while not cond():
                if time.perf_counter() > end:
                    raise SystemExit(f"timed out: bob {app.sync.status().state}, rows {tab.model.rowCount()}, "
                                     f"alice sent {[m.status for m in store.messages.list(limit=3)]}")
                loop = QEventLoop()
                QTimer.singleShot(2, loop.quit)
                loop.exec()

        wait(lambda: app.sync.status().state == "online")
        times = []
        for i in range(args.text):
            n = tab.model.rowCount()
            t0 = time.perf_counter()
            store.messages.queue_text([bob["id"]], f"Message {i}")
            engine.kick()  # as the window's Send does
            wait(lambda n=n: tab.model.rowCount() > n)
            times.append(time.perf_counter() - t0)
        ms = [t * 1000 for t in times]
        print(f"text: send -> row shown in the recipient's Messages tab, {len(ms)} sends: "
              f"p50 {statistics.median(ms):.0f} ms, p95 {pct(ms, 95):.0f} ms, max {max(ms):.0f} ms "
              f"(noisy: 2 shared cores)")
    finally:
        if win is not None:
            win.shutdown()
        engine.stop()
        store.close()
        app.close()
        hub.stop() if hasattr(hub, "stop") else hub.kill()
        qt.processEvents()


if __name__ == "__main__":
    main()
