"""CRM: reminders belong to whoever set them (crm_records.remind_by); numbers are matched by
their digits (crm_records.number_key) so the caller lookup finds a record however its number was typed

Revision ID: 0010_crm_reminder_owner
Revises: 0009_timeline
"""
import sqlalchemy as sa
from alembic import op

from whitephone.phone import number_key

revision = "0010_crm_reminder_owner"
down_revision = "0009_timeline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    # 0006 creates crm_records from the current model, so a fresh database has the columns already
    have = {c["name"] for c in sa.inspect(bind).get_columns("crm_records")}
    if "remind_by" not in have:
        op.add_column("crm_records", sa.Column("remind_by", sa.Integer()))
    if "number_key" not in have:
        op.add_column("crm_records", sa.Column("number_key", sa.Text()))
        rows = bind.exec_driver_sql("SELECT id, number FROM crm_records WHERE number IS NOT NULL").all()
        keyed = [{"k": number_key(n), "i": i} for i, n in rows if number_key(n)]
        if keyed:
            bind.execute(sa.text("UPDATE crm_records SET number_key = :k WHERE id = :i"), keyed)
    op.execute("CREATE INDEX IF NOT EXISTS ix_crm_records_number_key ON crm_records (number_key, status, created_at)"
               " WHERE number_key IS NOT NULL")


def downgrade() -> None:
    op.drop_index("ix_crm_records_number_key", "crm_records")
    with op.batch_alter_table("crm_records") as b:
        b.drop_column("number_key")
        b.drop_column("remind_by")
