"""SIP accounts as plain data: settings round trip (no password on disk), defaults, engine commands."""

from __future__ import annotations

import json

import pytest

from whitephone.core.accounts import (
    SipAccount,
    default_account,
    engine_command,
    is_sip_host,
    is_sip_uri,
    load_accounts,
    number_uri,
    password_secret,
    phone_account,
    save_accounts,
)
from whitephone.profile import Profile


def test_uri_shapes():
    assert is_sip_uri("sip:alice@sip.example.com")
    assert is_sip_uri("sips:+442079460018@carrier.example:5061;transport=tcp")
    assert is_sip_uri("sip:alice@192.0.2.5:5070")
    assert is_sip_uri("sip:alice@[2001:db8::1]:5060")
    assert not is_sip_uri("alice@example.com")
    assert not is_sip_uri("sip:example.com")
    assert not is_sip_uri("sip:al ice@example.com")
    assert is_sip_host("sip:sip.example.com")
    assert is_sip_host("sip:proxy.example.com:5080;lr")
    assert not is_sip_host("sip:")
    assert not is_sip_host("http://example.com")


def test_settings_round_trip_keeps_one_default_and_never_a_password(tmp_path):
    profile = Profile.open(tmp_path / "p")
    accounts = [SipAccount(id="a", uri="sip:alice@example.com", registrar="sip:example.com"),
                SipAccount(id="b", uri="sip:bob@192.0.2.5:5070", default=True),
                SipAccount(id="c", uri="sip:carol@example.com", registrar="sip:example.com", default=True)]
    profile.set_secret(password_secret("a"), "s3cret-pw")
    save_accounts(profile, accounts)
    on_disk = (tmp_path / "p" / "settings.json").read_text()
    assert "s3cret-pw" not in on_disk and "password" not in on_disk
    loaded = load_accounts(Profile.open(tmp_path / "p"))
    assert [a.id for a in loaded] == ["a", "b", "c"]
    assert [a.id for a in loaded if a.default] == ["b"]
    assert default_account(loaded).id == "b"
    assert phone_account(loaded).id == "a"  # the default is local: the first with a registrar
    assert Profile.open(tmp_path / "p").get_secret(password_secret("a")) == "s3cret-pw"


def test_damaged_entries_are_skipped_and_odd_values_repaired(tmp_path):
    profile = Profile.open(tmp_path / "p")
    profile.set("accounts", [{"uri": "sip:no-id@example.com"}, "junk",
                             {"id": "x", "uri": "sip:x@example.com", "transport": "sctp", "srtp": "maybe",
                              "reg_interval": "often", "future_field": 1}])
    (acc,) = load_accounts(profile)
    assert (acc.id, acc.transport, acc.srtp, acc.reg_interval, acc.default) == ("x", "auto", "off", 300, True)


def test_engine_command():
    acc = SipAccount(id="w", uri="sip:+442079460018@voip.example.com", display_name="Office",
                     registrar="sip:voip.example.com", proxy="sip:edge.example.com;lr", transport="tcp",
                     reg_interval=600, srtp="mandatory")
    cmd = engine_command(acc, "pw")
    assert cmd == {"id": "w", "uri": "sip:+442079460018@voip.example.com", "display_name": "Office",
                   "registrar": "sip:voip.example.com;transport=tcp",
                   "proxy": "sip:edge.example.com;lr;transport=tcp", "user": "+442079460018",
                   "password": "pw", "reg_interval": 600, "srtp": 2}
    json.dumps(cmd)
    local = SipAccount(id="l", uri="sip:me@127.0.0.1", registrar="", user="ignored")
    assert engine_command(local, "pw")["registrar"] == "" and engine_command(local, "pw")["password"] == ""
    assert number_uri(acc, "+4915123456847") == "sip:+4915123456847@voip.example.com"


def test_tls_accounts_and_their_settings(tmp_path):
    from whitephone.core.accounts import pin_certificate, tls_engine_args, tls_settings
    from whitephone.profile import Profile

    acc = SipAccount(id="s", uri="sip:alice@voip.example.com", registrar="sips:voip.example.com", transport="tls")
    cmd = engine_command(acc, "pw", "http://proxy.corp:3128")
    assert cmd["transport"] == "tls" and cmd["tls_proxy"] == "http://proxy.corp:3128"
    assert cmd["registrar"] == "sips:voip.example.com"  # no ;transport= added: the relay carries it
    assert "transport" not in engine_command(SipAccount(id="u", uri="sip:a@b.example"), None)
    assert SipAccount.from_settings({"id": "x", "uri": "sip:a@b.example", "transport": "tls"}).transport == "tls"
    profile = Profile.open(tmp_path)
    assert tls_settings(profile) == {"pins": [], "ca_file": "", "proxy": ""} and tls_engine_args(profile) == []
    pin_certificate(profile, "PBX.example:5061", "ab" * 32)
    pin_certificate(profile, "pbx.example:5061", "ab" * 32)  # once only
    assert tls_engine_args(profile) == ["--pin-cert", "pbx.example:5061=" + "ab" * 32]
    with pytest.raises(ValueError):
        pin_certificate(profile, "", "ab" * 32)  # a pin is for a server


def test_an_old_global_pin_setting_is_dropped_not_trusted_for_every_server(tmp_path, caplog):
    """Before pins were per server, settings "tls" → "pins" was a list of bare SHA-256s that
    turned verification off for every server: such pins are ignored (with a log line) and the
    certificate is offered for trust again, this time for its own server."""
    from whitephone.core.accounts import tls_engine_args, tls_settings
    from whitephone.profile import Profile

    profile = Profile.open(tmp_path)
    profile.set("tls", {"pins": ["ab" * 32, "host.example:443=" + "cd" * 32, 7, "junk"], "ca_file": ""})
    with caplog.at_level("WARNING"):
        assert tls_settings(profile)["pins"] == ["host.example:443=" + "cd" * 32]
    assert "old pin" in caplog.text
    assert tls_engine_args(profile) == ["--pin-cert", "host.example:443=" + "cd" * 32]
    profile.set("tls", {"pins": "ab" * 32})
    assert tls_settings(profile)["pins"] == []
