"""The demo profile (`whitephone demo`, screenshots) looks like a real company's address books."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import text

from whitephone.app import App
from whitephone.demo import create_demo


def test_demo_people_link_to_the_real_companies_without_empty_namesakes(tmp_path):
    app = App.open(tmp_path / "profile")
    try:
        assert create_demo(app) > 80
        with app.store.engine.connect() as c:
            companies = Counter(name for (name,) in c.execute(
                text("SELECT display_name FROM contacts WHERE kind = 'company'")))
            linked_to_bare = c.execute(text(
                "SELECT count(*) FROM contact_companies cc WHERE NOT EXISTS "
                "(SELECT 1 FROM phones p WHERE p.contact_id = cc.company_id)")).scalar_one()
        assert companies and max(companies.values()) == 1, companies
        assert linked_to_bare == 0  # every person works for a company with its details
        assert [b.name for b in app.store.books.list()][:2] == ["Personal", "Customers"]
    finally:
        app.close()
