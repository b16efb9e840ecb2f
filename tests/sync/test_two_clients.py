"""Two headless clients and a real hub: edits travel, merge, conflict and stay deleted."""

from __future__ import annotations

from whitephone.core.contact import ContactData, Email, Phone


def person(given: str, family: str, **kw) -> ContactData:
    return ContactData(given_name=given, family_name=family, **kw)


def test_an_edit_on_a_appears_on_b(clients):
    a, b = clients("alice"), clients("bob")
    a.store.contacts.add(person("Carol", "Jones", phones=[Phone("+44 20 7946 0000", "work", "+442079460000")],
                                emails=[Email("carol@example.com", "work")], tags=["vip"]), a.company_book())
    s = a.engine.sync_once()
    assert s.pushed >= 2 and s.rejected == 0
    b.engine.sync_once()
    got = [c for c in b.store.contacts.iter_all(b.company_book())]
    assert [c.best_display_name() for c in got] == ["Carol Jones"]
    assert got[0].phones[0].e164 == "+442079460000" and got[0].tags == ["vip"]
    assert b.store.outbox.count() == 0  # applied rows never re-enter the outbox
    assert b.engine.sync_once().pushed == 0
