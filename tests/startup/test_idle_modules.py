"""Issue 18 (idle memory): the real window at idle (`whitephone --profile`, its engine started,
the store attached and settled) has not imported the code that only some later action needs.
Each line of LAZY was measured at idle: together they were ~4 MiB of the window's resident memory
(118.4 -> 114.6 MiB with a profile of one contact and no hub). A module here is imported where it
is first used; see the comment for that place."""

from __future__ import annotations

from tests.startup.profiles import modules_listed_by_window, profile_with_a_contact
from tests.startup.test_import_budget import HEAVY
from whitephone.lean_imports import SKIPPED

LAZY = (
    "whitephone.ui.call_window",  # the first call (ui/calls.py CallController._call_window)
    "whitephone.ui.caller_popup",  # the first call's caller popup (CallController.show_popup)
    "whitephone.ui.timeline_view",  # the caller popup's and a contact profile's history
    "whitephone.ui.dialogs.pin_cert",  # a server's certificate to trust (calls.py _ask_to_pin)
    "whitephone.ui.dialogs.contact_editor",  # New / Edit contact (ui/tabs/address_books.py _editor)
    "whitephone.ui.messages_model",  # the Messages tab, a message's notification
    "whitephone.ui.crm_model",  # the CRM tab, the sync details' rejected changes
    "httpx",  # the first hub client (sync/hub_client.py HubClient): this profile has no hub
    "httpcore",
    "whitephone.sync.hub_transport",
    "urllib.request",  # a look for the system's proxy (net/proxy.py system_proxy, no_proxy)
    "http.client",
    "html",  # ui/rich_text.py escapes rich text (html loads html.entities for its unescape)
    "plistlib",  # autostart on macOS (whitephone/autostart.py)
    "shlex",  # autostart's command line in a message
    "keyring",  # never in the window: a helper process asks it (whitephone/keyring_process.py)
)

# the heavy modules of the first rows' budget (test_import_budget.py) that the attached window
# needs, and those only some later action needs, also at idle: they and their libraries (Qt's
# multimedia, numpy's, Pillow's) are what tests/startup/test_memory_budget.py cannot tell from
# the page cache's share
ATTACHED = ("sqlalchemy", "whitephone.store", "whitephone.app", "whitephone.protocol", "whitephone.sync",
            "phonenumbers")
NEVER_AT_IDLE = tuple(h for h in HEAVY if h not in ATTACHED) + (
    "sqlalchemy.dialects.postgresql",  # the hub's; the window's store is SQLite
    "phonenumbers.geocoder",  # a number's place, when a contact card shows it (and its data)
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    "babel",  # country names in the user's language (ui/regions.py), in Preferences
    "psycopg",
)


def test_the_idle_window_has_not_imported_what_only_later_actions_need(tmp_path):
    profile, env = profile_with_a_contact(tmp_path)
    env.pop("WHITEPHONE_NO_ENGINE", None)  # as tests/startup/test_memory_budget.py: the engine runs
    modules = modules_listed_by_window(profile, env, "WHITEPHONE_BENCH_IDLE_MODULES",  # 5 s after the attach
                                       tmp_path / "idle-modules.txt")
    # the listing is the attached window's: its store, tabs and call controller are there
    assert {"whitephone.app", "whitephone.ui.calls", "whitephone.ui.tabs.call_logs", "PySide6.QtWidgets"} <= modules
    assert sorted(m for m in LAZY if m in modules) == [], "imported at idle (import them where they are first used)"
    heavy = sorted(m for m in modules - set(SKIPPED) if any(m == h or m.startswith(h + ".") for h in NEVER_AT_IDLE))
    assert heavy == [], "heavy modules imported at idle (import them where they are first used)"
