"""The Team menu: My Profile, Company Profile (for who may change it) and User Admin (for admins
and holders of `users`). Enabled when the profile is signed in to a hub; what the user may see is
asked of the hub (GET /me) off the main thread when the window opens and each time the menu opens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction

from whitephone.sync.permissions import may_admin_users, may_edit_company
from whitephone.ui.dialogs.hub_dialog import hub_worker


class TeamMenu(QObject):
    """`refreshed(me)` once the hub said who we are (tests wait on it)."""

    refreshed = Signal(dict)

    def __init__(self, window, session=None, worker=None) -> None:
        super().__init__(window)
        self.window = window
        self._session = session
        self.worker = worker or hub_worker()  # the window's one hub worker (Team's) when given
        self.me: dict = {}
        self.menu = window.menuBar().addMenu(self.tr("&Team"))
        self.my_profile = self._action(self.tr("&My Profile…"), self.open_my_profile)
        self.company_profile = self._action(self.tr("&Company Profile…"), self.open_company_profile)
        self.user_admin = self._action(self.tr("&User Admin…"), self.open_user_admin)
        self.menu.aboutToShow.connect(self.refresh)
        self._apply()
        QTimer.singleShot(0, self.refresh)

    def _action(self, text: str, slot) -> QAction:
        a = QAction(text, self.window)
        a.triggered.connect(slot)
        self.menu.addAction(a)
        return a

    @property
    def session(self):
        """The window's session if it has one, else one for the app's profile and store."""
        if self._session is None:
            self._session = getattr(self.window, "session", None)
        if self._session is None:
            from whitephone.sync.session import Session

            self._session = Session(self.window.app.profile, self.window.app.store)
        return self._session

    def signed_in(self) -> bool:
        info = self.session.info
        return bool(info.get("url")) and not info.get("signed_out")

    def refresh(self) -> None:
        """Ask the hub who we are (on the worker); menu entries follow."""
        if not self.signed_in():
            self.me = {}
            self._apply()
            return
        session = self.session
        self.worker.submit(lambda: session.ensure().me(), self._got_me, self._failed)

    def _got_me(self, me: dict) -> None:
        self.me = dict(me)
        self._apply()
        self.refreshed.emit(self.me)

    def _failed(self, _exc: BaseException) -> None:
        self._apply()  # keep what we knew (offline); not signed in any more: entries off
        self.refreshed.emit(self.me)

    def _apply(self) -> None:
        on = self.signed_in()
        self.my_profile.setEnabled(on)
        self.my_profile.setToolTip("" if on else self.tr("Sign in to a hub first."))
        self.company_profile.setVisible(on and may_edit_company(self.me))
        self.user_admin.setVisible(on and may_admin_users(self.me))

    # ------------------------------------------------------------------ dialogs
    def open_my_profile(self):
        from whitephone.ui.dialogs.my_profile import MyProfileDialog

        dlg = MyProfileDialog(self.session, self.window.app.profile, self.window, worker=self.worker,
                              engine=getattr(self.window.app, "sync", None))
        dlg.saved.connect(self._profile_saved)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def _profile_saved(self, _profile: dict) -> None:
        """The dialog put the region into the local profile: numbers are read and shown with it."""
        app, region = self.window.app, self.window.app.profile.region
        if getattr(app.contacts, "region", region) != region:
            app.contacts.region = region
            books = getattr(self.window, "address_books", None)
            if books is not None:
                books.card.region = region
                books.reload_books()

    def open_company_profile(self):
        from whitephone.ui.dialogs.company_profile import CompanyProfileDialog

        dlg = CompanyProfileDialog(self.session, self.window, worker=self.worker)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg

    def open_user_admin(self):
        from whitephone.ui.dialogs.user_admin import UserAdminDialog

        dlg = UserAdminDialog(self.session, self.window, worker=self.worker)
        dlg.finished.connect(lambda _: self.refresh())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        return dlg
