"""sync hardening: mutation ids per company, the author of each change, conflicts in the change
feed of the users whose change lost, and idempotent message sends (client_id)

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("change_log", sa.Column("author_id", Id))
    op.create_table(
        "sync_conflicts",
        sa.Column("seq", Id, primary_key=True, autoincrement=False),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("mutation_id", sa.String(64)),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("fields", sa.JSON, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
    )
    op.create_index("ix_sync_conflicts_user_id", "sync_conflicts", ["user_id"])
    # applied_mutations keyed by (company, mutation id); the old rows take their user's company
    op.create_table(
        "applied_mutations_new",
        sa.Column("company_id", Id, primary_key=True),
        sa.Column("mutation_id", sa.String(64), primary_key=True),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.execute("INSERT INTO applied_mutations_new (company_id, mutation_id, user_id, result) "
               "SELECT users.company_id, a.mutation_id, a.user_id, a.result "
               "FROM applied_mutations a JOIN users ON users.id = a.user_id")
    op.drop_table("applied_mutations")
    op.rename_table("applied_mutations_new", "applied_mutations")
    op.add_column("messages", sa.Column("client_id", sa.String(36)))
    op.create_index("ix_messages_sender_client", "messages", ["sender_id", "client_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_messages_sender_client", "messages")
    with op.batch_alter_table("messages") as b:
        b.drop_column("client_id")
    op.create_table(
        "applied_mutations_old",
        sa.Column("mutation_id", sa.String(64), primary_key=True),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.execute("INSERT INTO applied_mutations_old (mutation_id, user_id, result) "
               "SELECT a.mutation_id, a.user_id, a.result FROM applied_mutations a WHERE a.company_id = "
               "(SELECT min(b.company_id) FROM applied_mutations b WHERE b.mutation_id = a.mutation_id)")
    op.drop_table("applied_mutations")
    op.rename_table("applied_mutations_old", "applied_mutations")
    op.drop_table("sync_conflicts")
    with op.batch_alter_table("change_log") as b:
        b.drop_column("author_id")
