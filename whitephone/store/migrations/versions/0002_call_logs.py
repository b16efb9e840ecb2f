"""call logs

Revision ID: 0002
Revises: 0001
"""
from alembic import op

from whitephone.store import models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    models.call_logs.create(op.get_bind())


def downgrade() -> None:
    op.drop_table("call_logs")
