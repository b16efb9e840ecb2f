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
