"""Deadlines beyond the law's (docs/rules.md): S15 the report date against the 上级's own
deadline, S16 the day the report was published against both deadlines."""
from __future__ import annotations

import datetime as dt

from ..places import Place
from .. import deadline
from ..deadline import date_text
from ..report import Report
from .document import due_date
from .findings import Finding, warning

_LOCAL = Place.META.at("local_deadline")


def local_deadline(rep: Report) -> dt.date | None:
    """The 上级's deadline as a date; None when not set or not readable (S15 says so)."""
    if not rep.local_deadline or not rep.year:
        return None
    try:
        return deadline.parse(rep.local_deadline, rep.year + 1).date
    except deadline.DeadlineError:
        return None


def check_local_deadline(rep: Report) -> list[Finding]:
    """S15: the report is dated no later than the deadline the 上级 set."""
    if not rep.local_deadline or not rep.year:
        return []
    try:
        due = deadline.parse(rep.local_deadline, rep.year + 1).date
    except deadline.DeadlineError as err:
        return [warning("S15", str(err), [_LOCAL])]
    d = rep.report_date
    if d is not None and d > due:
        return [warning("S15", f"把报告日期提前到{date_text(due)}前：上级规定的报送期限",
                        [Place.META.at("report_date"), _LOCAL],
                        detail=f"上级规定：{rep.local_deadline}（{date_text(due)}）；报告日期：{date_text(d)}。")]
    return []


def check_published(rep: Report) -> list[Finding]:
    """S16: published no later than the legal deadline and the 上级's, not before the date
    the report bears."""
    pub = rep.published_date
    if pub is None or not rep.year:
        return []
    cells = [Place.META.at("published_date")]
    if rep.report_date is not None and pub < rep.report_date:
        return [warning("S16", f"核对发布日期：{date_text(pub)}早于报告日期{date_text(rep.report_date)}",
                        cells + [Place.META.at("report_date")])]
    late = []
    legal = due_date(rep)
    if pub > legal:
        late.append(f"法定公布期限{date_text(legal)}（《条例》第四十九条）")
    local = local_deadline(rep)
    if local is not None and pub > local:
        late.append(f"上级规定的期限{date_text(local)}")
    if not late:
        return []
    return [warning("S16", f"核对发布日期：{date_text(pub)}晚于{late[0].split('（')[0]}",
                    cells + ([_LOCAL] if local is not None and pub > local else []),
                    detail="晚于" + "，也晚于".join(late) + "。逾期公布会被通报扣分。")]
