"""markets (channels users join) and announcements to them; reminders waiting for their due time;
SIP contacts of connected devices

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "markets",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, sa.ForeignKey("companies.id"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.UniqueConstraint("company_id", "name", name="uq_markets_company_name"),
    )
    op.create_index("ix_markets_company_id", "markets", ["company_id"])
    op.create_table(
        "market_members",
        sa.Column("market_id", Id, sa.ForeignKey("markets.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_id", Id, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_market_members_user_id", "market_members", ["user_id"])
    op.add_column("messages", sa.Column("market_id", Id))
    op.create_table(
        "reminders",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("sender_id", Id, nullable=False),
        sa.Column("recipient_id", Id, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("due", sa.Float, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("delivered_at", sa.Float),
        sa.Column("message_id", Id),
    )
    op.create_index("ix_reminders_sender_id", "reminders", ["sender_id"])
    op.create_index("ix_reminders_pending", "reminders", ["delivered_at", "due"])
    op.create_table(
        "sip_contacts",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("origin", sa.String(32), nullable=False),
        sa.Column("uri", sa.String(256), nullable=False),
        sa.Column("seen", sa.Float, nullable=False),
    )
    op.create_index("ix_sip_contacts_user_id", "sip_contacts", ["user_id"])


def downgrade() -> None:
    op.drop_table("sip_contacts")
    op.drop_table("reminders")
    with op.batch_alter_table("messages") as b:
        b.drop_column("market_id")
    op.drop_table("market_members")
    op.drop_table("markets")
