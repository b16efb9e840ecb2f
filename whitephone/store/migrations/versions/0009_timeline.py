"""contact change history, private contact notes, call-log indexes for timelines

Revision ID: 0009_timeline
Revises: 0008_messages
"""
from alembic import op

from whitephone.store import models

revision = "0009_timeline"
down_revision = "0008_messages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    models.contact_history.create(bind)
    models.contact_notes.create(bind)
    # 0002 creates call_logs from the current model, so a fresh database has these already
    op.execute("CREATE INDEX IF NOT EXISTS ix_call_logs_contact_started ON call_logs (contact_id, started_at, id)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_call_logs_number_started ON call_logs (number_e164, started_at, id)")


def downgrade() -> None:
    op.drop_index("ix_call_logs_number_started", "call_logs")
    op.drop_index("ix_call_logs_contact_started", "call_logs")
    op.drop_table("contact_notes")
    op.drop_table("contact_history")
