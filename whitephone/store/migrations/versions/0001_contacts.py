"""contacts, address books, tags, custom fields, outbox, FTS5 trigram index

Revision ID: 0001
Revises:
"""
from alembic import op

from whitephone.store import models

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in (
        models.address_books, models.contacts, models.contact_photos, models.contact_companies,
        models.phones, models.emails, models.addresses, models.websites, models.tags,
        models.contact_tags, models.custom_fields, models.custom_values, models.outbox,
    ):
        table.create(bind)
    op.execute(
        "CREATE VIRTUAL TABLE contact_fts USING fts5("
        "name, company, email, phone, tokenize='trigram')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE contact_fts")
    for name in ("outbox", "custom_values", "custom_fields", "contact_tags", "tags", "websites",
                 "addresses", "emails", "phones", "contact_companies", "contact_photos", "contacts",
                 "address_books"):
        op.drop_table(name)
