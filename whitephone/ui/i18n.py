"""The window's language: Qt translators for WhitePhone's own strings and Qt's (standard buttons).

Strings are marked in the code with Qt's tr (`self.tr("…")` in a QObject class,
`QCoreApplication.translate("Context", "…")` elsewhere) and translated in
`whitephone/ui/translations/<lang>/*.ts` (Qt Linguist files, one per area of the code; see
`packaging/translations.py`). The `.qm` files Qt loads are built from them by `lrelease`
(`make` builds them next to the `.ts` files; from a bare source checkout they are built on first
use into the user's cache). English is the source language: nothing is loaded for it.

Preferences → General → Language: "" follows the system, or a code from LANGUAGES. The choice
takes effect at the next start (Qt widgets keep the texts they were built with)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGE_KEY = "language"
# code → the language's own name (shown in Preferences in that language)
LANGUAGES = {"en": "English", "pl": "Polski"}
TRANSLATIONS = Path(__file__).with_name("translations")

_installed: list = []  # the QTranslators in use (Qt does not own them)


def chosen_language(setting: str | None = None) -> str:
    """The language code to use: the setting, else the system's (QLocale), else English."""
    if setting in LANGUAGES:
        return setting
    from PySide6.QtCore import QLocale

    for name in QLocale.system().uiLanguages():  # "pl-PL", "en-US", …
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def ts_files(lang: str) -> list[Path]:
    return sorted((TRANSLATIONS / lang).glob("*.ts"))


def qm_path(lang: str) -> Path:
    return TRANSLATIONS / f"whitephone_{lang}.qm"


def lrelease() -> str | None:
    """Qt's lrelease: the one PySide6 ships, else one on PATH."""
    try:
        import PySide6

        shipped = Path(PySide6.__file__).with_name("lrelease")
        if shipped.exists():
            return str(shipped)
    except ImportError:
        pass
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def build_qm(lang: str, out: Path) -> Path:
    """Compile the language's .ts files into one .qm (raises OSError with lrelease's words)."""
    tool = lrelease()
    sources = ts_files(lang)
    if tool is None or not sources:
        raise OSError(f"cannot build the {lang} translation: "
                      + ("no lrelease" if tool is None else "no .ts files"))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    done = subprocess.run([tool, "-silent", *map(str, sources), "-qm", str(tmp)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or not tmp.exists():
        raise OSError(f"lrelease failed: {(done.stderr or done.stdout).strip()[:300]}")
    os.replace(tmp, out)
    return out


def _fresh(qm: Path, lang: str) -> bool:
    if not qm.exists():
        return False
    built = qm.stat().st_mtime
    return all(ts.stat().st_mtime <= built for ts in ts_files(lang))


def usable_qm(lang: str) -> Path | None:
    """The .qm to load: the one built next to the sources when it is current, else one built
    now into the user's cache (a source checkout), None when it cannot be had."""
    shipped = qm_path(lang)
    if _fresh(shipped, lang) or (shipped.exists() and not ts_files(lang)):  # installed copies carry no .ts
        return shipped
    from platformdirs import user_cache_path

    cached = user_cache_path("WhitePhone", appauthor=False) / "translations" / shipped.name
    if _fresh(cached, lang):
        return cached
    try:
        return build_qm(lang, cached)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("%s", exc)
        return None


def install(qt_app, setting: str | None = None) -> str:
    """Load the translators for the chosen language into `qt_app`; returns the language code.
    Dates and numbers follow the same locale (QLocale.setDefault)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for old in _installed:
        qt_app.removeTranslator(old)
    _installed.clear()
    lang = chosen_language(setting)
    if setting in LANGUAGES:  # an explicit choice also sets how dates and numbers look
        QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return lang
    qt_own = QTranslator(qt_app)  # Qt's own strings: OK/Cancel, context menus
    if qt_own.load(QLocale(lang), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        qt_app.installTranslator(qt_own)
        _installed.append(qt_own)
    qm = usable_qm(lang)
    ours = QTranslator(qt_app)
    if qm is not None and ours.load(str(qm)):
        qt_app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no %s translation of WhitePhone's own texts; English is shown", lang)
    return lang
