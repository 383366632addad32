"""The county summary: unit reports summed cell by cell, plus the checks around it.

Everything returns plain data (lists, dataclasses) so the window can show it as well as
the command line.  Sums are exact: counts stay int, 万元 amounts stay Decimal.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .. import schema, textcheck, unitname
from ..files import read_text
from ..report import Report
from ..rules import ERROR, Finding, validate
from ..values import MAX_DIGITS, Value, is_number, to_text

MAX_ROSTER_BYTES = 1024 * 1024


def unit_problem(unit: str) -> str | None:
    """Why ``unit`` cannot name the summary report (Chinese), or None."""
    if not unitname.display(unit):
        return "汇总报告的单位名称不能为空，请写明本级单位名称（如“某某县人民政府”）"
    why = textcheck.problem(unit.strip(), name=True)
    return f"汇总报告的单位名称“{textcheck.shown(unit)}”{why}" if why else None


def total_problems(total: Report) -> list[str]:
    """Cells whose Σ is over the format's 9 digits: such a report would be refused on
    reading, so it is not written (the unit reports hold the typo)."""
    out = []
    for cid in schema.CELL_IDS:
        v = total.cells[cid]
        if is_number(v) and len(str(int(v))) > MAX_DIGITS:
            out.append(f"{schema.CELLS[cid].name}：各单位合计 {to_text(v)} 超过{MAX_DIGITS}位数字，"
                       "请检查各单位报告中的这一项是否多输了数字")
    return out


def merge(reports: list[Report], unit: str = "", year: int = 0,
          level: str | None = schema.Level.GOVERNMENT) -> Report:
    """Σ of ``reports``, every table cell (totals included) summed as given.

    Blank or unusable cells count as 0 here; ``unit_checks`` reports them per unit.
    Texts are left empty: the summary's prose is the county's own.
    """
    out = Report(unit=unit, year=year, level=level)
    rows = [r.cells for r in reports]
    for cid in schema.CELL_IDS:
        zero: int | Decimal = Decimal(0) if schema.CELLS[cid].kind == schema.AMOUNT else 0
        values = [c[cid] for c in rows]
        # Plain ints first (a C-speed pass), the rest by is_number; the sums are exact, so
        # the order they are added in does not matter.
        numbers: list[int | Decimal] = [v for v in values if v.__class__ is int]
        if len(numbers) != len(values):
            numbers += [v for v in values if v.__class__ is not int and is_number(v)]
        out.cells[cid] = sum(numbers, zero)
    return out


@dataclass(frozen=True)
class UnitCheck:
    unit: str
    errors: int
    warnings: int
    source: str = ""      # where the report came from (file name or 数据文件)
    findings: tuple[Finding, ...] = ()   # for the clerk to open from its row


def unit_checks(reports: list[Report], sources: list[str] | None = None) -> list[UnitCheck]:
    """Error and warning counts of each unit report (rules.validate), in input order."""
    sources = sources or [""] * len(reports)
    out = []
    for rep, src in zip(reports, sources):
        findings = validate(rep)
        errors = sum(f.severity == ERROR for f in findings)
        out.append(UnitCheck(rep.unit, errors, len(findings) - errors, src, tuple(findings)))
    return out


def input_problems(reports: list[Report], year: int, sources: list[str] | None = None) -> list[str]:
    """Reasons the set cannot be summed: another year, the same unit twice."""
    sources = sources or [r.unit for r in reports]
    problems: list[str] = []
    seen: dict[str, str] = {}
    for rep, src in zip(reports, sources):
        if rep.year != year:
            problems.append(f"{src}：是{rep.unit}{rep.year}年的报告，不是{year}年的")
        name = unitname.key(rep.unit)
        if name in seen:
            problems.append(f"{src}：单位“{rep.unit}”与{seen[name]}重复（名称中的空格、不可见字符和"
                            "全角半角不算区别），同一单位只能汇总一次")
        else:
            seen[name] = src
    return problems


# ------------------------------------------------------------------ roster

def same_unit(a: str, b: str) -> bool:
    """Whether two unit names are the same unit (unitname.key: spaces, invisible
    characters and full-width forms aside)."""
    return unitname.same(a, b)


def read_roster(path: str | Path) -> list[str]:
    """Expected unit names, one a line (UTF-8, UTF-16 or GBK: files.decode_text); blank
    lines and duplicates dropped."""
    path = Path(path)
    source = f"名单文件“{path.name}”"
    text = read_text(path, MAX_ROSTER_BYTES, source)
    names, seen = [], set()
    for line in text.splitlines():
        name = unitname.display(line)
        if name and unitname.key(name) not in seen:
            seen.add(unitname.key(name))
            names.append(name)
    return names


@dataclass(frozen=True)
class RosterResult:
    missing: list[str]       # expected, no report
    unexpected: list[str]    # reported, not on the roster


def check_roster(reports: list[Report], roster: list[str]) -> RosterResult:
    have = {unitname.key(r.unit) for r in reports}
    expected = {unitname.key(n) for n in roster}
    return RosterResult([n for n in roster if unitname.key(n) not in have],
                        [r.unit for r in reports if unitname.key(r.unit) not in expected])


# ------------------------------------------------------------------ parent vs Σ children

@dataclass(frozen=True)
class Difference:
    cell_id: str
    name: str            # the cell as a message names it (表三“…”行“…”列)
    parent: str          # the value in the county's own report, as printed
    children: str        # Σ of the unit reports, as printed


def _same(a: Value, b: Value) -> bool:
    if is_number(a) and is_number(b):
        return Decimal(a) == Decimal(b)
    return a == b


def compare(parent: Report, total: Report) -> list[Difference]:
    """Cells where the county's own report differs from Σ children, in table order."""
    return [Difference(cid, schema.CELLS[cid].name, to_text(parent.cells[cid]) or "空",
                       to_text(total.cells[cid]) or "空")
            for cid in schema.CELL_IDS if not _same(parent.cells[cid], total.cells[cid])]
