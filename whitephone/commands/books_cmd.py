"""`whitephone books`: the address books (JSON lines: name, shared, contacts)."""

from __future__ import annotations

import argparse

from whitephone.app import App
from whitephone.commands.hub_common import emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    app = App.open(args.profile)
    try:
        for b in app.store.books.list():
            emit({"name": b.name, "shared": b.shared, "contacts": b.contact_count, "id": b.uid})
    finally:
        app.close()
    return 0
