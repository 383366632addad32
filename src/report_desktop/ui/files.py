"""Import and export: Word and JSON files, written off the GUI thread (jobs.WriteJob).

``core.formats`` (and through it python-docx) is imported only when a file is read or
written, so start-up stays fast.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.rules import ERROR
from .prompts import JSON_FILTER, WORD_FILTER
from .rollover import has_draft_marker

log = logging.getLogger(__name__)


class FileActions(QObject):
    busyChanged = Signal(bool)
    finished = Signal(str)      # path written
    failed = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.jobs: dict = {}

    # -- helpers ---------------------------------------------------------------------
    def _folder(self) -> Path:
        saved = self.window.store.setting("last_folder")
        return Path(saved) if saved and Path(saved).is_dir() else Path.home()

    def _remember(self, path: Path) -> None:
        self.window.store.set_setting("last_folder", str(path.parent))

    def busy(self) -> bool:
        return bool(self.jobs)

    def start(self, report, path: Path):
        from PySide6.QtCore import QThreadPool

        from .jobs import WriteJob
        job = WriteJob(report, path)
        # Bound methods of this GUI-thread object: the results arrive queued on the GUI thread.
        job.signals.done.connect(self._done)
        job.signals.failed.connect(self._failed)
        self.jobs[job.number] = job
        self.busyChanged.emit(True)
        job.setAutoDelete(False)
        QThreadPool.globalInstance().start(job)
        return job

    def _done(self, number: int, path: str) -> None:
        self._job_done(number, path, None)

    def _failed(self, number: int, message: str) -> None:
        self._job_done(number, None, message)

    def _job_done(self, number: int, path: str | None, message: str | None) -> None:
        self.jobs.pop(number, None)
        self.busyChanged.emit(bool(self.jobs))
        if path:
            self.window.status(f"已导出：{path}")
            self.finished.emit(path)
        else:
            self.window.prompts.warn("导出失败", message or "导出失败。")
            self.failed.emit(message or "")

    # -- export ------------------------------------------------------------------------
    def export_word(self, path: Path | None = None):
        session = self.window.session
        if session is None:
            return None
        session.flush()
        problems = [f"[{f.rule}] {f.message}" for f in session.findings if f.severity == ERROR]
        drafts = [k for k, t in session.report.texts.items() if has_draft_marker(t)]
        if problems or drafts:
            lines = problems[:15] + (["……"] if len(problems) > 15 else [])
            if drafts:
                lines.append(f"有 {len(drafts)} 部分正文仍是从上年复制的草稿（带有修改提示行）。")
            if not self.window.prompts.confirm(
                    "报告还有问题", f"报告还有 {len(problems)} 个错误。仍然导出 Word 文档吗？"
                    "（建议改正后再导出，避免发布数字有误的报告。）", "\n".join(lines),
                    yes="仍然导出", no="取消"):
                return None
        rep = session.report
        if path is None:
            path = self.window.prompts.save_path("导出 Word 文档", WORD_FILTER,
                                                 self._folder() / f"{rep.title}.docx")
            if path is None:
                return None
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        self._remember(path)
        return self.start(rep.copy(), path)

    def export_json(self, path: Path | None = None):
        session = self.window.session
        if session is None:
            return None
        session.flush()
        rep = session.report
        if path is None:
            path = self.window.prompts.save_path("导出 JSON 数据文件", JSON_FILTER,
                                                 self._folder() / f"{rep.title}.json")
            if path is None:
                return None
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        self._remember(path)
        return self.start(rep.copy(), path)

    # -- import ------------------------------------------------------------------------------
    def import_file(self, path: Path | None = None) -> int | None:
        """Read a report file into the store and open it; the report id or None."""
        from ..core import formats
        from ..core.files import ReportFileError
        from ..core.store import StoreError
        win = self.window
        if path is None:
            path = win.prompts.open_path("导入报告", f"{JSON_FILTER};;所有文件 (*)", self._folder())
            if path is None:
                return None
        try:
            report = formats.read(path)
        except ReportFileError as exc:
            win.prompts.warn("无法导入", str(exc))
            return None
        self._remember(Path(path))
        if win.session is not None:
            win.session.flush()
        try:
            existing = win.store.find(report.unit, report.year)
            if existing is not None:
                if not win.prompts.confirm(
                        "替换报告", f"数据文件中已有“{report.unit}”{report.year}年的报告。用导入的文件替换它吗？",
                        "替换前的内容会自动保存为一个版本，可以用“恢复版本”找回。", yes="替换", no="取消"):
                    return None
                win.store.save_snapshot(existing, "导入前自动保存")
            report_id = win.store.save(report)
        except StoreError as exc:
            win.prompts.warn("无法导入", str(exc))
            return None
        win.open_report(report_id, force=True)
        win.status(f"已导入：{Path(path).name}")
        return report_id
