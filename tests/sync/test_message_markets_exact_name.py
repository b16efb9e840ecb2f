"""Issue 14 (a defect the tester found): markets are found by a case-folded name, but the hub keeps names exactly
(unique per company as written: "Fish" and "fish" are two markets). `announce --market fish`
(and `market join|leave fish`) picks the first case-insensitive match, "Fish", so the
announcement goes to the other market's members."""

from __future__ import annotations


def test_announcement_to_fish_goes_to_fish_not_to_Fish(clients):
    ann, bob, carol = clients("ann"), clients("bob"), clients("carol")
    admin = ann.session.ensure()
    big = admin.create_market("Fish")
    small = admin.create_market("fish")
    bob.session.ensure().join_market(big["id"])
    carol.session.ensure().join_market(small["id"])

    ann.store.messages.queue_announcement("Sprats at half price", market="fish")
    ann.engine.messages.run(ann.session.ensure())

    bob.engine.messages.pull(bob.session.ensure())
    carol.engine.messages.pull(carol.session.ensure())
    assert [m.body for m in carol.store.messages.list(kind="announcement")] == ["Sprats at half price"]
    assert [m.body for m in bob.store.messages.list(kind="announcement")] == []


def test_market_join_by_exact_name(clients):
    ann, bob = clients("ann"), clients("bob")
    admin = ann.session.ensure()
    admin.create_market("Fish")
    small = admin.create_market("fish")
    got = bob.engine.messages.join_market(bob.session.ensure(), "fish")
    assert got["id"] == small["id"], got


def test_a_name_differing_only_in_case_from_two_markets_is_refused(clients):
    import pytest

    from whitephone.sync.hub_client import HubError

    ann, bob = clients("ann"), clients("bob")
    admin = ann.session.ensure()
    admin.create_market("Fish")
    admin.create_market("fish")
    with pytest.raises(HubError, match="no market called exactly"):
        bob.engine.messages.join_market(bob.session.ensure(), "FISH")
    assert not any(mk["joined"] for mk in bob.engine.messages.markets(bob.session.ensure()))
