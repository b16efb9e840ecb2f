"""The keyring helper's tests: a profile whose keyring is reached through the helper process."""

from __future__ import annotations

import pytest

from whitephone.profile import Profile


@pytest.fixture
def profile(profile_dir):
    p = Profile.open(profile_dir)
    p.keyring_in_child_process()
    yield p
    if p._keyring_process is not None:
        p._keyring_process.close()
