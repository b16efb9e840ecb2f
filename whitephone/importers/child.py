"""Run an import in a child process, so the window's process does no parsing or writing.

Measured: with the writer as a thread of the GUI process, the Qt main thread stalled up to
166 ms during a 100 000-card import (the two threads share the GIL). In a child process the GUI
thread only receives progress messages. The child opens the same SQLite file (WAL: the window
keeps reading while it writes) and commits chunk by chunk, so Cancel, a crash or a kill keeps
every chunk already stored.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path

from whitephone.importers import ImportReport, NotAContactsFile, Progress, import_files


class ImportStopped(RuntimeError):
    """The import process ended without a result (killed, out of memory, …)."""


def import_files_in_child(
    db_path: Path | str,
    paths: Sequence[Path | str],
    *,
    book_id: int,
    policy: str = "merge",
    region: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Like `import_files`, in a child process on the store at `db_path`. Blocks the calling
    (worker) thread, never the GUI; raises NotAContactsFile as `import_files` does, and
    ImportStopped when the child dies."""
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe(duplex=False)
    stop = ctx.Event()
    # not a daemon: the child starts its own pool of parse processes
    proc = ctx.Process(target=_child_main, name="wp-import", daemon=False,
                       args=(str(db_path), [str(p) for p in paths], book_id, policy, region, theirs, stop))
    proc.start()
    theirs.close()
    try:
        while True:
            if cancel is not None and cancel.is_set():
                stop.set()
            if not ours.poll(0.1):
                continue
            try:
                kind, *payload = ours.recv()
            except EOFError:  # the child closed its end without a result: it died
                proc.join(5)
                raise ImportStopped(
                    f"the import process stopped unexpectedly (exit code {proc.exitcode}); "
                    "the contacts stored before that are kept") from None
            if kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "done":
                return payload[0]
            elif kind == "not_contacts":
                raise NotAContactsFile(payload[0])
            elif kind == "error":
                raise ImportStopped(payload[0])
    finally:
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join()
        ours.close()


def _child_main(db_path: str, paths: list[str], book_id: int, policy: str, region: str,
                out: Connection, stop) -> None:
    from whitephone.importers import _lower_priority
    from whitephone.store import Store

    _lower_priority()  # the window and the call engine come first
    cancel = threading.Event()
    threading.Thread(target=lambda: (stop.wait(), cancel.set()), daemon=True).start()

    def progress(done: int, total: int, items: int) -> None:
        out.send(("progress", done, total, items))

    try:
        with Store(db_path) as store:
            report = import_files(store, paths, book_id=book_id, policy=policy, region=region,
                                  progress=progress, cancel=cancel)
        out.send(("done", report))
    except NotAContactsFile as exc:
        out.send(("not_contacts", str(exc)))
    except Exception as exc:  # noqa: BLE001 - reported to the window, which shows it
        out.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        out.close()
