"""Import and export: Word, Excel and JSON files, read (jobs.TaskJob) and written
(jobs.WriteJob) off the GUI thread, under the export policy of services.exporting.

python-docx and openpyxl are imported by core.formats on the pool thread that first reads
or writes such a file, not here.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from ..core import formats
from ..core.files import ReportFileError, Source, check_output
from ..core.rules import ERROR, SEVERITY_WORDS
from ..core.store import StoreError
from ..services import exporting
from ..services import reports as report_service
from .actions import Needs, command
from .context import WindowContext
from .jobs import TaskJob, WriteJob, finished_reading, start_reading
from .progress import left

log = logging.getLogger(__name__)

WEB_FILTER = formats.dialog_filter(".html")
WORD_FONTS_KEY = "word_fonts"   # the store setting holding a core.formats.WordFonts key


def export_title(ext: str) -> str:
    """"导出 Word 文档", "导出网页": the export dialog's title for the kind ``ext``."""
    name = formats.NAMES[ext]
    return f"导出{' ' * name[0].isascii()}{name}"


def _read(path: Path):
    """On a pool thread: python-docx and openpyxl are imported there, not on the GUI thread."""
    return formats.read(path)


def _final_note(job) -> str:
    """"（定稿第2版）" after the name of a file written from a 定稿."""
    stamp = getattr(job, "stamp", None)
    return f"（{stamp.label}）" if stamp is not None else ""


def _fonts_note(job) -> str:
    """"（字体：Windows 自带字体）" after a Word file's name: the font set it was written with."""
    if job is None or not formats.takes_fonts(job.path):
        return ""
    return f"（字体：{formats.WORD_FONTS.get(job.fonts, job.fonts).split('（')[0]}）"


def _known_missing() -> dict[str, list[str]] | None:
    """Each Word font set's fonts this machine lacks, once an export has asked the machine
    (asking may read every font file on Windows: never first on the GUI thread)."""
    from ..core.docx import font_sets, fontcheck   # imported by the first Word export already
    if not fontcheck.known():
        return None
    return {key: fontcheck.missing(font_sets.font_set(key)) or [] for key in formats.WORD_FONTS}


class FileActions(QObject):
    busyChanged = Signal(bool)
    finished = Signal(str)      # path written
    failed = Signal(str)
    imported = Signal(int)      # report id of an imported file, open in the window
    importFailed = Signal(str)  # Chinese message, already shown

    def __init__(self, ctx: WindowContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.jobs: dict = {}        # WriteJobs by number
        self.reading = None         # the import's TaskJob while its file is read
        self.imported_from: set[Path] = set()   # files read into the store by this window

    # -- helpers ---------------------------------------------------------------------
    def folder(self) -> Path:
        """The folder the clerk last read from or wrote to."""
        saved = self.ctx.store.setting("last_folder")
        from .after_export import first_folder   # QStandardPaths: not at start-up
        return Path(saved) if saved and Path(saved).is_dir() else first_folder()

    def remember(self, path: Path) -> None:
        folder = path if path.is_dir() else path.parent
        self.ctx.store.set_setting("last_folder", str(folder))

    def busy(self) -> bool:
        return bool(self.jobs) or self.reading is not None

    # -- Word fonts ----------------------------------------------------------------------
    def word_fonts(self) -> str:
        """The font set every Word file is written with (a core.formats.WORD_FONTS key)."""
        return self.ctx.store.setting(WORD_FONTS_KEY) or formats.DEFAULT_WORD_FONTS

    @command("word_fonts", "Word 文档字体(&T)…", ("file", 2, 50),
             tip="选择导出的 Word 文档使用公文标准字体还是 Windows 自带字体")
    def choose_word_fonts(self) -> str | None:
        """文件 → Word 文档字体: ask, remember in the store; the key chosen or None."""
        chosen = self.ctx.prompts.word_fonts(formats.WORD_FONTS, self.word_fonts(),
                                             _known_missing())
        if chosen is None or chosen not in formats.WORD_FONTS:
            return None
        self.ctx.store.set_setting(WORD_FONTS_KEY, chosen)
        self.ctx.status(f"以后导出的 Word 文档将使用：{formats.WORD_FONTS[chosen]}。")
        return chosen

    def sources(self) -> list[Source]:
        """What no export may write over: the data file and the files this window imported
        (a re-export would lose what the store does not keep, e.g. an extra sheet)."""
        found: list[Source] = [(self.ctx.store.path, f"数据文件“{self.ctx.store.path.name}”")]
        return found + [(p, f"导入的文件“{p.name}”") for p in sorted(self.imported_from)]

    def _rewrite_with_other_fonts(self, job) -> None:
        """After 改用其他字体…: the font dialog; a different set chosen writes the same
        report to the same file again."""
        before = job.fonts
        chosen = self.choose_word_fonts()
        if chosen is not None and chosen != before:
            self.start(job.report, job.path, job.findings, job.sources, job.stamp)

    def start(self, report, path: Path, findings=None, sources: list[Source] | None = None,
              stamp=None):
        """``stamp``: the 定稿 the file is (core.final.Stamp), for a Word file or web page."""
        sources = self.sources() + list(sources or ())
        job = WriteJob(report, path, self.word_fonts(), findings, sources, stamp)
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
        job = self.jobs.pop(number, None)
        self.busyChanged.emit(self.busy())
        if path:
            # The name fits the status line at 1024 px; the message box gives the folder.
            self.ctx.status(f"已导出：{Path(path).name}{_final_note(job)}{_fonts_note(job)}")
            self.finished.emit(path)
            found = job.found if job is not None else None
            if self.ctx.visible():
                from .after_export import OTHER_FONTS, offer_to_open
                missing = job.missing_fonts if job is not None else []
                answer = offer_to_open(self.ctx.prompts, Path(path), _final_note(job) + _fonts_note(job),
                                       found.draft_note() if found is not None else None,
                                       exporting.fonts_note(missing, job.fonts) if job else "")
                if answer == OTHER_FONTS:
                    self._rewrite_with_other_fonts(job)
        else:
            self.ctx.prompts.warn("导出失败", message or "导出失败。")
            self.failed.emit(message or "")

    # -- export ------------------------------------------------------------------------
    def export_word(self, path: Path | None = None):
        return self._export_open(".docx", path)

    @command("export_excel", "导出 Excel 工作簿(&L)…", ("file", 2, 60), typed_first=True,
             needs=Needs.REPORT | Needs.NOT_WRITING, tip="把当前报告导出为 Excel 工作簿，便于报送或汇总")
    def export_excel(self, path: Path | None = None):
        return self._export_open(".xlsx", path)

    @command("export_json", "导出 JSON(&J)…", ("file", 2, 70), typed_first=True,
             needs=Needs.REPORT | Needs.NOT_WRITING, tip="把当前报告导出为 JSON 数据文件")
    def export_json(self, path: Path | None = None):
        return self._export_open(".json", path)

    def _export_open(self, ext: str, path: Path | None):
        session = self.ctx.session()
        if session is None:
            return None
        session.flush()
        return self.export_report(session.report.copy(), ext, path, session.findings)

    def may_publish(self, report, path: Path, findings, what: str = "导出") -> bool:
        """The export policy (services.exporting) for a file that gets published: what
        stands in the way is listed, and the clerk decides."""
        found = exporting.check(report, path, findings=findings)
        if not found.blocked:
            return True
        return self.ctx.prompts.confirm(
            "报告还有问题", f"{found.headline()}。仍然{what}吗？（建议改正后再{what}，避免发布有误的报告。）",
            "\n".join(found.lines(codes=False)), yes=f"仍然{what}", no="取消")

    def export_report(self, report, ext: str, path: Path | None = None, findings=None,
                      title: str = "", choices: tuple[str, ...] = (), sources: tuple = (),
                      stamp=None):
        """Write ``report`` (a copy the caller no longer changes) as ``ext``, or as any of
        ``choices`` (default: every kind core.formats writes, ``ext`` first) the clerk
        picks by file name; the WriteJob, or None if not started.
        ``sources``: files read for it (besides ``self.sources()``), never written over.
        ``stamp()``: once the name is chosen, the 定稿 the file is (ui/final_actions.py), or None
        to write nothing (it said why)."""
        choices = choices or formats.save_choices(ext)
        asked = exporting.is_published(f"x{ext}")
        if asked and not self.may_publish(report, Path(f"x{ext}"), findings):   # before a name
            return None
        if path is None:
            path = self.ctx.prompts.save_path(title or export_title(ext), formats.save_filter(choices),
                                              self.folder() / f"{report.title}{ext}")
            if path is None:
                return None
        path = Path(path)
        if path.suffix.lower() not in choices:
            path = path.with_name(path.name + ext)
        try:    # at once, not after the policy's questions and the write (the job checks again)
            check_output(path, self.sources() + list(sources))
        except ReportFileError as exc:
            self.ctx.prompts.warn("无法导出", str(exc))
            self.failed.emit(str(exc))
            return None
        if exporting.is_published(path) and not asked and not self.may_publish(report, path, findings):
            return None
        made = None
        if stamp is not None and exporting.is_published(path):
            made = stamp()
            if made is None:
                return None
        self.remember(path)
        return self.start(report, path, findings, list(sources), made)

    # -- import ------------------------------------------------------------------------------
    @command("import", "导入报告(&I)…", ("file", 2, 10), keys=("Open",), needs=Needs.NOT_READING,
             tip="导入一份报告：" + formats.importable_words())
    def import_file(self, path: Path | None = None):
        """Read a report file (Word, Excel, JSON) on a pool thread; once read, it goes into
        the store and opens (``imported``).  The TaskJob, or None if nothing was started."""
        if self.reading is not None:
            self.ctx.status("正在导入另一个文件，请稍候。", refusal=True)
            return None
        if path is None:
            path = self.ctx.prompts.open_path("导入报告", formats.open_filter(), self.folder())
            if path is None:
                return None
        path = Path(path)
        job = TaskJob(lambda _progress, _cancel: _read(path), f"读取“{path.name}”时出错",
                      expected=(ReportFileError,))
        job.path = path
        start_reading(self, job, self._read_done, self._read_failed)
        self.busyChanged.emit(True)
        self.ctx.status(f"正在读取“{path.name}”…")
        return job

    def _read_finished(self, number: int):
        """The import job ``number`` is over; it, or None if it was not the wanted one."""
        job = finished_reading(self, number)
        if job is None:
            return None
        self.busyChanged.emit(self.busy())
        return job if self.ctx.visible() else None    # a closed window opens nothing

    def _read_failed(self, number: int, message: str) -> None:
        if self._read_finished(number) is not None:
            self._import_refused(message)

    def _read_done(self, number: int, report) -> None:
        job = self._read_finished(number)
        if job is not None:
            self._store_import(job.path, report)

    def _import_refused(self, message: str) -> None:
        self.ctx.prompts.warn("无法导入", message)
        self.importFailed.emit(message)

    def store_import(self, report, name: str) -> int | None:
        """A report read from elsewhere than a file (the clipboard), stored and opened."""
        return self._store_import(None, report, name)

    def _store_import(self, path: Path | None, report, name: str = "") -> int | None:
        name = name or path.name
        if path is not None:
            self.remember(path)
            self.imported_from.add(path)
        self.ctx.flush()
        store = self.ctx.store
        try:
            final = report_service.final_replaced(store, report)
            reason = None
            if final is not None:          # the reason dialog is the question: 取消 keeps it
                reason = self.ctx.prompts.change_reason(
                    "替换定稿", f"数据文件中“{report.unit}”{report.year}年的报告是{final.label}。"
                    "用导入的文件替换它将产生新的版本，请说明原因：")
                if reason is None:
                    self.ctx.status(f"已取消导入：报告仍是{final.label}。")
                    return None
            elif store.find(report.unit, report.year) is not None and not self.ctx.prompts.confirm(
                    "替换报告", f"数据文件中已有“{report.unit}”{report.year}年的报告。用导入的文件替换它吗？",
                    f"替换前的内容会自动保存为版本“{report_service.IMPORT_KEPT_AS}”，可以用“恢复版本”找回。",
                    yes="替换", no="取消"):
                self.ctx.status("已取消导入。")
                return None
            stored = report_service.put(store, report, reason=reason)
        except StoreError as exc:
            self._import_refused(str(exc))
            return None
        self.ctx.open_report(stored.report_id, force=True)
        self.ctx.status(f"已导入：{name}")
        self._import_summary(name, report)
        self.imported.emit(stored.report_id)
        return stored.report_id

    def _import_summary(self, name: str, report) -> None:
        """What the check found in the imported file, so the clerk knows where to look."""
        session = self.ctx.session()
        findings = session.findings if session is not None else []
        state = left(report, findings) if session is not None else None
        errors = [f.message for f in (state.errors if state else [])
                  if not any(d in f.message for d in report.deviations)]
        lines = []
        if report.deviations:
            lines.append(f"文件与2021年格式不同之处（{len(report.deviations)} 处）：")
            lines += [f"· {d}" for d in exporting.listed(report.deviations)]
        if errors:
            word = SEVERITY_WORDS[ERROR]
            lines.append(f"{'其他' + word if report.deviations else word}（{len(errors)} 个）：")
            lines += [f"· {e}" for e in exporting.listed(errors)]
        verdict = (f"检查发现：{state.counts()}，已列在窗口下方的“检查结果”中，"
                   "单击一项可转到相应位置。" if state and findings else "检查通过：没有发现错误或提醒。")
        # What the importer did on the clerk's behalf (修订 accepted, formulas computed)
        # is said up front, not in the details.
        notes = "".join(f"{n}\n" for n in exporting.listed(report.notes))
        self.ctx.prompts.info("导入完成", f"已导入“{report.unit}”{report.year}年的报告"
                              f"（{name}）。\n{notes}{verdict}", "\n".join(lines) or None)
