"""Translations: no user-facing string in the window's code escapes Qt's tr, the .ts files hold
every string the code has, every entry is translated (placeholders kept), and the Polish
translation loads and is used."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.i18n.escapes import escapes, escapes_in
from whitephone.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
from translations import area_sources, lupdate  # noqa: E402

# developer tools with demo data, not screens people read
NOT_CHECKED = {"whitephone/ui/screenshots.py"}
AREAS = sorted(area_sources())
LANGS = [code for code in i18n.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%(?:\d+|[sdnfL]|\.\d+f)|\{[a-z_0-9]*\}")


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name"), msg) for ctx in root.iter("context") for msg in ctx.iter("message")]


@pytest.mark.parametrize("area", AREAS)
def test_no_string_escapes_tr(area):
    files = [f for f in area_sources()[area] if str(f.relative_to(ROOT)) not in NOT_CHECKED]
    found = escapes(ROOT, files)
    assert not found, "strings shown to people without tr:\n" + "\n".join(map(str, found))


def test_the_checker_finds_escapes(tmp_path):
    src = tmp_path / "w.py"
    src.write_text(
        "def f(self, QLabel, box, n, label):\n"
        "    QLabel('Hello')\n"
        "    box.setText(f'{n} calls')\n"
        "    box.setToolTip(self.tr(f'{n} calls'))\n"
        "    box.setText(self.tr(label))\n"
        "    box.setText(self.tr(label))  # i18n: marked\n"
        "    box.setText(self.tr('Fine'))\n"
        "    box.setText('<b></b>')\n"
        "    box.setPlaceholderText('sip:alice@example.com')  # i18n: not text\n"
        "    box.setWindowTitle('WhitePhone — %s' % n)\n")
    lines = sorted(e.line for e in escapes_in(src, tmp_path))
    assert lines == [2, 3, 4, 5, 10]


@pytest.mark.skipif(shutil.which("true") is None, reason="no shell tools")
@pytest.mark.parametrize("area", AREAS)
def test_ts_files_hold_every_string_of_the_code(area, tmp_path):
    sources = area_sources()[area]
    fresh = tmp_path / f"{area}.ts"
    subprocess.run([lupdate(), "-silent", "-locations", "none", *map(str, sources), "-ts", str(fresh)],
                   check=True, timeout=300)
    in_code = {(ctx, m.findtext("source"), m.findtext("comment")) for ctx, m in _messages(fresh)}
    for lang in LANGS:
        ts = i18n.TRANSLATIONS / lang / f"{area}.ts"
        assert ts.exists(), f"{ts} missing: run python packaging/translations.py update"
        have = {(ctx, m.findtext("source"), m.findtext("comment")) for ctx, m in _messages(ts)
                if (m.find("translation").get("type") or "") not in ("vanished", "obsolete")}
        missing = sorted(in_code - have, key=str)
        assert not missing, (f"{ts.name} ({lang}) lacks {len(missing)} strings of the code; run "
                             f"python packaging/translations.py update and translate them:\n"
                             + "\n".join(f"  {c}: {s!r}" for c, s, _ in missing[:40]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("area", AREAS)
def test_every_entry_is_translated(lang, area):
    ts = i18n.TRANSLATIONS / lang / f"{area}.ts"
    bad = []
    for ctx, msg in _messages(ts):
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        kind = tr.get("type") or ""
        if kind in ("vanished", "obsolete"):
            bad.append(f"{ctx}: {source!r} is no longer in the code (run update with -no-obsolete)")
            continue
        forms = [f.text or "" for f in tr.iter("numerusform")] if msg.get("numerus") == "yes" else [tr.text or ""]
        if kind == "unfinished" or not all(f.strip() for f in forms):
            bad.append(f"{ctx}: {source!r} is not translated")
            continue
        want = sorted(p for p in PLACEHOLDER.findall(source) if p != "%n")
        for form in forms:
            got = sorted(p for p in PLACEHOLDER.findall(form) if p != "%n")
            if got != want:
                bad.append(f"{ctx}: {source!r} → {form!r} changes the placeholders {want} → {got}")
    assert not bad, f"{ts.name} ({lang}):\n" + "\n".join(bad[:60]) + (f"\n… {len(bad)} in all" if len(bad) > 60 else "")


@pytest.mark.parametrize("lang", LANGS)
def test_translation_builds_and_is_used(lang, tmp_path, qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    qm = i18n.build_qm(lang, tmp_path / f"whitephone_{lang}.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    ctx, msg = next((c, m) for c, m in _messages(i18n.TRANSLATIONS / lang / "dialogs.ts")
                    if m.get("numerus") != "yes" and (m.find("translation").text or "").strip()
                    and m.findtext("translation") != m.findtext("source"))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate(ctx, msg.findtext("source")) == msg.findtext("translation")
    finally:
        qapp.removeTranslator(translator)


def test_language_choice():
    assert i18n.chosen_language("pl") == "pl"
    assert i18n.chosen_language("en") == "en"
    assert i18n.chosen_language("xx") in i18n.LANGUAGES  # unknown: the system's, else English
