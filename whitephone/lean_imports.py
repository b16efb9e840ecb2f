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
