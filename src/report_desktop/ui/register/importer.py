"""导入台账…: read an .xlsx/.xls/.csv register on a pool thread (progress and 取消 in the
台账 tab), let the clerk check the column mapping (remembered per header layout in the
store), take the rows as one undo step, then ask about the values that could not be
classified.  Nothing is counted for those until she decides."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...core.places import Place
from ...core import schema
from ...core.files import ReportFileError
from ...core.register import APPLICANT_TYPES, APPLICATION, CASE_KINDS, CASE_RESULTS, OUTCOMES
from ...core.register import fields as reg_fields
from ...core.register.columns import FIELD_TITLES, NEEDED, WORDS, apply_mapping
from ...core.register.importing import Opened, open_file, read_rows
from ...services import registers as register_service
from ..jobs import TaskJob
from .file_filters import register_filter
from .model import KIND_WORDS

# The values an import may leave for the clerk to choose, with the official labels.
CHOOSABLE = {
    "outcome": [(k, reg_fields.shown("outcome", k)) for k in OUTCOMES],
    "applicant_type": [(k, reg_fields.shown("applicant_type", k)) for k in APPLICANT_TYPES],
    "principal_type": [(k, reg_fields.shown("applicant_type", k)) for k in APPLICANT_TYPES],
    "result": [(k, reg_fields.shown("result", k)) for k in CASE_RESULTS],
    "decision": [(k, reg_fields.shown("result", k)) for k in CASE_RESULTS],
    "kind": list(CASE_KINDS.items()),
    "after_review": [(True, f"是（{schema.REVIEW_BLOCKS[2].label}）"),
                     (False, f"否（{schema.REVIEW_BLOCKS[1].label}）")],
}
# The register field a choice for an import field goes into.
_TARGET = {"principal_type": "applicant_type", "decision": "result"}
SAMPLE_ROWS = 4


def column_samples(opened: Opened, n: int = SAMPLE_ROWS) -> list[list[str]]:
    """The first ``n`` non-blank values of every column under the header."""
    layout = opened.layout
    rows = next(s.rows for s in opened.sheets if s.name == layout.sheet)[layout.first_data_row - 1:]
    out: list[list[str]] = [[] for _ in layout.headers]
    for row in rows[:200]:
        for c, v in enumerate(row[:len(out)]):
            if v not in (None, "") and len(out[c]) < n:
                out[c].append(v.date().isoformat() if hasattr(v, "date") and hasattr(v, "hour")
                              else str(v).strip()[:30])
    return out


class RegisterImport(QObject):
    finished = Signal(str)     # a one-line result for the status bar

    def __init__(self, ctx, page, folder, remember, parent=None):
        """``page()``: the 台账 tab; ``folder()``/``remember(path)``: where dialogs start."""
        super().__init__(parent)
        self.ctx, self._page, self._folder, self._remember = ctx, page, folder, remember
        self.job: TaskJob | None = None
        self.kind = APPLICATION
        self.path = Path()          # the file being imported

    def busy(self) -> bool:
        return self.job is not None

    def start(self, path: Path | None = None, kind: str | None = None) -> TaskJob | None:
        session = self.ctx.session()
        if session is None:
            return None
        if self.job is not None:
            self.ctx.status("正在导入另一个台账，请稍候或取消。", refusal=True)
            return None
        page = self._page()
        self.kind = kind or page.current_kind()
        word = KIND_WORDS[self.kind]
        if path is None:
            path = self.ctx.prompts.open_path(f"导入{page_label(self.kind)}台账", register_filter(),
                                              self._folder())
            if path is None:
                return None
        self.path = Path(path)
        reg = session.report.register
        if reg is not None and reg.rows(self.kind) and not self.ctx.prompts.confirm(
                "替换台账", f"{page_label(self.kind)}台账中已有 {len(reg.rows(self.kind))} 件{word}。"
                            f"用“{self.path.name}”中的记录替换它们吗？",
                "替换后可以用“撤销”（Ctrl+Z）恢复原来的台账。", yes="替换", no="取消"):
            return None
        self._remember(self.path)
        kind_now, path_now = self.kind, self.path
        return self._run(lambda _p, _c: open_file(path_now, kind_now), self._opened,
                         f"正在读取“{self.path.name}”…")

    def _run(self, task, done, text: str) -> TaskJob:
        job = TaskJob(task, f"读取“{self.path.name}”时出错", expected=(ReportFileError,))
        def finished(number: int, result: object) -> None:
            if self._finished(number):
                done(result)

        def failed(number: int, message: str) -> None:
            if self._finished(number):
                self._failed(message)
        job.signals.done.connect(finished)
        job.signals.failed.connect(failed)
        job.signals.progress.connect(self._progress)
        self.job = job
        page = self._page()
        page.busy_label.setText(text)
        page.busy_bar.setRange(0, 0)
        page.busy.show()
        page.import_button.setEnabled(False)
        job.start()
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stop()
            self._page().busy_label.setText("正在取消…")

    def _progress(self, number: int, done: int, total: int, _text: str) -> None:
        if self.job is not None and self.job.number == number:
            bar = self._page().busy_bar
            bar.setRange(0, max(total, 1))
            bar.setValue(done)

    def _finished(self, number: int) -> bool:
        """The job ``number`` is over; True when its result is still wanted."""
        job = self.job
        if job is None or job.number != number:
            return False
        cancelled = job.cancel.is_set()
        self.job = None
        page = self._page()
        page.busy.hide()
        page.import_button.setEnabled(True)
        if cancelled:
            self.ctx.status("已取消导入台账。")
            self.finished.emit("已取消导入台账。")
            return False
        return self.ctx.visible() and self.ctx.session() is not None

    def _failed(self, message: str) -> None:
        self.ctx.prompts.warn("无法导入台账", message)
        self.finished.emit(message)

    # -- the column mapping ------------------------------------------------------------------
    def _opened(self, opened: Opened) -> None:
        store, layout = self.ctx.store, opened.layout
        guessed = dict(layout.columns)
        remembered = register_service.remembered_mapping(store, layout)
        if remembered:
            try:
                apply_mapping(layout, remembered, layout.source)
            except ReportFileError:
                layout.columns = guessed
        titles = {f: FIELD_TITLES[layout.kind][f] for f in WORDS[layout.kind]}   # what a file can hold
        columns = self.ctx.prompts.register_mapping(
            f"“{self.path.name}”（工作表“{layout.sheet}”，第 {layout.first_data_row} 行起）",
            titles, NEEDED[layout.kind], layout.headers, column_samples(opened), dict(layout.columns))
        if columns is None:
            self.ctx.status("已取消导入台账。")
            self.finished.emit("已取消导入台账。")
            return
        layout.columns = dict(columns)
        register_service.remember_mapping(store, layout)
        session = self.ctx.session()
        reg = session.report.register
        settings = reg.settings if reg is not None else None

        def task(progress, cancel):
            return read_rows(opened, settings, lambda d, t: progress(d, t, ""), cancel)
        self._run(task, self._read, f"正在导入“{self.path.name}”…")

    # -- the rows ---------------------------------------------------------------------------
    def _read(self, imported) -> None:
        session = self.ctx.session()
        kind = self.kind
        base = session.report.register
        session.set_register(imported.register(base), f"导入台账（{self.path.name}）",
                             Place.REGISTER.at(kind, 0))
        self._page().show_kind(kind).clear_filter()
        self._decide(imported)
        counted = session.tally()
        line = f"已导入 {len(imported.rows)} 件{KIND_WORDS[kind]}（{self.path.name}）"
        if counted is not None:
            lost = sum(u.kind == kind for u in counted.unclassified)
            n = len(counted_rows(counted, kind))
            line += f"，计入{counted.year}年度 {n} 件"
            if lost:
                line += f"，{lost} 件未能归类（已标黄）"
            other = len(imported.rows) - n - lost
            if other > 0:
                line += f"，{other} 件不属于本年度统计"
            line += "。"
        self.ctx.status(line)
        self.finished.emit(line)

    def _decide(self, imported) -> None:
        """Ask about the values the import could not classify; the choices are one step."""
        if not imported.issues:
            return
        titles = FIELD_TITLES[imported.layout.kind]
        position = {n: i for i, n in enumerate(imported.row_numbers)}
        items, where = [], []
        for issue in imported.issues:
            name = issue.field if issue.field in CHOOSABLE else None
            items.append((issue.row, titles.get(issue.field, issue.field), issue.value,
                          issue.message, name))
            where.append(position.get(issue.row))
        chosen = self.ctx.prompts.decide_unclassified(items, CHOOSABLE)
        if not chosen:
            return
        session = self.ctx.session()
        reg = session.report.register
        for i, value in chosen.items():
            row = where[i]
            if row is None or items[i][4] is None:
                continue
            reg = reg.with_field(self.kind, row, _TARGET.get(items[i][4], items[i][4]), value)
        session.set_register(reg, "确定未能归类的记录", Place.REGISTER.at(self.kind, 0))


def counted_rows(counted, kind: str) -> set[int]:
    """The register rows of ``kind`` the tally counted in its year."""
    totals = (("applications.new.total", "applications.carried_over.total") if kind == APPLICATION
              else ("review_litigation.review.total", "review_litigation.direct.total",
                    "review_litigation.after_review.total"))
    return {i for t in totals for i in counted.rows(t)}


def page_label(kind: str) -> str:
    return "依申请公开" if kind == APPLICATION else "复议诉讼"

