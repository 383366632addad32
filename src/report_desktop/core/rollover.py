"""New reports: blank, or started from last year's report of the same unit.  Qt-free."""
from __future__ import annotations

import datetime as dt

from . import schema
from .report import Report
from .values import is_number

# First line of a text copied from last year; the text tab shows a reminder while it is there.
DRAFT_MARKER = "【以下为上年内容，请按本年实际修改】"
CARRIED_TEXTS = schema.PROSE_KEYS


def default_year(today: dt.date | None = None) -> int:
    """Reports are written early in the year about the year before."""
    return (today or dt.date.today()).year - 1


def default_preamble(year: int) -> str:
    return (f"本报告根据{schema.REGULATION}（以下简称《条例》）和{schema.FORMAT_NAME}"
            f"（{schema.FORMAT_DOCUMENT}）要求编制，全文包括总体情况、主动公开政府信息情况、"
            "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、"
            f"其他需要报告的事项。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")


def new_report(unit: str, year: int, level: str | None) -> Report:
    rep = Report.blank(unit.strip(), year, level)
    rep.texts["preamble"] = default_preamble(year)
    return rep


def from_previous(prev: Report, year: int | None = None) -> Report:
    """Next year's report: 上年结转 from last year's 结转下年度继续办理, 现行有效件数
    carried (what last year left blank stays blank), every other cell blank, last
    year's texts offered as a marked draft."""
    year = year or prev.year + 1
    rep = new_report(prev.unit, year, prev.level)
    for col in schema.APPLICATION_COLUMNS:
        if col.key == "total":
            continue
        rep.set(schema.application_cell("carried_over", col.key),
                _number_or_blank(prev, schema.application_cell("carry_forward", col.key)))
    for row in ("rules", "normative_docs"):
        cid = f"active.{row}.in_force"
        rep.set(cid, _number_or_blank(prev, cid))
    if prev.texts.get("preamble", "").strip():
        rep.texts["preamble"] = prev.texts["preamble"].replace(f"{prev.year}年", f"{year}年")
    for key in CARRIED_TEXTS:
        body = without_draft_marker(prev.texts.get(key, "")).strip()
        if body:
            rep.texts[key] = f"{DRAFT_MARKER}\n{body}"
    return rep


def without_draft_marker(text: str) -> str:
    """``text`` without its draft-marker lines: a draft started from a report that was
    itself never finished carries one marker, not one per year."""
    if not has_draft_marker(text):
        return text
    return "\n".join(line for line in text.split("\n") if line.strip() != DRAFT_MARKER)


def _number_or_blank(prev: Report, cell_id: str):
    value = prev.cells[cell_id]
    return value if is_number(value) else None


def has_draft_marker(text: str) -> bool:
    return DRAFT_MARKER in text
