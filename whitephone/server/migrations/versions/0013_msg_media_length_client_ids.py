"""The company's longest voice/video mail and attachments' durations; client ids (idempotent
retries) for reminders and announcements; the link of a reminder (and its message) to its source

Revision ID: 0013_msg_media_length_client_ids
Revises: 0012_diary_appointment_reminders
"""
import sqlalchemy as sa
from alembic import op

revision = "0013_msg_media_length_client_ids"
down_revision = "0012_diary_appointment_reminders"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("companies") as b:
        b.add_column(sa.Column("voice_mail_seconds", sa.Integer()))
    with op.batch_alter_table("attachments") as b:
        b.add_column(sa.Column("duration", sa.Float()))
    with op.batch_alter_table("reminders") as b:
        b.add_column(sa.Column("client_id", sa.String(36)))
        b.add_column(sa.Column("link", sa.String(200)))
    op.create_index("ix_reminders_sender_client", "reminders", ["sender_id", "client_id"], unique=True)
    op.create_table(
        "announcements",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("company_id", Id, nullable=False),
        sa.Column("sender_id", Id, nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("market_id", Id),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("created", sa.Float(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_announcements_sender_client", "announcements", ["sender_id", "client_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_announcements_sender_client", "announcements")
    op.drop_table("announcements")
    op.drop_index("ix_reminders_sender_client", "reminders")
    with op.batch_alter_table("reminders") as b:
        b.drop_column("link")
        b.drop_column("client_id")
    with op.batch_alter_table("attachments") as b:
        b.drop_column("duration")
    with op.batch_alter_table("companies") as b:
        b.drop_column("voice_mail_seconds")
