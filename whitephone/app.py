"""Composition root: builds the profile, store and services. The only place they are wired."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from whitephone.core.contacts import ContactsService
from whitephone.profile import Profile
from whitephone.store import Store

log = logging.getLogger(__name__)


@dataclass
class App:
    profile: Profile
    store: Store
    contacts: ContactsService

    @classmethod
    def open(cls, profile_dir: Path | str | None = None) -> App:
        profile = Profile.open(profile_dir)
        store = Store(profile.db_path)
        return cls(profile=profile, store=store, contacts=ContactsService(store, profile.region))

    def close(self) -> None:
        self.store.close()
