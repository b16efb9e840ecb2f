"""record_viewers: the colleagues invited to a private appointment see it

Revision ID: 0010_diary
Revises: 0009_crm
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_diary"
down_revision = "0009_crm"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "record_viewers",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("user_id", Id, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "entity", "record_id", "user_id"),
    )
    op.create_index("ix_record_viewers_user_id", "record_viewers", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_record_viewers_user_id", "record_viewers")
    op.drop_table("record_viewers")
