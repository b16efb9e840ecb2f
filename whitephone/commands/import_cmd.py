"""`whitephone import PATH...`: one JSON report on stdout."""

from __future__ import annotations

import argparse
import json
import sys

from whitephone.app import App
from whitephone.importers import ImportReport, ItemError, NotAContactsFile, import_files
from whitephone.store import BookError
from whitephone.store.contacts import DUPLICATE_POLICIES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="vCard (.vcf) or CSV files")
    parser.add_argument("--book", default="Personal", help="address book to import into (created if missing)")
    parser.add_argument("--on-duplicate", choices=DUPLICATE_POLICIES, default="merge",
                        help="what to do with a contact that is already there (default: merge)")


def run(args: argparse.Namespace) -> int:
    app = App.open(args.profile)
    report = ImportReport()
    status = 0
    try:
        try:
            book_id = app.store.books.ensure(args.book)
        except BookError as exc:
            report.errors.append(ItemError("", 0, 0, str(exc)))
            print(json.dumps(report.to_json(), ensure_ascii=False))
            return 2
        for path in args.paths:
            try:
                r = import_files(app.store, [path], book_id=book_id, policy=args.on_duplicate,
                                 region=app.profile.region)
            except NotAContactsFile as exc:
                report.errors.append(ItemError(str(path), 0, 0, str(exc)))
                status = 2
                continue
            except OSError as exc:
                report.errors.append(ItemError(str(path), 0, 0, f"cannot read the file: {exc}"))
                status = 2
                continue
            report.add(r)
            report.errors += r.errors
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
        return status
    finally:
        app.close()
