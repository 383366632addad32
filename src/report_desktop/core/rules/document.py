"""Document-level rules: H8 (layout complete), H9 (dated), S8 (statistics year), S9 (deadline).

Messages lead with what to fix and stay under about 60 characters (one line of the findings
panel at 1366 px); a quoted passage goes to the finding's ``detail``."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..places import Place
from .. import schema
from ..report import Report
from .findings import Finding, error, warning

# Headings that are not the 2021 wording, pasted into the prose by mistake.
_WRONG_HEADINGS = re.compile(r"^\s*(" + "|".join(map(re.escape, schema.OLD_HEADINGS)) + ")", re.M)


def check_layout(rep: Report) -> list[Finding]:
    out = [error("H8", _short(f"按2021年格式改正：{d}"), detail=d) for d in rep.deviations]
    for key in schema.PROSE_KEYS:
        if not rep.texts.get(key, "").strip():
            out.append(error("H8", f"填写“{schema.TEXTS[key]}”：六个部分缺一不可",
                             [Place.TEXT.at(key)]))
    for key, text in rep.texts.items():
        m = _WRONG_HEADINGS.search(text or "")
        if m:
            out.append(error("H8", _short(f"删去旧格式标题“{m.group(1)}”"),
                             [Place.TEXT.at(key)], (m.start(1), m.end(1))))
    if not rep.unit.strip():
        out.append(error("H8", "填写单位名称", [Place.META.at("unit")]))
    return out


MESSAGE_MAX = 60   # characters: one line of the findings panel at 1366 px


def _short(message: str) -> str:
    """``message`` cut to one line; the whole text is in the finding's detail."""
    return message if len(message) <= MESSAGE_MAX else message[:MESSAGE_MAX - 1] + "…"


_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日[^。；\n]{0,12}?(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")


_PERIOD_SENTENCE = re.compile(r"[^。；\n]*统计(?:期限|时限|时间|区间|周期|截止)[^。；\n]*")


def check_year(rep: Report) -> list[Finding]:
    """S8: the statistics period quoted in the preamble is the report's year, and names it."""
    out = []
    for key in ("preamble", "overview"):
        for start, end, quoted, years in _periods(rep.texts.get(key, "")):
            if years != {rep.year}:
                out.append(warning(
                    "S8", _short(f"把统计期限改为{rep.year}年：现写“{quoted}”"),
                    [Place.TEXT.at(key), Place.META.at("year")], (start, end), quoted))
    preamble = rep.texts.get("preamble", "")
    if rep.year:
        for start, end, sentence in _undated_sentences(preamble):
            if f"{rep.year}年" not in sentence:
                start += len(sentence) - len(sentence.lstrip())
                out.append(warning(
                    "S8", f"统计期限写明年份：如“自{rep.year}年1月1日起至{rep.year}年12月31日止”",
                    [Place.TEXT.at("preamble"), Place.META.at("year")], (start, end), sentence.strip()))
    return out


# The two scans of S8 depend on the text alone: kept per text (units share wording, and
# a change of year re-runs S8 on the same texts).
@lru_cache(maxsize=64)
def _periods(text: str) -> tuple[tuple[int, int, str, frozenset[int]], ...]:
    return tuple((m.start(), m.end(), m.group(0), frozenset(int(y) for y in m.groups() if y))
                 for m in _PERIOD.finditer(text))


@lru_cache(maxsize=64)
def _undated_sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sentences about the statistics period that quote no full period."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _PERIOD_SENTENCE.finditer(text)
                 if not _PERIOD.search(m.group(0)))


def due_date(rep: Report) -> dt.date:
    """Legal publication deadline: 1月31日, or 3月31日 for the 本级政府 summary."""
    month = 3 if rep.level == schema.Level.GOVERNMENT else 1
    day = 31
    return dt.date(rep.year + 1, month, day)


def date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_dated(rep: Report) -> list[Finding]:
    """H9: the report carries its date (成文日期 under the signature), in the following year."""
    if not rep.year:
        return []
    d, due_year = rep.report_date, rep.year + 1
    if d is None:
        return [error("H9", f"填写报告日期（{due_year}年内的成文日期）：落款需要它",
                      [Place.META.at("report_date")])]
    if d.year != due_year:
        return [error("H9", f"把报告日期改在{due_year}年内：现为{date_text(d)}",
                      [Place.META.at("report_date"), Place.META.at("year")])]
    return []


def check_date(rep: Report) -> list[Finding]:
    """S9: the report is dated no later than the publication deadline (a date outside the
    following year is H9's)."""
    d = rep.report_date
    if d is None or not rep.year or d.year != rep.year + 1:
        return []
    due = due_date(rep)
    if d > due:
        who = "本级政府" if rep.level == schema.Level.GOVERNMENT else "部门、乡镇"
        return [warning("S9", f"把报告日期提前到{date_text(due)}前：{who}年报的公布期限"
                              "（《条例》第四十九条）",
                        [Place.META.at("report_date")])]
    return []
