"""Who may do what on the hub, as the hub decides it (docs/api.md), so the app offers only what
the hub would accept. The hub stays the judge: its refusal (with its reason) is what the user sees
when the two disagree."""

from __future__ import annotations

from typing import Any

PERMISSIONS = ("logo", "company", "products", "users", "pstn", "announcements", "crm_admin", "reports")

LABELS = {
    "logo": "Upload the company logo",
    "company": "Edit the company profile",
    "products": "Company regions and products",
    "users": "User admin (add, disable, remove users)",
    "pstn": "Calls to phone numbers",
    "announcements": "Send announcements",
    "crm_admin": "CRM admin and call groups",
    "reports": "Team reports (everyone's calls per day)",
}

SHORT = {"logo": "Logo", "company": "Company", "products": "Products", "users": "Users",
         "pstn": "Phone calls", "announcements": "Announcements", "crm_admin": "CRM admin",
         "reports": "Reports"}


def holds(user: dict[str, Any], permission: str) -> bool:
    """Admins hold every permission; others what they were granted."""
    return bool(user.get("is_admin")) or permission in (user.get("permissions") or [])


def grantable(user: dict[str, Any]) -> list[str]:
    """The permissions `user` may give a new user: only those they hold themselves."""
    return [p for p in PERMISSIONS if holds(user, p)]


def may_admin_users(user: dict[str, Any]) -> bool:
    return holds(user, "users")


def may_edit_company(user: dict[str, Any]) -> bool:
    return any(holds(user, p) for p in ("company", "logo", "products"))


def state_text(user: dict[str, Any]) -> str:
    """"Admin", "Disabled", "Active" as a user list shows it."""
    if user.get("disabled"):
        return "Disabled"
    return "Admin" if user.get("is_admin") else "Active"


def permissions_text(user: dict[str, Any]) -> str:
    if user.get("is_admin"):
        return "All (admin)"
    return ", ".join(SHORT.get(p, p) for p in PERMISSIONS if p in (user.get("permissions") or [])) or "None"
