"""Translations: `update` refreshes the .ts files from the code (Qt's lupdate), `release`
builds the .qm files Qt loads (lrelease). One .ts per area of the code and language, so that
people translating different parts do not edit the same file.

    python packaging/translations.py update [--lang pl] [--area dialogs]
    python packaging/translations.py release
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI = ROOT / "whitephone" / "ui"
sys.path.insert(0, str(ROOT))

from whitephone.ui.i18n import LANGUAGES, TRANSLATIONS, build_qm, qm_path  # noqa: E402


def area_sources() -> dict[str, list[Path]]:
    """Area → the Python files whose strings its .ts holds."""
    return {
        "dialogs": sorted((UI / "dialogs").rglob("*.py")),
        "views": sorted([*(UI / "tabs").rglob("*.py"), *(UI / "diary").rglob("*.py")]),
        "window": sorted(UI.glob("*.py")),
    }


def lupdate() -> str:
    import PySide6

    return str(Path(PySide6.__file__).with_name("lupdate"))


def update(langs: list[str], areas: list[str]) -> None:
    import subprocess

    sources = area_sources()
    for lang in langs:
        for area in areas:
            ts = TRANSLATIONS / lang / f"{area}.ts"
            ts.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([lupdate(), "-silent", "-locations", "none", "-no-obsolete",
                            "-target-language", lang, *map(str, sources[area]), "-ts", str(ts)],
                           check=True)
            print(ts.relative_to(ROOT))


def release(langs: list[str]) -> None:
    for lang in langs:
        print(build_qm(lang, qm_path(lang)).relative_to(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["update", "release"])
    others = [code for code in LANGUAGES if code != "en"]
    parser.add_argument("--lang", action="append", choices=others)
    parser.add_argument("--area", action="append", choices=sorted(area_sources()))
    args = parser.parse_args()
    langs = args.lang or others
    if args.action == "update":
        update(langs, args.area or sorted(area_sources()))
    else:
        release(langs)


if __name__ == "__main__":
    main()
