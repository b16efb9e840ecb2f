"""Test-wide set-up: offscreen Qt, a file keyring (no desktop keyring on CI), temp profiles."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")

import pytest  # noqa: E402


@pytest.fixture
def profile_dir(tmp_path, monkeypatch):
    """A fresh profile folder; also isolates the keyring file and XDG folders."""
    d = tmp_path / "profile"
    monkeypatch.setenv("WHITEPHONE_PROFILE", str(d))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return d


@pytest.fixture
def store(tmp_path):
    from whitephone.store import Store

    s = Store(tmp_path / "store.sqlite3")
    yield s
    s.close()
