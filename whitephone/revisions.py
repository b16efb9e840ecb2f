"""The newest revision of an Alembic versions folder, read without importing Alembic.

Start-up asks "is a migration due?" on every run, and the answer is almost always no: importing
Alembic to learn that cost ~0.15-0.3 s and a few MiB (it pulls in every SQLAlchemy dialect). Each
migration file declares `revision = "…"` and `down_revision = …` at top level; the head is the one
revision no other file names as its parent. When the folder is anything but one plain chain or
tree with a single head (a file this reader does not understand, two heads), the answer is None
and the caller asks Alembic, which says what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(.+)$", re.M)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def head_revision(versions_dir: Path) -> str | None:
    """The single head revision of `versions_dir`, or None when it cannot be told for sure."""
    revisions: set[str] = set()
    parents: set[str] = set()
    try:
        files = sorted(versions_dir.glob("*.py"))
    except OSError:
        return None
    for path in files:
        if path.name.startswith("__"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        rev, down = _REVISION.findall(text), _DOWN.findall(text)
        if len(rev) != 1 or len(down) != 1:
            return None
        value = down[0].split("#", 1)[0].strip()
        named = _QUOTED.findall(value)
        if not named and value != "None":
            return None  # a computed parent: only Alembic can tell
        revisions.add(rev[0])
        parents.update(named)
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return None
    return heads.pop()
