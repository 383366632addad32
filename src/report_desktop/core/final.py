"""The 定稿 (final version): what of a report is frozen, its content hash, and what differs.

A 定稿 is the version a leader signed and the website published.  Its hash is SHA-256 over
one canonical form of the report's *published content*: the interchange JSON
(docs/interchange.md) restricted to what every published file carries and every reader
gives back — unit, year, report date, the prose and the three tables — with sorted keys.
Left out as not published content: ``level`` (no Word file prints it), the register, and
the departures a reader records.  The prose is compared as readers give it back: each line
trimmed, runs of spaces as one, blank lines dropped (a change of layout is not a change
of content).  So a Word file or web page re-read with the ordinary readers hashes like the
report it was written from, and an edit made in Word afterwards changes the hash.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

from . import jsonio, schema
from .report import Report
from .values import to_plain, to_text

CONTENT_FIELDS = ("format", "unit", "year", "report_date", "text", "active",
                  "applications", "review_litigation")
HASH_NAME = "sha256"
_EDGE = " \t\r\f\v\u3000\u00a0"
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


@dataclass(frozen=True)
class Stamp:
    """What a file written from a 定稿 carries: the version number and the content hash."""
    version: int
    hash: str

    @property
    def label(self) -> str:
        return version_label(self.version)


def version_label(version: int) -> str:
    return f"定稿第{version}版"


def normal_text(text: str | None) -> str:
    """A prose text as readers give it back: lines trimmed, spaces folded, no blank lines."""
    out = []
    for line in (text or "").split("\n"):
        line = _SPACES.sub(" ", line.strip(_EDGE))
        if line:
            out.append(line)
    return "\n".join(out)


def canonical(report: Report) -> str:
    """The published content as one string: sorted-key JSON, nothing volatile."""
    data = jsonio.to_dict(report)
    content = {k: data[k] for k in CONTENT_FIELDS if k in data}
    content["text"] = {k: normal_text(v) for k, v in data["text"].items()}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(report: Report) -> str:
    """SHA-256 (hex) of ``canonical(report)``."""
    return hashlib.sha256(canonical(report).encode("utf-8")).hexdigest()


# -- what differs --------------------------------------------------------------------------
MAX_QUOTE = 24


def _quote(text: str) -> str:
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE] + "……"


def _paragraph_changes(title: str, old: str, new: str) -> list[str]:
    """The paragraphs of one section that differ, each named by its number."""
    a, b = old.split("\n") if old else [], new.split("\n") if new else []
    out = []
    for i in range(max(len(a), len(b))):
        was = a[i] if i < len(a) else None
        now = b[i] if i < len(b) else None
        if was == now:
            continue
        where = f"“{title}”第{i + 1}段"
        if was is None:
            out.append(f"{where}：定稿中没有，文件中为“{_quote(now or '')}”")
        elif now is None:
            out.append(f"{where}：文件中没有，定稿中为“{_quote(was)}”")
        else:
            start = 0
            while start < min(len(was), len(now)) and was[start] == now[start]:
                start += 1
            lead = max(0, start - 6)
            out.append(f"{where}：定稿为“{_quote(was[lead:])}”，文件为“{_quote(now[lead:])}”")
    return out


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else "空"


def differences(final: Report, other: Report) -> list[str]:
    """What ``other`` (a file re-read) has that the 定稿 ``final`` has not, in Chinese: the
    unit, year and date, then each cell, then each paragraph that differs."""
    out = []
    if final.unit != other.unit:
        out.append(f"单位名称：定稿为“{final.unit}”，文件为“{other.unit}”")
    if final.year != other.year:
        out.append(f"统计年度：定稿为{final.year}年，文件为{other.year}年")
    if final.report_date != other.report_date:
        out.append(f"报告日期：定稿为{_day(final.report_date)}，文件为{_day(other.report_date)}")
    for cid in schema.CELL_IDS:
        a, b = final.cells[cid], other.cells[cid]
        if to_plain(a) != to_plain(b):
            out.append(f"{schema.CELLS[cid].name}：定稿为 {to_text(a) or '空'}，文件为 {to_text(b) or '空'}")
    for key, title in schema.TEXTS.items():
        out += _paragraph_changes(title.split("（")[0], normal_text(final.texts.get(key)),
                                  normal_text(other.texts.get(key)))
    return out
