"""Writing a report file on a pool thread, so the window stays responsive."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, str)      # job number, path
    failed = Signal(int, str)    # job number, Chinese message


class WriteJob(QRunnable):
    """formats.write(report, path) on a pool thread; a copy of the report is written."""

    _count = 0

    def __init__(self, report, path: Path):
        super().__init__()
        WriteJob._count += 1
        self.number = WriteJob._count
        self.report, self.path = report, Path(path)
        self.signals = _Signals()

    def run(self) -> None:
        from ..core import formats
        from ..core.files import ReportFileError
        try:
            formats.write(self.report, self.path)
        except ReportFileError as exc:
            self.signals.failed.emit(self.number, str(exc))
        except Exception as exc:   # noqa: BLE001 - reported to the clerk, logged in full
            log.exception("export failed")
            self.signals.failed.emit(self.number, f"写出“{self.path.name}”时出错：{exc}")
        else:
            self.signals.done.emit(self.number, str(self.path))
