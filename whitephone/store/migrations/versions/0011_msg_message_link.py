"""messages.link: what a reminder reminds of, as the hub says it ("crm_record:<uid>",
"appointment:<uid>[@<occurrence>]"); an outgoing reminder (a snooze) carries it on

Revision ID: 0011_msg_message_link
Revises: 0010_crm_reminder_owner
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_msg_message_link"
down_revision = "0010_crm_reminder_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0008 creates messages from the current model, so a fresh database has the column already
    if "link" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("messages")}:
        op.add_column("messages", sa.Column("link", sa.String(200)))


def downgrade() -> None:
    with op.batch_alter_table("messages") as b:
        b.drop_column("link")
