"""From the break-it review (the defects each docstring tells of are fixed): are the translations in what pip installs? pyproject's package-data lists the
icons, migrations and resources the package needs at run time, but no translation: a wheel or a
`pip install .` has neither the .ts files nor a .qm, so i18n.usable_qm finds nothing to load or
build ("cannot build the pl translation: no .ts files") and Polish users get English. (Only the
PyInstaller bundle, whose spec lists ui/translations/*.qm, has them.)"""

from __future__ import annotations

import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "whitephone"


def _packaged_files() -> set[Path]:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["whitephone"]
    found: set[Path] = set()
    for pattern in patterns:
        found |= {Path(p) for p in glob.glob(str(PACKAGE / pattern), recursive=True)}
    return found


def test_ts_or_qm_files_are_package_data():
    packaged = _packaged_files()
    assert any(p.suffix == ".svg" for p in packaged)  # the check itself sees package data
    ts = sorted((PACKAGE / "ui" / "translations").rglob("*.ts"))
    assert ts
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]["whitephone"]
    has_qm = any(p.endswith(".qm") or "translations" in p for p in patterns)
    assert all(p in packaged for p in ts) or has_qm, "no translation is package data: pip installs are English only"
