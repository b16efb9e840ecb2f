"""The profile's own hub ("just this computer / my office"): created, signed in again by itself,
shared with the office over TLS with a certificate made here."""

from __future__ import annotations

import socket

import pytest

from tests.sync.conftest import Client
from whitephone.sync.hub_client import HubClient, HubError
from whitephone.sync.local_office import LocalOffice


@pytest.fixture
def owner(tmp_path):
    c = Client(tmp_path / "owner")
    office = LocalOffice(c.profile)
    yield c, office
    c.close()
    office.stop()


def test_office_hub_is_created_and_signed_in_again_after_a_restart(owner):
    c, office = owner
    info = office.create(c.session, "Olga Owner", "Olga's Office", "olga@office.lan")
    assert info["company"] == "Olga's Office" and (office.data_dir / "hub.sqlite3").exists()
    url = office.url
    office.stop()
    c.session.client = None  # as after a restart: nothing in memory
    assert office.sign_in(c.session) is not None and c.session.signed_in
    assert office.url == url  # the same port, so the remembered address stays right
    c.session.client = None
    c.profile.delete_secret(c.session._secret_name(url, "olga@office.lan"))  # token gone: the kept password
    assert office.sign_in(c.session) is not None and c.session.signed_in

    # its port taken by another program meanwhile: the hub moves, the session follows
    office.stop()
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", int(url.rsplit(":", 1)[1])))
        squatter.listen()
        c.session.client = None
        assert office.sign_in(c.session) is not None and office.url != url  # the hub moved
        assert c.session.info["url"] == office.url and c.session.ensure().me()["email"] == "olga@office.lan"


def test_sharing_with_the_office_serves_tls_with_its_own_certificate(owner, tmp_path):
    c, office = owner
    office.create(c.session, "Olga Owner", "Olga's Office", "olga@office.lan")
    admin = c.session.ensure()
    admin.request("POST", "/api/v1/users", json={"name": "Colin", "email": "colin@office.lan",
                                                 "password": "password123"})
    c.engine.stop()
    office.set_shared(True)
    assert office.url.startswith("https://") and office.colleague_url.startswith("https://")
    c.session.client = None
    assert office.sign_in(c.session) is not None  # the owner follows the hub to https, same data
    assert c.session.info["url"] == office.url and c.session.ensure().me()["email"] == "olga@office.lan"

    # a colleague's computer: with the office certificate it signs in; without, a clear refusal
    colleague = Client(tmp_path / "colin")
    try:
        colleague.session.verify = office.verify
        colleague.session.login(office.colleague_url, "colin@office.lan", "password123")
        assert colleague.session.info["company"] == "Olga's Office"
        colleague.engine.start(sync=False)  # presence over the office's TLS WebSocket too
        assert colleague.engine.wait_connected(30)
    finally:
        colleague.close()
    with pytest.raises(HubError) as err:
        HubClient(office.colleague_url).login("colin@office.lan", "password123")
    assert err.value.kind == "certificate"

    office.set_shared(False)  # back to this computer only
    c.session.client = None
    assert office.sign_in(c.session) is not None and office.url.startswith("http://127.0.0.1:")
