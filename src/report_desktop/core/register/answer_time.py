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
from dataclasses import dataclass, replace

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

    @property
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


class _Counter:
    """Working days of one application: the calendar's, less its consultation days."""

    def __init__(self, cal: Calendar, spans: list[tuple[dt.date, dt.date]]) -> None:
        self.cal, self.spans = cal, spans
        self.skipped = 0

    def counts(self, d: dt.date) -> bool:
        if not self.cal.is_working_day(d):
            return False
        if any(a <= d <= b for a, b in self.spans):
            self.skipped += 1
            return False
        return True

    def add(self, start: dt.date, n: int) -> dt.date:
        d = start
        while n:
            d += dt.timedelta(1)
            if self.counts(d):
                n -= 1
        return d

    def between(self, a: dt.date, b: dt.date) -> int:
        """Counted days after ``a`` up to and including ``b`` (0 when b ≤ a)."""
        return sum(1 for i in range(1, (b - a).days + 1) if self.counts(a + dt.timedelta(i)))


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
        counter.skipped = 0
        late = counter.between(deadline, end) if end > deadline else 0
        counter.skipped = 0
        counter.between(start, min(end, deadline))
        consulted = counter.skipped
    except YearNotCovered as missing:
        return replace(base, uncovered=missing.year)
    return replace(base, deadline=deadline, days_late=late, extended=extended, consulted=consulted)


def answer_times(reg: Register, year: int, cal: Calendar | None = None,
                 today: dt.date | None = None) -> AnswerTimes:
    """The applications the year's report answers for: those answered in ``year`` and
    those received by its end and still open on 31 December (or on ``today`` when that
    is earlier).  An open one past its deadline is late up to that day."""
    cal = cal or shipped()
    as_of = min(dt.date(year, 12, 31), today or dt.date.today())
    rows = []
    for i, app in enumerate(reg.applications):
        if app.received is None or app.received > as_of:
            continue
        if app.answered is not None and app.answered.year < year:
            continue            # answered before the year: last year's report
        found = answer_time(app, i, as_of, cal)
        if found is not None:
            rows.append(found)
    return AnswerTimes(year, as_of, tuple(rows))


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
