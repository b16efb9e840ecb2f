"""Migration 0005 (sync state) on a database made before it: columns added, data kept."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from whitephone.store import Store
from whitephone.store.database import MIGRATIONS_DIR, make_engine


def test_a_0004_database_gains_the_sync_state_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        # as a 0004 database really was (0001 builds its tables from today's models)
        conn.exec_driver_sql("ALTER TABLE outbox DROP COLUMN payload")
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_outbox_entity_id")
        conn.exec_driver_sql("ALTER TABLE address_books DROP COLUMN shared")
        conn.exec_driver_sql("INSERT INTO address_books (uid, name, position, created_at) "
                             "VALUES ('b1', 'Personal', 1, '2026-01-01')")
        conn.exec_driver_sql("INSERT INTO outbox (mutation_id, entity, entity_id, op, created_at) "
                             "VALUES ('m1', 'address_book', 'b1', 'upsert', '2026-01-01')")
    engine.dispose()
    with Store(path) as store:
        (book,) = store.books.list()
        assert (book.name, book.shared) == ("Personal", False)
        assert store.sync.outbox_count() == 1 and store.sync.cursor == 0
        assert store.sync.conflicts() == [] and store.sync.rejections() == []
        items = store.sync.prepare_push()
        assert [(i.mutation["entity"], i.mutation["fields"]) for i in items] == [
            ("address_book", {"name": "Personal", "private": True})]
