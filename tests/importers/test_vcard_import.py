"""vCard files as phones, Outlook, Apple, Google and Android really write them."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from whitephone.core.search import parse_query
from whitephone.importers import NotAContactsFile, import_files, preview


def jpeg(w: int = 400, h: int = 600) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (w, h), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def run_import(store, tmp_path, data: bytes, name: str = "c.vcf", policy: str = "merge", region: str = "GB"):
    p = tmp_path / name
    p.write_bytes(data)
    return import_files(store, [p], book_id=store.books.default_id(), policy=policy, region=region)


def people(store):
    return [c for c in store.contacts.search(parse_query(""), limit=1000) if c.kind == "person"]


def test_android_21_quoted_printable_with_utf8_split_across_soft_breaks(store, tmp_path):
    # "Łukasz Wójcik": the two bytes of "ó" (C3 B3) are split by a soft line break
    card = (b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
            b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:W=C3=\r\n=B3jcik;=C5=81ukasz;;;\r\n"
            b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=81ukasz W=C3=B3jcik\r\n"
            b"TEL;CELL;PREF:+48601234567\r\nTEL;HOME:22 123 45 67\r\n"
            b"NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0ALine two\r\nEND:VCARD\r\n")
    r = run_import(store, tmp_path, card, region="PL")
    assert (r.imported, r.errors) == (1, [])
    c = store.contacts.get(people(store)[0].id)
    assert (c.given_name, c.family_name, c.display_name) == ("Łukasz", "Wójcik", "Łukasz Wójcik")
    assert [(p.kind, p.e164) for p in c.phones] == [("mobile", "+48601234567"), ("home", "+48221234567")]
    assert c.notes == "Line one\r\nLine two"


def test_windows_1252_and_latin1_files(store, tmp_path):
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen\r\nFN:Jürgen Müller\r\nORG:Bäckerei Groß\r\n"
            "TEL;TYPE=WORK:+49 30 1234567\r\nEND:VCARD\r\n").encode("cp1252")
    r = run_import(store, tmp_path, card)
    assert r.imported == 1
    assert [c.display_name for c in people(store)] == ["Jürgen Müller"]
    assert people(store)[0].companies == ("Bäckerei Groß",)


def test_utf16_with_bom_and_folded_lines(store, tmp_path):
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zhang Wei\r\nN:Zhang;Wei;;;\r\nNOTE:This note is long enough "
            "to be folded\r\n  across two lines by the exporter\r\nEMAIL;TYPE=INTERNET,WORK:wei@example.cn\r\n"
            "END:VCARD\r\n")
    r = run_import(store, tmp_path, b"\xff\xfe" + text.encode("utf-16-le"))
    assert r.imported == 1
    c = store.contacts.get(people(store)[0].id)
    assert c.notes == "This note is long enough to be folded across two lines by the exporter"
    assert [(e.kind, e.address) for e in c.emails] == [("work", "wei@example.cn")]


def test_outlook_21_indented_base64_photo(store, tmp_path):
    b64 = base64.b64encode(jpeg()).decode()
    chunks = "\r\n    ".join(b64[i:i + 72] for i in range(0, len(b64), 72))
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nFN:Jane Doe\r\n"
            f"PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n    {chunks}\r\n\r\n"
            "TEL;WORK;VOICE:(212) 555-0100\r\nEND:VCARD\r\n").encode()
    r = run_import(store, tmp_path, card, region="US")
    assert (r.imported, r.errors) == (1, [])
    c = store.contacts.get(people(store)[0].id)
    img = Image.open(io.BytesIO(c.photo))
    assert img.width <= 200 and img.height <= 300 and len(c.photo) <= 1_000_000
    assert c.phones[0].e164 == "+12125550100"


def test_apple_item_groups_labels_and_company_card(store, tmp_path):
    b64 = base64.b64encode(jpeg(50, 50)).decode()
    data = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Appleseed;John;;;\r\nFN:John Appleseed\r\n"
            "ORG:Apple Inc.;\r\nTITLE:Engineer\r\n"
            "item1.TEL:+1 408 555 0101\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
            "item2.TEL:+1 408 555 0102\r\nitem2.X-ABLabel:Work Fax\r\n"
            "item3.ADR;type=HOME:;;1 Infinite Loop\\nBuilding 2;Cupertino;CA;95014;USA\r\n"
            "item3.X-ABLabel:_$!<Home>!$_\r\nBDAY;value=date:1975-04-01\r\n"
            f"PHOTO;ENCODING=b;TYPE=JPEG:{b64}\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Globex\r\nORG:Globex;\r\nX-ABShowAs:COMPANY\r\n"
            "TEL;type=MAIN:+1 408 555 0199\r\nEND:VCARD\r\n").encode()
    r = run_import(store, tmp_path, data, region="US")
    assert (r.imported, r.errors) == (2, [])
    john = store.contacts.get(next(c.id for c in people(store)))
    assert [(p.kind, p.e164) for p in john.phones] == [("mobile", "+14085550101"), ("office_fax", "+14085550102")]
    assert (john.addresses[0].street1, john.addresses[0].street2, john.addresses[0].kind) == \
        ("1 Infinite Loop", "Building 2", "home")
    assert john.birthday == "1975-04-01" and john.photo
    assert [(x.name, x.role) for x in john.companies] == [("Apple Inc.", "Engineer")]
    globex = [c for c in store.contacts.search(parse_query("globex")) if c.kind == "company"]
    assert [g.phones for g in globex] == [("+14085550199",)]


def test_vcard4_data_uri_photo_url_photo_and_tel_uri(store, tmp_path):
    b64 = base64.b64encode(jpeg(20, 20)).decode()
    data = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\nKIND:individual\r\n"
            "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+55-11-91234-5678\r\n"
            f"PHOTO:data:image/jpeg;base64,{b64}\r\nCATEGORIES:cliente,vip\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Url Photo\r\nPHOTO:https://example.com/p.jpg\r\n"
            "EMAIL:url@example.com\r\nEND:VCARD\r\n").encode()
    r = run_import(store, tmp_path, data, region="BR")
    assert (r.imported, r.errors) == (2, [])
    ana = store.contacts.get(next(c.id for c in people(store) if c.display_name == "Ana Souza"))
    assert ana.phones[0].e164 == "+5511912345678" and ana.phones[0].kind == "mobile"
    assert ana.photo and ana.tags == ["cliente", "vip"]
    url = store.contacts.get(next(c.id for c in people(store) if c.display_name == "Url Photo"))
    assert [(w.kind, w.url) for w in url.websites] == [("photo", "https://example.com/p.jpg")]


def test_bad_cards_among_good_ones_are_reported_and_good_ones_kept(store, tmp_path):
    data = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name at all\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Photo\r\nPHOTO;ENCODING=b:!!!notbase64\r\nEND:VCARD\r\n"
            b"garbage between cards\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good Two\r\nthis line has no colon\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Truncated")
    r = run_import(store, tmp_path, data)
    assert r.imported == 3
    assert sorted(c.display_name for c in people(store)) == ["Broken Photo", "Good One", "Good Two"]
    assert [(e.item, e.line) for e in r.errors] == [(2, 5), (3, 12), (5, 20)]
    assert "no name" in r.errors[0].reason and "photo" in r.errors[1].reason
    assert "not closed" in r.errors[2].reason
    assert all(e.file == "c.vcf" for e in r.errors)


def test_not_a_contacts_file_is_refused_clearly(store, tmp_path):
    for name, data in (("x.vcf", b"hello world\n"), ("x.bin", bytes(range(256)) * 10), ("e.vcf", b"")):
        p = tmp_path / name
        p.write_bytes(data)
        with pytest.raises(NotAContactsFile):
            import_files(store, [p], book_id=store.books.default_id(), region="GB")
    assert store.contacts.count() == 0


def test_preview_shows_the_first_cards(tmp_path):
    p = tmp_path / "p.vcf"
    p.write_bytes(b"".join(b"BEGIN:VCARD\r\nFN:Person %d\r\nEND:VCARD\r\n" % i for i in range(20)))
    contacts, errors = preview(p, limit=5, region="GB")
    assert [c.display_name for c in contacts] == [f"Person {i}" for i in range(5)] and errors == []


def test_progress_and_cancel_keep_what_was_committed(store, tmp_path, monkeypatch):
    import whitephone.importers

    monkeypatch.setattr(whitephone.importers, "STORE_BATCH", 500)
    p = tmp_path / "many.vcf"
    p.write_bytes(b"".join(b"BEGIN:VCARD\r\nFN:Person %d\r\nTEL:+4420794600%02d\r\nEND:VCARD\r\n"
                           % (i, i % 100) for i in range(3000)))
    import threading

    cancel = threading.Event()
    seen = []

    def progress(done, total, items):
        seen.append((done, total, items))
        if items >= 1000:
            cancel.set()

    r = import_files(store, [p], book_id=store.books.default_id(), policy="clone", region="GB",
                     progress=progress, cancel=cancel)
    assert r.cancelled and 1000 <= r.imported < 3000
    assert store.contacts.count() == r.imported
    assert seen and all(d <= t for d, t, _ in seen)


def test_parallel_parse_gives_the_same_result_as_inline(store, tmp_path):
    p = tmp_path / "par.vcf"
    p.write_bytes(b"".join(b"BEGIN:VCARD\r\nFN:P%d\r\nTEL;CELL:+44 7700 9%05d\r\nEND:VCARD\r\n" % (i, i)
                           for i in range(1200)) + b"BEGIN:VCARD\r\nNOTE:x\r\nEND:VCARD\r\n")
    r = import_files(store, [p], book_id=store.books.default_id(), policy="clone", region="GB", workers=2)
    assert r.imported == 1200 and [e.item for e in r.errors] == [1201]
    assert [c.display_name for c in store.contacts.by_number("+447700900777")] == ["P777"]
