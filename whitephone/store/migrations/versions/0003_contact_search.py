"""contact_search: casefolded search text per contact, for dense searches

Revision ID: 0003
Revises: 0002
"""
from alembic import op

from whitephone.store import models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    models.contact_search.create(op.get_bind())
    op.execute("INSERT INTO contact_search(id, text) SELECT rowid, "
               "wp_fold(name || ' ' || company || ' ' || email || ' ' || phone) FROM contact_fts")


def downgrade() -> None:
    op.drop_table("contact_search")
