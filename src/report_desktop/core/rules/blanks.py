"""Blank cells among the findings: an H1/H5 finding whose cell holds nothing is a cell still
to fill (未填), not a mistake in what was written.  The window counts them apart (错误 ·
未填 · 提醒) and the export policy words a draft the same way (services/exporting.py)."""
from __future__ import annotations

from .. import schema
from ..report import Report
from .findings import Finding

BLANK_RULES = ("H1", "H5")


def blank_cell(finding: Finding, report: Report) -> str | None:
    """The empty cell ``finding`` is about, when it is only about one being empty."""
    if finding.rule not in BLANK_RULES or not finding.cells:
        return None
    cid = finding.cells[0]
    return cid if cid in schema.CELLS and report.cells.get(cid) is None else None


def is_blank(finding: Finding, report: Report) -> bool:
    """A blank cell the clerk fills in."""
    cid = blank_cell(finding, report)
    return cid is not None and not schema.CELLS[cid].is_total


def is_blank_total(finding: Finding, report: Report) -> bool:
    """A blank total: it fills itself once its parts are filled, so it is not counted."""
    cid = blank_cell(finding, report)
    return cid is not None and schema.CELLS[cid].is_total
