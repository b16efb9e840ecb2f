"""turns: URIs: the hub accepts them for its TURN server list, the media ladder orders its rungs
(UDP, TCP, TLS, TLS in CONNECT), and the network test says what a TLS-only or proxy-only network
means for audio. Plain Python, no servers."""

from __future__ import annotations

import argparse

import pytest

from whitephone import nettest
from whitephone.nettest import Report, Rung
from whitephone.server.cli import _turn_uri
from whitephone.sip.nat import NatSettings


def test_hub_takes_turns_uris_and_refuses_bad_ones():
    assert _turn_uri("turns:turn.example.com:443") == "turns:turn.example.com:443"
    assert _turn_uri("turn:turn.example.com:3478?transport=tcp")
    for bad in ("turns:turn.example.com:443?transport=udp", "turn:host:99999", "turn:host?transport=sctp",
                "http://turn.example.com", "turns:"):
        with pytest.raises(argparse.ArgumentTypeError):
            _turn_uri(bad)


def test_media_ladder_orders_rungs_and_adds_connect_only_with_a_proxy(monkeypatch):
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    nat = NatSettings(turn="turns:t.example.com:443,turn:t.example.com:3478")
    assert nat.rungs() == [(1, "udp"), (1, "tcp"), (0, "tls")]
    nat.proxy = "http://proxy.example.com:3128"
    assert nat.rungs()[-1] == (0, "tls-proxy")
    nat.turn_index, nat.ca_file = 0, "ca.pem"
    opts = nat.adapter_options("tls-proxy")
    assert opts["tls"] and opts["proxy"].host == "proxy.example.com" and opts["ca_file"] == "ca.pem"
    assert nat.adapter_options("tls")["proxy"] is None and nat.adapter_options("tcp") == {}
    with pytest.raises(ValueError):
        NatSettings(turn="turns:t.example.com:443", proxy="ftp://x").check()


def test_network_test_names_tls_only_and_proxy_only_networks():
    report = Report("", rungs=[Rung("turn-udp", "t.example.com:3478", detail="no answer"),
                               Rung("turn-tcp", "t.example.com:3478", detail="no answer"),
                               Rung("turn-tls", "t.example.com:443", ok=True)])
    nettest.explain(report)
    assert report.media == "turn-tls" and "only TLS gets through" in report.summary
    report = Report("", rungs=[Rung("turn-tls", "t.example.com:443", detail="no answer"),
                               Rung("turn-tls-proxy", "t.example.com:443", ok=True),
                               Rung("sip-tls-proxy", "sip.example.com:443", ok=True)])
    nettest.explain(report, "sip:sip.example.com")
    assert report.media == "turn-tls-proxy" and report.signalling == "sip-tls-proxy:443"
    assert "only leave through the HTTP proxy" in report.summary and "through its tunnel" in report.summary
    assert report.blocked == ["the media relay over TLS to t.example.com:443 is blocked: ask IT to allow "
                              "outgoing TCP to t.example.com port 443"]
