"""One 汇总 run at a time on a pool thread (jobs.TaskJob), with the files read so far.

Only the latest run is wanted: starting another or ``stop()`` drops the one before, and
what a dropped run computed is never reported (its files, being read in full, are kept).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..jobs import TaskJob
from ...services import summary as gather


class Runner(QObject):
    progressed = Signal(int, int, str)    # done, total (0: unknown), what is being done
    finished = Signal(object)             # gather.Outcome of the wanted run
    failed = Signal(str)                  # Chinese message

    def __init__(self, parent=None):
        super().__init__(parent)
        self.known: dict[Path, gather.Entry] = {}     # files read so far
        self.job: TaskJob | None = None               # the run whose result is wanted
        self.jobs: dict[int, TaskJob] = {}            # every run not finished yet

    def busy(self) -> bool:
        """A wanted run is in progress."""
        return self.job is not None

    def running(self) -> bool:
        """Some run, wanted or dropped, is still on its thread."""
        return bool(self.jobs)

    def start(self, request: gather.Request) -> None:
        self.stop()
        request.known = dict(self.known)
        job = TaskJob(lambda progress, cancel: gather.gather(request, progress, cancel), "核对时出错")
        job.signals.progress.connect(self._progress)
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.job = self.jobs[job.number] = job
        job.start()

    def stop(self) -> bool:
        """Drop the wanted run (it stops at its next file); whether there was one."""
        job, self.job = self.job, None
        if job is not None:
            job.stop()
        return job is not None

    def _wanted(self, number: int) -> bool:
        return self.job is not None and self.job.number == number

    def _progress(self, number: int, done: int, total: int, text: str) -> None:
        if self._wanted(number):
            self.progressed.emit(done, total, text)

    def _done(self, number: int, outcome: gather.Outcome) -> None:
        self.jobs.pop(number, None)
        self.known.update(outcome.read)
        if self._wanted(number) and not outcome.cancelled:
            self.job = None
            self.finished.emit(outcome)

    def _failed(self, number: int, message: str) -> None:
        self.jobs.pop(number, None)
        if self._wanted(number):
            self.job = None
            self.failed.emit(message)
