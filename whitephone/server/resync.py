"""Tombstone retention and the full resync.

Deleted rows stay as tombstones for `retention` seconds (default 30 days) so clients can learn of the
delete, then the purge removes them and records the highest purged seq per company. A feed cursor
older than that (or than the user's resync mark, see visibility.py) gets 409 `resync_required`;
the client then pages through `GET /api/v1/sync/snapshot` (every visible live row, keyed by
entity and id), replaces its synced data with it, and continues the feed from the snapshot's `head`.
"""

import asyncio
import logging
import time
from typing import Annotated, get_args

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Engine

from whitephone.protocol import Change, Entity
from whitephone.protocol.team import Snapshot
from whitephone.server.db import companies, records, sync_conflicts, writer
from whitephone.server.visibility import ResyncRequired, head_seq, lock_seq, visible_clause

log = logging.getLogger(__name__)
DEFAULT_RETENTION = 30 * 86400.0
PURGE_EVERY = 3600.0
ENTITIES = set(get_args(Entity))


def purge_tombstones(engine: Engine, older_than: float) -> int:
    """Remove tombstones deleted before `older_than` (epoch seconds); returns how many."""
    with writer(engine) as conn:
        lock_seq(conn)  # a purge mark must not interleave with seqs being handed out
        old = and_(records.c.deleted.is_(True), records.c.deleted_at < older_than)
        per_company = conn.execute(select(records.c.company_id, func.max(records.c.version), func.count())
                                   .where(old).group_by(records.c.company_id)).all()
        for company_id, top, _n in per_company:
            before = conn.execute(select(companies.c.purged_seq).where(companies.c.id == company_id)).scalar()
            conn.execute(update(companies).where(companies.c.id == company_id).values(
                purged_seq=max(before or 0, top)))
        conn.execute(delete(records).where(old))
        # lost-change notices are kept as long as tombstones (a client away longer resyncs anyway)
        conn.execute(delete(sync_conflicts).where(sync_conflicts.c.created < older_than))
    removed = sum(n for _c, _t, n in per_company)
    if removed:
        log.info("purged %d tombstones older than %.0f", removed, older_than)
    return removed


async def purge_loop(engine: Engine, retention: float, every: float = PURGE_EVERY) -> None:
    """Background task: purge expired tombstones now and then every `every` seconds."""
    while True:
        try:
            await asyncio.to_thread(purge_tombstones, engine, time.time() - retention)
        except Exception:
            log.exception("tombstone purge failed; trying again later")
        await asyncio.sleep(every)


def _parse_after(after: str | None) -> tuple[str, str] | None:
    if not after:
        return None
    entity, sep, record_id = after.partition(":")
    if not sep or entity not in ENTITIES or not record_id or "\x00" in record_id:
        raise HTTPException(400, "after must be 'entity:id' as returned in a snapshot page")
    return entity, record_id


def add_resync_routes(app: FastAPI, engine: Engine, current_user) -> None:
    Me = Annotated[object, Depends(current_user)]

    @app.exception_handler(ResyncRequired)
    async def resync_required(_request: Request, exc: ResyncRequired):
        return JSONResponse(status_code=409, content={"detail": {
            "code": "resync_required", "reason": exc.why, "since": exc.since, "boundary": exc.boundary}})

    @app.get("/api/v1/sync/snapshot", response_model=Snapshot)
    def snapshot(me: Me, after: Annotated[str | None, Query(max_length=100)] = None,
                 limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> Snapshot:
        key = _parse_after(after)
        with engine.connect() as conn:
            head = head_seq(conn)  # read first: anything committed later is in the feed after it
            cond = [records.c.company_id == me.company_id, records.c.deleted.is_(False), visible_clause(me.id)]
            if key is not None:
                cond.append(or_(records.c.entity > key[0],
                                and_(records.c.entity == key[0], records.c.record_id > key[1])))
            rows = conn.execute(select(records).where(*cond).order_by(records.c.entity, records.c.record_id)
                                .limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        return Snapshot(records=[Change(seq=r.version, entity=r.entity, id=r.record_id, deleted=False,
                                        fields=r.fields) for r in rows],
                        after=f"{rows[-1].entity}:{rows[-1].record_id}" if rows else after,
                        more=more, head=head)
