"""What an import reports: per-item errors and counts; files that are not contacts at all."""

from __future__ import annotations

from dataclasses import dataclass, field

from whitephone.store.contacts import BatchResult


@dataclass
class ItemError:
    file: str
    item: int  # 1-based card/row number in the file (0: the file itself)
    line: int  # line where the item starts
    reason: str

    def to_json(self) -> dict:
        return {"file": self.file, "item": self.item, "line": self.line, "reason": self.reason}


@dataclass
class ImportReport(BatchResult):
    """The store's counts (imported, updated, merged, skipped; companies created for the people on
    the way, so the book grows by imported + companies) plus what went wrong."""

    errors: list[ItemError] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict:
        return {"imported": self.imported, "updated": self.updated, "merged": self.merged,
                "skipped": self.skipped, "companies": self.companies, "errors": [e.to_json() for e in self.errors]}


class NotAContactsFile(Exception):
    """The file cannot be read, or holds no contacts in a format we know."""
