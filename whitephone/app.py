"""Composition root: builds the profile, store and services. The only place they are wired."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from whitephone.core.contacts import ContactsService
from whitephone.profile import Profile, ProfileError
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
        try:
            store = Store(profile.db_path)
        except SQLAlchemyError as exc:  # unreadable folder, not a database, ...
            reason = getattr(exc, "orig", None) or exc
            raise ProfileError(f"cannot open the database {profile.db_path}: {reason}") from exc
        return cls(profile=profile, store=store, contacts=ContactsService(store, profile.region))

    def close(self) -> None:
        self.store.close()
