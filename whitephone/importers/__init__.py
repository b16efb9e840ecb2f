"""Importing address books: vCard and CSV files, streamed, with per-item errors.

Splitting a file into cards/rows is cheap and happens here; parsing (decoding, phone number
normalisation, photo scaling) is the expensive part and runs in a pool of worker processes on
chunks of items while this thread stores the finished chunks in order, one transaction each.
A crash or Cancel keeps every chunk already committed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from whitephone.core.contact import ContactData
from whitephone.importers.errors import ImportReport, ItemError, NotAContactsFile
from whitephone.importers.export import export_contacts

__all__ = ["ImportReport", "ItemError", "NotAContactsFile", "detect_format", "preview", "import_files",
           "export_contacts"]

log = logging.getLogger(__name__)

CHUNK = 200  # items per parse task
# Contacts per store transaction. Each commit writes every page it touched to the WAL; in a big
# address book one contact's rows touch pages all over the indexes, so few large transactions
# write far less than many small ones (measured adding 100 000 cards to a million: 2 014 cards/s at 200 per
# transaction, 3 354 at 2 000, 3 597 at 5 000).
STORE_BATCH = 5000
INLINE_BELOW = 2_000_000  # bytes: smaller files are parsed in this process (no pool start-up cost)
Progress = Callable[[int, int, int], None]


def detect_format(path: Path | str) -> str:
    """"vcard" or "csv"; raises NotAContactsFile with a reason the user can act on."""
    from whitephone.importers.textio import decode_best, sniff_bom

    p = Path(path)
    try:
        with open(p, "rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise NotAContactsFile(f"cannot read {p.name}: {exc.strerror or exc}") from None
    if not head.strip():
        raise NotAContactsFile(f"{p.name} is empty")
    enc, skip = sniff_bom(head)
    text = head[skip:].decode(enc, errors="replace") if enc else decode_best(head)
    if "BEGIN:VCARD" in text.upper():
        return "vcard"
    from whitephone.importers.csv_import import looks_like_contacts_header

    if looks_like_contacts_header(text.split("\n", 1)[0]):
        return "csv"
    controls = sum(ch < " " and ch not in "\r\n\t" for ch in text)
    if text.count("\0") > 0.01 * len(text) or controls > 0.3 * len(text):  # a stray NUL is a bad row
        raise NotAContactsFile(f"{p.name} is not a contacts file (it looks like binary data)")
    suffix = p.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        raise NotAContactsFile(f"{p.name} has no BEGIN:VCARD: it is not a vCard file")
    first = text.splitlines()[0] if text.splitlines() else ""
    if any(d in first for d in ",;\t|") or suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    raise NotAContactsFile(f"{p.name} is neither a vCard nor a CSV file")


def _items(path: Path, fmt: str) -> tuple[Iterator, Callable[[], int]]:
    if fmt == "vcard":
        from whitephone.importers.vcard import split_cards

        return split_cards(path)
    from whitephone.importers.csv_import import split_rows

    rows, tell, _header = split_rows(path)
    return rows, tell


def _parse(fmt: str, chunk: list, region: str) -> list[tuple[ContactData | None, list[ItemError]]]:
    if fmt == "vcard":
        from whitephone.importers.vcard import parse_chunk

        return parse_chunk(chunk, region)
    from whitephone.importers.csv_import import parse_rows

    return parse_rows(chunk, region)


def preview(path: Path | str, limit: int = 5, region: str = "US") -> tuple[list[ContactData], list[ItemError]]:
    """The first `limit` contacts of a file and the errors met on the way (for the wizard)."""
    p = Path(path)
    fmt = detect_format(p)
    items, _tell = _items(p, fmt)
    contacts: list[ContactData] = []
    errors: list[ItemError] = []
    for raw in items:
        parsed, errs = _parse(fmt, [raw], region)[0]
        errors += [ItemError(p.name, e.item, e.line, e.reason) for e in errs]
        if parsed is not None:
            contacts.append(parsed)
        if len(contacts) >= limit or len(errors) > 50:
            break
    if hasattr(items, "close"):
        items.close()
    return contacts, errors


def _chunks(it: Iterable, n: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


def import_files(
    store,
    paths: Sequence[Path | str],
    *,
    book_id: int,
    policy: str = "merge",
    region: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import files into `book_id`. Bad items become entries of `report.errors`; a file that
    cannot be read or is not a contacts file raises NotAContactsFile before anything is stored
    from it (files before it stay imported)."""
    report = ImportReport()
    files = [Path(p) for p in paths]
    total = sum(f.stat().st_size for f in files if f.exists())
    base = 0
    last_tick = [0.0]

    def tick(done: int, items: int, force: bool = False) -> None:
        now = time.monotonic()
        if progress and (force or now - last_tick[0] >= 0.05):
            last_tick[0] = now
            progress(min(base + done, total), total, items)

    pool = None
    known_fields = {f.name for f in store.contacts.custom_fields()}
    try:
        for path in files:
            fmt = detect_format(path)
            items, tell = _items(path, fmt)
            size = path.stat().st_size
            n_workers = workers if workers is not None else (min(2, os.cpu_count() or 1)
                                                              if size >= INLINE_BELOW else 0)
            if n_workers and pool is None:
                pool = ProcessPoolExecutor(n_workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_lower_priority)
            results = _parsed_chunks(fmt, items, region, pool if n_workers else None, n_workers)
            good: list[ContactData] = []
            for parsed in results:
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    results.close()
                    break
                for contact, errs in parsed:
                    report.errors += [ItemError(path.name, e.item, e.line, e.reason) for e in errs]
                    if contact is not None:
                        good.append(contact)
                if len(good) >= STORE_BATCH:
                    _store(store, good, book_id, policy, known_fields, report)
                tick(tell(), report.imported + report.updated + report.merged + report.skipped)
            _store(store, good, book_id, policy, known_fields, report)  # what was parsed is kept, also on Cancel
            if hasattr(items, "close"):
                items.close()
            base += size
            if report.cancelled:
                break
        tick(0, report.imported + report.updated + report.merged + report.skipped, force=True)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return report


def _store(store, good: list[ContactData], book_id: int, policy: str, known_fields: set[str],
           report: ImportReport) -> None:
    """One transaction for the contacts in `good` (emptied)."""
    new_fields = {k for c in good for k in c.custom} - known_fields
    for name in sorted(new_fields):  # our own export's custom fields come back as text
        store.contacts.add_custom_field(name, "text")
        known_fields.add(name)
    if good:
        report.add(store.contacts.import_batch(good, book_id, policy))
        good.clear()


def _lower_priority() -> None:
    """Parse workers yield the CPU to the window (and to calls) whenever those need it."""
    if hasattr(os, "nice"):
        try:
            os.nice(10)
        except OSError:
            pass


def _parsed_chunks(fmt: str, items: Iterator, region: str, pool: ProcessPoolExecutor | None,
                   n_workers: int) -> Iterator[list]:
    """Parsed chunks in file order; with a pool, a few chunks are parsed ahead of the writer."""
    if pool is None:
        for chunk in _chunks(items, CHUNK):
            yield _parse(fmt, chunk, region)
        return
    ahead: deque[Future] = deque()
    try:
        for chunk in _chunks(items, CHUNK):
            ahead.append(pool.submit(_parse, fmt, chunk, region))
            if len(ahead) > n_workers * 2:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    finally:
        for f in ahead:
            f.cancel()
