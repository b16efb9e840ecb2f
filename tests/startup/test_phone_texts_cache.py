"""The first rows' phone texts cache (first_rows_phones.json, ui/first_read.py): whatever is in
it, the window starts; a wrong text is corrected; an oversized file is not read whole."""

from __future__ import annotations

import json
import time

from tests.startup.profiles import profile_with_a_contact
from whitephone.core.contact import ContactData, Phone


def test_a_wrong_cached_phone_text_is_corrected_by_the_next_run(app):
    """first_rows_phones.json holds a text that is not what phonenumbers writes for that number
    (a cache left by an older phonenumbers whose metadata or format changed, a half-edited file,
    another program). Each run's save_phone_texts keeps the cached text for every number already in
    the file and says "nothing new" when the numbers are the same, so the wrong text is shown on the
    first rows at every start, forever. Expected: the run that opens the store leaves the cache
    holding phonenumbers' own texts (the next start shows the right number)."""
    from whitephone.phone import format_for_region
    from whitephone.ui.first_read import PHONE_TEXTS, FirstRead, save_phone_texts

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    right = format_for_region("+442079460001", "GB")
    (app.profile.root / PHONE_TEXTS).write_text(json.dumps({"region": "GB", "texts": {"+442079460001": "020 7946 9999"}}))
    first = FirstRead.open(app.profile)
    numbers = [n for c in first.first_page(200) for n in c.phones]
    save_phone_texts(app.profile, numbers)  # what the window does once the store is up
    assert FirstRead.open(app.profile).phone_text("+442079460001") in (None, right), \
        "the next start still shows 020 7946 9999 for +44 20 7946 0001"


def test_a_huge_phone_texts_cache_is_not_loaded_whole_on_the_first_rows_path(app):
    """A first_rows_phones.json far bigger than anything save_phone_texts writes (PHONE_TEXTS_MAX is
    2000 numbers; here 300 000 entries, ~12 MB, e.g. copied from elsewhere or grown by a bug) is read
    and parsed whole on the main thread before the first rows: the start-up's budget (0.5 s) goes to
    JSON and the window's memory keeps every entry. Expected: a cache over the limit is ignored (or
    trimmed) so FirstRead keeps at most PHONE_TEXTS_MAX texts."""
    from whitephone.ui.first_read import PHONE_TEXTS, PHONE_TEXTS_MAX, FirstRead

    app.contacts.add(ContactData(given_name="Ann", family_name="Zed", phones=[Phone("+44 20 7946 0001", "work")]))
    texts = {f"+4420{i:08d}": f"020 {i:08d}" for i in range(300_000)}
    (app.profile.root / PHONE_TEXTS).write_text(json.dumps({"region": "GB", "texts": texts}))
    first = FirstRead.open(app.profile)
    assert len(first._texts) <= PHONE_TEXTS_MAX


def test_a_corrupt_phone_texts_cache_does_not_stop_the_window_from_starting(tmp_path):
    """first_rows_phones.json is a cache; whatever is in it, the window must start. A file of deeply
    nested JSON (a truncated/garbled write, a hostile file: here 100 000 "[") makes json.loads raise
    RecursionError, which _load_phone_texts does not catch: FirstRead.open fails and run_gui reports
    "WhitePhone could not open its data folder: maximum recursion depth exceeded ..." with a critical
    message box, exit 2 - the user cannot start WhitePhone at all until they find and delete the
    file. Expected: the broken cache is ignored (as "{not json" is) and the first rows are shown."""
    import subprocess
    import sys

    from whitephone.ui.first_read import PHONE_TEXTS

    profile, env = profile_with_a_contact(tmp_path)
    (profile / PHONE_TEXTS).write_text("[" * 100_000)
    env.update(WHITEPHONE_BENCH_QUIT_WHEN_SHOWN="1")
    out_path, err_path = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "whitephone", "--profile", str(profile)], env=env,
                                stdout=out, stderr=err)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and proc.poll() is None:
            if '{"error"' in err_path.read_text():  # the "cannot open" box is up, waiting for a click
                break
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert "shown rows=1" in out_path.read_text(), err_path.read_text()[-600:]

