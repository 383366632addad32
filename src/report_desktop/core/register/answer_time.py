"""Answered on time: each application's legal deadline, whether it was missed and by how many
working days (docs/registers.md §Answered in time).

条例（国务院令第711号）第三十三条: 20 working days from receipt; an extension told to the
applicant (延期告知) adds at most 20; the time spent 征求第三方和其他机关意见 (第三十二条) is
not counted.  第三十条: after a 补正 the period runs from the day the completed application
arrives.  The day the period runs from is not counted (``Calendar.add_working_days``).
A date in a year without a holiday notice raises nothing here: the application is reported
``uncovered`` with that year, never counted in plain weekdays."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property

from ..calendar import Calendar, YearNotCovered, shipped
from .model import Application, Register

PERIOD = 20           # working days, 第三十三条第二款
EXTENSION = 20        # at most, same paragraph


@dataclass(frozen=True)
class AnswerTime:
    row: int                    # index in register.applications
    id: str
    received: dt.date
    start: dt.date              # received, or the day the 补正 arrived
    deadline: dt.date | None    # None: waiting for a 补正, or the calendar lacks a year
    answered: dt.date | None    # None: not answered by ``as_of``
    days_late: int              # working days after the deadline; 0 when on time
    extended: bool              # an extension within the first period added 20 days
    corrected: bool             # the period restarted from a 补正
    consulted: int              # working days not counted for 征求意见
    uncovered: int | None = None  # the year the calendar has no notice for

    @property
    def late(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class AnswerTimes:
    year: int
    as_of: dt.date              # 31 December of the year, or an earlier "today"
    rows: tuple[AnswerTime, ...]

    @cached_property
    def overdue(self) -> list[AnswerTime]:
        """The late ones, the latest first (then by register order)."""
        return sorted((r for r in self.rows if r.late), key=lambda r: (-r.days_late, r.row))

    @property
    def extended(self) -> list[AnswerTime]:
        return [r for r in self.rows if r.extended]

    @property
    def uncovered_years(self) -> list[int]:
        return sorted({r.uncovered for r in self.rows if r.uncovered is not None})


def _spans(app: Application) -> list[tuple[dt.date, dt.date]]:
    return [(a, b) for a, b in app.consultation if a is not None and b is not None and a <= b]


class _Index:
    """The calendar's working days as a sorted list of ordinals, so that "the n-th working
    day after d" and "working days in (a, b]" are a bisection each (the rule runs on
    10,000-row registers after an edit).  Walking into a year without a notice raises
    YearNotCovered, as the calendar itself does."""

    def __init__(self, cal: Calendar) -> None:
        self.cal = cal
        days = (dt.date(y, 1, 1) + dt.timedelta(i) for y in cal.years
                for i in range((dt.date(y, 12, 31) - dt.date(y, 1, 1)).days + 1))
        self.work = [d.toordinal() for d in days if cal.is_working_day(d)]

    def _covered(self, a: dt.date, b: dt.date) -> None:
        for year in range(a.year, b.year + 1):
            if year not in self.cal.years:
                raise YearNotCovered(year)

    def count(self, a: dt.date, b: dt.date) -> int:
        """Working days after ``a`` up to and including ``b`` (0 when b ≤ a)."""
        if b <= a:
            return 0
        self._covered(a + dt.timedelta(1), b)
        return bisect_right(self.work, b.toordinal()) - bisect_right(self.work, a.toordinal())

    def add(self, a: dt.date, n: int) -> dt.date:
        """The n-th working day after ``a`` (n ≥ 1)."""
        i = bisect_right(self.work, a.toordinal()) + n - 1
        if i >= len(self.work):
            raise YearNotCovered(max(self.cal.years) + 1)
        d = dt.date.fromordinal(self.work[i])
        self._covered(a + dt.timedelta(1), d)
        return d


_indexes: dict[int, _Index] = {}


def _index(cal: Calendar) -> _Index:
    found = _indexes.get(id(cal))
    if found is None or found.cal is not cal:
        if len(_indexes) > 8:
            _indexes.clear()
        found = _indexes[id(cal)] = _Index(cal)
    return found


class _Counter:
    """Working days of one application: the calendar's, less its consultation days."""

    def __init__(self, cal: Calendar, spans: list[tuple[dt.date, dt.date]]) -> None:
        self.index, self.spans = _index(cal), spans

    def consulted(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b] spent consulting."""
        return sum(self.index.count(max(a, lo - dt.timedelta(1)), min(b, hi))
                   for lo, hi in self.spans)

    def add(self, start: dt.date, n: int) -> dt.date:
        d = self.index.add(start, n)
        skipped = self.consulted(start, d)
        while skipped:                  # each consultation day moves the deadline one on
            nxt = self.index.add(d, skipped)
            skipped = self.consulted(d, nxt)
            d = nxt
        return d

    def between(self, a: dt.date, b: dt.date) -> int:
        """Counted days after ``a`` up to and including ``b`` (0 when b ≤ a)."""
        return self.index.count(a, b) - self.consulted(a, b) if b > a else 0


def answer_time(app: Application, row: int, as_of: dt.date, cal: Calendar) -> AnswerTime | None:
    """The deadline of one application; None when it has no usable receipt date."""
    if app.received is None:
        return None
    corrected = app.corrected is not None and app.corrected >= app.received
    start = app.corrected if corrected and app.corrected else app.received
    answered = app.answered if app.answered is not None and app.answered <= as_of else None
    base = AnswerTime(row=row, id=app.id, received=app.received, start=start, deadline=None,
                      answered=answered, days_late=0, extended=False, corrected=corrected,
                      consulted=0)
    if app.correction_requested is not None and not corrected:
        return base     # waiting for the 补正: no period runs (an answer without one is not late)
    counter = _Counter(cal, _spans(app))
    try:
        first = counter.add(start, PERIOD)
        # An extension counts when it was told within the first period (第三十三条).
        extended = app.extended is not None and start <= app.extended <= first
        deadline = counter.add(first, EXTENSION) if extended else first
        end = answered or as_of
        late = counter.between(deadline, end)
        consulted = counter.consulted(start, min(end, deadline))
    except YearNotCovered as missing:
        return replace(base, uncovered=missing.year)
    return replace(base, deadline=deadline, days_late=late, extended=extended, consulted=consulted)


# Applications are immutable and an edit of one row keeps every other row's object: rows
# already counted under the same calendar and day are taken as they were, so validation
# after an edit counts one row, not 10,000 (benchmarks/bench_register.py).
_memo: dict[str, object] = {}


def _row(app: Application, i: int, year: int, as_of: dt.date, cal: Calendar) -> AnswerTime | None:
    if app.received is None or app.received > as_of:
        return None
    if app.answered is not None and app.answered.year < year:
        return None             # answered before the year: last year's report
    return answer_time(app, i, as_of, cal)


def _moved(found: AnswerTime | None, i: int) -> AnswerTime | None:
    return found if found is None or found.row == i else replace(found, row=i)


def answer_times(reg: Register, year: int, cal: Calendar | None = None,
                 today: dt.date | None = None) -> AnswerTimes:
    """The applications the year's report answers for: those answered in ``year`` and
    those received by its end and still open on 31 December (or on ``today`` when that
    is earlier).  An open one past its deadline is late up to that day."""
    cal = cal or shipped()
    as_of = min(dt.date(year, 12, 31), today or dt.date.today())
    apps = reg.applications
    before: tuple[Application, ...] = ()
    known: list[AnswerTime | None] = []
    if _memo.get("key") == (year, as_of) and _memo.get("cal") is cal:
        before, known = _memo["apps"], _memo["found"]  # type: ignore[assignment]
    if len(before) == len(apps):         # edited in place (or unchanged): compare row by row
        found = [k if a is b else _row(b, i, year, as_of, cal)
                 for i, (a, b, k) in enumerate(zip(before, apps, known))]
    else:                                # rows inserted or removed: find them by identity
        by_id = {id(a): k for a, k in zip(before, known)}
        found = [_moved(by_id[id(b)], i) if id(b) in by_id else _row(b, i, year, as_of, cal)
                 for i, b in enumerate(apps)]
    _memo.update(key=(year, as_of), cal=cal, apps=apps, found=found)
    return AnswerTimes(year, as_of, tuple(f for f in found if f is not None))


_last: list[object] = [None, None, None, None]   # (register, year, calendar, result)


def cached(reg: Register, year: int, cal: Calendar | None = None) -> AnswerTimes:
    """``answer_times`` kept while the register and calendar objects are the same (the rule
    runs after every keystroke; registers are immutable)."""
    cal = cal or shipped()
    if _last[0] is not reg or _last[1] != year or _last[2] is not cal:
        _last[:] = [reg, year, cal, answer_times(reg, year, cal)]
    result = _last[3]
    assert isinstance(result, AnswerTimes)
    return result


def explanation_lines(cal: Calendar | None = None) -> list[str]:
    """The 统计口径说明's paragraph on answer deadlines, with the calendar's sources."""
    cal = cal or shipped()
    years = "；".join(f"{y}年依据{c.notice.number}" + ("（本机录入）" if c.entered else "")
                     for y, c in cal.years.items())
    return [
        "答复期限：自收到申请之次日起计算20个工作日（《条例》第三十三条）；在此期限内告知申请人延长答复期限的，"
        "再加20个工作日；要求补正的，自收到补正之次日起重新计算（第三十条），等待补正期间不计算期限；"
        "征求第三方或者其他机关意见期间（台账“征求意见期间”所列起止日，含当日）的工作日不计入"
        "（第三十二条、第三十三条）。截至12月31日仍未答复且已过期限的，按逾期计。",
        f"工作日按国务院办公厅每年的节假日安排通知计算（扣除法定节假日、计入调休上班日）：{years}。"
        "没有通知的年份不计算工作日，相应申请列为“无法计算”。",
    ]


__all__ = ["AnswerTime", "AnswerTimes", "answer_time", "answer_times", "cached",
           "explanation_lines", "PERIOD", "EXTENSION"]
