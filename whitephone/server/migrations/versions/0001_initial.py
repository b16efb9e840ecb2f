"""the hub's schema as create_all made it before migrations: companies, users, tokens, messages,
contact requests, password resets, sync records and change log, applied mutations, audit log

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Spelled out here (not imported from db.py) so this revision keeps meaning what it meant.
Id = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("regions", sa.JSON),
    )
    op.create_table(
        "users",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("is_admin", sa.Boolean, nullable=False),
        sa.Column("permissions", sa.JSON, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("last_seen", sa.Float),
        sa.Column("region", sa.String(8)),
        sa.Column("timezone", sa.String(64)),
        sa.Column("preferences", sa.JSON),
    )
    op.create_index("ix_users_company_id", "users", ["company_id"])
    op.create_table(
        "password_resets",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("expires", sa.Float, nullable=False),
    )
    op.create_table(
        "contact_requests",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("from_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("to_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created", sa.Float, nullable=False),
    )
    op.create_index("ix_contact_requests_from_id", "contact_requests", ["from_id"])
    op.create_index("ix_contact_requests_to_id", "contact_requests", ["to_id"])
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("expires", sa.Float, nullable=False),
    )
    op.create_index("ix_tokens_user_id", "tokens", ["user_id"])
    op.create_table(
        "messages",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("sender_id", Id, nullable=False),
        sa.Column("recipient_id", Id, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False),
    )
    op.create_index("ix_messages_recipient_id", "messages", ["recipient_id"])
    op.create_table(
        "change_log",
        sa.Column("seq", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("owner_id", Id),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_change_log_company_id", "change_log", ["company_id"])
    op.create_table(
        "records",
        sa.Column("company_id", Id, primary_key=True),
        sa.Column("entity", sa.String(20), primary_key=True),
        sa.Column("record_id", sa.String(64), primary_key=True),
        sa.Column("owner_id", Id),
        sa.Column("version", Id, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("field_versions", sa.JSON, nullable=False),
    )
    op.create_index("ix_records_version", "records", ["version"])
    op.create_table(
        "applied_mutations",
        sa.Column("mutation_id", sa.String(64), primary_key=True),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("actor_id", Id, nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_audit_log_company_id", "audit_log", ["company_id"])


def downgrade() -> None:
    for name in ("audit_log", "applied_mutations", "records", "change_log", "messages", "tokens",
                 "contact_requests", "password_resets", "users", "companies"):
        op.drop_table(name)
