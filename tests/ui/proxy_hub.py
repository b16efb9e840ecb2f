"""Fixtures of the window-through-a-proxy tests: no proxy or Kerberos realm of the machine's, and
a hub on 127.0.0.2 (not one of this computer's own names, so a proxy is used for it)."""

from __future__ import annotations

import pytest

from tests import schema_templates
from tests.server.conftest import RunningHub
from tests.sync.conftest import PASSWORD
from whitephone.sync.hub_client import HubClient


@pytest.fixture(autouse=True)
def environment(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # a keyring file of this test's own
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    conf = tmp_path / "krb5.conf"
    conf.write_text("")
    monkeypatch.setenv("KRB5_CONFIG", str(conf))


@pytest.fixture
def far_hub(tmp_path):
    """A hub on 127.0.0.2 with Ann (admin of Acme) and Bob."""
    db = schema_templates.migrated_sqlite(tmp_path / "hub.sqlite3")
    h = RunningHub(f"sqlite:///{db}", tmp_path / "hubdata", host="127.0.0.2")
    admin = HubClient(h.base)
    admin.register("Acme", "Ann Admin", "ann@example.com", PASSWORD)
    admin.request("POST", "/api/v1/users", json={"name": "Bob Builder", "email": "bob@example.com",
                                                 "password": PASSWORD})
    admin.close()
    yield h
    h.stop()
