"""call groups with members; sync rows carry their call group and the time they were deleted;
per-company tombstone purge mark and CRM task counter; per-user resync mark

Revision ID: 0002
Revises: 0001
"""
import time

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "call_groups",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.UniqueConstraint("company_id", "name", name="uq_call_groups_company_name"),
    )
    op.create_index("ix_call_groups_company_id", "call_groups", ["company_id"])
    op.create_table(
        "call_group_members",
        sa.Column("group_id", Id, sa.ForeignKey("call_groups.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_call_group_members_user_id", "call_group_members", ["user_id"])
    op.add_column("records", sa.Column("group_id", Id))
    op.add_column("records", sa.Column("deleted_at", sa.Float))
    op.create_index("ix_records_group_id", "records", ["group_id"])
    op.add_column("users", sa.Column("resync_seq", Id))
    op.add_column("companies", sa.Column("purged_seq", Id))
    op.add_column("companies", sa.Column("task_counter", Id))
    # Existing tombstones start their retention now; task numbers continue from the row count
    # (the rule before: rows were never removed, so the count was the last number given out).
    op.execute(sa.text("UPDATE records SET deleted_at = :now WHERE deleted").bindparams(now=time.time()))
    op.execute("UPDATE companies SET task_counter = (SELECT count(*) FROM records WHERE "
               "records.company_id = companies.id AND records.entity = 'crm_record')")


def downgrade() -> None:
    with op.batch_alter_table("companies") as b:
        b.drop_column("task_counter")
        b.drop_column("purged_seq")
    with op.batch_alter_table("users") as b:
        b.drop_column("resync_seq")
    op.drop_index("ix_records_group_id", "records")
    with op.batch_alter_table("records") as b:
        b.drop_column("deleted_at")
        b.drop_column("group_id")
    op.drop_table("call_group_members")
    op.drop_table("call_groups")
