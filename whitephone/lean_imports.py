"""Keep optional parts of libraries out of the window's process (issue 18, the start-up budget).

httpx's `__init__` imports its command-line tool (`httpx._main`) whenever click and rich happen
to be installed, which drags in click, rich and pygments: ~0.1-0.4 s and ~5 MiB for a `main()`
the window never calls. Marking that module as absent makes httpx fall back to its own small
`main` that says the CLI is not installed; the `httpx` command itself (another process) is not
affected. Call before httpx is imported; harmless after.
"""

from __future__ import annotations

import sys

SKIPPED = ("httpx._main",)


def skip_optional_parts() -> None:
    for name in SKIPPED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type] - None: "import fails"


def lighter_pyside_import_hook() -> bool:
    """PySide6 (6.x) hooks `import`: the first time a module is imported after PySide6, its
    `__feature__` support asks whether the module's source mentions "PySide6", through
    `inspect.getsource`, which reads the whole file into `linecache` and keeps it there: in the
    window that was ~19 MiB of source lines (SQLAlchemy's, the store's, the tabs') held for the
    life of the process, and their reading and splitting in the start-up's time. The same question
    is answered here from the file's bytes, kept nowhere. Private API of PySide6: when it is not
    there (another version), nothing is changed (False)."""
    feature = sys.modules.get("PySide6.support.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_whitephone", False):
        return False

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # a package without source, a zip: as PySide6 does it
        try:
            with open(path, "rb") as f:
                return b"PySide6" in f.read()
        except OSError:
            return False  # as PySide6: a module without a source file is not looked at

    mod_uses_pyside._whitephone = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = mod_uses_pyside
    return True
