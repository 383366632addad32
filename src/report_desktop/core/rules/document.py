"""Document-level rules: H8 (layout complete), S8 (statistics year), S9 (report date)."""
from __future__ import annotations

import datetime as dt
import re

from .. import schema
from ..report import Report
from .findings import Finding, error, warning

# Headings that are not the 2021 wording, pasted into the prose by mistake.
_WRONG_HEADINGS = re.compile(r"^\s*(" + "|".join(map(re.escape, schema.OLD_HEADINGS)) + ")", re.M)


def check_layout(rep: Report) -> list[Finding]:
    out = [error("H8", f"报告不符合2021年格式：{d}。") for d in rep.deviations]
    for key in schema.PROSE_KEYS:
        if not rep.texts.get(key, "").strip():
            out.append(error("H8", f"“{schema.TEXTS[key]}”部分没有内容，格式要求的六个部分缺一不可。",
                             [f"text.{key}"]))
    for key, text in rep.texts.items():
        m = _WRONG_HEADINGS.search(text or "")
        if m:
            out.append(error("H8", f"正文中出现了不符合2021年格式的标题“{m.group(1)}”。",
                             [f"text.{key}"]))
    if not rep.unit.strip():
        out.append(error("H8", "没有填写单位名称。", ["meta.unit"]))
    return out


_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日[^。；\n]{0,12}?(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")


_PERIOD_SENTENCE = re.compile(r"[^。；\n]*统计(?:期限|时限|时间|区间|周期|截止)[^。；\n]*")


def check_year(rep: Report) -> list[Finding]:
    """S8: the statistics period quoted in the preamble is the report's year, and names it."""
    out = []
    for key in ("preamble", "overview"):
        for m in _PERIOD.finditer(rep.texts.get(key, "")):
            years = {int(y) for y in m.groups() if y}
            if years != {rep.year}:
                out.append(warning(
                    "S8", f"统计期限写的是“{m.group(0)}”，与报告年度{rep.year}年不一致。",
                    [f"text.{key}", "meta.year"], (m.start(), m.end())))
    preamble = rep.texts.get("preamble", "")
    if rep.year:
        for m in _PERIOD_SENTENCE.finditer(preamble):
            if not _PERIOD.search(m.group(0)) and f"{rep.year}年" not in m.group(0):
                start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                out.append(warning(
                    "S8", f"统计期限应写明{rep.year}年：如“自{rep.year}年1月1日起至{rep.year}年12月31日止”。",
                    ["text.preamble", "meta.year"], (start, m.end()), m.group(0).strip()))
    return out


def due_date(rep: Report) -> dt.date:
    """Legal publication deadline: 1月31日, or 3月31日 for the 本级政府 summary."""
    month = 3 if rep.level == "government" else 1
    day = 31
    return dt.date(rep.year + 1, month, day)


def check_date(rep: Report) -> list[Finding]:
    """S9: the report is dated after the year ends and no later than the deadline."""
    d = rep.report_date
    if d is None or not rep.year:
        return []
    due = due_date(rep)
    if d > due:
        who = "本级政府年度报告" if rep.level == "government" else "部门和乡镇（街道）年度报告"
        return [warning("S9", f"报告日期{d.year}年{d.month}月{d.day}日晚于{who}的公布期限"
                              f"{due.year}年{due.month}月{due.day}日（《条例》第四十九条）。",
                        ["meta.report_date"])]
    if d.year <= rep.year:
        return [warning("S9", f"报告日期{d.year}年{d.month}月{d.day}日早于统计年度结束，"
                              "请检查日期或统计年度。", ["meta.report_date", "meta.year"])]
    return []
