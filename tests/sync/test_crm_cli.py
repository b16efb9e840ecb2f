"""`whitephone crm` end to end: real processes, a real hub, two profiles."""

from __future__ import annotations

import httpx
import pytest

from tests.sync.test_cli import PASSWORD, err, out, wp

pytestmark = pytest.mark.timeout(240)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_crm_commands_end_to_end(hub, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    out(wp(a, "register", "--server", hub.base, "--company", "Acme", "--name", "Alice",
           "--email", "alice@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    assert out(wp(a, "crm", "types")) == [{"types": ["Sales enquiry", "Support", "Complaint", "Follow-up"]}]
    (rec,) = out(wp(a, "crm", "new", "--number", "+44 20 7946 0000", "--type", "Support", "--priority", "high",
                    "--subject", "Boiler broken"))
    assert rec["task_number"] is None and rec["status"] == "open" and rec["id"]
    (c,) = out(wp(a, "contacts", "add", "--name", "Carol Jones"))
    (rec2,) = out(wp(a, "crm", "new", "--contact", c["id"], "--type", "Sales enquiry", "--priority", "low",
                     "--subject", "Quote"))
    assert out(wp(a, "sync", "--once"))[0]["rejected"] == 0
    (shown,) = out(wp(a, "crm", "show", rec["id"]))
    assert shown["task_number"] == 1 and shown["owner_name"] == "Alice"
    assert out(wp(a, "crm", "show", "2"))[0]["id"] == rec2["id"]
    (note,) = out(wp(a, "crm", "note", "1", "called the plumber"))
    assert note["body"] == "called the plumber"
    assert out(wp(a, "crm", "close", "1"))[0]["status"] == "closed"
    refused = wp(a, "crm", "note", "1", "too late")
    assert refused.returncode == 2 and err(refused) == {
        "error": "task 1 is closed: re-open it to add notes", "kind": "closed"}
    assert [r["task_number"] for r in out(wp(a, "crm", "list", "--status", "open"))] == [2]
    assert [r["task_number"] for r in out(wp(a, "crm", "list", "--priority", "high"))] == [1]
    assert out(wp(a, "crm", "reopen", "1"))[0]["status"] == "open"
    (r,) = out(wp(a, "crm", "remind", "1", "--at", "2030-01-02T09:30:00+01:00"))
    assert r["remind_at"] == "2030-01-02T08:30:00+00:00"
    bad = wp(a, "crm", "remind", "1", "--at", "next week")
    assert bad.returncode == 2 and err(bad)["kind"] == "bad_value"
    missing = wp(a, "crm", "close", "99")
    assert missing.returncode == 2 and err(missing)["kind"] == "not_found"
    usage = wp(a, "crm", "new", "--type", "Support", "--priority", "high", "--subject", "x")
    assert usage.returncode == 2  # --contact or --number is required
    assert wp(a, "crm", "new", "--number", "1", "--type", "Support", "--priority", "urgent",
              "--subject", "x").returncode == 2
    out(wp(a, "sync", "--once"))

    # a colleague in a call group opens a group record; the one outside never sees it
    with httpx.Client(base_url=hub.base) as h:
        tok = h.post("/api/v1/login", json={"email": "alice@example.com", "password": PASSWORD}).json()
        auth = {"Authorization": f"Bearer {tok['access_token']}"}
        bob = h.post("/api/v1/users", headers=auth, json={"name": "Bob", "email": "bob@example.com",
                                                          "password": PASSWORD}).json()
        h.post("/api/v1/groups", headers=auth, json={"name": "Field team", "members": [bob["id"]]})
    out(wp(b, "login", "--server", hub.base, "--email", "bob@example.com", "--password-stdin", stdin=PASSWORD + "\n"))
    nope = wp(a, "crm", "new", "--number", "1", "--type", "Support", "--priority", "low", "--subject", "x",
              "--group", "Field team")
    assert nope.returncode == 2 and "not a member" in err(nope)["error"]
    unknown = wp(b, "crm", "new", "--number", "1", "--type", "Support", "--priority", "low", "--subject", "x",
                 "--group", "Nobody")
    assert unknown.returncode == 2 and err(unknown)["kind"] == "not_found"
    (g,) = out(wp(b, "crm", "new", "--number", "+4930", "--type", "Complaint", "--priority", "medium",
                  "--subject", "Van dented", "--group", "field team"))
    assert g["group_id"] is not None
    out(wp(b, "sync", "--once"))
    out(wp(a, "sync", "--once"))
    assert {r["subject"] for r in out(wp(b, "crm", "list"))} == {"Boiler broken", "Quote", "Van dented"}
    assert {r["subject"] for r in out(wp(a, "crm", "list"))} == {"Boiler broken", "Quote"}
    (full,) = out(wp(b, "crm", "show", "1"))
    assert [n["body"] for n in full["notes"]] == ["called the plumber"]
    # offline steps between two syncs reach the hub as their net change (close + re-open: none)
    assert [(h["field"], h["new"], h["who"]) for h in full["history"]] == [
        ("created", "Boiler broken", "Alice"), ("remind_at", "2030-01-02T08:30:00+00:00", "Alice")]
    (mine,) = out(wp(a, "crm", "show", "1"))
    assert mine["history"] == full["history"]
