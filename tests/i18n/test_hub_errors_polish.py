"""From the break-it review (the defects each docstring tells of are fixed): the hub's failures as the Polish window shows them, from a real HubClient against
a real hub on 127.0.0.1 (or a closed port). ui/user_errors.py has Polish for these, but the sign-in
window and the Team dialogs (user admin, my profile, company profile, CRM reports: HubDialog) show
the core's English str(exc)."""

from __future__ import annotations

import socket

import pytest

from tests import schema_templates
from tests.server.conftest import RunningHub
from whitephone.sync.hub_client import HubClient, HubError
from whitephone.ui.user_errors import known_text

PASSWORD = "password123"


@pytest.fixture
def hub(tmp_path):
    db = schema_templates.migrated_sqlite(tmp_path / "hub.sqlite3")
    h = RunningHub(f"sqlite:///{db}", tmp_path / "hubdata")
    yield h
    h.stop()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sign_in_window_unreachable_hub_is_polish(polish):
    """First run → company hub → an address where nothing listens: the sign-in window says
    "Cannot reach the hub at http://…. Sprawdź adres i połączenie z siecią…" — an English sentence
    (str(exc), sign_in.error_text's `% exc`) glued to a Polish one."""
    from whitephone.ui.dialogs.sign_in import error_text

    url = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(HubError) as info:
        HubClient(url).login("ala@example.com", PASSWORD)
    text = error_text(info.value)
    assert "Cannot reach" not in text, text


def test_user_admin_duplicate_email_is_polish(polish, hub):
    """Team → Users → Add user with an e-mail that already has an account: the real hub answers
    409, the client turns it into "This e-mail address already has an account." (a sentence
    user_errors.FIXED translates), and HubDialog shows it in English."""
    from whitephone.ui.dialogs.hub_dialog import error_text

    admin = HubClient(hub.base)
    admin.register("Acme", "Ann Admin", "ann@example.com", PASSWORD)
    with pytest.raises(HubError) as info:
        admin.request("POST", "/api/v1/users", json={"name": "Ann Again", "email": "ann@example.com",
                                                     "password": PASSWORD})
    text = error_text(info.value)
    assert known_text(str(info.value)) == "Ten adres e-mail ma już konto."  # user_errors has the Polish
    assert text == "Ten adres e-mail ma już konto.", text


def test_my_profile_wrong_current_password_is_polish(polish, hub):
    """Team → My profile → change password with a wrong current password: "The current password
    is wrong." (translated in user_errors) is shown in English by HubDialog."""
    from whitephone.ui.dialogs.hub_dialog import error_text

    admin = HubClient(hub.base)
    admin.register("Acme", "Ann Admin", "ann@example.com", PASSWORD)
    with pytest.raises(HubError) as info:
        admin.change_password("not-the-password", "a-new-password-1")
    assert str(info.value) == "The current password is wrong."
    text = error_text(info.value)
    assert text != "The current password is wrong.", text
