"""CRM: the company's record types, reminders tied to a CRM record

Revision ID: 0009_crm
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_crm"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("companies", sa.Column("crm_types", sa.JSON()))
    op.add_column("reminders", sa.Column("crm_record", sa.String(64)))
    op.create_index("ix_reminders_crm_record", "reminders", ["crm_record"])


def downgrade() -> None:
    op.drop_index("ix_reminders_crm_record", "reminders")
    with op.batch_alter_table("reminders") as b:
        b.drop_column("crm_record")
    with op.batch_alter_table("companies") as b:
        b.drop_column("crm_types")
