"""One pending reminder per appointment and participant: a unique partial index (two writers
planning the same participant's next occurrence at once, a delivery and an edit, no longer both
insert one); reminders.link: a snoozed reminder's link (appointment:UID@KEY or crm_record:UID)

Revision ID: 0013_fix_diary_pending_unique
Revises: 0012_diary_appointment_reminders
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_fix_diary_pending_unique"
down_revision = "0012_diary_appointment_reminders"
branch_labels = None
depends_on = None

PENDING = "delivered_at IS NULL AND appointment IS NOT NULL"


def upgrade() -> None:
    op.add_column("reminders", sa.Column("link", sa.String(120)))  # a snoozed reminder keeps its link
    op.execute("DELETE FROM reminders WHERE appointment IS NOT NULL AND delivered_at IS NULL AND id NOT IN ("
               "SELECT MIN(id) FROM reminders WHERE appointment IS NOT NULL AND delivered_at IS NULL "
               "GROUP BY company_id, appointment, recipient_id)")
    op.create_index("ux_reminders_appointment_pending", "reminders", ["company_id", "appointment", "recipient_id"],
                    unique=True, sqlite_where=sa.text(PENDING), postgresql_where=sa.text(PENDING))


def downgrade() -> None:
    op.drop_index("ux_reminders_appointment_pending", "reminders")
    with op.batch_alter_table("reminders") as b:
        b.drop_column("link")
