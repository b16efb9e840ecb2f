"""Issue 14 (a defect the tester found): hostile or careless arguments to the message commands."""

from __future__ import annotations

from tests.sync.test_cli import out, wp
from tests.sync.test_message_fetch_names import _setup


def test_announce_to_an_empty_market_name_is_refused_not_sent_to_everyone(hub, tmp_path):
    """`announce --market "$MARKET" TEXT` with MARKET unset: queue_announcement turns "" (or
    "  ") into None, i.e. an announcement to the whole company instead of an error."""
    a, b, h, bob_id = _setup(hub, tmp_path)
    r = wp(a, "announce", "--market", " ", "Sprats at half price for the market members")
    assert r.returncode == 2, r.stdout
    assert out(wp(b, "message", "list", "--kind", "announcement")) == []


def test_a_huge_message_id_is_a_sentence_not_a_traceback(hub, tmp_path):
    """`message read|delete|fetch 99999999999999999999999`: OverflowError from SQLite, traceback."""
    a, b, h, bob_id = _setup(hub, tmp_path)
    for action in (["read"], ["delete"], ["fetch", "--out", str(tmp_path / "x")]):
        r = wp(b, "message", action[0], "99999999999999999999999", *action[1:])
        assert "Traceback" not in r.stderr, (action, r.stderr[-300:])
        assert r.returncode == 2


def test_fetch_into_a_missing_folder_is_a_sentence_not_a_traceback(hub, tmp_path):
    """`message fetch ID --out no/such/dir/vm.ogg`: shutil.copyfile's FileNotFoundError is not
    caught (message_cmd.py catches MessageError and HubError only): a traceback, exit 1."""
    import numpy as np
    import soundfile as sf

    a, b, h, bob_id = _setup(hub, tmp_path)
    p = tmp_path / "tone.ogg"
    t = np.arange(16000) / 16000
    sf.write(str(p), (0.2 * np.sin(2 * np.pi * 440 * t)).astype("float32"), 16000, format="OGG", subtype="OPUS")
    out(wp(a, "message", "send", "--to", "bob@example.com", "--voice", str(p)))
    (row,) = out(wp(b, "message", "list"))
    r = wp(b, "message", "fetch", str(row["id"]), "--out", str(tmp_path / "no" / "such" / "vm.ogg"))
    assert "Traceback" not in r.stderr, r.stderr[-300:]
    assert r.returncode == 2


def test_to_given_twice_sends_to_both(hub, tmp_path):
    """`message send --to a --to b` (argparse nargs="+" without action="extend"): the second
    --to replaces the first, and the message silently goes to b only."""
    a, b, h, bob_id = _setup(hub, tmp_path)
    assert h.post("/api/v1/users", json={"name": "Carol", "email": "carol@example.com",
                                         "password": "password123"}).status_code == 201
    (sent,) = out(wp(a, "message", "send", "--to", "bob@example.com", "--to", "carol@example.com",
                     "--text", "Meeting moved to 3 pm"))
    assert sorted(r["email"] for r in sent["recipients"]) == ["bob@example.com", "carol@example.com"]
