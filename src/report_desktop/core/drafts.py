"""Sentences the text tabs offer to insert, written from the report's own numbers.  Qt-free.

The applications sentence quotes exactly the table cells, in the phrasing the core S3
rule recognises, so inserting it never creates a text/table mismatch.
"""
from __future__ import annotations

import re
from decimal import Decimal

from . import schema
from .register.answer_time import AnswerTimes
from .report import Report


def _total(rep: Report, *rows: str) -> int:
    return sum(int(rep.number(schema.application_cell(r, "total"))) for r in rows)


def applications_sentence(rep: Report) -> str:
    new, old = _total(rep, "new"), _total(rep, "carried_over")
    done, forward = _total(rep, "total"), _total(rep, "carry_forward")
    if new == 0 and old == 0:
        return f"{rep.year or '本'}年度未收到政府信息公开申请，也没有上年结转的申请。"
    parts = []
    for name, rows in schema.OUTCOME_CATEGORIES.items():
        n = _total(rep, *rows)
        if n:
            parts.append(f"{name}{n}件")
    detail = f"，其中{'、'.join(parts)}" if parts else ""
    return (f"本年度共受理政府信息公开申请{new + old}件，其中本年新收{new}件、上年结转{old}件；"
            f"办结{done}件{detail}；结转下年度继续办理{forward}件。")


def _money(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return text


def fee_sentence(notices: int, billed: Decimal, collected: Decimal) -> str:
    """The 信息处理费 sentence of 六 from the three figures the clerk enters."""
    if notices == 0 and billed == 0 and collected == 0:
        return "本年度未发出政府信息公开信息处理费收费通知，未收取信息处理费。"
    return (f"本年度共发出政府信息公开信息处理费收费通知{notices}件，收费金额{_money(billed)}元，"
            f"实际收取信息处理费{_money(collected)}元。")


def late_answers_sentence(times: AnswerTimes) -> str:
    """The sentence of 五 on answers given after the legal period (S17 is silent once it is
    in): the count and the longest delay from the register, and what the office will do."""
    late = times.overdue
    if not late:
        return (f"{times.year}年度政府信息公开申请均在法定期限内答复，今后将继续严格执行"
                "依申请公开办理时限要求。")
    still_open = sum(a.answered is None for a in late)
    opened = f"，其中{still_open}件截至年底尚未答复" if still_open else ""
    return (f"{times.year}年度有{len(late)}件政府信息公开申请超过法定期限答复"
            f"（最长逾期{late[0].days_late}个工作日）{opened}。今后将建立依申请公开办理台账和到期提醒机制，"
            "严格执行20个工作日的答复期限，确需延长的经政府信息公开工作机构负责人同意并及时告知申请人，"
            "确保在法定期限内答复。")


_PAREN = str.maketrans("()", "（）")


def missing_outline(text: str) -> list[str]:
    """Sub-headings of schema.OVERVIEW_OUTLINE that the text does not have yet."""
    have = text.translate(_PAREN)
    out = []
    for heading in schema.OVERVIEW_OUTLINE:
        name = re.sub(r"^（.）", "", heading)
        if heading not in have and not re.search(rf"（.）\s*{re.escape(name)}", have):
            out.append(heading)
    return out


def applications_anchor(text: str) -> int | None:
    """Where the drafted applications sentence belongs: the end of the line that
    carries the （二）依申请公开 sub-heading, if there is one."""
    m = re.search(r"^[ \t　]*[（(]二[）)]\s*依申请公开[^\n]*", text, re.M)
    return m.end() if m else None
