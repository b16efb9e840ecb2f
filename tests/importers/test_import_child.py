"""Imports run in a child process (what the window does for big files): same results, Cancel
and a killed child keep what was stored, the store stays consistent."""

from __future__ import annotations

import threading

import psutil
import pytest
from sqlalchemy import text

from whitephone.importers import NotAContactsFile
from whitephone.importers.child import ImportStopped, import_files_in_child
from whitephone.store import Store


def cards(path, n: int, bad_every: int = 0):
    with open(path, "w") as f:
        for i in range(n):
            if bad_every and i % bad_every == 0:
                f.write("BEGIN:VCARD\nVERSION:3.0\nNOTE:nameless\nEND:VCARD\n")
            else:
                f.write(f"BEGIN:VCARD\nVERSION:3.0\nFN:Child {i:05d}\nTEL:+44 20 7946 {i % 10000:04d}\nEND:VCARD\n")
    return path


def consistent(db) -> tuple[int, int]:
    with Store(db) as s, s.engine.connect() as c:
        assert c.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        n = c.execute(text("SELECT count(*) FROM contacts")).scalar_one()
        fts = c.execute(text("SELECT count(*) FROM contact_fts")).scalar_one()
        return n, fts


def test_child_import_reports_like_an_inline_one(tmp_path):
    db = tmp_path / "p.sqlite"
    with Store(db) as s:
        book = s.books.default_id()
    seen = []
    report = import_files_in_child(db, [cards(tmp_path / "a.vcf", 500, bad_every=100)], book_id=book,
                                   region="GB", progress=lambda *a: seen.append(a))
    assert report.imported == 495 and len(report.errors) == 5
    assert {e.reason for e in report.errors} and all(e.file == "a.vcf" for e in report.errors)
    assert seen and seen[-1][0] == seen[-1][1]  # the last tick says "all of it"
    assert consistent(db) == (495, 495)


def test_child_import_refuses_a_non_contacts_file(tmp_path):
    db = tmp_path / "p.sqlite"
    junk = tmp_path / "junk.vcf"
    junk.write_bytes(b"\0\1\2" * 1000)
    with Store(db) as s:
        book = s.books.default_id()
    with pytest.raises(NotAContactsFile):
        import_files_in_child(db, [junk], book_id=book, region="GB")


def test_cancel_keeps_what_was_stored(tmp_path):
    db = tmp_path / "p.sqlite"
    with Store(db) as s:
        book = s.books.default_id()
    cancel = threading.Event()

    def progress(done, total, items):
        if items:
            cancel.set()

    report = import_files_in_child(db, [cards(tmp_path / "big.vcf", 30_000)], book_id=book, region="GB",
                                   progress=progress, cancel=cancel)
    assert report.cancelled and 0 < report.imported < 30_000
    assert consistent(db) == (report.imported, report.imported)


def test_killed_child_is_reported_and_the_store_stays_consistent(tmp_path):
    db = tmp_path / "p.sqlite"
    with Store(db) as s:
        book = s.books.default_id()
    me = psutil.Process()

    def progress(done, total, items):
        if items:
            for child in me.children():
                if "spawn_main" in " ".join(child.cmdline()):  # not the resource tracker
                    child.kill()

    with pytest.raises(ImportStopped, match="stopped unexpectedly"):
        import_files_in_child(db, [cards(tmp_path / "big.vcf", 30_000)], book_id=book, region="GB",
                              progress=progress)
    n, fts = consistent(db)
    assert n == fts and n < 30_000
    with Store(db) as s:  # the outbox holds a row for every stored contact
        assert s.outbox.count() >= n
