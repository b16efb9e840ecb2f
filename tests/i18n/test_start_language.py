"""From the break-it review (the defects each docstring tells of are fixed): attacks that held, kept for coverage (these pass on the code as built)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

START = """
import os, sys, tempfile, pathlib
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from whitephone.ui import i18n
lang = i18n.install(app, sys.argv[1] or None)
from whitephone.app import App
from whitephone.ui.main_window import MainWindow
a = App.open(pathlib.Path(tempfile.mkdtemp()) / "p")
w = MainWindow(a); w.show()
for _ in range(20):
    app.processEvents()
print(lang, "babel" in sys.modules, w.tabs.tabText(0).replace("&", ""))
a.close()
"""


def _start(tmp_path, lang_env: str, setting: str, cache: Path) -> tuple[list[str], str]:
    env = {**os.environ, "LANG": lang_env, "LC_ALL": "", "LANGUAGE": "", "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(cache), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", START, setting], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.split(), done.stderr


def test_an_english_window_start_loads_no_babel_and_builds_nothing(tmp_path):
    cache = tmp_path / "cache"
    for lang_env, setting in (("en_GB.UTF-8", ""), ("C", ""), ("pl_PL.UTF-8", "en")):
        out, _ = _start(tmp_path, lang_env, setting, cache)
        assert out[:2] == ["en", "False"], (lang_env, setting, out)
        assert not (cache / "WhitePhone").exists()


def test_an_unusable_cache_gives_english_and_says_why(tmp_path):
    """The cache folder is a file (or unwritable): no crash, English, a warning naming why."""
    cache = tmp_path / "cache-is-a-file"
    cache.write_text("")
    out, err = _start(tmp_path, "C", "pl", cache)
    assert out[0] == "pl" and out[2] != "Monitor"  # the texts are English
    assert "Not a directory" in err and "English is shown" in err
