"""Registers into reports: the policies the 台账 window and ``report-desktop tally`` share.

- reading a register file with a remembered column mapping (a mapping file for the
  command line, the store's settings for the window), so the next file of the same
  layout maps the same way;
- the tables counted from a register (a new report, or the cells to fill in an open one
  as one undo step);
- the rows that could not be counted, as lines naming the file row and the value.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..core import formats
from ..core.files import ReportFileError
from ..core.register import APPLICATION, CASE, Register, Tally, tally
from ..core.register.columns import Layout
from ..core.register.importing import Imported, import_file
from ..core.register.sources import KINDS
from ..core.report import Report
from ..core.store import Store


@dataclass
class Counted:
    report: Report          # 表三/表四 from the register, the register attached
    tally: Tally
    sources: dict[str, Imported]   # kind → what was imported (row numbers, issues)

    def unclassified_lines(self) -> list[str]:
        """Every row not counted: the import's issues, then the tally's own reasons (an
        answer before the receipt …), each naming the file row and the value."""
        lines, seen = [], set()
        for kind, imp in self.sources.items():
            for issue in imp.issues:
                lines.append(f"{imp.layout.source} {issue.line()}")
                seen.add((kind, issue.row))
        for u in self.tally.unclassified:
            imp = self.sources.get(u.kind)
            row = imp.row_numbers[u.row] if imp else None
            if (u.kind, row) in seen:
                continue
            where = f"{imp.layout.source} 第 {row} 行" if imp else \
                f"台账第 {u.row + 1} 条"
            lines.append(f"{where}（{u.id or '无编号'}）：{u.reason}")
        return lines


def read_register(path: str | Path, kind: str = APPLICATION,
                  mapping: dict[str, str] | None = None, settings=None,
                  progress=None, cancel=None) -> Imported:
    return import_file(path, kind, mapping, settings, progress, cancel)


def count(unit: str, year: int, applications: Imported | None = None,
          cases: Imported | None = None, base: Register | None = None) -> Counted:
    """A new report of ``unit`` and ``year`` whose 表三/表四 are counted from the imported
    register(s); 表二 and the text stay blank for the clerk."""
    reg = base or Register()
    sources = {}
    for kind, imp in ((APPLICATION, applications), (CASE, cases)):
        if imp is not None:
            reg = imp.register(reg)
            sources[kind] = imp
    report = Report.blank(unit, year)
    report.register = reg
    counted = tally(reg, year)
    fill(report, counted)
    return Counted(report, counted, sources)


def fill(report: Report, counted: Tally) -> dict:
    """Put the counts into ``report`` (its totals recomputed); the changed input cells
    ``{cell: (old, new)}`` for the window's one undo step 按台账填写表三、表四."""
    changes = counted.changes_for(report)
    before = {c: report.cells[c] for c in changes}
    for cid, value in changes.items():
        report.set(cid, value)
    return {c: (before[c], changes[c]) for c in changes}


def previous_report(path: str | Path, year: int, mapping=None) -> Report:
    """上年报告或台账: last year's report, or last year's counts from a register file."""
    path = Path(path)
    if path.suffix.lower() in KINDS:
        try:
            imported = read_register(path, APPLICATION, mapping)
        except ReportFileError:
            imported = None           # not a register: perhaps last year's report as .xlsx
        if imported is not None:
            return count("", year - 1, imported).report
    return formats.read(path)


# The window remembers a mapping per header layout in the store's settings.
def _layout_key(layout: Layout) -> str:
    digest = hashlib.sha1("\x1f".join(layout.headers).encode("utf-8")).hexdigest()[:16]
    return f"register_mapping.{layout.kind}.{digest}"


def remembered_mapping(store: Store, layout: Layout) -> dict[str, str] | None:
    raw = store.setting(_layout_key(layout))
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def remember_mapping(store: Store, layout: Layout) -> None:
    store.set_setting(_layout_key(layout), json.dumps(layout.mapping(), ensure_ascii=False))


__all__ = ["Counted", "read_register", "count", "fill", "previous_report",
           "remembered_mapping", "remember_mapping"]
