"""定稿 in the window: the step of 导出 Word that marks the report final, the question
before the first edit of a 定稿, the report's state in the status line, and 核对已发布文件.
The policy is services.finals'; this part asks the clerk and shows the outcome."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..core import formats
from ..core.files import ReportFileError
from ..core.final import Stamp, version_label
from ..core.store import StoreError
from ..services import exporting, finals
from .actions import Needs, Tool, command
from .context import WindowContext
from .file_actions import FileActions
from .jobs import TaskJob, finished_reading, start_reading

log = logging.getLogger(__name__)

MARK_DETAIL = ("定稿的内容会冻结为命名版本“{label}”，Word 文档的文件属性中记录版本号和校验码，"
               "以后可用“检查 → 核对已发布文件”核对发布的文件是否被改动；"
               "定稿后再修改报告，需要说明修改原因。")


class FinalActions(QObject):
    stateChanged = Signal(str)     # "定稿第2版", "定稿第2版（已修改）" or ""
    verified = Signal(object)      # services.finals.Verdict of 核对已发布文件, shown

    def __init__(self, ctx: WindowContext, files: FileActions, parent=None):
        super().__init__(parent)
        self.ctx, self.files = ctx, files
        self.history = finals.History()
        self._asking = False
        self.reading: TaskJob | None = None    # the TaskJob reading a file to verify
        self._verifying = Path()               # and the file it reads

    # -- the open report ---------------------------------------------------------------
    def follow(self, session: Any) -> None:
        """A report was opened: its 定稿 history, and the question before its edits."""
        self.history = finals.History()
        if session is None:
            return
        session.before_edit = self.allow_edit
        self._reload(session)

    def _reload(self, session: Any) -> None:
        try:
            self.history = finals.history(self.ctx.store, session.report_id)
        except StoreError:
            log.exception("cannot read the 定稿 history")
            self.history = finals.History()
        self.refresh()

    def state(self) -> str:
        session: Any = self.ctx.session()
        return self.history.state(session.report) if session is not None else ""

    def refresh(self, *_args) -> None:
        self.stateChanged.emit(self.state())

    def allow_edit(self) -> bool:
        """Before an edit: a 定稿 without a recorded reason asks for one, once."""
        session: Any = self.ctx.session()
        if session is None or self.history.latest is None or self.history.reason_given():
            return True
        if self._asking:
            return False
        self._reload(session)          # another window may have recorded it meanwhile
        latest = self.history.latest
        if latest is None or self.history.reason_given():
            return True
        self._asking = True
        try:
            reason = self.ctx.prompts.change_reason(
                "修改定稿", f"本报告已定稿（第{latest.version}版）。修改将产生新的版本，请说明修改原因：")
        finally:
            self._asking = False
        if reason is None:
            self.ctx.status(f"没有修改：报告仍是{latest.label}。", refusal=True)
            return False
        try:
            session.flush()
            finals.record_change(self.ctx.store, session.report_id, reason)
        except StoreError as exc:
            self.ctx.prompts.warn("无法记录修改原因", f"{exc}\n这次修改没有进行。")
            return False
        self._reload(session)
        self.ctx.status(f"已记录修改原因；报告将成为新的版本，重新定稿前显示为“{latest.label}（已修改）”。")
        return True

    # -- export --------------------------------------------------------------------------
    def current_stamp(self, report) -> Stamp | None:
        """The stamp of an export of ``report`` when it is exactly its latest 定稿."""
        final = self.history.current(report)
        return final.stamp if final is not None else None

    @command("export_word", "导出 Word 文档(&W)…", ("file", 2, 40), keys=("Ctrl+E",),
             tip="按正式格式生成 Word 文档", tool=Tool("导出 Word", 3, 10), typed_first=True,
             needs=Needs.REPORT | Needs.NOT_WRITING)
    def export_word(self, path: Path | None = None):
        """导出 Word with the 定稿 step: a clean report may be marked 定稿 (the next
        version is frozen once the file name is chosen); a report that is still exactly
        its latest 定稿 is stamped with it, unasked."""
        session: Any = self.ctx.session()
        if session is None:
            return None
        session.flush()
        report, findings = session.report.copy(), session.findings
        if exporting.publish_check(report, findings).blocked:
            return self.files.export_report(report, ".docx", path, findings)   # draft or fix
        stamp = self.current_stamp(report)
        if stamp is not None:
            return self.files.export_report(report, ".docx", path, findings, stamp=lambda: stamp)
        latest = self.history.latest
        version = latest.version + 1 if latest is not None else 1
        answer = self.ctx.prompts.mark_final(version, MARK_DETAIL.format(label=version_label(version)))
        if answer is None:
            return None
        if not answer:
            return self.files.export_report(report, ".docx", path, findings)
        return self.files.export_report(report, ".docx", path, findings,
                                        stamp=lambda: self._finalise(session, report, findings))

    def _finalise(self, session, report, findings) -> Stamp | None:
        """Freeze the 定稿 (after the file name is chosen); None when refused (said)."""
        try:
            final = finals.finalise(self.ctx.store, session.report_id, report, findings)
        except (StoreError, ReportFileError) as exc:
            self.ctx.prompts.warn("无法定稿", str(exc))
            return None
        self._reload(session)
        self.ctx.status(f"已定稿：{final.label}（已保存为同名版本）。")
        return final.stamp

    # -- 核对已发布文件 ------------------------------------------------------------------------
    @command("verify", "核对已发布文件(&F)…", ("check", 2, 20),
             tip="核对已发布的 Word 文档、网页或 JSON 文件是否就是数据文件中的某个定稿，列出不同之处")
    def verify_file(self, path: Path | None = None):
        """核对已发布文件: the file is read on a pool thread, then judged against the
        store and the verdict shown (``verified``).  The TaskJob, or None."""
        if self.reading is not None:
            self.ctx.status("正在核对另一个文件，请稍候。", refusal=True)
            return None
        if path is None:
            path = self.ctx.prompts.open_path("核对已发布文件", formats.open_filter("已发布的文件", formats.READERS),
                                              self.files.folder())
            if path is None:
                return None
        path = Path(path)
        job = TaskJob(lambda _progress, _cancel: finals.read_published(path),
                      f"读取“{path.name}”时出错", expected=(ReportFileError,))
        self._verifying = path
        self.ctx.status(f"正在核对“{path.name}”…")
        return start_reading(self, job, self._read_done, self._read_failed)

    def _finished(self, number: int) -> bool:
        """The verify job ``number`` is over: whether its outcome is to be shown."""
        return finished_reading(self, number) is not None and self.ctx.visible()

    def _read_failed(self, number: int, message: str) -> None:
        if self._finished(number):
            self.ctx.prompts.warn("无法核对", message)

    def _read_done(self, number: int, read) -> None:
        if not self._finished(number):
            return
        self.ctx.flush()
        try:
            verdict = finals.judge(self.ctx.store, *read)
        except (ReportFileError, StoreError) as exc:
            self.ctx.prompts.warn("无法核对", str(exc))
            return
        self._show(self._verifying, verdict)
        self.verified.emit(verdict)

    def _show(self, path: Path, verdict: finals.Verdict) -> None:
        lines = verdict.lines()
        detail = "\n".join(lines[1:]) or None
        self.ctx.status(lines[0].split("：", 1)[0] + f"：{path.name}")
        if verdict.outcome == finals.MATCH:
            self.ctx.prompts.info("核对已发布文件", f"“{path.name}”\n{lines[0]}", detail)
        else:
            self.ctx.prompts.warn("核对已发布文件", f"“{path.name}”\n{lines[0]}", detail)
