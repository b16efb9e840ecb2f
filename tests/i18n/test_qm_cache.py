"""From the break-it review (the defects each docstring tells of are fixed) of whitephone/ui/i18n.py: the language setting from a real settings.json and the
.qm cache built into the user's cache folder (real lrelease, real processes, real files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from whitephone.profile import Profile
from whitephone.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

# prints the language install() chose and what "Today" is in it
PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QCoreApplication
app = QApplication([])
from whitephone.ui import i18n
lang = i18n.install(app, sys.argv[1])
print(lang, QCoreApplication.translate("RelativeDates", "Today"), flush=True)
"""


def _probe(cache: Path, setting: str = "pl", pythonpath: Path = ROOT) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(pythonpath),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([PY, "-c", PROBE, setting], capture_output=True, text=True, env=env, timeout=120,
                          cwd=pythonpath)  # "" first on sys.path: this copy, not the venv's editable one
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("value", [["pl"], {"pl": True}])
def test_odd_language_value_in_settings_does_not_stop_the_start(qapp, tmp_path, value):
    """settings.json is a file people (and deploy scripts) edit: a list or an object under
    "language" makes i18n.install raise TypeError (`setting in LANGUAGES` on an unhashable value),
    and main.run_gui then shows "cannot open" instead of the window. An unknown value must fall
    back to the system language as "xx", 5 and null do."""
    root = tmp_path / "profile"
    Profile.open(root)
    (root / "settings.json").write_text(json.dumps({"language": value}), "utf-8")
    profile = Profile.open(root)
    try:
        lang = i18n.install(qapp, profile.get(i18n.LANGUAGE_KEY))
    except TypeError as exc:
        pytest.fail(f"install() raised on language={value!r}: {exc}")
    finally:
        i18n.install(qapp, "en")
    assert lang in i18n.LANGUAGES


def test_locale_style_code_pl_PL_means_polish():
    """A locale-style code ("pl_PL", as LANG writes it, or "pl-PL") in settings is Polish, as the
    system's "pl-PL" is; it silently falls back to English now."""
    assert i18n.chosen_language("pl_PL") == "pl"
    assert i18n.chosen_language("pl-PL") == "pl"


def test_corrupt_cached_qm_is_rebuilt(tmp_path):
    """A cached .qm that Qt cannot load (truncated, zero bytes, garbage) but is newer than the
    .ts files is taken as "fresh" for ever: every start is English (one log warning) until the
    user finds and deletes the cache file. It should be rebuilt."""
    cache = tmp_path / "cache"
    assert _probe(cache) == "pl Dziś"
    built = sorted((cache / "WhitePhone" / "translations").glob("whitephone_pl*.qm"))  # named for the .ts content
    assert len(built) == 1, built
    qm = built[0]
    qm.write_bytes(qm.read_bytes()[:4096])  # a truncated file, newer than the .ts
    assert _probe(cache) == "pl Dziś"


def test_two_installs_do_not_share_one_cached_qm(tmp_path):
    """(Was:) the cache is keyed by the language alone (whitephone_pl.qm) and judged by mtime: a second
    copy of WhitePhone (another checkout, a newer/older release, a pip install next to a source
    tree) whose .ts files are older than the cache uses the other copy's translation."""
    other = tmp_path / "other"
    shutil.copytree(ROOT / "whitephone", other / "whitephone",
                    ignore=shutil.ignore_patterns("__pycache__", "*.qm"))
    ts = other / "whitephone" / "ui" / "translations" / "pl" / "window.ts"  # RelativeDates
    text = ts.read_text("utf-8")
    assert "<translation>Dziś</translation>" in text
    ts.write_text(text.replace("<translation>Dziś</translation>", "<translation>DZIŚ-INNA</translation>"), "utf-8")
    cache = tmp_path / "cache"
    # the other copy was installed later (newer .ts) and is run first: its .qm goes into the cache
    assert _probe(cache, pythonpath=other) == "pl DZIŚ-INNA"
    # this copy's .ts files are older than that cached .qm: it loads the other copy's texts
    assert _probe(cache) == "pl Dziś"


def test_two_processes_building_the_cache_at_once(tmp_path):
    """Two WhitePhones started together (two profiles at login, a window and `whitephone` CLI
    tools, a test run with -n 2) build the cache at once through the same fixed temp name
    whitephone_pl.qm.tmp: the loser's os.replace finds no temp file (FileNotFoundError), and
    that process shows English."""
    script = ("import sys, time\nfrom pathlib import Path\nfrom whitephone.ui import i18n\n"
              "start = float(sys.argv[2])\n"
              "while time.time() < start: pass\n"
              "try:\n    i18n.build_qm('pl', Path(sys.argv[1])); print('ok')\n"
              "except OSError as exc:\n    print('failed', exc)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    failures = []
    for round_ in range(8):
        out = tmp_path / f"r{round_}" / "whitephone_pl.qm"
        start = time.time() + 2.0
        procs = [subprocess.Popen([PY, "-c", script, str(out), str(start)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
        for p in procs:
            stdout, _ = p.communicate(timeout=120)
            if not stdout.startswith("ok"):
                failures.append(stdout.strip())
        if failures:
            break
    assert not failures, f"a concurrent build failed: {failures}"
