"""The start-up budget (issue 18) as features land: by the time the window shows its first rows,
none of the heavy modules that only some later action needs has been imported.

A feature that needs one of these imports it inside the function that uses it (see
core/photo.py, store/database.py's migrate). The list is what measured heavy; extend it when a
new heavy dependency arrives.
"""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = (
    "alembic",  # only when a migration is due (whitephone/revisions.py)
    "mako",
    "PySide6.QtMultimedia",  # the recording player, when a recording is played
    "PySide6.QtCharts",
    "PySide6.QtNetwork",  # ~3 MiB: the single-instance socket is Python's (ui/single_instance.py), but on Windows
    "PySide6.QtWebEngineCore",
    "openpyxl",
    "numpy",
    "PIL",  # Pillow: when a photo is set
    "icalendar",
    "vobject",
    "phonenumbers",  # the first rows' numbers come from ui/first_read.py's cache (whitephone/phone.py: lazy)
    "pjsua2",  # the engine process's, never the window's
    "sounddevice",
    "fastapi",  # the hub's web stack runs in its own process
    "uvicorn",
    "starlette",
    "whitephone.server",
    "whitephone.importers",
    "rich",  # httpx's command-line tool (whitephone/lean_imports.py)
    "pygments",
    "click",
    "cryptography.x509",  # the office certificate, when sharing is switched on
    # the first rows are read with sqlite3 (whitephone/ui/first_read.py); the store comes after
    "sqlalchemy",
    "whitephone.store",
    "whitephone.app",
    "whitephone.protocol",
    "pydantic",  # the protocol models, with the store
    "whitephone.sync",
    "httpx",
)


def heavy_in(modules: list[str]) -> list[str]:
    from whitephone.lean_imports import SKIPPED  # marked absent (None in sys.modules), not imported

    found = []
    for name in modules:
        if name in SKIPPED:
            continue
        if any(name == h or name.startswith(h + ".") for h in HEAVY):
            found.append(name)
    return found


def test_heavy_modules_wait_until_used(tmp_path):
    profile = tmp_path / "profile"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WHITEPHONE_NO_ENGINE="1",
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("WHITEPHONE_PROFILE", None)
    # the store exists already (its first creation migrates: Alembic then is expected)
    subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile), "contacts", "add",
                    "--name", "Mary Smith", "--phone", "+44 20 7946 0018"],
                   env=env, check=True, capture_output=True, timeout=120)
    # the window ran before: it left the first rows' phone texts (ui/first_read.py)
    from whitephone.profile import Profile
    from whitephone.ui.first_read import save_phone_texts

    assert save_phone_texts(Profile.open(profile), ["+442079460018"])
    listing = tmp_path / "modules.txt"
    env.update(WHITEPHONE_BENCH_QUIT_WHEN_SHOWN="1", WHITEPHONE_BENCH_MODULES=str(listing))
    out = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert "shown rows=1" in out.stdout, out.stdout + out.stderr
    modules = listing.read_text().split()
    assert "whitephone.ui.first_read" in modules and "PySide6.QtWidgets" in modules  # the listing is real
    assert heavy_in(modules) == [], "imported before the first window (import them where they are used)"


def test_the_check_sees_heavy_modules():
    assert heavy_in(["alembic.config", "PIL", "sqlalchemy.dialects.postgresql.base", "PILLOW", "pydantic_core",
                     "httpx._main"]) == [
        "alembic.config", "PIL", "sqlalchemy.dialects.postgresql.base"]
    assert heavy_in(["phonenumbersx", "whitephone.phone", "whitephone.ui.first_read", "sqlite3"]) == []
    assert heavy_in(["phonenumbers.phonenumberutil"]) == ["phonenumbers.phonenumberutil"]


def test_the_engine_leaves_openssl_out(tmp_path):
    """The engine process (issue 18): its start-up imports and its build key (a SHA-256 of the
    pjsua2 library) load no OpenSSL: `hashlib`/`hmac`/`secrets` map libcrypto, ~3.3 MiB resident.
    STUN/TURN credentials import them when a server asks for them."""
    code = ("import sys\n"
            "from whitephone.sip import agent, engine, jitter_trim, trim_selftest\n"
            "from whitephone.net import stun\n"
            "jitter_trim._build_key()\n"
            "maps = open('/proc/self/maps').read() if sys.platform.startswith('linux') else ''\n"
            "print('loaded', sorted(m for m in ('hashlib', '_hashlib', 'hmac', 'secrets', 'ssl') if m in sys.modules))\n"
            "print('libcrypto', 'libcrypto.so.3' in maps)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)), check=True).stdout.splitlines()  # pjsua2 writes there too
    assert "loaded []" in out, out
    assert "libcrypto False" in out, out


def test_stun_integrity_still_signs():
    from whitephone.net import stun

    signed = stun._message(0x0003, b"\0" * 12, [], key=b"k")  # noqa: SLF001 - the lazily imported hmac
    plain = stun._message(0x0003, b"\0" * 12, [])  # noqa: SLF001
    assert len(signed) == len(plain) + 24


def test_the_attached_window_needs_no_pydantic():
    """After the first rows the window imports the store, the app and its tabs; none of them needs
    the hub's pydantic models (~9 MiB idle: `from whitephone.protocol import recurrence` once
    loaded them through the package's lazy attributes). The models still load when asked for."""
    code = ("import sys\n"
            "import whitephone.app, whitephone.store, whitephone.core.diary, whitephone.ui.main_window\n"
            "from whitephone.protocol import recurrence, entities\n"
            "print('pydantic' in sys.modules, recurrence.__name__, entities.__name__)\n"
            "from whitephone.protocol import Login\n"
            "print('pydantic' in sys.modules, Login.__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), check=True).stdout.splitlines()
    assert out == ["False whitephone.protocol.recurrence whitephone.protocol.entities", "True Login"], out
