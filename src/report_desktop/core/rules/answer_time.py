"""S17: applications answered late (the register's deadlines, core/register/answer_time.py)
are spoken of in 五、存在的主要问题及改进情况.

Inspectors deduct per application not answered within the legal period; a report whose
register shows late answers and whose 五 is silent about them (or says there were none)
is sent back.  A year the calendar has no notice for is named instead of guessed."""
from __future__ import annotations

import re

from ..places import Place
from ..calendar import Calendar, missing_message
from .. import schema
from ..register.answer_time import AnswerTime, cached
from ..report import Report
from .findings import Finding, warning

RULE = "S17"
SECTION = "problems"
_LISTED = 10
# Words by which a report admits a late answer.
_MENTION = re.compile(r"逾期|超期|超时|超过法定期限|超出法定期限|超过答复期限|超过规定期限|未按时|未能按时|"
                      r"未按期|未能按期|未在法定期限|未在规定期限|延迟答复|迟延答复")
# …and by which it denies one ("未发生逾期答复", "无超期答复").
_DENIAL = re.compile(r"(?:无|没有|未出现|未发生|不存在|杜绝了?|均未|未有)[^。；;，,]{0,6}?"
                     r"(?:逾期|超期|超时|超过法定期限|超出法定期限)")


def late_list(late: list[AnswerTime]) -> str:
    """“2025-007逾期3个工作日、2025-011逾期1个工作日等 12 件”."""
    shown = "、".join(f"{a.id or f'第{a.row + 1}条'}逾期{a.days_late}个工作日"
                      + ("（截至统计时仍未答复）" if a.answered is None else "")
                      for a in late[:_LISTED])
    return shown + (f"等 {len(late)} 件" if len(late) > _LISTED else "")


def check_answer_time(rep: Report, calendar: Calendar | None = None) -> list[Finding]:
    reg = rep.register
    if reg is None or not rep.year or not reg.applications:
        return []
    times = cached(reg, rep.year, calendar)
    out = []
    # Only the years up to the report's count: a deadline next January cannot be late yet.
    for year in (y for y in times.uncovered_years if y <= times.year):
        n = sum(r.uncovered == year for r in times.rows)
        out.append(warning(RULE, f"录入{year}年的节假日安排（检查 → 工作日日历）：台账中 {n} 件申请的答复期限无法计算",
                           [], detail=f"{missing_message(year)}。没有节假日安排的年份不按普通的周一至周五推算。"))
    late = times.overdue
    if not late:
        return out
    text = rep.texts.get(SECTION, "")
    heading = schema.TEXTS[SECTION]
    detail = f"台账中超过法定期限答复的申请：{late_list(late)}。"
    longest = late[0].days_late
    denial = _DENIAL.search(text)
    if denial:
        out.append(warning(RULE, f"改正“{heading}”中没有逾期答复的说法：台账中 {len(late)} 件"
                                 f"逾期答复（最长{longest}个工作日）", [Place.TEXT.at(SECTION)],
                           detail=f"正文写“{denial.group(0)}”。{detail}"))
    elif not _MENTION.search(text):
        out.append(warning(RULE, f"在“{heading}”中说明逾期答复：台账中 {len(late)} 件申请"
                                 f"超过法定期限（最长逾期{longest}个工作日）", [Place.TEXT.at(SECTION)],
                           detail=detail))
    return out
