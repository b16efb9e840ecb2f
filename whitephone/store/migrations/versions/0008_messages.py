"""messages: inbox, outbox and trash of text, voice and video mail, announcements, reminders and
contact requests

Revision ID: 0008_messages
Revises: 0007_diary
"""
from alembic import op

from whitephone.store import models

revision = "0008_messages"
down_revision = "0007_diary"
branch_labels = None
depends_on = None


def upgrade() -> None:
    models.messages.create(op.get_bind())


def downgrade() -> None:
    op.drop_table("messages")
