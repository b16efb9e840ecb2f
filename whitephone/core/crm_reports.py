"""CRM reports (issue 13 point 6): open records by type, priority, owner and group; overdue
reminders; records closed per period; calls per user per day with their durations.

Plain Python over the store (`store.crm.find` pages, the call log table): the Reports window
draws them as charts and `export_xlsx` / `export_csv` write them out. Nothing here imports Qt.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Integer, func, select

from whitephone.store import models as m

PAGE = 2000
PERIODS = ("day", "week", "month")


@dataclass
class Report:
    """One table: a title, its column names, its rows. `chart`: how the window draws it
    ("bar": first column the categories, the other number columns the bars; "" no chart)."""

    key: str
    title: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    chart: str = "bar"

    def total(self, column: int = 1) -> float:
        return sum(r[column] for r in self.rows if isinstance(r[column], int | float))


def _records(store, progress: Callable[[int], None] | None = None, **filters) -> Iterator:
    """Every record `find` gives for these filters, a page at a time."""
    offset = 0
    while True:
        page = store.crm.find(offset=offset, limit=PAGE, **filters)
        yield from page
        offset += len(page)
        if progress is not None:
            progress(offset)
        if len(page) < PAGE:
            return


def _parse(ts) -> datetime | None:
    if ts is None or ts == "":
        return None
    if isinstance(ts, datetime):
        return ts if ts.tzinfo else ts.replace(tzinfo=UTC)
    try:
        d = datetime.fromisoformat(str(ts).replace("Z", "+00:00"))
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=UTC)


def period_of(when: datetime, period: str) -> str:
    """The label of the day ("2026-12-05"), ISO week ("2026-W49") or month ("2026-12") of `when`."""
    if period == "day":
        return when.strftime("%Y-%m-%d")
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return when.strftime("%Y-%m")
    raise ValueError(f"unknown period {period!r} (day, week or month)")


def open_records(store, group_names: dict[int, str] | None = None, now: datetime | None = None,
                 progress: Callable[[int], None] | None = None) -> list[Report]:
    """One pass over the open records: counts by type, priority, owner and group, and the open
    records whose reminder is past (`now`, default the current time)."""
    now = now or datetime.now(UTC)
    group_names = group_names or {}
    by_type: Counter = Counter()
    by_priority: Counter = Counter()
    by_owner: Counter = Counter()
    by_group: Counter = Counter()
    overdue: list[tuple] = []
    for r in _records(store, progress, status="open"):
        by_type[r.type] += 1
        by_priority[r.priority] += 1
        by_owner[r.owner_name or (f"user {r.owner_id}" if r.owner_id else "me (not synced yet)")] += 1
        by_group[group_names.get(r.group_id, f"group {r.group_id}") if r.group_id else "Company"] += 1
        due = _parse(r.remind_at)
        if due is not None and due <= now:
            overdue.append((r.task_number if r.task_number is not None else "pending", r.subject, r.type,
                            r.priority, r.owner_name or "", due.strftime("%Y-%m-%d %H:%M"),
                            round((now - due).total_seconds() / 86400, 1)))
    types = list(store.crm.types())
    type_rows = [(t, by_type.get(t, 0)) for t in types] + sorted(
        (t, n) for t, n in by_type.items() if t not in types)
    priorities = ("high", "medium", "low")
    priority_rows = [(p, by_priority.get(p, 0)) for p in priorities] + sorted(
        (p, n) for p, n in by_priority.items() if p not in priorities)
    overdue.sort(key=lambda row: row[5])
    return [
        Report("open_by_type", "Open records by type", ["Type", "Open"], type_rows),
        Report("open_by_priority", "Open records by priority", ["Priority", "Open"], priority_rows),
        Report("open_by_owner", "Open records by owner", ["Owner", "Open"], sorted(by_owner.items())),
        Report("open_by_group", "Open records by group", ["Opened as", "Open"], sorted(by_group.items())),
        Report("overdue", "Overdue reminders",
               ["Task", "Subject", "Type", "Priority", "Owner", "Reminder", "Days overdue"], overdue, chart=""),
    ]


def closed_per_period(store, period: str = "week", since: datetime | None = None,
                      progress: Callable[[int], None] | None = None) -> Report:
    """How many records were closed in each day, week or month (`since`: only those closed then or later)."""
    period_of(datetime.now(UTC), period)  # an unknown period fails before the pass
    counts: Counter = Counter()
    for r in _records(store, progress, status="closed"):
        closed = _parse(r.closed_at)
        if closed is None or (since is not None and closed < since):
            continue
        counts[period_of(closed, period)] += 1
    return Report("closed", f"Records closed per {period}", [period.capitalize(), "Closed"], sorted(counts.items()))


def calls_per_user_per_day(store, since: datetime | None = None) -> Report:
    """From the call log: per account (the user's line) and day, the calls, the answered ones and
    the minutes talked."""
    c = m.call_logs
    day = func.substr(c.c.started_at, 1, 10)
    q = (select(c.c.account, day.label("day"), func.count(), func.sum(c.c.duration),
                func.sum((c.c.answered_at.is_not(None)).cast(Integer)))
         .group_by(c.c.account, day).order_by(day, c.c.account))
    if since is not None:
        q = q.where(c.c.started_at >= since.astimezone(UTC).isoformat())
    with store.engine.connect() as conn:
        rows = [(account or "(no account)", d, n, int(answered or 0), round((seconds or 0) / 60, 1))
                for account, d, n, seconds, answered in conn.execute(q)]
    return Report("calls", "Calls per user per day", ["User", "Day", "Calls", "Answered", "Minutes"], rows)


def all_reports(store, group_names: dict[int, str] | None = None, period: str = "week",
                now: datetime | None = None, progress: Callable[[int], None] | None = None) -> list[Report]:
    return [*open_records(store, group_names, now, progress), closed_per_period(store, period, progress=progress),
            calls_per_user_per_day(store)]


# -- export ------------------------------------------------------------------------------------
def _sheet_title(title: str, taken: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Report"
    base, i = name, 2
    while name in taken:
        name = f"{base[:28]} {i}"
        i += 1
    taken.add(name)
    return name


def export_xlsx(reports: list[Report], path: Path | str) -> Path:
    """One sheet per report (its title as the sheet name, a bold header row)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for rep in reports:
        ws = wb.create_sheet(_sheet_title(rep.title, taken))
        ws.append(rep.columns)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rep.rows:
            ws.append(list(row))
        for i, col in enumerate(rep.columns, start=1):
            width = max([len(str(col))] + [len(str(r[i - 1])) for r in rep.rows[:500]])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width + 2)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)  # a failed save leaves no half-written file under the chosen name
    return path


def export_csv(reports: list[Report], path: Path | str) -> Path:
    """The reports one after another: a title line, the header, the rows, a blank line."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        for i, rep in enumerate(reports):
            if len(reports) > 1:
                if i:
                    w.writerow([])
                w.writerow([rep.title])
            w.writerow(rep.columns)
            w.writerows(rep.rows)
    tmp.replace(path)
    return path
