"""The call window driven like a user would, against real `whitephone agent` peers: state shown is
the engine's, closing or quitting during a call asks, keyboard, recording, transfer, call waiting."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.sip.agents import AgentProcess, tone
from whitephone.ui.recording_player import RecordingPlayer

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]
LEFT = Qt.MouseButton.LeftButton


def answer_question(button: QMessageBox.StandardButton, asked: list) -> list[bool]:
    """Click `button` in the next modal question as soon as it shows (a real QMessageBox).
    Set the returned flag's [0] to False to stop looking for one that never came."""
    looking = [True]

    def look() -> None:
        if not looking[0]:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.button(button) is not None:  # a question, not a notice
            looking[0] = False
            asked.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(20, look)
    return looking


def incoming_call(qtbot, phone, peer: AgentProcess):
    """Let `peer` ring us, accept in the ringing window; the call's window once connected."""
    ctl = phone.calls
    before = set(ctl.windows)
    peer.send(cmd="call", uri=f"sip:me@{ctl.ready['address']}")
    qtbot.waitUntil(lambda: any(cid not in before for cid in ctl.incoming), timeout=10000)
    call_id = next(cid for cid in ctl.incoming if cid not in before)
    qtbot.mouseClick(ctl.incoming[call_id].accept_btn, LEFT)
    window = ctl.windows[call_id]
    qtbot.waitUntil(lambda: window.connected, timeout=10000)
    return window


def test_mute_shows_the_engines_state_and_survives_hold_and_resume(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as peer:
        w = incoming_call(qtbot, phone, peer)
        qtbot.mouseClick(w.mute_btn, LEFT)
        qtbot.waitUntil(lambda: w.mute_btn.text() == "Unmute", timeout=5000)
        qtbot.mouseClick(w.hold_btn, LEFT)
        assert w.hold_btn.text() == "Holding…" and not w.held  # not "Resume" before the engine says so
        qtbot.waitUntil(lambda: w.hold_btn.text() == "Resume", timeout=5000)
        peer.wait_for("media", status="held", by="remote")
        qtbot.mouseClick(w.hold_btn, LEFT)
        qtbot.waitUntil(lambda: w.hold_btn.text() == "Hold", timeout=5000)
        assert w.muted and w.mute_btn.text() == "Unmute"  # confirmed again by the resumed media
        qtbot.mouseClick(w.mute_btn, LEFT)
        qtbot.waitUntil(lambda: w.mute_btn.text() == "Mute", timeout=5000)
        qtbot.mouseClick(w.hangup_btn, LEFT)
        peer.wait_for("ended")


def test_closing_the_call_window_asks_before_hanging_up(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as peer:
        w = incoming_call(qtbot, phone, peer)
        asked: list[str] = []
        answer_question(QMessageBox.StandardButton.No, asked)
        w.close()  # the title bar's X
        assert asked and "Hang up" in asked[0]
        assert w.isVisible() and not w.ended  # the call goes on, with its window
        answer_question(QMessageBox.StandardButton.Yes, asked)
        w.close()
        assert not w.isVisible()
        assert peer.wait_for("ended")["code"] == 200


def test_a_call_window_closes_without_asking_when_the_engine_dies(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as peer:
        w = incoming_call(qtbot, phone, peer)
        asked: list[str] = []
        looking = answer_question(QMessageBox.StandardButton.No, asked)  # keeps it open, were it asked
        phone.calls.bridge.client.proc.kill()
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=10000)
        looking[0] = False
        assert not asked
        qtbot.waitUntil(lambda: phone.calls.ready is not None, timeout=15000)  # restarted


def test_quitting_during_a_call_asks_first(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as peer:
        incoming_call(qtbot, phone, peer)
        asked: list[str] = []
        answer_question(QMessageBox.StandardButton.No, asked)
        phone.close()
        assert asked and "Quit anyway" in asked[0] and phone.isVisible()
        answer_question(QMessageBox.StandardButton.Yes, asked)
        phone.close()
        assert not phone.isVisible() and len(asked) == 2  # the call window did not ask again
        assert peer.wait_for("ended")["code"] == 200


def test_the_system_ending_the_session_hangs_up_without_asking(qtbot, phone):
    """SIGTERM/SIGINT (logout, shutdown) reach end_session: nobody is there to answer a question."""
    with AgentProcess("--no-audio", ipc=True) as peer:
        incoming_call(qtbot, phone, peer)
        asked: list[str] = []
        looking = answer_question(QMessageBox.StandardButton.No, asked)  # would keep it open
        phone.end_session()
        looking[0] = False
        assert not asked and not phone.isVisible()
        assert peer.wait_for("ended")["code"] == 200


def test_typed_digits_send_dtmf_and_esc_hangs_up(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as peer:
        w = incoming_call(qtbot, phone, peer)
        assert "Esc" in w.hangup_btn.toolTip()
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5000)
        qtbot.keyClicks(w, "15#")
        assert [peer.wait_for("dtmf", digit=d)["digit"] for d in "15#"] == ["1", "5", "#"]
        assert not [e for e in phone.calls.windows if e != w.call_id]
        qtbot.keyClick(w, Qt.Key.Key_Escape)
        assert peer.wait_for("ended")["code"] == 200


def test_recording_starts_stops_shows_and_plays_back(qtbot, phone, app, tmp_path):
    with AgentProcess("--no-audio", "--play", str(tone(tmp_path / "t.wav", 1000, 30)), ipc=True) as peer:
        w = incoming_call(qtbot, phone, peer)
        assert not w.rec_indicator.isVisibleTo(w)
        qtbot.mouseClick(w.rec_btn, LEFT)
        qtbot.waitUntil(lambda: w.rec_indicator.isVisibleTo(w), timeout=5000)
        assert w.rec_btn.text() == "Stop recording"
        qtbot.wait(1500)
        qtbot.mouseClick(w.rec_btn, LEFT)
        qtbot.waitUntil(lambda: not w.rec_indicator.isVisibleTo(w), timeout=5000)
        assert w.rec_btn.text() == "Record"
        qtbot.mouseClick(w.hangup_btn, LEFT)
        peer.wait_for("ended")
    qtbot.waitUntil(lambda: bool(app.store.calls.list()) and app.store.calls.list()[0].ended_at is not None,
                    timeout=10000)
    path = app.store.calls.list()[0].recording
    with wave.open(path) as f:
        assert f.getnframes() > 8000  # at least half a second was recorded
    player = RecordingPlayer(path)
    qtbot.addWidget(player)
    qtbot.waitUntil(lambda: player.seek.maximum() > 500, timeout=10000)
    player.seek_to(player.seek.maximum() // 2)
    qtbot.waitUntil(lambda: player.seek.value() > 0, timeout=5000)
    assert "/" in player.time.text() and player.time.text() != "00:00 / 00:00"


def test_received_blind_transfer_opens_a_window_for_the_new_call(qtbot, phone, app, tmp_path):
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", "--answer", ipc=True) as c:
        first = incoming_call(qtbot, phone, a)
        ctl = phone.calls
        a.send(cmd="transfer", call=a.wait_for("calling")["call"], uri=c.uri)
        qtbot.waitUntil(lambda: any(cid != first.call_id for cid in ctl.windows), timeout=10000)
        new = next(w for cid, w in ctl.windows.items() if cid != first.call_id)
        assert "transferred you" in first.notice.text() and new.isVisible()
        qtbot.waitUntil(lambda: new.connected, timeout=10000)
        assert a.wait_for("transfer_status", final=True)["code"] == 200
        qtbot.waitUntil(lambda: first.ended, timeout=10000)  # the transferor hung up its leg
        qtbot.mouseClick(new.hangup_btn, LEFT)  # the new call is ours: hang-up ends it
        c.wait_for("ended")
    qtbot.waitUntil(lambda: len(app.store.calls.list()) == 2
                    and all(r.ended_at for r in app.store.calls.list()), timeout=10000)
    assert sorted(r.direction for r in app.store.calls.list()) == ["in", "out"]


def test_blind_transfer_shows_progress_and_failure_reason(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as b, AgentProcess("--no-audio", ipc=True) as c:
        w = incoming_call(qtbot, phone, b)
        w.transfer_to_address(c.uri)
        qtbot.waitUntil(lambda: "Transferring to" in w.notice.text(), timeout=5000)
        c.send(cmd="busy", call=c.wait_for("incoming")["call"])
        qtbot.waitUntil(lambda: "failed: 486" in w.notice.text(), timeout=10000)
        assert not w.ended  # the call stays with us
        c.reset()
        w.transfer_to_address(c.uri)
        c.send(cmd="answer", call=c.wait_for("incoming")["call"])
        qtbot.waitUntil(lambda: "Transferred to" in w.notice.text(), timeout=10000)
        qtbot.waitUntil(lambda: w.ended, timeout=10000)
        c.send(cmd="hangup", call=c.wait_for("state", state="confirmed")["call"])


def test_second_call_holds_the_first_swap_merge_and_attended_transfer_from_the_windows(qtbot, phone):
    with AgentProcess("--no-audio", ipc=True) as a, AgentProcess("--no-audio", "--answer", ipc=True) as c:
        ctl = phone.calls
        wa = incoming_call(qtbot, phone, a)
        phone.dial.setText(c.uri)  # a second call, dialled while talking to A
        phone.call_from_dial_bar()
        qtbot.waitUntil(lambda: len(ctl.windows) == 2, timeout=10000)
        wc = next(w for w in ctl.windows.values() if w is not wa)
        qtbot.waitUntil(lambda: wc.connected and wa.held, timeout=10000)  # A waits on hold
        a.wait_for("media", status="held", by="remote")
        assert wa.swap_btn.isVisibleTo(wa) and wc.merge_btn.isVisibleTo(wc)
        qtbot.mouseClick(wa.swap_btn, LEFT)
        qtbot.waitUntil(lambda: wc.held and not wa.held, timeout=5000)
        qtbot.mouseClick(wa.merge_btn, LEFT)
        qtbot.waitUntil(lambda: not wc.held and "Conference" in wa.notice.text(), timeout=5000)
        # attended transfer: join A and C, our two calls end
        wa.choose_transfer_target(wc.call_id)
        assert wa.complete_btn.isVisibleTo(wa) and "Complete transfer" in wa.complete_btn.text()
        qtbot.mouseClick(wa.complete_btn, LEFT)
        qtbot.waitUntil(lambda: wa.ended and wc.ended, timeout=15000)
        new_a = a.wait_for("calling", transfer_of=a.wait_for("calling")["call"])["call"]
        new_c = c.wait_for("replaced")["new_call"]
        a.wait_for("state", call=new_a, state="confirmed")
        c.send(cmd="hangup", call=new_c)
        a.wait_for("ended", call=new_a)


def test_media_failures_and_a_hold_given_up_are_shown_in_the_window(qtbot, phone, tmp_path):
    """The engine's words for a recording that stopped by itself, a file it cannot play and a
    hold it gave up on (events as docs/cli.md lists them) reach the call's window."""
    with AgentProcess("--no-audio", ipc=True) as peer:
        w = incoming_call(qtbot, phone, peer)
        cid = w.call_id
        w.on_event({"event": "recording", "call": cid, "recording": False, "path": "/x.wav",
                    "reason": "recording stopped: the disk is full (12 KB free)"})
        assert "disk is full" in w.notice.text() and w.rec_btn.text() == "Record"
        w.on_event({"event": "playing", "call": cid, "playing": False, "path": "/y.wav",
                    "reason": "cannot play /y.wav: Invalid file"})
        assert "cannot play" in w.notice.text()
        w.on_event({"event": "error", "call": cid, "cmd": "hold", "reason": "could not hold call 0: busy"})
        assert "could not hold call 0" in w.state.text()
        qtbot.mouseClick(w.hangup_btn, LEFT)
        peer.wait_for("ended")
