"""PUT /api/v1/users/{id}/permissions: who may change whose permissions, and to what."""

from __future__ import annotations

from tests.server.conftest import bearer, register


def _add(client, admin, name: str, permissions: list[str]) -> int:
    r = client.post("/api/v1/users", headers=admin, json={"name": name, "email": f"{name}@example.com",
                                                          "password": "password123", "permissions": permissions})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _login(client, name: str) -> dict:
    return bearer(client.post("/api/v1/login", json={"email": f"{name}@example.com",
                                                      "password": "password123"}).json())


def test_admin_changes_permissions_and_they_hold_at_once(client):
    admin = bearer(register(client, "Acme", "ann@example.com"))
    bob_id = _add(client, admin, "bob", [])
    bob = _login(client, "bob")
    assert client.post("/api/v1/groups", headers=bob, json={"name": "Sales"}).status_code == 403
    r = client.put(f"/api/v1/users/{bob_id}/permissions", headers=admin, json={"permissions": ["crm_admin", "pstn"]})
    assert r.status_code == 200 and r.json()["permissions"] == ["crm_admin", "pstn"]
    assert client.post("/api/v1/groups", headers=bob, json={"name": "Sales"}).status_code == 201  # same token
    r = client.put(f"/api/v1/users/{bob_id}/permissions", headers=admin, json={"permissions": []})
    assert r.json()["permissions"] == []


def test_permission_changes_refused_with_a_reason(client):
    admin = bearer(register(client, "Acme", "ann@example.com"))
    ann_id = client.get("/api/v1/me", headers=admin).json()["id"]
    carol_id = _add(client, admin, "carol", ["users", "pstn"])
    dan_id = _add(client, admin, "dan", ["crm_admin"])
    carol = _login(client, "carol")

    def put(headers, uid, perms):
        return client.put(f"/api/v1/users/{uid}/permissions", headers=headers, json={"permissions": perms})

    r = put(carol, dan_id, ["crm_admin", "pstn"])  # adds pstn (hers), keeps crm_admin (untouched)
    assert r.status_code == 200 and r.json()["permissions"] == ["crm_admin", "pstn"]
    r = put(carol, dan_id, ["pstn"])  # would take away crm_admin, which she does not hold
    assert r.status_code == 403 and "not crm_admin" in r.json()["detail"]
    r = put(carol, dan_id, ["pstn", "crm_admin", "logo"])
    assert r.status_code == 403 and "not logo" in r.json()["detail"]
    assert put(carol, carol_id, ["users", "pstn", "logo"]).json()["detail"] == "you cannot change your own permissions"
    assert put(carol, ann_id, []).json()["detail"] == "an admin holds every permission"
    assert put(admin, 999999, []).status_code == 404
    r = put(admin, dan_id, ["root"])
    assert r.status_code == 422
    dan = _login(client, "dan")
    assert put(dan, carol_id, []).json()["detail"] == "needs the 'users' permission"
    other = bearer(register(client, "Other", "olga@example.com"))
    assert put(other, dan_id, []).status_code == 404  # another company's user
    assert client.get("/api/v1/users", headers=admin).json()[2]["permissions"] == ["crm_admin", "pstn"]
