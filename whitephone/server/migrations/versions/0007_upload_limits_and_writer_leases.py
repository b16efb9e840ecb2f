"""per-user upload quota and open-upload cap per company; a writer lease per upload

Revision ID: 0007
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("companies") as b:
        b.add_column(sa.Column("attachment_quota", Id))
        b.add_column(sa.Column("attachment_open_limit", sa.Integer))
    with op.batch_alter_table("attachments") as b:
        b.add_column(sa.Column("writer", sa.String(32)))
        b.add_column(sa.Column("writer_until", sa.Float))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as b:
        b.drop_column("writer_until")
        b.drop_column("writer")
    with op.batch_alter_table("companies") as b:
        b.drop_column("attachment_open_limit")
        b.drop_column("attachment_quota")
