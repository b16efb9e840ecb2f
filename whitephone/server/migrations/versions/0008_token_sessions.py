"""tokens carry their session (the tokens issued together and their refreshes), so a sign-out
ends that session only

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tokens", sa.Column("family", sa.String(32)))
    op.create_index("ix_tokens_family", "tokens", ["family"])


def downgrade() -> None:
    op.drop_index("ix_tokens_family", "tokens")
    with op.batch_alter_table("tokens") as b:
        b.drop_column("family")
