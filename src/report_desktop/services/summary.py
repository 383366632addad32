"""The county summary (汇总) as the window's dialog and ``report-desktop merge`` both make it:
the unit reports (from the store and from files), ``core.summary``'s checks and Σ, the
rule that keeps the county's own report out of the sum, and the report that is saved or
exported (Σ of the tables with the county's own texts).  Qt-free; the window runs
``gather`` on a pool thread.

Files are read once and remembered with their size and modification time, so ticking a
unit or editing the roster does not read every Word file again; a file the unit sends
again (changed on disk) is read afresh.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeGuard

from ..core.places import Place
from ..core import formats, schema, summary
from ..core.files import ReportFileError
from ..core.report import Report
from ..core.rollover import default_preamble
from ..core.rules import ERROR, Finding
from ..core.summary.loader import Flag

if TYPE_CHECKING:
    from ..core.store import ReportInfo

log = logging.getLogger(__name__)

Stamp = tuple[int, int] | None
Entry = tuple[Stamp, "Report | str"]      # a file's stamp and its report or Chinese reason
Progress = Callable[[int, int, str], None]   # done, total, what is being done (Chinese)


def file_types() -> tuple[str, ...]:
    """Extensions offered when choosing unit files (.xls too: the core explains it)."""
    return (*formats.importable(), formats.OLD_EXCEL)


def files_in(folder: Path) -> list[Path]:
    """Report files directly in ``folder``, by name; Office lock files (~$…) left out."""
    kinds = set(file_types())
    return sorted((p for p in Path(folder).iterdir()
                   if p.suffix.lower() in kinds and not p.name.startswith("~$") and p.is_file()),
                  key=lambda p: p.name)


def stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except (OSError, ValueError):   # ValueError: a NUL in the name (the read says so)
        return None
    return st.st_mtime_ns, st.st_size


def _read(path: Path) -> Report:
    try:
        return formats.read(path)
    except ReportFileError:
        raise
    except Exception as exc:   # noqa: BLE001 - a bug of ours on one file must not stop the others
        log.exception("reading %s failed", path)
        raise ReportFileError(f"读取“{path.name}”时程序内部出错（不是文件的问题，已记入日志，"
                              f"请把日志交给技术人员）：{exc}") from exc


def read_files(paths: list[Path], progress: Progress,
               cancel: Flag) -> tuple[dict[Path, Entry], bool]:
    """Read ``paths`` with ``summary.load_reports``: {path: entry} of those read, cancelled."""
    stamps: dict[Path, Stamp] = {}

    def read(path: Path) -> Report:
        stamps[path] = stamp(path)      # before the read: a change while reading shows next time
        return _read(path)

    def step(done: int, total: int, path: Path) -> None:
        progress(done, total, f"正在读取第 {done}/{total} 个文件：{path.name}")

    loaded = summary.load_reports(paths, step, cancel, read=read)
    return {p: (stamps[p], got) for p, got in loaded.read.items()}, loaded.cancelled


def is_own(report_unit: str, summary_unit: str) -> bool:
    """The county's own report is compared with Σ, never added into it."""
    return summary.same_unit(report_unit, summary_unit)


def stored_candidates(infos: list[ReportInfo], unit: str, year: int) -> list[ReportInfo]:
    """The store's reports (ReportInfo) that may be summed for ``unit``'s ``year``."""
    return [i for i in infos if i.year == year and not is_own(i.unit, unit)]


def own_report_problems(reports: list[Report], sources: list[str], unit: str) -> list[str]:
    return [f"{src}：是本级（{unit}）自己的报告，不能计入各单位合计，它用来与合计比对"
            for rep, src in zip(reports, sources) if is_own(rep.unit, unit)]


@dataclass
class Request:
    unit: str
    year: int
    stored: list[Report]          # the ticked unit reports from the store
    files: list[Path]
    parent: Report | None         # the county's own report, if any
    known: dict[Path, Entry] = field(default_factory=dict)   # files read before
    level: str | None = schema.Level.GOVERNMENT


@dataclass
class Outcome:
    read: dict[Path, Entry]       # files read by this run (kept even when cancelled)
    cancelled: bool = False
    reports: list[Report] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    from_store: int = 0           # the first ``from_store`` reports come from the store
    failures: list[tuple[Path, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # why the set cannot be summed
    checks: list[summary.UnitCheck] = field(default_factory=list)
    total: Report | None = None
    differences: list[summary.Difference] | None = None   # None: nothing to compare with


def holds_numbers(report: Report | None) -> TypeGuard[Report]:
    return report is not None and any(report.number(c) for c in schema.CELL_IDS)


def gather(request: Request, progress: Progress, cancel: Flag) -> Outcome:
    todo = [p for p in request.files
            if p not in request.known or request.known[p][0] != stamp(p)]
    new, cancelled = read_files(todo, progress, cancel)
    out = Outcome(read=new, cancelled=cancelled)
    if cancelled:
        return out
    progress(0, 0, "正在检查各单位的报告…")
    entries = {**request.known, **new}
    out.reports = list(request.stored)
    out.sources = [f"数据文件中的“{r.unit}”" for r in request.stored]
    out.from_store = len(request.stored)
    for path in request.files:
        value = entries[path][1]
        if isinstance(value, Report):
            out.reports.append(value)
            out.sources.append(path.name)
        else:
            out.failures.append((path, value))
    out.problems = summary.input_problems(out.reports, request.year, out.sources)
    unit_problem = summary.unit_problem(request.unit) if request.unit.strip() else None
    if unit_problem:
        out.problems.insert(0, unit_problem)
    out.problems += own_report_problems(out.reports, out.sources, request.unit)
    out.checks = summary.unit_checks(out.reports, out.sources)
    if out.reports and not out.problems:
        total = summary.merge(out.reports, request.unit, request.year, request.level)
        out.problems = summary.total_problems(total)   # a Σ over 9 digits: not summable
        out.total = None if out.problems else total
        if out.total is not None and holds_numbers(request.parent):
            out.differences = summary.compare(request.parent, out.total)
    return out


def summary_report(total: Report, existing: Report | None) -> Report:
    """The report 生成汇总 saves: Σ of the units' tables; the county's own texts, date
    and level are kept when its report already exists."""
    rep = total.copy()
    if existing is not None:
        rep.texts = dict(existing.texts)
        rep.report_date = existing.report_date
        rep.level = existing.level or total.level
    else:
        rep.texts["preamble"] = default_preamble(total.year)
    return rep


# -- findings a summary inherits from its units ----------------------------------------------
# 生成汇总 keeps, with the county's report, which units' own reports carry each table error
# (same rule, same cells): the sum inherits it, and the clerk is told whose report to fix.
ORIGINS_SETTING = "summary_origins"


def _finding_key(f: Finding) -> str:
    return f"{f.rule}|{','.join(f.cells)}"


def origins(checks: list[summary.UnitCheck]) -> dict[str, list[str]]:
    """Finding key → the units whose reports have that table error, in input order."""
    out: dict[str, list[str]] = {}
    for check in checks:
        for f in check.findings:
            if f.severity == ERROR and f.cells and Place.of(f.cells[0]) is None:
                units = out.setdefault(_finding_key(f), [])
                if check.unit not in units:
                    units.append(check.unit)
    return out


def name_origins(findings: list[Finding], found: dict[str, list[str]]) -> list[Finding]:
    """The summary's findings, those inherited from units naming them (“……（甲镇、乙镇的报告
    中也有此错误）”); the others as they are."""
    if not found:
        return findings
    named = []
    for f in findings:
        units = found.get(_finding_key(f))
        named.append(replace(f, message=f"{f.message}（{'、'.join(units)}的报告中也有此错误）")
                     if units else f)
    return named


def origins_to_text(found: dict[str, list[str]]) -> str:
    return json.dumps(found, ensure_ascii=False, sort_keys=True)


def origins_from_text(text: str | None) -> dict[str, list[str]]:
    """What origins_to_text wrote; {} for nothing or anything else (a setting edited by hand)."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: [u for u in v if isinstance(u, str)] for k, v in data.items()
            if isinstance(k, str) and isinstance(v, list)}
