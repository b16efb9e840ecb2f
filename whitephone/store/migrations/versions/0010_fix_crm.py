"""CRM reminders belong to the user who set them: crm_records.remind_by

Revision ID: 0010_fix_crm
Revises: 0009_timeline
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_fix_crm"
down_revision = "0009_timeline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0006 creates crm_records from the current model, so a fresh database has the column already
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("crm_records")}
    if "remind_by" not in have:
        op.add_column("crm_records", sa.Column("remind_by", sa.Integer()))


def downgrade() -> None:
    with op.batch_alter_table("crm_records") as b:
        b.drop_column("remind_by")
