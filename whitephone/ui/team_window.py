"""The main window's team parts, kept out of main_window.py: the Online Monitor tab, the sync
status in the status bar, Sign in / Sign out / Preferences → Office, the icon legend, calls to
colleagues (resolved through the hub) and my SIP contact published when the engine is ready."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from whitephone.core import http_proxy
from whitephone.core.dial import DialError, DialTarget, parse_dial_target
from whitephone.sync.local_office import lan_address
from whitephone.ui.sync_status import SyncStatusButton
from whitephone.ui.tabs.online_monitor import LegendDialog, OnlineMonitorTab
from whitephone.ui.team import SOUND_TEST_ID, IdleAway, Team, phone_contact_id
from whitephone.ui.user_errors import error_text

log = logging.getLogger(__name__)

HUB_ACCOUNT = "hub"  # the engine account with my SIP identity on the hub


class TeamParts(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.team = Team(window.app, self)
        self.monitor = OnlineMonitorTab(self.team)
        self.monitor.callRequested.connect(self.call_person)
        self.monitor.signInRequested.connect(self.sign_in)
        self.status = SyncStatusButton(self.team)
        self.team.firstRunNeeded.connect(self.sign_in)
        self.team.failed.connect(self._resume_failed)
        self.team.signedIn.connect(self._signed_in)
        self.engine_ready: dict | None = None
        self.hub_account_sent = False
        self.hub_domain: str | None = None  # the company registrar the hub names (GET /api/v1/sip/credentials)
        self._renew = QTimer(self, singleShot=True)
        self._renew.timeout.connect(self.send_hub_account)
        self.team.dataChanged.connect(self._data_changed)
        self.idle = IdleAway(self.team, float(window.app.profile.get("away_after_minutes", 10) or 0), self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.sign_in_action = QAction(self.tr("&Sign in…"), self)
        self.sign_in_action.triggered.connect(self.sign_in)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.legend_action = QAction(self.tr("Online Monitor &icons"), self)
        self.legend_action.triggered.connect(self.show_legend)
        self.team.signedIn.connect(lambda _i: self._update_actions())
        self.team.signedOut.connect(self._signed_out)
        self._update_actions()
        self._dialog = None

    def add_menus(self, file_menu, edit_menu, help_menu) -> None:
        first = file_menu.actions()[0] if file_menu.actions() else None
        file_menu.insertAction(first, self.sign_in_action)
        file_menu.insertAction(first, self.sign_out_action)
        file_menu.insertSeparator(first)
        help_menu.addAction(self.legend_action)

    def add_preferences_pages(self, dlg) -> None:
        from whitephone.ui.dialogs.office_page import OfficePage

        dlg.add_page(OfficePage(self), self.tr("Office"))

    def _update_actions(self) -> None:
        signed = self.team.signed_in
        self.sign_in_action.setEnabled(not signed)
        self.sign_out_action.setEnabled(signed)
        menu = getattr(self.window, "team_menu", None)  # My Profile, Company Profile, User Admin
        if menu is not None:
            menu.refresh()

    def _signed_out(self) -> None:
        self._update_actions()
        self._renew.stop()
        calls = getattr(self.window, "calls", None)
        if self.hub_account_sent and calls is not None and getattr(self, "engine_ready", None) is not None:
            # the company identity goes with the user: unregistered, and a call still waiting for
            # its server ends instead of going out as the signed-out user
            calls.send("account_remove", id=HUB_ACCOUNT)
        self.hub_account_sent = False
        self.hub_domain = None

    # ------------------------------------------------------------------ sign in / out
    def start(self) -> None:
        """Sign in again at start-up, or open the first-run window."""
        self.team.start()

    def sign_in(self) -> None:
        from whitephone.ui.dialogs.sign_in import SignInWindow

        if self._dialog is not None and self._dialog.isVisible():
            self._dialog.raise_()
            return
        self._dialog = SignInWindow(self.team, self.window)
        info = self.team.app.session.info
        if info.get("url") and not self.team.local:  # signed out of a company hub: straight to its form
            from whitephone.ui.dialogs.sign_in import COMPANY

            self._dialog.show_page(COMPANY)
        self._dialog.show()

    def sign_out(self) -> None:
        self.team.sign_out(lambda _=None: self.window.statusBar().showMessage(
            self.tr("Signed out. Your contacts stay on this computer."), 8000), self._sign_out_anyway)

    def _sign_out_anyway(self, waiting: int) -> bool:
        """The hub could not take every change: sign out anyway? (They wait for this account.)"""
        who = self.team.app.session.info.get("email", "")
        answer = QMessageBox.question(
            self.window, self.tr("Changes not sent"),
            (self.tr("1 change made here could not reach the hub yet.") if waiting == 1 else
             self.tr("%n changes made here could not reach the hub yet.", "", waiting)) + " " +
            self.tr("They are kept on this computer and sent when %s signs in here again; nobody else "
                    "can sign in on this profile until then. Sign out anyway?") % who,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _signed_in(self, info: dict) -> None:
        self.window.statusBar().showMessage(self.tr("Signed in as %s") % info.get("email", ""), 8000)
        self._publish_contact()
        self.send_hub_account()

    def _resume_failed(self, kind: str, message: str) -> None:
        if kind in ("bad_credentials", "disabled", "certificate"):
            self.sign_in()
            if self._dialog is not None:
                from whitephone.ui.dialogs.sign_in import COMPANY

                self._dialog.show_page(COMPANY)
                self._dialog.say(message)
        else:
            self.window.statusBar().showMessage(
                self.tr("Working offline: %s WhitePhone keeps trying.") % message, 15000)

    def share_office(self, on: bool) -> None:
        office = self.window.app.office

        def done(_=None) -> None:
            text = (self.tr("Other computers in your office can now connect.<br>Give colleagues this address: "
                            "<b>%s</b><br>They choose “Sign in to my company's hub”.") % office.colleague_url
                    if on else self.tr("Your office hub now serves this computer only."))
            self.share_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Office hub"), text,
                                         QMessageBox.StandardButton.Ok, self.window)
            self.share_box.open()  # not modal to the app: calls and sync go on

        def work() -> None:
            self.team.app.sync.stop()
            office.set_shared(on)
            office.sign_in(self.team.app.session)

        self.team.run(work, lambda _=None: (self.team.signed_in_now(self.team.app.session.info), done()),
                      lambda exc: QMessageBox.warning(self.window, self.tr("Office hub"), error_text(exc)))

    def show_legend(self) -> None:
        LegendDialog(self.window).exec()

    # ------------------------------------------------------------------ calls
    def call_person(self, user_id: int) -> None:
        """Call a colleague on every device they have online (via the hub; the first to answer
        takes the call), or a contact on their phone number."""
        name = next((e.name for e in self.team.roster() if e.user_id == user_id), "")
        cid = phone_contact_id(user_id)
        if cid is not None:  # an address-book contact: their phone number
            contact = self.window.app.store.contacts.get(cid)
            if contact is not None and contact.phones:
                self.window.request_call(contact.phones[0].number, contact)
            return

        domain = self.hub_domain
        if self.hub_account_sent and domain and user_id != SOUND_TEST_ID:
            # the company's registrar knows all their devices and forks the call to them
            self.window.callRequested.emit(
                DialTarget("sip", f"sip:{user_id}@{domain}", None, name or f"{user_id}@{domain}", HUB_ACCOUNT,
                           colleague=user_id), None)
            return

        def go(uris: list[str]) -> None:
            if not uris:
                self.window.statusBar().showMessage(
                    self.tr("%s has no computer online to take calls; leave a message instead.") % name, 10000)
                if user_id != SOUND_TEST_ID and hasattr(self.window, "messages"):
                    self.window.messages.leave_voice_mail(user_id, name, self.tr("%s is offline.") % name)
                return
            try:
                targets = [parse_dial_target(uri, self.window.app.profile.region) for uri in uris]
            except DialError as exc:
                failed(exc)
                return
            if self.hub_account_sent and user_id != SOUND_TEST_ID:  # as me on the hub, not as this computer
                targets = [replace(t, account=HUB_ACCOUNT) for t in targets]
            if user_id != SOUND_TEST_ID:
                targets = [replace(t, colleague=user_id) for t in targets]
            if len(targets) == 1 or getattr(self.window, "calls", None) is None:
                self.window.callRequested.emit(targets[0], None)
            else:
                self.window.calls.place_fork(targets, name)

        def failed(exc: BaseException) -> None:
            self.window.statusBar().showMessage(
                self.tr("Cannot call %s: %s") % (name, error_text(exc, self.window.app.profile.region)), 10000)

        self.team.sip_targets(user_id, go, failed)

    def engine_event(self, ev: dict) -> None:
        if ev.get("event") == "ready":
            self.engine_ready = ev
            self.hub_account_sent = False  # a new engine process has none
            self._publish_contact()
            self.send_hub_account()
        elif ev.get("event") == "engine_died":
            self.engine_ready = None
            self.hub_account_sent = False

    def send_hub_account(self) -> None:
        """Give the engine my SIP identity on the hub (ephemeral credentials from
        GET /api/v1/sip/credentials), renewed before they expire."""
        calls = getattr(self.window, "calls", None)
        if calls is None or getattr(self, "engine_ready", None) is None or not self.team.signed_in:
            return
        info = self.team.app.session.info

        profile = self.team.app.profile

        def fetch() -> dict:  # the keyring (the proxy's password) is read here too, off the main thread
            return {**self.team.app.session.ensure().sip_credentials(), "_proxy": http_proxy.setting(profile)}

        def send(creds: dict) -> None:
            if getattr(self, "engine_ready", None) is None:
                return
            if self.hub_account_sent and any(getattr(calls, n, None) for n in ("windows", "incoming", "entries")):
                # a call began while the credentials were fetched (after a proxy change, or a renewal):
                # removing the account now would end it; CallController.apply_proxy sends it again
                # once the last call ends
                calls.proxy_pending = True
                return
            host = info.get("url", "").split("://", 1)[-1].split("/")[0].rsplit(":", 1)[0] or "127.0.0.1"
            self.hub_domain = creds.get("domain") or None  # the company's registrar, when there is one
            tls_proxy = creds["_proxy"]
            if creds.get("turn") or creds.get("stun"):
                # the hub's media relays, signed in with the same ephemeral credential: users set nothing
                # all of the hub's TURN URIs (turn: and turns:): the engine's media ladder picks the rung
                calls.send("nat", ice=True, stun=list(creds.get("stun") or []),
                           turn=",".join(str(u) for u in creds.get("turn") or []), turn_user=creds["username"],
                           turn_password=creds["password"], proxy=tls_proxy)
            if self.hub_account_sent:
                calls.send("account_remove", id=HUB_ACCOUNT)
            calls.send("account", id=HUB_ACCOUNT, uri=f"sip:{info['user_id']}@{self.hub_domain or host}",
                       display_name=info.get("name", ""),
                       registrar=f"sip:{self.hub_domain}" if self.hub_domain else "", proxy="", user=creds["username"],
                       password=creds["password"], reg_interval=300, srtp=0,
                       **({"transport": "auto", "tls_proxy": tls_proxy} if self.hub_domain else {}))
            self.hub_account_sent = True
            self._renew.start(int(max(60.0, float(creds.get("ttl") or 3600) * 0.8) * 1000))

        self.team.run(fetch, send, lambda exc: log.info("no SIP credentials from the hub: %s", exc))

    def _publish_contact(self) -> None:
        ev = self.engine_ready
        if ev is None or not self.team.signed_in:
            return
        host, port = ev.get("host", "127.0.0.1"), ev.get("port")
        if host in ("0.0.0.0", "::", ""):
            host = lan_address()
        user = self.team.app.session.info.get("user_id", "me")
        self.team.publish_sip_contact(f"sip:{user}@{host}:{port}")

    def _data_changed(self, entity: str, _uids: list) -> None:
        if entity in ("contact", "book") and hasattr(self.window, "address_books"):
            # many hints in a burst: one reload
            if not hasattr(self, "_reload"):
                self._reload = QTimer(self, singleShot=True, interval=300)
                self._reload.timeout.connect(self.window.address_books.reload_books)
            self._reload.start()

    def shutdown(self) -> None:
        self.engine_ready = None  # answers still on their way find no engine to send to
        self._renew.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.team.shutdown()


__all__ = ["TeamParts", "SOUND_TEST_ID"]
