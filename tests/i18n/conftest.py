"""The Polish translation as main.py installs it, for the tests of this folder that do not build their own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from whitephone.ui import i18n


@pytest.fixture
def polish(qapp, tmp_path, monkeypatch):
    """Polish installed as main.py does it (i18n.install with the setting "pl"; the .qm built by the
    real lrelease into this test's own cache); English and the old locale afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    locale = QLocale()
    assert i18n.install(qapp, "pl") == "pl"
    assert QCoreApplication.translate("PreferencesDialog", "Preferences") == "Preferencje"
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(locale)
