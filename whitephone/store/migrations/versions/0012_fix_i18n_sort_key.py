"""contacts.sort_key without accents (core/name_key.py): "Łucja" and "Émilie" sort with the L and
E names, not after Z; every stored key is computed again from the display name

Revision ID: 0012_fix_i18n_sort_key
Revises: 0011_diary_message_link
"""
import sqlalchemy as sa
from alembic import op

from whitephone.core.name_key import name_key

revision = "0012_fix_i18n_sort_key"
down_revision = "0011_diary_message_link"
branch_labels = None
depends_on = None

BATCH = 5000


def _recompute(key) -> None:
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(sa.text("SELECT id, display_name, sort_key FROM contacts WHERE id > :last"
                                    " ORDER BY id LIMIT :n"), {"last": last, "n": BATCH}).all()
        if not rows:
            return
        changed = [{"id": r.id, "k": key(r.display_name or "")} for r in rows]
        changed = [c for c, r in zip(changed, rows, strict=True) if c["k"] != r.sort_key]
        if changed:
            conn.execute(sa.text("UPDATE contacts SET sort_key = :k WHERE id = :id"), changed)
        last = rows[-1].id


def upgrade() -> None:
    _recompute(name_key)


def downgrade() -> None:
    _recompute(lambda name: name.casefold().strip())
