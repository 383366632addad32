"""A published report found in a run of paragraph texts and tables, in the order they are
shown: the title (unit and year), the six sections by their headings (the 2021 wording;
the 2019 wording, "其它" and "七、" for 六 are accepted and recorded as deviations), the
preamble, the trailing unit and date lines (the signature), and the official tables read
by their labels from the grids of each section.

Shared by the Word reader (reader.py: Word's paragraphs and tables) and the web page reader
(core/html/reader.py: the page's).  A table block is whatever the caller's ``grid`` stacks."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from .. import schema
from ..report import Report
from ..tabular import unread
from ..tabular.finder import read_tables
from ..tabular.label_search import Grid
from ..tabular.labels import key
from ..tabular.meta import missing_unit_or_year, parse_date, parse_title
from . import draft

T = TypeVar("T")   # a table block: what the ``grid`` given to from_blocks stacks

_STRIP = " \t\r\n\u3000\u00a0"
_OLD_HEADINGS = {   # heading key → (section number, why it is a deviation)
    **{key(h): v for h, v in schema.OLD_HEADINGS.items()},
}
_HEADINGS = {key(s.heading): s.number for s in schema.SECTIONS}
# Words a reworded heading must still contain to be taken for that section.
_CORE_WORDS = {"一": ("总体情况",), "二": ("主动公开",), "三": ("申请",), "四": ("复议", "诉讼"),
               "五": ("问题",), "六": ("其他", "事项")}
_ORDER = [s.number for s in schema.SECTIONS]
_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日")
_SENTENCE = re.compile(r"[。，,；;：:！!？?]")
MAX_SIGNATURE_CHARS = 40   # a longer last-but-one line is prose, not the unit
MAX_HEADING_CHARS = 40
MAX_HEADING_RAW_CHARS = 200   # a heading with its spaces and tabs, before folding


def _heading(text: str) -> tuple[str, str | None] | None:
    """(section number, deviation or None) when ``text`` is a section heading."""
    if len(text) > MAX_HEADING_RAW_CHARS:   # prose: not folded at all (folding costs)
        return None
    k = key(text).rstrip(":。")
    if k in _HEADINGS:
        return _HEADINGS[k], None
    if k in _OLD_HEADINGS:
        number, why = _OLD_HEADINGS[k]
        return number, f"第{number}部分标题“{text.strip(_STRIP)}”是{why}的写法"
    m = re.match(r"^([一二三四五六])、", k)
    if m and len(k) <= MAX_HEADING_CHARS and "。" not in k:
        number = m.group(1)
        if all(w in k for w in _CORE_WORDS[number]):
            return number, f"第{number}部分标题“{text.strip(_STRIP)}”不是2021年格式的写法"
    return None


def from_blocks(blocks: Sequence[str | T], source: str,
                grid: Callable[[str, list[T]], Grid]) -> Report:
    """The report in ``blocks`` (paragraph texts and tables, in order); ``grid(name,
    tables)`` makes a Grid of a section's tables."""
    rep = Report()
    head: list[str | T] = []               # what comes before the first heading
    sections: dict[str, list[str | T]] = {}
    current: str | None = None
    for block in blocks:
        found = _heading(block) if isinstance(block, str) else None
        if found and (current is None or _ORDER.index(found[0]) > _ORDER.index(current)):
            current, why = found
            if why:
                rep.deviations.append(why)
            sections[current] = []
            continue
        (sections[current] if current else head).append(block)
    for s in schema.SECTIONS:
        if s.number not in sections:
            rep.deviations.append(f"缺少“{s.heading}”部分")

    title_unit, year, preamble = _title(head)
    rep.texts["preamble"] = "\n".join(ln for ln in _lines(preamble) if not draft.is_note(ln))
    last = _ORDER[max((_ORDER.index(n) for n in sections), default=0)] if sections else None
    signature_unit = None
    if last is not None:
        signature_unit, rep.report_date = _signature(sections[last])
    for s in schema.SECTIONS:
        if s.text:
            rep.texts[s.text] = _join(sections.get(s.number, []))
    if year is None:
        m = _PERIOD.search(rep.texts["preamble"])
        year = int(m.group(1)) if m else None
    unit = signature_unit or title_unit
    if signature_unit and title_unit and key(signature_unit) != key(title_unit):
        rep.deviations.append(f"标题中的单位“{title_unit}”与落款单位“{signature_unit}”不一致，"
                              "已采用落款单位")
    if not unit or year is None:
        raise missing_unit_or_year(
            source, "文档应以标题“××单位2024年政府信息公开工作年度报告”开头，"
                    "或在文末落款写明单位名称和日期。")
    rep.unit, rep.year = unit, year
    grids = _grids(sections, head, grid)
    read_tables(rep, grids)
    rep.notes += unread.notes(rep, grids, [b for b in blocks if isinstance(b, str)])
    rep.recompute_totals(only_blank=True)
    return rep


def _title(head: list[str | T]) -> tuple[str | None, int | None, list[str | T]]:
    """(unit, year, preamble blocks) from what precedes the first heading."""
    texts = [(i, b) for i, b in enumerate(head) if isinstance(b, str) and b.strip(_STRIP)]
    for n, (i, text) in enumerate(texts[:4]):
        found = parse_title(text.replace("\n", ""))
        if found:
            unit, year = found
            if not unit and n > 0:   # two-line title: unit on the line above
                unit = "".join(t.strip(_STRIP) for _, t in texts[:n])
            return unit or None, year, head[i + 1:]
    return None, None, head


def _lines(blocks: Sequence[object]) -> list[str]:
    out = []
    for b in blocks:
        if isinstance(b, str):
            out += [ln.strip(_STRIP) for ln in b.split("\n") if ln.strip(_STRIP)]
    return out


def _join(blocks: Sequence[object]) -> str:
    return "\n".join(_lines(blocks))


def _signature(blocks: list[str | T]) -> tuple[str | None, dt.date | None]:
    """Take the trailing unit and date lines off the last section; return (unit, date)."""
    lines = _lines(blocks)
    if not lines or parse_date(lines[-1]) is None:
        return None, None
    date = parse_date(lines[-1])
    unit = None
    if len(lines) > 1 and len(lines[-2]) <= MAX_SIGNATURE_CHARS \
            and not _SENTENCE.search(lines[-2]) and parse_date(lines[-2]) is None:
        unit = lines[-2]
    drop = 2 if unit else 1
    # Remove those lines (and the paragraphs holding only them) from the section.
    while drop and blocks:
        b = blocks[-1]
        if not isinstance(b, str) or not b.strip(_STRIP):
            blocks.pop()
            continue
        kept = [ln for ln in b.split("\n") if ln.strip(_STRIP)]
        while drop and kept:
            kept.pop()
            drop -= 1
        if kept:
            blocks[-1] = "\n".join(kept)
        else:
            blocks.pop()
    return unit, date


def _grids(sections: dict[str, list[str | T]], head: list[str | T],
           grid: Callable[[str, list[T]], Grid]) -> list[Grid]:
    """One grid per statistics section (its tables stacked), one per other table."""
    grids: list[Grid] = []
    for number, items in [("", head)] + list(sections.items()):
        tables = [b for b in items if not isinstance(b, str)]
        if not tables:
            continue
        name = f"第{number}部分的表格" if number else "开头的表格"
        if number in ("二", "三", "四"):
            grids.append(grid(name, tables))
        else:
            grids += [grid(name, [t]) for t in tables]
    return grids
