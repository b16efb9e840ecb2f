"""Test-wide set-up: offscreen Qt, a file keyring (no desktop keyring on CI), temp profiles."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
# Every test process (xdist workers, and the agents and hubs they start) keeps its keyring file and
# XDG folders in a folder of its own: parallel workers writing one ~/.local keyring file corrupted it.
_home = tempfile.mkdtemp(prefix="whitephone-tests-")
atexit.register(shutil.rmtree, _home, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")

import pytest  # noqa: E402

from tests import schema_templates  # noqa: E402

schema_templates.install_store_template()  # new store files: a copy of one migrated once


@pytest.fixture(scope="session", autouse=True)
def _pg_template():
    yield
    schema_templates.finish()


@pytest.fixture(autouse=True)
def _fresh_proxy_memory():
    """Each test starts without what earlier tests' HTTP proxies offered (net/proxy.py remembers
    it per process: a port reused by a Basic-only test proxy is not a downgrade)."""
    yield
    proxy = sys.modules.get("whitephone.net.proxy")
    if proxy is not None:
        proxy.forget_schemes()


@pytest.fixture(autouse=True)
def _language_and_locale_restored():
    """Each test starts in English with the process's default locale: a test that installs a
    translation or sets a default QLocale (dates, first day of the week) must not leak it into
    the tests that run after it on the same worker (the diary's weeks started on Sunday after
    an explicit English install made en_US the default)."""
    qtcore = sys.modules.get("PySide6.QtCore")
    before = qtcore.QLocale().name() if qtcore is not None else None
    yield
    i18n = sys.modules.get("whitephone.ui.i18n")
    qtcore = sys.modules.get("PySide6.QtCore")
    if i18n is not None and i18n._installed and qtcore is not None:
        app = qtcore.QCoreApplication.instance()
        for translator in list(i18n._installed):
            if app is not None:
                app.removeTranslator(translator)
        i18n._installed.clear()
    if qtcore is not None:
        before = before or qtcore.QLocale.system().name()  # Qt was first loaded by this test
        if qtcore.QLocale().name() != before:
            qtcore.QLocale.setDefault(qtcore.QLocale(before))


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
