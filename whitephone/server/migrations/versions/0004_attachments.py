"""message attachments (resumable uploads) and the per-company attachment size limit

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("companies", sa.Column("attachment_limit", Id))
    op.create_table(
        "attachments",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("owner_id", Id, nullable=False),
        sa.Column("name", sa.String(255)),
        sa.Column("declared_type", sa.String(100)),
        sa.Column("content_type", sa.String(100)),
        sa.Column("length", Id, nullable=False),
        sa.Column("received", Id, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("finished", sa.Float),
    )
    op.create_index("ix_attachments_company_id", "attachments", ["company_id"])
    op.create_index("ix_attachments_owner_id", "attachments", ["owner_id"])
    op.create_table(
        "message_attachments",
        sa.Column("message_id", Id, sa.ForeignKey("messages.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("attachment_id", Id, sa.ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_message_attachments_attachment_id", "message_attachments", ["attachment_id"])


def downgrade() -> None:
    op.drop_table("message_attachments")
    op.drop_table("attachments")
    with op.batch_alter_table("companies") as b:
        b.drop_column("attachment_limit")
