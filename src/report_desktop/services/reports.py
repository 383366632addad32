"""Reports into and out of the store: the policies the window and the command line share.

Putting a report where one of the same unit and year already is keeps the old content
as a named version first, in the same transaction as the replacement, whoever asks
(an import, ``db add``, 生成汇总, 从备份中找回报告).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import rollover
from ..core.report import Report
from ..core.store import Store, StoreError, recover

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


def put(store: Store, report: Report, kept_as: str = IMPORT_KEPT_AS) -> Stored:
    """Add ``report``, or replace the one of the same unit and year: the whole store is
    first copied into the before-change backups, then the old content is kept as the named
    version ``kept_as`` in the same transaction as the replacement."""
    replaced = store.find(report.unit, report.year) is not None
    if replaced:
        store.backup_now()
    return Stored(store.replace(report, keep_as=kept_as), replaced)


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
