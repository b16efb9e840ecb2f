"""`whitephone contacts add|search|lookup` as a script would use them: JSON lines, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def wp(profile, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), *args],
                          capture_output=True, text=True, timeout=60)


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_add_search_lookup_round_trip(tmp_path):
    p = tmp_path / "prof"
    r = wp(p, "contacts", "add", "--name", "Zofia Wiśniewska", "--company", "Przykład Sp. z o.o.",
           "--role", "CEO", "--phone", "mobile:+48 601 234 567", "--email", "zofia@example.pl",
           "--book", "Klienci")
    assert r.returncode == 0, r.stderr
    added = lines(r.stdout)[0]
    assert added["phones"] == ["+48601234567"] and added["book"] == "Klienci"
    found = lines(wp(p, "contacts", "search", "niew").stdout)
    assert [c["display_name"] for c in found] == ["Zofia Wiśniewska"]
    assert found[0]["companies"] == ["Przykład Sp. z o.o."]
    assert lines(wp(p, "contacts", "search", "Przyk%", "--limit", "5").stdout)
    hits = lines(wp(p, "contacts", "lookup", "0048 601-234-567").stdout)
    assert [c["id"] for c in hits] == [added["id"]]


def test_search_in_unknown_book_is_a_clear_error(tmp_path):
    r = wp(tmp_path / "prof", "contacts", "search", "x", "--book", "Nope")
    assert r.returncode == 2
    assert "no address book named" in json.loads(r.stderr)["error"]


def test_lookup_with_no_match_prints_nothing(tmp_path):
    r = wp(tmp_path / "prof", "contacts", "lookup", "+1 212 555 0100")
    assert r.returncode == 0 and r.stdout == ""


def test_lookup_of_something_that_is_not_a_number_says_so(tmp_path):
    r = wp(tmp_path / "prof", "contacts", "lookup", "abc")
    assert r.returncode == 2 and r.stdout == ""
    assert "not a phone number" in json.loads(r.stderr)["error"]


@pytest.mark.parametrize("command", [["contacts", "search", "x"], ["contacts", "lookup", "+1 212 555 0100"],
                                     ["export", "out.vcf"], ["demo"], ["call", "+442079460018"],
                                     []], ids=["search", "lookup", "export", "demo", "call", "window"])
def test_a_profile_that_is_a_file_is_a_clear_error(tmp_path, command):
    r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", "/etc/passwd", *command],
                       capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    error = json.loads(r.stderr)["error"]
    assert "/etc/passwd" in error and "not a folder" in error


def test_a_profile_whose_database_is_garbage_is_a_clear_error(tmp_path):
    (tmp_path / "prof").mkdir()
    (tmp_path / "prof" / "whitephone.sqlite3").write_text("not a database\n")
    r = wp(tmp_path / "prof", "contacts", "search", "x")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "not a database" in json.loads(r.stderr)["error"]


@pytest.mark.parametrize("phone, reason", [("call me maybe", "not a phone number"),
                                           ("fax:123", "fax"),
                                           ("mobile:not-a-number", "not a phone number")])
def test_add_refuses_a_number_it_cannot_read(tmp_path, phone, reason):
    p = tmp_path / "prof"
    r = wp(p, "contacts", "add", "--name", "Bad Number", "--phone", phone)
    assert r.returncode == 2 and r.stdout == ""
    assert reason in json.loads(r.stderr)["error"]
    assert lines(wp(p, "contacts", "search", "Bad Number").stdout) == []  # nothing stored


def test_add_keeps_text_as_other_when_asked(tmp_path):
    r = wp(tmp_path / "prof", "contacts", "add", "--name", "Ext Only", "--phone", "other:ask for ext. 12")
    assert r.returncode == 0, r.stderr
    assert lines(r.stdout)[0]["phones"] == ["ask for ext. 12"]


@pytest.mark.parametrize("phone, reason", [("fax:+442079460018", "unknown phone kind 'fax'"),
                                           ("x:+442079460018", "unknown phone kind 'x'"),
                                           ("other:", "has no number"), ("other:   ", "has no number"),
                                           ("mobile:", "has no number"), ("", "needs a number")])
def test_add_refuses_an_unknown_kind_or_an_empty_number(tmp_path, phone, reason):
    p = tmp_path / "prof"
    r = wp(p, "contacts", "add", "--name", "Bad Kind", "--phone", phone)
    assert r.returncode == 2 and r.stdout == "", r.stdout
    assert reason in json.loads(r.stderr)["error"]
    assert lines(wp(p, "contacts", "search", "Bad Kind").stdout) == []


def test_add_reads_kinds_in_any_case(tmp_path):
    p = tmp_path / "prof"
    for i, phone in enumerate(("Mobile:+447400123265", "MOBILE:+447400123266", "Home Fax:+442079460019",
                               "tel:+447400123267")):
        r = wp(p, "contacts", "add", "--name", f"Case {i}", "--phone", phone)
        assert r.returncode == 0, r.stderr
    import sqlite3
    db = sqlite3.connect(p / "whitephone.sqlite3")
    kinds = [k for (k,) in db.execute("SELECT kind FROM phones ORDER BY kind")]
    db.close()
    assert kinds == ["home_fax", "mobile", "mobile", "other"]


def make_damaged_profile(p):
    """A profile whose database has a sound header and schema, and garbage in the middle."""
    from whitephone.core.contact import ContactData, Phone
    from whitephone.store import Store

    p.mkdir()
    s = Store(p / "whitephone.sqlite3")
    s.contacts.import_batch([ContactData(given_name=f"Anna{i}", family_name="Damaged",
                                         phones=[Phone(f"+4420794{i:05d}", "work", f"+4420794{i:05d}")])
                             for i in range(3000)], s.books.default_id())
    s.close()
    db = p / "whitephone.sqlite3"
    with open(db, "r+b") as f:
        f.seek(db.stat().st_size // 3)
        f.write(bytes((i * 37 + 11) % 256 for i in range(db.stat().st_size // 2)))
    return p


@pytest.fixture
def damaged_profile(tmp_path):
    return make_damaged_profile(tmp_path / "prof")


@pytest.mark.parametrize("command", [["contacts", "search", "a"], ["contacts", "lookup", "+442079400001"],
                                     ["contacts", "add", "--name", "New One"], ["export", "out.vcf"]],
                         ids=["search", "lookup", "add", "export"])
def test_a_damaged_database_is_a_clear_error(damaged_profile, tmp_path, command):
    r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(damaged_profile), *command],
                       capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    error = json.loads(r.stderr)["error"]
    assert "damaged" in error and str(damaged_profile) in error
    assert not list(tmp_path.glob("out.vcf*"))  # no half file, no .part


@pytest.mark.parametrize("command", [["contacts", "lookup", "+442079460018"], ["call", "tel:+442079460018"], []],
                         ids=["lookup", "call", "window"])
@pytest.mark.parametrize("profile, reason", [("a" * 300, "File name too long"),
                                             ("loop1", "Too many levels of symbolic links"),
                                             ("", "empty")], ids=["too-long", "link-loop", "empty"])
def test_odd_profile_names_are_a_clear_error(tmp_path, command, profile, reason):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    r = subprocess.run([sys.executable, "-m", "whitephone", "--profile", profile, *command],
                       capture_output=True, text=True, timeout=60, cwd=tmp_path,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "WHITEPHONE_PROFILE": str(tmp_path / "d")})
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert reason in json.loads(r.stderr.strip().splitlines()[-1])["error"]
    assert not (tmp_path / "d").exists()  # the default profile was not used instead


def test_profile_may_follow_the_action(tmp_path):
    p = tmp_path / "prof"
    r = subprocess.run([sys.executable, "-m", "whitephone", "contacts", "add", "--name", "After Action",
                        "--profile", str(p)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert [c["display_name"] for c in lines(wp(p, "contacts", "search", "After").stdout)] == ["After Action"]
    r = subprocess.run([sys.executable, "-m", "whitephone", "contacts", "search", "After", "--profile", str(p)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and len(lines(r.stdout)) == 1, r.stderr


def test_search_by_field_history_and_timeline(tmp_path):
    p = tmp_path / "prof"
    added = lines(wp(p, "contacts", "add", "--name", "Maria Lopez", "--phone", "+44 20 7946 0018",
                     "--tag", "vip").stdout)[0]
    wp(p, "contacts", "add", "--name", "Marian Xu")
    wp(p, "contacts", "add", "--name", "Gloria 50_50")
    names = lambda *a: [c["display_name"] for c in lines(wp(p, "contacts", "search", *a).stdout)]  # noqa: E731
    assert names("--where", "given_name", "=", "MARIA") == ["Maria Lopez"]
    assert names("--where", "given_name", "like", "Mari") == ["Maria Lopez", "Marian Xu"]
    assert names("--where", "given_name", "like", "%ria") == ["Gloria 50_50", "Maria Lopez"]
    assert names("--where", "name", "like", "%0_5%") == ["Gloria 50_50"]  # _ is a literal underscore
    assert names("--where", "name", "like", "%0x5%") == []
    assert names("--where", "tag", "=", "vip", "--where", "phone", "=", "+44 20 7946 0018") == ["Maria Lopez"]
    r = wp(p, "contacts", "search", "--where", "salary", "=", "1")
    assert r.returncode == 2 and "cannot search by 'salary'" in r.stderr
    r = wp(p, "contacts", "search", "--where", "name", "like", "%")
    assert r.returncode == 2 and "type what to search for" in r.stderr
    hist = lines(wp(p, "contacts", "history", added["id"]).stdout)
    assert [(h["field"], h["new"], h["source"]) for h in hist] == [("created", "Maria Lopez", "local")]
    tl = lines(wp(p, "contacts", "timeline", added["id"], "--kind", "change").stdout)
    assert [t["title"] for t in tl] == ["Contact created"]
    r = wp(p, "contacts", "timeline", added["id"], "--kind", "gossip")
    assert r.returncode == 2 and "unknown timeline kind" in r.stderr
    r = wp(p, "contacts", "history", "no-such-id")
    assert r.returncode == 2 and "no contact" in r.stderr
