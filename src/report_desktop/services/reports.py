"""Reports into and out of the store: the policies the window and the command line share.

Putting a report where one of the same unit and year already is keeps the old content
as a named version first, in the same transaction as the replacement, whoever asks
(an import, ``db add``, 生成汇总, 从备份中找回报告).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import rollover, textcheck, unitname
from ..core.report import Report
from ..core.store import Store, StoreError, recover
from . import finals
from .finals import Final

IMPORT_KEPT_AS = "导入前自动保存"
SUMMARY_KEPT_AS = "汇总前自动保存"
RECOVER_KEPT_AS = recover.SAVED_BEFORE


@dataclass(frozen=True)
class Stored:
    report_id: int
    replaced: bool    # a report of the same unit and year was there (now a named version)


class ReportExists(StoreError):
    """A new report was asked for a unit and year the store already has."""

    def __init__(self, unit: str, year: int, report_id: int):
        super().__init__(f"数据文件中已经有“{unit}”{year}年的报告了。")
        self.report_id = report_id


def final_replaced(store: Store, report: Report) -> Final | None:
    """The 定稿 that putting ``report`` would change without a recorded reason: the latest
    定稿 of the stored report of its unit and year, when its first change has none yet."""
    rid = store.find(report.unit, report.year)
    if rid is None:
        return None
    known = finals.history(store, rid)
    return None if known.latest is None or known.reason_given() else known.latest


def put(store: Store, report: Report, kept_as: str = IMPORT_KEPT_AS,
        reason: str | None = None) -> Stored:
    """Add ``report``, or replace the one of the same unit and year: the whole store is
    first copied into the before-change backups, then the old content is kept as the named
    version ``kept_as`` in the same transaction as the replacement.  Replacing a 定稿 is a
    change of it like an edit: ``reason`` (the window asks the clerk; by default the
    replacement names itself) is recorded first, with the 定稿's content (services.finals)."""
    rid = store.find(report.unit, report.year)
    if rid is not None:
        store.backup_now()
        finals.record_change(store, rid, reason or f"被替换（{kept_as}）")   # no 定稿: nothing
    return Stored(store.replace(report, keep_as=kept_as), rid is not None)


def create(store: Store, unit: str, year: int, level: str | None,
           from_previous: bool = False) -> tuple[int, bool]:
    """A new report of ``unit`` and ``year`` in the store: (its id, whether last year's
    report was carried into it).  Raises ReportExists when there is one already."""
    unit = unit.strip()
    existing = store.find(unit, year)
    if existing is not None:
        raise ReportExists(unit, year, existing)
    previous = store.get(unit, year - 1) if from_previous else None
    if previous is None:
        return store.save(rollover.new_report(unit, year, level)), False
    report = rollover.from_previous(previous, year)
    report.level = level or report.level
    return store.save(report), True


def recover_report(store: Store, backup: str | Path, unit: str, year: int) -> Stored:
    """从备份中找回报告: copy ``unit``'s ``year`` report back from a backup; a report
    it replaces is kept as the named version RECOVER_KEPT_AS."""
    replaced = store.find(unit, year) is not None
    return Stored(recover.recover(store, backup, unit, year), replaced)


# -- renaming a unit ----------------------------------------------------------------------
def unit_years(store: Store, unit: str) -> dict[int, int]:
    """The reports of ``unit`` (names compared by unitname.key): year → report id."""
    return {r.year: r.id for r in store.list_reports() if unitname.same(r.unit, unit)}


def rename_unit(store: Store, report_id: int, new: str, all_years: bool = True) -> dict[int, str]:
    """Rename the unit of report ``report_id`` to ``new``: in all its years (the
    cross-year link stays: last year's report is still found) or in this report only.
    The whole store is first copied into the before-change backups, then every report
    is renamed in one transaction.  Returns report id → its name before, which
    ``restore_names`` puts back (undo).  Raises StoreError (Chinese) when another
    report already has ``new`` for one of the years: nothing is changed then."""
    new = unitname.display(new)
    why = textcheck.problem(new, name=True) if new else "不能为空"
    if why:
        raise StoreError(f"单位名称{why}。")
    this = store.load(report_id)
    ids = unit_years(store, this.unit) if all_years else {this.year: report_id}
    ids[this.year] = report_id
    for year, rid in sorted(ids.items()):
        other = store.find(new, year)
        if other is not None and other not in ids.values():
            raise StoreError(f"数据文件中已经有“{new}”{year}年的报告，不能改成这个名称。")
    before = {r.id: r.unit for r in store.list_reports() if r.id in ids.values()}
    store.backup_now()
    store.rename({rid: new for rid in before})
    return before


def restore_names(store: Store, before: dict[int, str]) -> None:
    """Put back the names ``rename_unit`` returned (after a before-change backup)."""
    store.backup_now()
    store.rename(before)


def name_mentions(report: Report, name: str) -> int:
    """How often ``name`` is written in the report's text (preamble and sections)."""
    return sum(body.count(name) for body in report.texts.values()) if name else 0


def texts_renamed(report: Report, old: str, new: str) -> dict[str, str]:
    """The report's texts that mention ``old``, with ``new`` written instead."""
    return {key: body.replace(old, new) for key, body in report.texts.items()
            if old and old in body}
