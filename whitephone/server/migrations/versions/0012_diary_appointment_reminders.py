"""Appointment reminders: reminders.appointment/occurrence (one pending reminder per appointment
and participant, for its next occurrence) and messages.link (what a reminder message is about)

Revision ID: 0012_diary_appointment_reminders
Revises: 0011_message_read_seq
"""
import sqlalchemy as sa
from alembic import op

revision = "0012_diary_appointment_reminders"
down_revision = "0011_message_read_seq"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reminders", sa.Column("appointment", sa.String(64)))
    op.add_column("reminders", sa.Column("occurrence", sa.String(20)))
    op.create_index("ix_reminders_appointment", "reminders", ["appointment"])
    op.add_column("messages", sa.Column("link", sa.String(200)))


def downgrade() -> None:
    with op.batch_alter_table("messages") as b:
        b.drop_column("link")
    op.drop_index("ix_reminders_appointment", "reminders")
    with op.batch_alter_table("reminders") as b:
        b.drop_column("occurrence")
        b.drop_column("appointment")
