"""A store notices commits by other connections and processes (PRAGMA data_version)."""

from __future__ import annotations

import subprocess
import sys

from whitephone.store import Store


def test_watch_sees_each_commit_of_another_process_once(tmp_path):
    s = Store(tmp_path / "whitephone.sqlite3")
    watch = s.watch_changes()
    assert not watch.changed()
    subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(tmp_path), "contacts", "add",
                    "--name", "From Elsewhere"], check=True, capture_output=True, timeout=60)
    assert watch.changed() and not watch.changed()
    s.books.add("Mine")  # a write through this store's own pool counts too
    assert watch.changed() and not watch.changed()
    s.close()


def test_watch_on_a_private_memory_store_never_fires():
    s = Store(None)
    watch = s.watch_changes()
    s.books.add("Only here")
    assert not watch.changed()
    s.close()


def test_a_closed_watch_stays_quiet(tmp_path):
    s = Store(tmp_path / "whitephone.sqlite3")
    watch = s.watch_changes()
    s.close()
    other = Store(tmp_path / "whitephone.sqlite3")
    other.books.add("Later")
    assert not watch.changed()
    other.close()
