"""Reading many unit reports for a summary, off the GUI thread if need be.

``load_reports`` reads each file with ``formats.read`` and keeps going past a bad one:
``Loaded.read`` maps each path read, in order, to its report or to the Chinese reason it
could not be read.  ``progress(done, total, path)`` is called after each file and
``cancel`` (anything with ``is_set()``, e.g. threading.Event) stops between files.
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
    read: dict[Path, Report | str] = field(default_factory=dict)   # path → report or 中文原因
    cancelled: bool = False

    @property
    def reports(self) -> list[Report]:
        return [r for r in self.read.values() if isinstance(r, Report)]

    @property
    def sources(self) -> list[str]:
        """The file name of each of ``reports``."""
        return [p.name for p, r in self.read.items() if isinstance(r, Report)]

    @property
    def failures(self) -> list[tuple[str, str]]:
        """(file name, 中文原因) of each file that could not be read."""
        return [(p.name, r) for p, r in self.read.items() if isinstance(r, str)]


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
            out.read[path] = read(path)
        except ReportFileError as exc:
            out.read[path] = str(exc)
        if progress is not None:
            progress(i, total, path)
    return out
