"""The window's first read, before SQLAlchemy and the store are imported (issue 18).

The first window needs only the first page of "All contacts" (no search text, no filter), the
address books with their counts and the tag names. They are read here with the standard `sqlite3`
module on a read-only connection, so the window shows its first rows while SQLAlchemy, the store,
the protocol models and the other tabs are still to be imported; `MainWindow.attach` then hands
the real store over. Writing always goes through the store: this reads only.

Any search other than the first page (the user typed before the store was up) waits for the
store and is answered by it, so the first search still finds everything.

`FirstRead.open` returns None (the caller takes the ordinary path: open the store first) when the
file is missing, cannot be read, or its schema is not the newest (a migration is due).

The first page's numbers are shown formatted for the profile's region; phonenumbers (~0.1-0.2 s
to import and load its metadata) is kept off this path by a small cache in the profile folder
(PHONE_TEXTS): the texts phonenumbers gave the first page's numbers the last time the window ran
(`save_phone_texts`, on the reader thread once the store is up). A number not in it (new, or
another region) is formatted by phonenumbers as before: the text shown is the same either way.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from whitephone.core.contact import ContactSummary

# the same columns as store/contacts.py's _SUMMARY_SELECT (tests/startup/test_first_read.py
# compares the two answers)
_FIRST_PAGE = """
SELECT c.id, c.uid, c.display_name, c.kind, c.book_id, c.sort_key, b.name AS book,
  (SELECT json_group_array(json_array(cc.position, co.display_name))
     FROM contact_companies cc JOIN contacts co ON co.id = cc.company_id
    WHERE cc.person_id = c.id) AS companies,
  (SELECT json_group_array(json_array(p.position, coalesce(nullif(p.e164, ''), p.number)))
     FROM phones p WHERE p.contact_id = c.id) AS phones,
  (SELECT json_group_array(json_array(e.position, e.address))
     FROM emails e WHERE e.contact_id = c.id) AS emails
FROM (SELECT id FROM contacts ORDER BY sort_key, id LIMIT ?) AS page
JOIN contacts c ON c.id = page.id JOIN address_books b ON b.id = c.book_id
ORDER BY c.sort_key, c.id
"""
WAIT_FOR_STORE_S = 120.0  # a search asked for before the store is up waits this long at most
PHONE_TEXTS = "first_rows_phones.json"  # {"region": "GB", "texts": {"+44...": "020 ..."}}
PHONE_TEXTS_MAX = 2000  # numbers kept (a first page holds 200 contacts)
PHONE_TEXTS_BYTES = 256 * 1024  # a bigger file is not what save_phone_texts writes: not read


def _texts_sum(texts: dict[str, str]) -> str:
    """A check of the texts as written: a file edited by hand (or half written) fails it."""
    import hashlib

    return hashlib.sha256(json.dumps(texts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _phonenumbers_version() -> str:
    """Which phonenumbers is installed (its metadata decides the texts), without importing it or
    importlib.metadata: its package file's size and time ("" when not found: texts checked again)."""
    try:
        from importlib.util import find_spec

        spec = find_spec("phonenumbers")
        st = os.stat(spec.origin)  # type: ignore[union-attr, arg-type]
        return f"{st.st_size}-{st.st_mtime_ns}"
    except Exception:  # noqa: BLE001 - unknown: every cached text is formatted again
        return ""


def _load_phone_texts(root: Path, limit: int = PHONE_TEXTS_MAX, check: bool = False) -> tuple[str, dict[str, str], str]:
    """(region, texts, version): the cache as last written; ("", {}, "") when it is missing, too
    big (over PHONE_TEXTS_BYTES: not read at all) or broken in any way (a cache never stops the
    window: bad JSON, deeply nested JSON, wrong types). At most `limit` texts are kept. `version`:
    the phonenumbers version that wrote the texts, "" unless `check` and the file's "sum" matches
    its texts (a file edited by hand or half written is not trusted; not checked on the first
    rows' path, where the texts are only shown)."""
    try:
        path = root / PHONE_TEXTS
        if path.stat().st_size > PHONE_TEXTS_BYTES:
            return "", {}, ""
        data = json.loads(path.read_text(encoding="utf-8"))
        region, texts = data["region"], data["texts"]
        if isinstance(region, str) and isinstance(texts, dict):
            kept: dict[str, str] = {}
            for k, v in texts.items():
                if isinstance(k, str) and isinstance(v, str):
                    kept[k] = v
                    if len(kept) >= limit:
                        break
            version = data.get("version")
            trusted = (check and isinstance(version, str) and len(kept) == len(texts)
                       and data.get("sum") == _texts_sum(kept))
            return region, kept, version if trusted else ""
    except Exception:  # noqa: BLE001 - whatever is wrong with a cache, it is as good as absent
        pass
    return "", {}, ""


def save_phone_texts(profile, numbers) -> bool:
    """Remember how phonenumbers writes `numbers` (E.164) for the profile's region, for the next
    start's first rows; True when the file changed. Runs off the main thread. phonenumbers is
    imported only when the file does not already hold exactly these numbers, written by this
    phonenumbers version (its "version" and "sum" match): otherwise every text is formatted again,
    so a wrong text (an older phonenumbers, a file edited by hand) is corrected by this run."""
    region = profile.region
    root = Path(profile.root)
    known_region, known, known_version = _load_phone_texts(root, check=True)
    wanted = [n for n in dict.fromkeys(numbers) if n.startswith("+")][:PHONE_TEXTS_MAX]
    version = _phonenumbers_version()
    if version and known_version == version and known_region == region and set(wanted) == set(known):
        return False  # nothing new: phonenumbers is not even imported
    from whitephone.phone import format_for_region

    texts = {n: format_for_region(n, region) for n in wanted}
    tmp = root / (PHONE_TEXTS + ".tmp")
    tmp.write_text(json.dumps({"region": region, "version": version, "sum": _texts_sum(texts), "texts": texts},
                              ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, root / PHONE_TEXTS)
    return True


@dataclass(frozen=True)
class BookCount:
    """An address book as the book list shows it (store.books.AddressBook's fields it reads)."""

    id: int
    name: str
    contact_count: int


def _ordered(pairs_json: str) -> tuple[str, ...]:
    import json

    return tuple(v for _, v in sorted(json.loads(pairs_json), key=lambda pv: pv[0]))


class FirstRead:
    """Read-only answers for the first window; `attach` hands later searches to the store."""

    def __init__(self, profile, db_path: Path) -> None:
        self.profile = profile
        self.db_path = db_path
        self._service = None
        self._attached = threading.Event()
        self._texts_region, self._texts, _version = _load_phone_texts(Path(profile.root))

    @property
    def region(self) -> str:
        return self.profile.region  # Preferences may change it while the window runs

    def phone_text(self, e164: str) -> str | None:
        """How phonenumbers wrote this number for the profile's region last time (None: not known)."""
        return self._texts.get(e164) if self._texts_region == self.region else None

    @classmethod
    def open(cls, profile) -> FirstRead | None:
        """None when the store must be opened first (no file yet, unreadable, migration due)."""
        from whitephone.revisions import head_revision

        path = Path(profile.db_path)
        if not path.is_file():
            return None
        head = head_revision(Path(__file__).resolve().parents[1] / "store" / "migrations" / "versions")
        reader = cls(profile, path)
        try:
            with reader._connect() as conn:
                has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
                current = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has else None
        except sqlite3.Error:
            return None
        if head is None or current is None or current[0] != head:
            return None
        return reader

    def _connect(self) -> sqlite3.Connection:
        # read-only: this path can never write; a fresh connection per read (any thread)
        conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        conn.execute("PRAGMA cache_size=-8192")  # as the store: no memory map, an 8 MiB page cache
        return conn

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        conn = self._connect()
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def books(self) -> list[BookCount]:
        counts = dict(self._read("SELECT book_id, count(*) FROM contacts GROUP BY book_id"))
        return [BookCount(i, name, counts.get(i, 0))
                for i, name in self._read("SELECT id, name FROM address_books ORDER BY position, name")]

    def tags(self) -> list[str]:
        return [r[0] for r in self._read("SELECT name FROM tags ORDER BY name")]

    def first_page(self, limit: int) -> list[ContactSummary]:
        return [ContactSummary(id=r[0], uid=r[1], display_name=r[2], kind=r[3], book_id=r[4], sort_key=r[5],
                               book=r[6], companies=_ordered(r[7]), phones=_ordered(r[8]), emails=_ordered(r[9]))
                for r in self._read(_FIRST_PAGE, (limit,))]

    # -- the contacts service's search, as ContactListModel calls it ---------------------------
    def search(self, text: str, *, limit: int = 50, after=None, **filters) -> list[ContactSummary]:
        if not text.strip() and after is None and not any(v is not None for v in filters.values()):
            if self._service is None:
                return self.first_page(limit)
        if not self._attached.wait(WAIT_FOR_STORE_S) or self._service is None:
            raise RuntimeError("the address book is still opening; search again in a moment")
        return self._service.search(text, limit=limit, after=after, **filters)

    def attach(self, contacts_service) -> None:
        """The store is up: every search from now on is the store's."""
        self._service = contacts_service
        self._attached.set()

    def close(self) -> None:
        """The window closes before the store came up: a search waiting for it ends now (with
        an error nobody will see) instead of holding the reader thread, and the close, for up to
        WAIT_FOR_STORE_S."""
        self._attached.set()
