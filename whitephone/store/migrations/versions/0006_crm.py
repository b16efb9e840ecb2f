"""CRM records, notes and their history; record counts kept by triggers

Revision ID: 0006_crm
Revises: 0005
"""
from alembic import op

from whitephone.store import models

revision = "0006_crm"
down_revision = "0005"
branch_labels = None
depends_on = None

_KEY = "{row}.status, {row}.type, {row}.priority, coalesce({row}.group_id, 0)"
_ADD = ("INSERT INTO crm_counts (status, type, priority, group_key, n) VALUES ({key}, 1) "
        "ON CONFLICT (status, type, priority, group_key) DO UPDATE SET n = n + 1;")
_SUB = ("UPDATE crm_counts SET n = n - 1 WHERE (status, type, priority, group_key) = ({key});")


def upgrade() -> None:
    bind = op.get_bind()
    for table in (models.crm_records, models.crm_counts, models.crm_notes, models.crm_history):
        table.create(bind, checkfirst=True)
    new, old = _KEY.format(row="NEW"), _KEY.format(row="OLD")
    op.execute(f"CREATE TRIGGER crm_counts_ins AFTER INSERT ON crm_records BEGIN {_ADD.format(key=new)} END")
    op.execute(f"CREATE TRIGGER crm_counts_del AFTER DELETE ON crm_records BEGIN {_SUB.format(key=old)} END")
    op.execute("CREATE TRIGGER crm_counts_upd AFTER UPDATE OF status, type, priority, group_id ON crm_records "
               f"BEGIN {_SUB.format(key=old)} {_ADD.format(key=new)} END")


def downgrade() -> None:
    for t in ("crm_counts_upd", "crm_counts_del", "crm_counts_ins"):
        op.execute(f"DROP TRIGGER {t}")
    for name in ("crm_history", "crm_notes", "crm_counts", "crm_records"):
        op.drop_table(name)
