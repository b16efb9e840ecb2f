"""Issue 14 review (window): a reminder's link opens what it names, whatever its occurrence says; and
a diary appointment's reminder lands in Messages (needs the diary branch: checked after merging)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.ui.conftest import app, window  # noqa: F401
from whitephone.store.messages import Message

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("when", ["1e20", "nan", "inf", "99999999999999"])
def test_open_the_appointment_with_an_out_of_range_occurrence_still_opens_it(qtbot, window, app, when):  # noqa: F811
    """A reminder saying "appointment:<uid>@1e20" (or @nan, @inf: the hub now refuses such links,
    older ones may be stored) opens the appointment at its own start, without raising, or the
    status bar says why not."""
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    appt = app.store.diary.add(subject="Dentist", start=start, end=start + timedelta(hours=1))
    m = Message(id=1, hub_id=None, client_id="c1", direction="in", kind="reminder", body="Dentist", link=f"appointment:{appt.uid}@{when}")
    diary = window.diary
    errors = []
    import sys

    old = sys.excepthook
    sys.excepthook = lambda *a: errors.append(a[1])
    try:
        window.messages.open_crm(m)  # "Open the appointment"
        qtbot.waitUntil(lambda: bool(errors) or getattr(diary, "_editor", None) is not None
                        or bool(window.statusBar().currentMessage()), timeout=10000)
    finally:
        sys.excepthook = old
    assert not errors, f"Open the appointment raised: {errors[0]!r}"


# A diary appointment's reminder reaching Messages goes through the hub, which plans and delivers it
# (server/appointment_reminders.py): tests/sync/test_diary_reminder_messages.py checks it with a real
# hub and clients, tests/ui/test_diary_occurrence_dialog.py the one notification in the window.
