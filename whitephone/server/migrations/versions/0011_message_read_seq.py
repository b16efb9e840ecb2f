"""messages.read_seq: a per-recipient order of read flags, so a user's other computers learn
what was read (GET /api/v1/messages/read-since)

Revision ID: 0011_message_read_seq
Revises: 0010_diary
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_message_read_seq"
down_revision = "0010_diary"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("messages") as b:
        b.add_column(sa.Column("read_seq", Id))
    op.create_index("ix_messages_recipient_read_seq", "messages", ["recipient_id", "read_seq"])


def downgrade() -> None:
    op.drop_index("ix_messages_recipient_read_seq", "messages")
    with op.batch_alter_table("messages") as b:
        b.drop_column("read_seq")
