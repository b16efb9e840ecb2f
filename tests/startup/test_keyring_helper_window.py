"""Issue 18 (idle memory): the window reaches the OS keyring through `whitephone keyring-helper`
(whitephone/keyring_process.py), so `keyring` and its backend (~2.7 MiB with the file keyring,
~10 MiB with a desktop's Secret Service) are not kept imported by the long-lived window. Here the
real window signs in again to its office hub with the token the keyring remembered."""

from __future__ import annotations

import subprocess
import sys

from tests.startup.profiles import modules_listed_by_window, profile_with_a_contact

SIGNED_IN = ("import sys; from whitephone.app import App\n"
             "a = App.open(sys.argv[1])\n"
             "a.office.create(a.session, 'Kim Test', 'Test Ltd', 'kim@example.com')\n"
             "a.close()\n")


def test_the_window_signed_in_to_its_hub_has_not_imported_keyring(tmp_path):
    profile, env = profile_with_a_contact(tmp_path)
    # this computer's office hub, signed in and remembered (as benchmarks/startup.py prepares it)
    subprocess.run([sys.executable, "-c", SIGNED_IN, str(profile)], env=env, check=True, capture_output=True,
                   timeout=180)
    modules = modules_listed_by_window(profile, env, "WHITEPHONE_BENCH_SYNCED_MODULES",  # when signed in
                                       tmp_path / "synced-modules.txt", timeout_s=120)
    assert "whitephone.sync.session" in modules  # the listing is the signed-in window's
    assert "keyring" not in modules and not any(m.startswith(("keyring.", "keyrings")) for m in modules)
    assert "whitephone.keyring_process" in modules
    assert (profile / "logs" / "keyring-helper.log").exists()  # the token came through the helper
