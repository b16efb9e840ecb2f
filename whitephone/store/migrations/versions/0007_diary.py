"""diary: appointments with their R*Tree time index, reminders shown and meetings started

Revision ID: 0007_diary
Revises: 0006_crm
"""
from alembic import op

from whitephone.store import models

revision = "0007_diary"
down_revision = "0006_crm"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    models.appointments.create(bind)
    models.diary_done.create(bind)
    op.execute(f"CREATE VIRTUAL TABLE {models.SPAN_TABLE} USING rtree(id, lo, hi)")


def downgrade() -> None:
    op.execute(f"DROP TABLE {models.SPAN_TABLE}")
    op.drop_table("diary_done")
    op.drop_table("appointments")
