"""The per-user data folder: settings file, local database path, secrets in the OS keyring."""

from __future__ import annotations

import json
import locale
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

PROFILE_ENV = "WHITEPHONE_PROFILE"
KEYRING_SERVICE = "WhitePhone"

DEFAULT_SETTINGS: dict[str, Any] = {
    "region": "",  # ISO 3166 code; empty = from the system locale
    "window": {},
    "last_tab": 1,  # Address Books
}


_path_locks: dict[Path, threading.Lock] = {}
_path_locks_guard = threading.Lock()


@contextmanager
def _settings_lock(settings_path: Path) -> Iterator[None]:
    """This process's lock for one settings file, then the file lock other processes take
    (none when the folder cannot hold the lock file: the write itself then says why)."""
    from whitephone.sync.file_lock import file_lock

    with _path_locks_guard:
        lock = _path_locks.setdefault(settings_path, threading.Lock())
    with lock, ExitStack() as stack:
        try:
            stack.enter_context(file_lock(settings_path.with_name(".settings.lock")))
        except OSError as exc:
            log.warning("cannot lock %s (%s); writing without it", settings_path, exc)
        yield


def default_region() -> str:
    """The region of the system locale ("en_GB" -> "GB"), else "US"."""
    for name in (locale.getlocale()[0], os.environ.get("LC_ALL"), os.environ.get("LANG")):
        if name and "_" in name:
            code = name.split("_", 1)[1][:2].upper()
            if code.isalpha() and len(code) == 2:
                return code
    return "US"


def default_profile_dir() -> Path:
    env = os.environ.get(PROFILE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("WhitePhone", "WhitePhone"))


class ProfileError(OSError):
    """The data folder cannot be used (a file is in its place, no permission, ...)."""


def ensure_profile_dir(path: Path) -> Path:
    """`path`, created if missing; ProfileError with a plain reason when it cannot be a folder
    (a file is there, a link that leads nowhere or in a loop, a name too long, no permission)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        pass  # something that is not a folder: said below
    except OSError as exc:
        raise ProfileError(f"cannot create the data folder {path}: {exc.strerror or exc}") from exc
    try:
        is_dir = path.is_dir()
        path.stat()  # a symbolic link in a loop or to nowhere fails here with its reason
    except OSError as exc:
        raise ProfileError(f"cannot use the data folder {path}: {exc.strerror or exc}") from exc
    if not is_dir:
        raise ProfileError(f"the data folder {path} is not a folder (a file of that name is there)")
    return path


def profile_dir(root: Path | str | None) -> Path:
    """The data folder `root` names (None: the default one), created if missing; ProfileError
    for an empty name (`--profile ""` is a mistake, not a wish for the default)."""
    if root is None:
        return ensure_profile_dir(default_profile_dir())
    if not str(root).strip():
        raise ProfileError("the data folder name is empty: give a folder, or leave --profile out")
    return ensure_profile_dir(Path(root).expanduser())


@dataclass
class Profile:
    """A user's data folder. Settings are JSON next to the database; secrets never touch disk."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _memory_secrets: dict[str, str] = field(default_factory=dict, repr=False)
    _keyring_process: Any = field(default=None, repr=False, compare=False)  # keyring_in_child_process

    @classmethod
    def open(cls, root: Path | str | None = None) -> Profile:
        path = profile_dir(root)
        profile = cls(root=path.resolve())
        profile.settings = {**DEFAULT_SETTINGS, **profile._read_settings()}
        return profile

    # -- files ----------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.root / "whitephone.sqlite3"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    @property
    def logs_dir(self) -> Path:
        d = self.root / "logs"
        d.mkdir(exist_ok=True)
        return d

    @property
    def recordings_dir(self) -> Path:
        d = self.root / "recordings"
        d.mkdir(exist_ok=True)
        return d

    def _read_settings(self, quiet: bool = False) -> dict[str, Any]:
        try:
            data = json.loads(self.settings_path.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            if quiet:
                return {}
            log.warning("settings file %s unreadable (%s); using defaults", self.settings_path, exc)
            return {}

    # -- settings -------------------------------------------------------------------------
    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Save one setting. The file is read again first: another process of this profile (the
        window's engine remembers the ladder's rung here) may have saved its own key meanwhile,
        and writing this object's whole dict back would undo that."""
        self.update(key, lambda _current: value)

    def update(self, key: str, change: Callable[[Any], Any]) -> Any:
        """Save `change(the setting as the file has it now)` and return it: read, changed and
        written under one lock held across threads (any Profile object of this folder) and
        processes, so two writers of parts of one setting (two accounts' ladders remembering
        their rungs) both keep theirs."""
        with _settings_lock(self.settings_path), self._lock:
            self.settings = {**self.settings, **self._read_settings(quiet=True)}
            value = self.settings[key] = change(self.settings.get(key))
            self._write_settings()
        return value

    def _write_settings(self) -> None:
        # write-then-rename so a crash never leaves half a settings file (a name of its own: two
        # processes of one profile may write at once)
        tmp = self.settings_path.with_name(f".settings.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(self.settings, indent=2, sort_keys=True), "utf-8")
        os.replace(tmp, self.settings_path)

    @property
    def region(self) -> str:
        return (self.settings.get("region") or default_region()).upper()

    @region.setter
    def region(self, value: str) -> None:
        self.set("region", value.upper())

    @property
    def timezone(self) -> str:
        """The profile's IANA time zone (the diary's): the setting, else the computer's."""
        from whitephone.core.diary import local_zone_name

        return self.settings.get("timezone") or local_zone_name()

    # -- secrets --------------------------------------------------------------------------
    def keyring_in_child_process(self, idle_timeout_s: float | None = None) -> None:
        """Reach the keyring through a short-lived helper process from now on (the window: a
        long-lived process that must not keep `keyring` and its backend imported for a few
        look-ups; whitephone/keyring_process.py). Its stderr goes to logs/keyring-helper.log."""
        from whitephone.keyring_process import IDLE_TIMEOUT_S, KeyringProcess

        self._keyring_process = KeyringProcess(str(self.logs_dir / "keyring-helper.log"),
                                               idle_timeout_s=IDLE_TIMEOUT_S if idle_timeout_s is None
                                               else idle_timeout_s)

    def _keyring(self, op: str, name: str, value: str | None = None) -> str | None:
        """One keyring operation on this profile's entry `name`; KeyringFailed when it fails."""
        from whitephone import keyring_process

        helper = self._keyring_process
        if helper is not None:
            try:
                return helper.call(op, KEYRING_SERVICE, self._secret_key(name), value)
            except keyring_process.HelperUnavailable as exc:
                log.warning("the keyring helper cannot be started (%s); using the keyring in this process", exc)
                self._keyring_process = None
        return keyring_process.local_call(op, KEYRING_SERVICE, self._secret_key(name), value)

    def _secret_key(self, name: str) -> str:
        return f"{self.root}:{name}"

    def set_secret(self, name: str, value: str) -> bool:
        """Store a secret in the OS keyring. Returns False (and keeps it for this session only)
        when no keyring is available, so the caller can tell the user."""
        from whitephone.keyring_process import KeyringFailed

        try:
            self._keyring("set", name, value)
            self._memory_secrets.pop(name, None)  # an earlier failed save's copy would hide this one
            return True
        except KeyringFailed as exc:
            log.warning("no usable keyring (%s); secret %r kept in memory for this session", exc, name)
            self._memory_secrets[name] = value
            return False

    def get_secret(self, name: str) -> str | None:
        """The secret (None when there is none, or the keyring cannot be read)."""
        from whitephone.keyring_process import KeyringFailed

        if name in self._memory_secrets:
            return self._memory_secrets[name]
        try:
            return self._keyring("get", name)
        except KeyringFailed as exc:
            log.debug("keyring: %r not read (%s)", name, exc)
            return None

    def delete_secret(self, name: str) -> None:
        """Forget the secret (nothing happens when there is none)."""
        from whitephone.keyring_process import KeyringFailed

        self._memory_secrets.pop(name, None)
        try:
            self._keyring("delete", name)
        except KeyringFailed:
            pass
