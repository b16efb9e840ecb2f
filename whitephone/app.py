"""Composition root: builds the profile, store and services. The only place they are wired."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from whitephone.core.contacts import ContactsService
from whitephone.profile import Profile, ProfileError
from whitephone.store import Store
from whitephone.sync.engine import SyncEngine
from whitephone.sync.local_office import LocalOffice
from whitephone.sync.session import Session

log = logging.getLogger(__name__)


@dataclass
class App:
    profile: Profile
    store: Store
    contacts: ContactsService
    session: Session
    sync: SyncEngine
    office: LocalOffice  # the profile's own hub ("just this computer / my office"), when chosen

    @classmethod
    def open(cls, profile_dir: Path | str | Profile | None = None) -> App:
        profile = profile_dir if isinstance(profile_dir, Profile) else Profile.open(profile_dir)
        from whitephone.core import http_proxy

        http_proxy.migrate(profile)  # an older tls.proxy URL: its password into the keyring
        try:
            store = Store(profile.db_path)
        except SQLAlchemyError as exc:  # unreadable folder, not a database, ...
            reason = getattr(exc, "orig", None) or exc
            raise ProfileError(f"cannot open the database {profile.db_path}: {reason}") from exc
        store.diary.default_timezone = profile.timezone
        session = Session(profile, store)
        return cls(profile=profile, store=store, contacts=ContactsService(store, profile.region),
                   session=session, sync=SyncEngine(store, session), office=LocalOffice(profile))

    def close(self) -> None:
        self.sync.stop()
        self.office.stop()
        if self.session.client is not None:
            self.session.client.close()
        self.store.close()
