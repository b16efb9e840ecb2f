"""Migration 0010 (CRM reminder owner, number digits) on a database made before it: columns added,
existing records keyed by their number's digits so the caller lookup finds them."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from whitephone.store import Store
from whitephone.store.database import MIGRATIONS_DIR, make_engine


def test_a_0009_database_gains_remind_by_and_number_keys_for_its_records(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0009_timeline")
        # as a 0009 database really was (0006 builds crm_records from today's model)
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_crm_records_number_key")
        conn.exec_driver_sql("ALTER TABLE crm_records DROP COLUMN number_key")
        conn.exec_driver_sql("ALTER TABLE crm_records DROP COLUMN remind_by")
        conn.exec_driver_sql(
            "INSERT INTO crm_records (uid, type, priority, status, subject, number, owner_name, created_at, "
            "updated_at) VALUES ('r1', 'Support', 'low', 'open', 'Boiler', '+44 20 7946 0000', '', "
            "'2026-01-01', '2026-01-01')")
    engine.dispose()
    with Store(path) as store:
        (rec,) = store.crm.for_contact(number="+442079460000")
        assert rec.uid == "r1" and rec.remind_by is None
        assert store.crm.for_contact(number="+442079460001") == []
