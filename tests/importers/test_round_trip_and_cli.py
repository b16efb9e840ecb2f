"""Export → import into a fresh store keeps every field; the import/export CLI contract."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, PostalAddress, Website
from whitephone.core.contacts import ContactsService
from whitephone.importers import export_contacts, import_files
from whitephone.store import Store


def rich() -> list[ContactData]:
    img = io.BytesIO()
    Image.new("RGB", (100, 120), (10, 120, 200)).save(img, "JPEG")
    return [
        ContactData(given_name="Zoë", family_name="D'Arcy; Jr", middle_name="Q", prefix="Dr", suffix="PhD",
                    nickname="Zo", birthday="1985-12-01", notes="Line 1\nLine 2, with; punctuation\\",
                    phones=[Phone("+44 20 7946 0018", "work"), Phone("07700 900123", "mobile"),
                            Phone("020 7946 0019", "office_fax"), Phone("020 7946 0020", "home_fax"),
                            Phone("+44 20 7946 0021", "main"), Phone("07623 123456", "pager"),
                            Phone("ext 5", "other"), Phone("01632 960000", "home")],
                    emails=[Email("zoe@example.co.uk", "work"), Email("z@home.example", "home")],
                    addresses=[PostalAddress("1 Long Street", "Flat 3", "SW1A 1AA", "London", "England",
                                             "United Kingdom", "home")],
                    websites=[Website("https://zoe.example", "work")],
                    companies=[CompanyLink("Acme, Ltd", "CEO"), CompanyLink("Beta", "")],
                    tags=["vip", "north"], custom={"Segment": "SMB"},
                    photo=img.getvalue(), photo_mime="image/jpeg"),
        ContactData(kind="company", display_name="Solo Company", phones=[Phone("+1 212 555 0100", "main")]),
    ]


def snapshot(store):
    out = []
    for c in store.contacts.iter_all():
        out.append((c.kind, c.best_display_name(), c.given_name, c.family_name, c.middle_name, c.prefix,
                    c.suffix, c.nickname, c.birthday, c.notes,
                    [(p.kind, p.number, p.e164) for p in c.phones], [(e.kind, e.address) for e in c.emails],
                    [(a.kind, a.street1, a.street2, a.postcode, a.city, a.region, a.country) for a in c.addresses],
                    [(w.kind, w.url) for w in c.websites], [(x.name, x.role) for x in c.companies],
                    sorted(c.tags), c.custom, c.photo))
    return sorted(out, key=lambda t: (t[0], t[1]))


@pytest.mark.parametrize("fmt", ["vcf3", "vcf4", "csv"])
def test_export_then_import_loses_nothing(tmp_path, fmt):
    src = Store(tmp_path / "src.sqlite3")
    src.contacts.add_custom_field("Segment", "text")
    svc = ContactsService(src, "GB")
    for c in rich():
        svc.add(c)
    out = tmp_path / f"out.{fmt}"
    assert export_contacts(src, out, fmt) == 4  # the two added + the two companies Zoë works for
    dst = Store(tmp_path / "dst.sqlite3")
    r = import_files(dst, [out], book_id=dst.books.default_id(), policy="merge", region="GB")
    assert r.errors == []
    assert snapshot(dst) == snapshot(src)


def wp(profile, *args):
    return subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), *args],
                          capture_output=True, text=True, timeout=60)


def test_import_cli_prints_one_json_report(tmp_path):
    f = tmp_path / "a.vcf"
    f.write_text("BEGIN:VCARD\nFN:One\nTEL:+44 20 7946 0018\nEND:VCARD\nBEGIN:VCARD\nNOTE:x\nEND:VCARD\n")
    r = wp(tmp_path / "p", "import", str(f), "--book", "Imported", "--on-duplicate", "skip")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["imported"] == 1 and report["skipped"] == 0
    assert report["errors"] == [{"file": "a.vcf", "item": 2, "line": 5,
                                 "reason": "card has no name, number or e-mail; not imported"}]
    again = json.loads(wp(tmp_path / "p", "import", str(f), "--book", "Imported", "--on-duplicate",
                          "skip").stdout)
    assert again["skipped"] == 1 and again["imported"] == 0


def test_import_cli_exit_2_for_unreadable_file_but_keeps_others(tmp_path):
    good = tmp_path / "g.csv"
    good.write_text("name,phone\nBob,+1 212 555 0100\n")
    r = wp(tmp_path / "p", "import", str(tmp_path / "missing.vcf"), str(good))
    assert r.returncode == 2
    report = json.loads(r.stdout)
    assert report["imported"] == 1 and report["errors"][0]["item"] == 0
    assert "cannot read" in report["errors"][0]["reason"]


def test_export_cli(tmp_path):
    wp(tmp_path / "p", "contacts", "add", "--name", "Eve Adams", "--phone", "+1 212 555 0100")
    out = tmp_path / "x.csv"
    r = wp(tmp_path / "p", "export", str(out))
    assert r.returncode == 0 and json.loads(r.stdout)["exported"] == 1
    assert "Eve Adams" in out.read_text("utf-8-sig")


def people_at_companies(path: Path) -> Path:
    """Five people at two companies nobody has yet, and one card for a company of its own."""
    cards = [("Ann Ash", "Acme Ltd"), ("Bob Birch", "Acme Ltd"), ("Cy Cedar", "Globex"),
             ("Di Dogwood", "Globex"), ("Ed Elm", "")]
    path.write_text("".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:{n}\nN:{n.split()[1]};{n.split()[0]};;;\n"
                            + (f"ORG:{org}\n" if org else "") + "END:VCARD\n" for n, org in cards))
    return path


def test_import_counts_companies_created_on_the_way(tmp_path):
    f = people_at_companies(tmp_path / "people.vcf")
    r = wp(tmp_path / "p", "import", str(f), "--book", "Work")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["imported"] == 5 and report["companies"] == 2
    found = [json.loads(x) for x in wp(tmp_path / "p", "contacts", "search", "", "--limit", "100").stdout.split("\n")
             if x.strip()]
    assert len(found) == report["imported"] + report["companies"]  # the book grew by 7
    again = json.loads(wp(tmp_path / "p", "import", str(f), "--book", "Work").stdout)
    assert again["merged"] == 5 and again["companies"] == 0
