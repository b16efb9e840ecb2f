"""messages.link: what a hub reminder is about (a CRM record, an appointment's occurrence), so
the Messages tab opens it and the diary shows one notification for it

Revision ID: 0011_diary_message_link
Revises: 0010_crm_reminder_owner
"""
import sqlalchemy as sa
from alembic import op

revision = "0011_diary_message_link"
down_revision = "0010_crm_reminder_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0008 creates messages from the current model, so a fresh database has the column already
    if "link" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("messages")}:
        op.add_column("messages", sa.Column("link", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("messages") as b:
        b.drop_column("link")
