"""Work on a pool thread, so the window stays responsive: writing a report file
(WriteJob) and any longer task that reports progress and can be cancelled (TaskJob)."""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core import formats
from ..core.files import ReportFileError
from ..services import exporting

log = logging.getLogger(__name__)


def _emit(signal, *args) -> None:
    """Report to the GUI thread, unless the program is closing and its end is gone (a job
    still running when the window closed finishes its work; nobody is left to tell)."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.info("a background job finished after the window closed")


class _Signals(QObject):
    done = Signal(int, str)      # job number, path
    failed = Signal(int, str)    # job number, Chinese message


class WriteJob(QRunnable):
    """exporting.export(report, path) on a pool thread; a copy of the report is written.
    ``fonts`` (a core.formats.WORD_FONTS key) matters only for a Word file."""

    _count = 0

    def __init__(self, report, path: Path, fonts: str = formats.DEFAULT_WORD_FONTS, findings=None,
                 sources=(), stamp=None):
        super().__init__()
        WriteJob._count += 1
        self.number = WriteJob._count
        self.report, self.path, self.fonts = report, Path(path), fonts
        self.sources = list(sources)  # files never written over (core.files.check_output)
        self.findings = findings      # the window's, so a draft counts the errors it was shown
        self.found = None             # exporting.ExportCheck: what was overridden
        self.missing_fonts: list[str] = []   # of a Word file: its fonts this machine lacks
        self.stamp = stamp            # core.final.Stamp: the 定稿 the file is
        self.signals = _Signals()

    def run(self) -> None:
        try:
            # The policy was asked on the GUI thread and the clerk decided: written as asked.
            self.found = exporting.export(self.report, self.path, allow_errors=True,
                                          fonts=self.fonts, findings=self.findings,
                                          sources=self.sources, stamp=self.stamp)
            self.missing_fonts = exporting.missing_fonts(self.path, self.fonts)
        except ReportFileError as exc:
            _emit(self.signals.failed, self.number, str(exc))
        except Exception as exc:   # noqa: BLE001 - reported to the clerk, logged in full
            log.exception("export failed")
            _emit(self.signals.failed, self.number, f"写出“{self.path.name}”时出错：{exc}")
        else:
            _emit(self.signals.done, self.number, str(self.path))


class _TaskSignals(QObject):
    progress = Signal(int, int, int, str)   # job number, done, total, what is being done
    done = Signal(int, object)              # job number, the task's result
    failed = Signal(int, str)               # job number, Chinese message


class TaskJob(QRunnable):
    """``task(progress, cancel)`` on a pool thread.

    The task calls ``progress(done, total, text)`` as it goes and checks ``cancel.is_set()``
    between steps; it must not touch widgets.  Results arrive through ``signals`` queued on
    the GUI thread.  ``stop()`` only asks: the task ends at its next check.  An exception
    of one of the ``expected`` types already carries the clerk's message: it is reported
    as it is, not as a failure of the program.
    """

    _count = 0

    def __init__(self, task: Callable, failure: str = "处理时出错",
                 expected: tuple[type[Exception], ...] = ()):
        super().__init__()
        TaskJob._count += 1
        self.number = TaskJob._count
        self.task, self.failure, self.expected = task, failure, expected
        self.cancel = threading.Event()
        self.signals = _TaskSignals()
        self.setAutoDelete(False)

    def stop(self) -> None:
        self.cancel.set()

    def _progress(self, done: int, total: int, text: str = "") -> None:
        _emit(self.signals.progress, self.number, done, total, text)

    def run(self) -> None:
        try:
            result = self.task(self._progress, self.cancel)
        except self.expected as exc:
            _emit(self.signals.failed, self.number, str(exc))
        except Exception as exc:   # noqa: BLE001 - reported to the clerk, logged in full
            log.exception("background task failed")
            _emit(self.signals.failed, self.number, f"{self.failure}：{exc}")
        else:
            _emit(self.signals.done, self.number, result)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self)


# -- one file read at a time -----------------------------------------------------------------
# An import, a web-page paste and a 定稿 check each read one file at a time on the pool; the
# part of the window that started it keeps the job as ``reading`` until its result is in.

def start_reading(owner: Any, job: TaskJob, done: Callable, failed: Callable) -> TaskJob:
    """Start ``job`` as ``owner.reading``; its result goes to ``done``/``failed`` (number, …)."""
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    owner.reading = job
    job.start()
    return job


def finished_reading(owner: Any, number: int) -> TaskJob | None:
    """The read job ``number`` is over: it (``owner.reading`` cleared) when it is the one
    still awaited, None for an earlier one."""
    job = owner.reading
    if job is None or job.number != number:
        return None
    owner.reading = None
    return job
