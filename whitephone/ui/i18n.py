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

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGE_KEY = "language"
# code → the language's own name (shown in Preferences in that language)
LANGUAGES = {"en": "English", "pl": "Polski"}
TRANSLATIONS = Path(__file__).with_name("translations")

_installed: list = []  # the QTranslators in use (Qt does not own them)


def language_code(value) -> str | None:
    """The code of LANGUAGES a setting names ("pl", "pl_PL", "pl-PL", "PL"), else None (also for a
    value that is no text at all: settings.json is a file people and deploy scripts edit)."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def chosen_language(setting=None) -> str:
    """The language code to use: the setting, else the system's (QLocale), else English."""
    code = language_code(setting)
    if code is not None:
        return code
    from PySide6.QtCore import QLocale

    for name in QLocale.system().uiLanguages():  # "pl-PL", "en-US", …
        code = language_code(name)
        if code is not None:
            return code
    return "en"


def locale_for(lang: str):
    """The QLocale dates and numbers follow for an explicitly chosen language: the system's own
    when it speaks that language (an en_GB user who picks English keeps dd/MM/yyyy and 24 h),
    else the language's default territory."""
    from PySide6.QtCore import QLocale

    system = QLocale.system()
    if language_code(system.name()) == lang:
        return system
    return QLocale(lang)


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


def sources_hash(lang: str) -> str:
    """A short digest of the language's .ts files (names and contents): the cache key of a .qm
    built from them, so two installs of different versions never use each other's build."""
    digest = hashlib.sha256()
    for ts in ts_files(lang):
        digest.update(ts.name.encode() + b"\0" + ts.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_qm(lang: str, out: Path) -> Path:
    """Compile the language's .ts files into one .qm (raises OSError with lrelease's words).
    lrelease writes a temp file of this process's own, moved into place atomically: processes
    building the same file at once each end with a whole file."""
    tool = lrelease()
    sources = ts_files(lang)
    if tool is None or not sources:
        raise OSError(f"cannot build the {lang} translation: "
                      + ("no lrelease" if tool is None else "no .ts files"))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=out.name + ".", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        done = subprocess.run([tool, "-silent", *map(str, sources), "-qm", str(tmp)],
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
            raise OSError(f"lrelease failed: {(done.stderr or done.stdout).strip()[:300]}")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def loads(qm: Path) -> bool:
    """Whether Qt can load the file (a truncated or garbage .qm cannot)."""
    from PySide6.QtCore import QTranslator

    return qm.is_file() and QTranslator().load(str(qm))


def _fresh(qm: Path, lang: str) -> bool:
    if not qm.exists():
        return False
    built = qm.stat().st_mtime
    return all(ts.stat().st_mtime <= built for ts in ts_files(lang))


def cached_qm(lang: str) -> Path:
    """Where a .qm built on first use goes: the user's cache, named for the .ts files' content."""
    from platformdirs import user_cache_path

    name = f"whitephone_{lang}-{sources_hash(lang)}.qm"
    return user_cache_path("WhitePhone", appauthor=False) / "translations" / name


def usable_qm(lang: str) -> Path | None:
    """The .qm to load: the one built next to the sources when it is current (or there are no
    sources) and loads, else one built into the user's cache for exactly these .ts files (rebuilt
    once when the cached file does not load), None when it cannot be had."""
    shipped = qm_path(lang)
    if (_fresh(shipped, lang) or (shipped.exists() and not ts_files(lang))) and loads(shipped):
        return shipped
    if not ts_files(lang):
        log.warning("cannot build the %s translation: no .ts files", lang)
        return None
    try:
        cached = cached_qm(lang)
        if loads(cached):
            return cached
        if cached.exists():
            log.warning("the cached %s does not load; building it again", cached)
        built = build_qm(lang, cached)
        if loads(built):
            return built
        log.warning("the %s translation built by lrelease does not load", lang)
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
    if language_code(setting) is not None:  # an explicit choice also sets how dates and numbers look
        QLocale.setDefault(locale_for(lang))
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
