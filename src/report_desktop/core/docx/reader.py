"""Import a published report from Word (.docx), made by anyone in Word or WPS.

The body is walked in order.  The six sections are found by their headings (2021
wording; the 2019 wording, "其它" and "七、" for 六 are accepted and recorded as
deviations), the preamble is what stands between the title and 一、, and trailing
unit/date lines are the signature.  The tables of each section are read by their labels
(``core.tabular.finder``) from a grid built straight from the table XML (cells.py), within
the file's reading budget (core/budget.py).

What is read is what Word shows (cells.py): tracked changes accepted (and the clerk told),
content controls and other wrappers opened, text boxes and tables laid out inside a
layout table found; a page embedded as ``w:altChunk`` is read by the web page reader.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeAlias, TypeVar

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml.etree import _Element

from .. import schema
from ..budget import Budget, Clocked
from ..files import ReportFileError, raised_by_us
from ..report import Report
from ..tabular.label_search import Grid
from ..tabular.labels import key
from ..tabular.meta import missing_unit_or_year, parse_date, parse_title
from ..safezip import open_package
from ..tabular import unread
from ..tabular.finder import read_tables
from ..html.parse import HtmlTable
from ..html.reader import placed as html_placed
from . import altchunk, cells, draft

_TBL = qn("w:tbl")
# What the body holds, in order: paragraph texts, and tables as Word's ``w:tbl`` elements
# or an embedded page's HtmlTables.
Block: TypeAlias = str | HtmlTable | _Element
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


TRACKED_NOTE = "文件含修订痕迹，已按接受全部修订读取"


def read(path: str | Path) -> Report:
    path = Path(path)
    source = f"文件“{path.name}”"
    budget = Budget(source)
    data, zf = open_package(path, ".docx")
    zf.close()
    try:
        document = docx.Document(Clocked(data, budget))
        body = document.element.body
    except ReportFileError:
        raise
    except Exception as exc:   # noqa: BLE001 - python-docx/lxml raise many kinds on malformed parts
        if raised_by_us(exc):
            raise
        raise ReportFileError(f"{source}无法作为 Word 文档打开：内容已损坏或不是标准的 .docx。"
                              "请在 Word/WPS 中打开后另存为 .docx 再导入。") from None
    budget.clock()
    rep = from_blocks(_blocks(body, document, budget, source), source,
                      lambda name, tables: _stacked(name, tables, budget))
    if cells.has_revisions(body):
        rep.notes.insert(0, TRACKED_NOTE)
    return rep


def _blocks(body: _Element, document: Document, budget: Budget, source: str) -> list[Block]:
    """Paragraph texts (str) and tables (``w:tbl`` elements, or an embedded page's
    HtmlTables) in the order Word shows them, revisions accepted."""
    out: list[Block] = []
    carry = ""      # a paragraph whose mark is a tracked deletion runs on into the next
    for el in cells.blocks(body):
        budget.add_paragraph()
        if el.tag == cells.ALT_CHUNK:
            for block in altchunk.blocks(el, document, source):
                budget.add_paragraph()
                out.append(block)
        elif el.tag == _TBL:
            out.append(el)
        elif cells.mark_deleted(el):
            carry += cells.paragraph_text(el)
        else:
            out.append(carry + cells.paragraph_text(el))
            carry = ""
    if carry:
        out.append(carry)
    return out


def _stacked(name: str, tables: list[HtmlTable | _Element], budget: Budget) -> Grid:
    """One grid of a section's tables (Word's, or an embedded web page's) stacked one
    below the other, a blank row between them."""
    found: dict[tuple[int, int], object] = {}
    top = 1
    for table in tables:
        placed: dict[tuple[int, int], str]
        if isinstance(table, HtmlTable):
            placed, n = html_placed(table), len(table.rows)
        else:
            placed, n = cells.placed(table, budget)
        for (r, c), text in placed.items():
            found[top + r, c + 1] = text
        top += n + 1
    return Grid(name, found)


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
