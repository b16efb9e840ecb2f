"""Headless clients (profile + store + session + SyncEngine, the objects the window uses) and a
real hub: uvicorn in a thread (tests/server/conftest.py) or `whitephone server` as a process."""

from __future__ import annotations

import pytest

from tests.server.conftest import RunningHub, db_url  # noqa: F401  (fixture re-exported)
from whitephone.profile import Profile
from whitephone.store import Store
from whitephone.sync.engine import SyncEngine
from whitephone.sync.session import Session

PASSWORD = "password123"


@pytest.fixture(autouse=True)
def own_keyring(tmp_path, monkeypatch):
    """A keyring file per test: the plaintext test keyring is one file, and tests running at the
    same time (here and on other branches) would otherwise write it together."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


class Client:
    """One desktop client without a window."""

    def __init__(self, root) -> None:
        self.root = root
        self.profile = Profile.open(root)
        self.store = Store(self.profile.db_path)
        self.session = Session(self.profile, self.store)
        self.engine = SyncEngine(self.store, self.session, pull_interval=1.0)

    def close(self) -> None:
        self.engine.stop()
        if self.session.client is not None:
            self.session.client.close()
        self.store.close()

    def company_book(self) -> int:
        from whitephone.store.sync_rows import COMPANY_BOOK_UID

        return next(b.id for b in self.store.books.list() if b.uid == COMPANY_BOOK_UID)

    def names(self, book_id: int | None = None) -> list[str]:
        return sorted(c.best_display_name() for c in self.store.contacts.iter_all(book_id))


@pytest.fixture
def hub(db_url, tmp_path):  # noqa: F811
    h = RunningHub(db_url, tmp_path / "hub")
    yield h
    h.stop()


@pytest.fixture
def proc_hub(db_url, tmp_path):  # noqa: F811
    """`whitephone server` as a child process (it can be killed and started again)."""
    from whitephone.sync.embedded_hub import EmbeddedHub

    h = EmbeddedHub(tmp_path / "hub", db_url=db_url)
    h.start()
    h.base = h.url
    yield h
    h.kill()


@pytest.fixture
def clients(tmp_path, request, db_url):  # noqa: F811
    """make(name) -> a Client signed in to the test's hub (`hub`, or `proc_hub` when the test
    uses that): the first registers the company, the others are added to it as colleagues."""
    hub = request.getfixturevalue("proc_hub" if "proc_hub" in request.fixturenames else "hub")
    made: list[Client] = []

    def make(name: str, *, register: bool | None = None) -> Client:
        c = Client(tmp_path / name)
        email = f"{name}@example.com"
        if not made or register:
            c.session.register(hub.base, "Acme", name, email, PASSWORD)
        else:
            admin = made[0].session.ensure()
            admin.request("POST", "/api/v1/users", json={"name": name, "email": email, "password": PASSWORD})
            c.session.login(hub.base, email, PASSWORD)
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()
