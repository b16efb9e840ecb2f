"""sync state: cursor and settings, the last synced copy of each row (merge base), conflicts,
rejections, frozen outbox payloads, shared address books

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0001 creates its tables from the current models, so a fresh database already has these
    cols = {t: {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)} for t in ("outbox", "address_books")}
    if "payload" not in cols["outbox"]:
        op.add_column("outbox", sa.Column("payload", sa.Text()))
    op.execute("CREATE INDEX IF NOT EXISTS ix_outbox_entity_id ON outbox (entity, entity_id)")
    if "shared" not in cols["address_books"]:
        op.add_column("address_books", sa.Column("shared", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "sync_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_rows",
        sa.Column("entity", sa.String(32), primary_key=True),
        sa.Column("uid", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("mutation_id", sa.String(64)),
        sa.Column("base", sa.Text()),
        sa.Column("local", sa.Text()),
        sa.Column("server", sa.Text()),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_table(
        "sync_rejections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("mutation_id", sa.String(64), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text()),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("sync_rejections")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_rows")
    op.drop_table("sync_meta")
    with op.batch_alter_table("address_books") as b:
        b.drop_column("shared")
    op.drop_index("ix_outbox_entity_id", "outbox")
    with op.batch_alter_table("outbox") as b:
        b.drop_column("payload")
