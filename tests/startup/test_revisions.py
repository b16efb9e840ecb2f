"""The migration head read from the files (no Alembic import) agrees with Alembic, and start-up
on a current schema never imports Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import whitephone
from whitephone.revisions import head_revision

PKG = Path(whitephone.__file__).parent
FOLDERS = [PKG / "store" / "migrations", PKG / "server" / "migrations"]


@pytest.mark.parametrize("folder", FOLDERS, ids=["store", "hub"])
def test_head_matches_alembic(folder):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(folder))
    assert head_revision(folder / "versions") == ScriptDirectory.from_config(cfg).get_current_head()


def _write(folder: Path, name: str, rev: str, down: str) -> None:
    (folder / name).write_text(f'"""x"""\nrevision = "{rev}"\ndown_revision = {down}\n')


def test_unclear_folders_answer_none(tmp_path):
    _write(tmp_path, "a.py", "a", "None")
    _write(tmp_path, "b.py", "b", '"a"')
    assert head_revision(tmp_path) == "b"
    _write(tmp_path, "c.py", "c", '"a"')  # two heads: Alembic must say what is wrong
    assert head_revision(tmp_path) is None
    _write(tmp_path, "m.py", "m", '("b", "c")  # merge')
    assert head_revision(tmp_path) == "m"
    (tmp_path / "d.py").write_text('revision = "d"\ndown_revision = PARENT\n')  # computed: ask Alembic
    assert head_revision(tmp_path) is None
    (tmp_path / "d.py").write_text('revision = "d"\n')  # no parent declared
    assert head_revision(tmp_path) is None
    (tmp_path / "d.py").unlink()
    _write(tmp_path, "e.py", "e", '"missing"')  # a parent that is not there
    assert head_revision(tmp_path) is None
    assert head_revision(tmp_path / "nowhere") is None


def _alembic_imported(code: str) -> bool:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('alembic' in sys.modules)"],
                         capture_output=True, text=True, check=True, timeout=120)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_store_start_imports_alembic_only_when_a_migration_is_due(tmp_path):
    from alembic import command
    from alembic.config import Config

    from whitephone.store.database import MIGRATIONS_DIR, make_engine

    db = tmp_path / "w.sqlite3"
    engine = make_engine(db)  # an older file (as after an upgrade of WhitePhone): at 0004
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    engine.dispose()
    opened = f"from whitephone.store import Store\nStore({str(db)!r}).close()"
    assert _alembic_imported(opened)  # migrated
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision(
            FOLDERS[0] / "versions")
    assert not _alembic_imported(opened)  # current: one query, no Alembic
    new = f"from whitephone.store import Store\nStore({str(tmp_path / 'new.sqlite3')!r}).close()"
    assert _alembic_imported(new)  # a new file: created by the migrations


def test_hub_start_imports_alembic_only_when_a_migration_is_due(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    code = (f"from sqlalchemy import create_engine\nfrom whitephone.server.migrate import migrate\n"
            f"e = create_engine({url!r})\nprint(migrate(e))\ne.dispose()")
    assert _alembic_imported(code)
    assert not _alembic_imported(code)
