"""CLI subcommands: each module has `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import json
import sys


class UsageError(Exception):
    """Bad input on the command line: printed as {"error": ...} on stderr, exit status 2."""


def fail(message: str) -> int:
    print(json.dumps({"error": message}, ensure_ascii=False), file=sys.stderr)
    return 2


def book_id_by_name(app, name: str | None) -> int | None:
    """The id of the address book called `name` (None for all books); UsageError if missing."""
    if not name:
        return None
    book = app.store.books.by_name(name)
    if book is None:
        raise UsageError(f"no address book named {name!r}")
    return book.id
