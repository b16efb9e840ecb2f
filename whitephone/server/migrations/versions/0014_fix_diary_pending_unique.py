"""One pending reminder per appointment and participant: a unique partial index (two writers
planning the same participant's next occurrence at once, a delivery and an edit, no longer both
insert one)

Revision ID: 0014_fix_diary_pending_unique
Revises: 0013_msg_media_length_client_ids
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_fix_diary_pending_unique"
down_revision = "0013_msg_media_length_client_ids"
branch_labels = None
depends_on = None

PENDING = "delivered_at IS NULL AND appointment IS NOT NULL"


def upgrade() -> None:
    op.execute("DELETE FROM reminders WHERE appointment IS NOT NULL AND delivered_at IS NULL AND id NOT IN ("
               "SELECT MIN(id) FROM reminders WHERE appointment IS NOT NULL AND delivered_at IS NULL "
               "GROUP BY company_id, appointment, recipient_id)")
    op.create_index("ux_reminders_appointment_pending", "reminders", ["company_id", "appointment", "recipient_id"],
                    unique=True, sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))


def downgrade() -> None:
    op.drop_index("ux_reminders_appointment_pending", "reminders")
