"""Property-based: broken vCards and CSV never raise, and the good items around them survive."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whitephone.importers import NotAContactsFile, import_files
from whitephone.store import Store

GOOD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good Person %d\r\nTEL:+44 20 7946 %04d\r\nEND:VCARD\r\n"

junk_line = st.one_of(
    st.binary(max_size=80).map(lambda b: b.replace(b"\n", b"").replace(b"\r", b"")),
    st.sampled_from([b"N:;;;;", b"TEL;TYPE=:", b"PHOTO;ENCODING=b:@@@", b"ADR:;;;;;;;;;;", b"BDAY:notadate",
                     b"EMAIL;CHARSET=nonexistent:x@y", b"N;ENCODING=QUOTED-PRINTABLE:=C3=", b" folded",
                     b"ORG:\\", b"item1.X-ABLabel:", b":novalue", b"FN", b"BEGIN:VCARD", b"END:VCARD",
                     b"NOTE;ENCODING=QUOTED-PRINTABLE:abc=", "FN:Ünïcödé 名前".encode("utf-16")]),
)
bad_card = st.lists(junk_line, max_size=8).map(
    lambda lines: b"BEGIN:VCARD\r\n" + b"\r\n".join(lines) + b"\r\nEND:VCARD\r\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=st.lists(bad_card, min_size=1, max_size=4), tail=st.binary(max_size=40))
def test_broken_vcards_never_raise_and_good_cards_survive(tmp_path_factory, bad, tail):
    tmp = tmp_path_factory.mktemp("fz")
    good = [GOOD % (i, i) for i in range(3)]
    data = good[0] + b"".join(bad) + good[1] + good[2] + tail
    p = tmp / "fuzz.vcf"
    p.write_bytes(data)
    store = Store(tmp / "s.sqlite3")
    try:
        r = import_files(store, [p], book_id=store.books.default_id(), policy="clone", region="GB")
        names = {c.display_name for c in store.contacts.iter_all()}
        # "END:VCARD" inside junk can close a card early, never lose the good ones after it
        assert {f"Good Person {i}" for i in range(3)} <= names
        assert all(e.item >= 1 and e.reason for e in r.errors)
    finally:
        store.close()


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, max_size=6), max_size=6), enc=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_broken_csv_never_raises_and_good_rows_survive(tmp_path_factory, rows, enc):
    import csv
    import io

    tmp = tmp_path_factory.mktemp("fzc")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Name", "Phone", "Email"])
    w.writerow(["Good First", "+44 20 7946 0001", "a@example.com"])
    for r in rows:
        w.writerow(r)
    w.writerow(["Good Last", "+44 20 7946 0002", "b@example.com"])
    p = tmp / "fuzz.csv"
    p.write_bytes(buf.getvalue().encode(enc, errors="replace"))
    store = Store(tmp / "s.sqlite3")
    try:
        try:
            import_files(store, [p], book_id=store.books.default_id(), policy="clone", region="GB")
        except NotAContactsFile:
            raise AssertionError("a CSV with a Name column must be accepted") from None
        names = {c.display_name for c in store.contacts.iter_all()}
        assert {"Good First", "Good Last"} <= names
    finally:
        store.close()
