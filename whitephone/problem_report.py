"""Help → Report a problem, without Qt: the logs folder's logs and crash reports, secrets removed
(whitephone/crash.py `redact`), with a description of this computer, in one zip the user saves."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

from whitephone.crash import OFFERED_FILE, about_lines, redact, tail

MAX_FILE_BYTES = 2 * 2**20  # the end of each log: pjsip.log rotates at 5 MB × 3
_TEXT = re.compile(r"\.(log|txt)(\.\d+)?$", re.IGNORECASE)
_SETTINGS_SECRETS = re.compile(r"password|secret|token|key|credential", re.IGNORECASE)
_PROXY_KEY = re.compile(r"proxy", re.IGNORECASE)


def _without_credentials(url: str) -> str:
    """A proxy URL without its password: everything between the user name and the LAST "@" goes
    (a password may hold "@", spaces, anything), as ProxyURL.parse reads it."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    userinfo, at, host = rest.rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}{sep}{userinfo.partition(':')[0]}:[removed]@{host}"


def _clean_settings(value: Any) -> Any:
    """settings.json with any secret-looking key's value removed (secrets live in the keyring,
    but a user may have typed one anywhere), and a proxy URL's password (an older profile's
    `tls` → `proxy`, left in place when there is no keyring to move it into)."""
    if isinstance(value, dict):
        return {k: "[removed]" if _SETTINGS_SECRETS.search(str(k)) and v not in ("", None, {}, [])
                else _without_credentials(v) if isinstance(v, str) and _PROXY_KEY.search(str(k))
                else _clean_settings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_settings(v) for v in value]
    return value


def build_zip(logs_dir: Path | str, dest: Path | str, settings: dict | None = None,
              extra_about: list[str] | None = None) -> list[str]:
    """Write the zip to `dest` (atomically); the names in it. Text logs and reports only (no
    recordings or sound tests), each cut to its last 2 MB and redacted."""
    logs_dir, dest = Path(logs_dir), Path(dest)
    names: list[str] = []
    tmp = dest.with_name(dest.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        about = [*about_lines("window"), *(extra_about or [])]
        z.writestr("about.txt", redact("\n".join(about)) + "\n")
        names.append("about.txt")
        if settings is not None:
            z.writestr("settings.json", redact(json.dumps(_clean_settings(settings), indent=2, sort_keys=True,
                                                          ensure_ascii=False, default=str)) + "\n")
            names.append("settings.json")
        files = sorted(p for p in logs_dir.iterdir() if p.is_file() and _TEXT.search(p.name)
                       and p.name != OFFERED_FILE) if logs_dir.is_dir() else []
        for path in files:
            arc = f"logs/{path.name}"
            z.writestr(arc, redact(tail(path, MAX_FILE_BYTES)))
            names.append(arc)
    tmp.replace(dest)
    return names
