"""CRM records page by keyset (`find(after=the last record's cursor)`): with tens of thousands of
records, every page of every filter holds the right rows in order (newest first, ties on the
creation time broken by id), none skipped or repeated, and the deep pages go through the index."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from whitephone.store import Store
from whitephone.store import models as m
from whitephone.store.crm import PRIORITIES

N = 30_000
TYPES = ("Sales enquiry", "Support", "Complaint", "Follow-up")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("crm-paging") / "wp.db")
    rng = random.Random(13)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(N):
        created = (start + timedelta(seconds=(i // 3) * 60)).isoformat()  # three records per instant
        rows.append({"uid": str(uuid.UUID(int=rng.getrandbits(128))), "task_number": i + 1,
                     "type": rng.choice(TYPES), "priority": rng.choice(PRIORITIES),
                     "status": "closed" if rng.random() < 0.7 else "open", "subject": f"Record {i}",
                     "group_id": rng.choice((None, None, 3)), "owner_name": "", "created_at": created,
                     "updated_at": created})
    rng.shuffle(rows)  # row ids do not follow the creation time
    with s.engine.begin() as conn:
        conn.execute(insert(m.crm_records), rows)
    yield s
    s.close()


def _expected(store, **flt) -> list[str]:
    """Every matching record, newest first, ordered in Python from one plain read."""
    with store.engine.connect() as conn:
        got = conn.execute(m.crm_records.select()).all()
    keep = [r for r in got if all(getattr(r, k) == v for k, v in flt.items())]
    keep.sort(key=lambda r: (r.created_at, r.id), reverse=True)
    return [r.uid for r in keep]


def _walk(store, page: int, **flt) -> list[str]:
    out, after = [], None
    while True:
        rows = store.crm.find(limit=page, after=after, **flt)
        out += [r.uid for r in rows]
        if len(rows) < page:
            return out
        after = rows[-1].cursor


@pytest.mark.parametrize("flt", [{}, {"status": "open"}, {"type": "Support"}, {"priority": "high"},
                                 {"status": "closed", "type": "Complaint", "priority": "low"}])
def test_every_page_of_every_filter_is_right_and_in_order(store, flt):
    want = _expected(store, **flt)
    assert len(want) > 300
    got = _walk(store, 200, **flt)
    assert got == want
    assert store.crm.count(**flt) == len(want)


def test_a_page_deep_down_starts_where_the_previous_one_ended(store):
    want = _expected(store)
    deep = store.crm.find(offset=20_000, limit=200)
    after = store.crm.find(limit=200, after=deep[-1].cursor)
    assert [r.uid for r in deep + after] == want[20_000:20_400]


def test_deep_pages_enter_the_index_at_the_cursor(store):
    from sqlalchemy import literal, select, tuple_
    from sqlalchemy.dialects import sqlite

    R = m.crm_records
    for conds in ([], [R.c.status == "open"], [R.c.type == "Support"], [R.c.priority == "high"]):
        q = (select(R).where(*conds, tuple_(R.c.created_at, R.c.id) < tuple_(literal("2025-06-01"), literal(5)))
             .order_by(R.c.created_at.desc(), R.c.id.desc()).limit(200))
        sql = str(q.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        assert "created_at<?" in plan and "TEMP B-TREE" not in plan, plan


def test_a_record_gone_since_its_page_does_not_stop_the_walk(store, tmp_path):
    s = Store(tmp_path / "wp.db")
    made = [s.crm.create(subject=f"R{i}", type="Support") for i in range(5)]
    first = s.crm.find(limit=2)
    with s.engine.begin() as conn:  # the last row shown is deleted (a sync took it away)
        conn.execute(m.crm_records.delete().where(m.crm_records.c.uid == first[-1].uid))
    rest = s.crm.find(limit=10, after=first[-1].cursor)
    assert [r.uid for r in first + rest] == [r.uid for r in reversed(made)][:2] + \
        [r.uid for r in reversed(made)][2:]
    s.close()
