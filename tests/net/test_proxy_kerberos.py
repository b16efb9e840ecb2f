"""Issue 16: Negotiate with Kerberos to the HTTP proxy, against a real MIT KDC of its own realm
(tests/net/kdc.py) and the test proxy accepting with a keytab for HTTP/localhost (pyspnego over
gssapi): the logged-in user's ticket (kinit) without a user name, a user name and password
without a ticket, and the refusals."""

from __future__ import annotations

import base64
import os

import pytest

from tests.net import kdc as kdc_mod
from tests.net.authproxy import AuthProxy
from tests.net.test_proxy_auth import _schemes_sent, _through
from whitephone.net.proxy import ProxyURL, ReachError

gssapi = pytest.importorskip("gssapi", reason="Kerberos needs the gssapi module (pip gssapi, Debian libkrb5-dev)")
pytestmark = pytest.mark.skipif(not kdc_mod.available(),
                                reason="Debian krb5-kdc, krb5-admin-server and krb5-user are not installed")

KERBEROS_OID = bytes.fromhex("2a864886f712010202")  # 1.2.840.113554.1.2.2, inside the SPNEGO token


@pytest.fixture(scope="module")
def realm(tmp_path_factory):
    k = kdc_mod.Kdc(tmp_path_factory.mktemp("realm"))
    k.user("dave", "Kerb-Pa55")
    keytab = k.service("HTTP/localhost")
    yield k, keytab
    k.stop()


@pytest.fixture
def krb_env(realm, monkeypatch, tmp_path):
    k, _ = realm
    for name, value in k.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("KRB5CCNAME", f"FILE:{tmp_path / 'ccache'}")  # each test its own ticket cache
    monkeypatch.delenv("NTLM_USER_FILE", raising=False)
    return k


def _proxy(realm, tmp_path) -> AuthProxy:
    k, keytab = realm
    return AuthProxy(tmp_path / "proxy", ["Negotiate", "NTLM", "Basic"], {},
                     env={**k.env, "KRB5_KTNAME": f"FILE:{keytab}"})


def _kerberos_tokens(log: str) -> list[bytes]:
    return [base64.b64decode(line.split()[2]) for line in log.splitlines()
            if line.lower().startswith("proxy-authorization: negotiate ")]


def test_the_logged_in_users_ticket_opens_the_tunnel_without_a_user_name(realm, krb_env, tmp_path, echo):  # noqa: F811
    krb_env.kinit("dave", "Kerb-Pa55", os.environ["KRB5CCNAME"])
    with _proxy(realm, tmp_path) as proxy:
        assert _through(ProxyURL("localhost", proxy.port), echo) == b"HELLO"  # the SPN: HTTP/localhost
        log = proxy.log()
    tokens = _kerberos_tokens(log)
    assert len(tokens) == 1 and KERBEROS_OID in tokens[0]  # one leg, Kerberos (not NTLM inside SPNEGO)
    assert _schemes_sent(log) == ["Negotiate"]


def test_a_user_name_and_password_get_a_ticket_without_kinit(realm, krb_env, tmp_path, echo):  # noqa: F811
    with _proxy(realm, tmp_path) as proxy:
        url = ProxyURL("localhost", proxy.port, f"dave@{kdc_mod.REALM}", "Kerb-Pa55")
        assert _through(url, echo) == b"HELLO"
        tokens = _kerberos_tokens(proxy.log())
    assert len(tokens) == 1 and KERBEROS_OID in tokens[0]
    assert "Kerb-Pa55" not in proxy.log()


def test_without_a_ticket_or_a_user_name_the_message_says_what_to_do(realm, krb_env, tmp_path, echo):  # noqa: F811
    with _proxy(realm, tmp_path) as proxy, pytest.raises(ReachError) as err:
        _through(ProxyURL("localhost", proxy.port), echo)
    assert "no Kerberos ticket or Windows login to offer" in err.value.reason


def test_a_proxy_without_a_key_for_its_name_refuses_the_ticket(realm, krb_env, tmp_path, echo):  # noqa: F811
    """The proxy named by its address: the realm has no HTTP/127.0.0.1, so no service ticket can
    be had; the message says so in Kerberos' words (not that there is no ticket at all)."""
    krb_env.kinit("dave", "Kerb-Pa55", os.environ["KRB5CCNAME"])
    with _proxy(realm, tmp_path) as proxy, pytest.raises(ReachError) as err:
        _through(ProxyURL("127.0.0.1", proxy.port), echo)
    assert err.value.kind == "proxy", err.value.reason
    assert "cannot start Negotiate authentication to the HTTP proxy http://127.0.0.1:" in err.value.reason
    assert "with the logged-in user's credentials: Server HTTP/127.0.0.1@WHITEPHONE.TEST not found in " \
           "Kerberos database" in err.value.reason


def test_a_wrong_kerberos_password_is_named(realm, krb_env, tmp_path, echo):  # noqa: F811
    with _proxy(realm, tmp_path) as proxy, pytest.raises(ReachError) as err:
        _through(ProxyURL("localhost", proxy.port, f"dave@{kdc_mod.REALM}", "not-it"), echo)
    # Kerberos refuses the password, SPNEGO falls back to NTLM, which the proxy refuses in turn
    assert err.value.kind == "proxy"
    assert f"refused the user name or password of dave@{kdc_mod.REALM} (Negotiate authentication)" \
        in err.value.reason
    assert "not-it" not in err.value.reason
