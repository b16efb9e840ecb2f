"""ids are never handed out twice (AUTOINCREMENT on SQLite) and the persisted login/reset throttle

On SQLite a table without AUTOINCREMENT gives a deleted row's id (the highest one) to the next row:
a deleted user's id went to the next user registered, with the old inbox. Each table with a
generated id is rebuilt with AUTOINCREMENT; its rows keep their ids and `sqlite_sequence` starts
at the highest one, so new ids continue above it. PostgreSQL's BIGSERIAL columns draw from
sequences, which never go back: nothing to change there.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The tables with a generated id as they stood at 0004 (spelled out: this revision keeps its meaning).
TABLES = ("companies", "users", "contact_requests", "messages", "change_log", "audit_log", "call_groups",
          "markets", "reminders", "sip_contacts", "attachments")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TABLES:
        # Copies the rows with their ids; indexes, unique and foreign keys are reflected and kept.
        with op.batch_alter_table(name, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass


def upgrade() -> None:
    _rebuild(True)
    op.create_table(
        "auth_throttle",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("expires", sa.Float, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_auth_throttle_expires", "auth_throttle", ["expires"])


def downgrade() -> None:
    op.drop_table("auth_throttle")
    _rebuild(False)
