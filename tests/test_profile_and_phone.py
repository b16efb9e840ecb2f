"""Profile folder, settings and secrets; phone number normalisation and formatting."""

from __future__ import annotations

import pytest

from whitephone import phone
from whitephone.profile import Profile


def test_settings_persist_and_secrets_stay_out_of_files(profile_dir):
    p = Profile.open(profile_dir)
    p.set("last_tab", 3)
    p.region = "de"
    assert p.set_secret("sip-password", "s3cret!")
    q = Profile.open(profile_dir)
    assert q.get("last_tab") == 3 and q.region == "DE"
    assert q.get_secret("sip-password") == "s3cret!"
    for f in profile_dir.rglob("*"):
        if f.is_file():
            assert b"s3cret!" not in f.read_bytes()


def test_corrupt_settings_file_falls_back_to_defaults(profile_dir):
    profile_dir.mkdir(parents=True)
    (profile_dir / "settings.json").write_text("{not json")
    assert Profile.open(profile_dir).get("last_tab") == 1


@pytest.mark.parametrize("raw,region,e164", [
    ("020 7946 0018", "GB", "+442079460018"),
    ("+44 20 7946 0018", "US", "+442079460018"),
    ("0044 20 7946 0018", "US", "+442079460018"),
    ("(212) 555-0100", "US", "+12125550100"),
    ("030 1234567", "DE", "+49301234567"),
    ("601 234 567", "PL", "+48601234567"),
    ("hello", "GB", None),
    ("", "GB", None),
    ("12", "GB", None),
])
def test_normalize(raw, region, e164):
    assert phone.normalize(raw, region) == e164


def test_formatting_follows_the_region():
    assert phone.format_for_region("+442079460018", "GB") == "020 7946 0018"
    assert phone.format_for_region("+442079460018", "US") == "+44 20 7946 0018"
    assert "e.g." in phone.entry_hint("FR")


def test_update_merges_parts_of_one_setting_written_at_once(tmp_path):
    """Two Profile objects of one folder (two ladders of the engine, or the window and its
    engine) each add their own part of one setting from threads at the same time: every part
    is kept, since each change is applied to what the file holds under one lock."""
    import threading

    from whitephone.profile import Profile

    first, second = Profile.open(tmp_path / "p"), Profile.open(tmp_path / "p")

    def add(profile: Profile, name: str) -> None:
        for i in range(40):
            profile.update("reach", lambda now, i=i: {**(now or {}), f"{name}{i}": i})

    threads = [threading.Thread(target=add, args=(p, n)) for p, n in ((first, "a"), (second, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = Profile.open(tmp_path / "p").get("reach")
    assert kept == {**{f"a{i}": i for i in range(40)}, **{f"b{i}": i for i in range(40)}}, kept
