"""narrow covering indexes for search: candidate sort keys without reading contact rows

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_contacts_family_sort ON contacts (lower(family_name), sort_key, id)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_contacts_id_sort ON contacts (id, sort_key)")
    op.execute("DROP INDEX IF EXISTS ix_contacts_family")


def downgrade() -> None:
    op.execute("CREATE INDEX ix_contacts_family ON contacts (lower(family_name))")
    op.execute("DROP INDEX ix_contacts_id_sort")
    op.execute("DROP INDEX ix_contacts_family_sort")
