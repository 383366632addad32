"""Reading many unit reports for a summary, off the GUI thread if need be.

``load_reports`` reads each file with ``formats.read`` and keeps going past a bad one;
``progress(done, total, path)`` is called after each file and ``cancel`` (anything
with ``is_set()``, e.g. threading.Event) stops between files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from .. import formats
from ..files import ReportFileError
from ..report import Report


class Flag(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class Loaded:
    reports: list[Report] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)          # file name of each report
    failures: list[tuple[str, str]] = field(default_factory=list)   # (file name, 中文原因)
    cancelled: bool = False


def load_reports(paths: list[Path], progress: Callable[[int, int, Path], None] | None = None,
                 cancel: Flag | None = None,
                 read: Callable[[Path], Report] = formats.read) -> Loaded:
    out = Loaded()
    total = len(paths)
    for i, path in enumerate(paths, start=1):
        if cancel is not None and cancel.is_set():
            out.cancelled = True
            break
        path = Path(path)
        try:
            out.reports.append(read(path))
            out.sources.append(path.name)
        except ReportFileError as exc:
            out.failures.append((path.name, str(exc)))
        if progress is not None:
            progress(i, total, path)
    return out
