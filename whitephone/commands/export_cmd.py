"""`whitephone export PATH [--format vcf3|vcf4|csv] [--book NAME]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from whitephone.app import App
from whitephone.commands import UsageError, book_id_by_name, fail
from whitephone.importers import export_contacts
from whitephone.importers.export import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="vcf3, vcf4 or csv (default: from the file name, else vcf3)")
    parser.add_argument("--book", help="only this address book")


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("csv" if Path(args.path).suffix.lower() == ".csv" else "vcf3")
    app = App.open(args.profile)
    try:
        try:
            n = export_contacts(app.store, args.path, fmt, book_id_by_name(app, args.book))
        except UsageError as exc:
            return fail(str(exc))
        except OSError as exc:
            return fail(f"cannot write {args.path}: {exc.strerror or exc}")
        print(json.dumps({"exported": n, "path": str(args.path), "format": fmt}))
        return 0
    finally:
        app.close()
