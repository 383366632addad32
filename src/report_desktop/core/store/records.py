"""What the store lists: a report and a named version, without their content."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportInfo:
    id: int
    unit: str
    year: int
    level: str | None
    modified: str


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    report_id: int
    name: str
    created: str
