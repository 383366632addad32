"""Import a register from what clerks have (.xlsx, .xls, .csv): headers found by their
words, columns guessed or taken from a remembered mapping, values read into rows.

A value that cannot be read or classified is never guessed: the row is kept with that
field empty (the value written into its 备注) and listed as an ``Issue`` with its row
number, so the tally counts nothing for it until the clerk decides."""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import formats, schema
from ..files import ReportFileError
from ..textcheck import shown
from . import words
from .columns import FIELD_TITLES, Layout, apply_mapping, find_layout, samples
from .dates import NotADate, read_date
from .model import APPLICATION, CASE, Application, Case, Register, Row
from .settings import BY_PRINCIPAL, CountingSettings
from .sources import Sheet

_TOTAL_WORDS = ("合计", "总计", "小计", "共计")
_LABELS = {**FIELD_TITLES[APPLICATION], **FIELD_TITLES[CASE]}


class ImportCancelled(ReportFileError):
    """The clerk stopped the import; nothing was kept."""


@dataclass(frozen=True)
class Issue:
    row: int          # Excel/CSV row number
    field: str        # the field that could not be read
    value: str        # the value as written
    message: str      # in Chinese: what to decide or fix

    def line(self) -> str:
        return f"第 {self.row} 行：{self.message}"


@dataclass
class Imported:
    rows: tuple[Row, ...]          # Application or Case rows, in file order
    row_numbers: tuple[int, ...]   # the file row of each
    layout: Layout
    issues: list[Issue]

    def register(self, base: Register | None = None) -> Register:
        """``base`` (default: an empty register) with its rows of this kind replaced by
        the imported ones; the other kind and the settings are kept."""
        base = base or Register()
        kind = APPLICATION if self.layout.kind == APPLICATION else CASE
        return base.with_rows(kind, self.rows)


@dataclass
class Opened:
    """A register file read and its layout guessed, before its rows are taken: the window
    shows ``layout`` (columns and sample values), the clerk corrects ``layout.columns``."""
    sheets: list[Sheet]
    layout: Layout


def read_sheets(path: str | Path) -> list[Sheet]:
    """The sheets of a register file, read as its extension says (formats.REGISTER_READERS)."""
    path = Path(path)
    source = f"文件“{path.name}”"
    read: formats.RegisterReader | None = formats.REGISTER_READERS.get(path.suffix.lower())
    if read is None:
        raise ReportFileError(f"{source}不是可导入的台账：请用 {formats.register_kinds()}。")
    return read(path, source)


def open_file(path: str | Path, kind: str = APPLICATION,
              mapping: dict[str, str] | None = None) -> Opened:
    """Read ``path`` and find its ``kind`` register; ``mapping`` (field → header text,
    remembered from an earlier file) replaces the guess."""
    path = Path(path)
    source = f"文件“{path.name}”"
    sheets = read_sheets(path)
    layout = find_layout(sheets, kind, source)
    layout.source = path.name
    if mapping is not None:
        layout = apply_mapping(layout, mapping, source)
        layout.samples = samples(sheets, layout)
    return Opened(sheets, layout)


def read_rows(opened: Opened, settings: CountingSettings | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancel: threading.Event | None = None) -> Imported:
    """The rows of an opened register under its (possibly corrected) layout.
    ``progress(done, total)`` every 1,000 rows; ``cancel`` set stops with ImportCancelled."""
    layout = opened.layout
    rows = next(s.rows for s in opened.sheets if s.name == layout.sheet)
    reader = _Rows(layout, settings or CountingSettings())
    read_row = reader.application if layout.kind == APPLICATION else reader.case
    first = layout.first_data_row
    total = max(len(rows) - first + 1, 0)
    for n in range(first, len(rows) + 1):
        if (n - first) % 1000 == 0:
            if cancel is not None and cancel.is_set():
                raise ImportCancelled("已取消导入。")
            if progress is not None:
                progress(n - first, total)
        read_row(n, rows[n - 1])
    if progress is not None:
        progress(total, total)
    return Imported(tuple(reader.out), tuple(reader.numbers), layout, reader.issues)


def import_file(path: str | Path, kind: str = APPLICATION, mapping: dict[str, str] | None = None,
                settings: CountingSettings | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancel: threading.Event | None = None) -> Imported:
    """``open_file`` then ``read_rows``: the command line's one step."""
    return read_rows(open_file(path, kind, mapping), settings, progress, cancel)


class _Rows:
    def __init__(self, layout: Layout, settings: CountingSettings):
        self.columns, self.settings = layout.columns, settings
        self.out: list[Row] = []
        self.numbers: list[int] = []
        self.issues: list[Issue] = []
        self.notes: list[str] = []
        # Registers repeat their words: each (classifier, text) is read once.
        self._seen: dict[tuple[object, object], words.Guess] = {}

    def _classified(self, how: Callable[..., words.Guess], raw: object,
                    *extra: object) -> words.Guess:
        key = (how, raw)
        if key not in self._seen:
            self._seen[key] = how(raw, *extra)
        return self._seen[key]

    def _cells(self, n: int, row: list[object]) -> dict[str, object] | None:
        cells: dict[str, object] = {f: (row[c] if c < len(row) else None) for f, c in self.columns.items()}
        cells = {f: (v.strip() or None) if isinstance(v, str) else v for f, v in cells.items()}
        if all(v is None for v in cells.values()):
            return None                       # a blank row
        if self._no_date(cells) and any(
                isinstance(v, str) and len(v) <= 12 and any(w in words.fold(v) for w in _TOTAL_WORDS)
                for v in row):
            return None                       # the totals row at the bottom
        self.notes = []
        return cells

    def _no_date(self, cells: dict[str, object]) -> bool:
        return not any(_try_date(cells.get(f)) for f in ("received", "filed"))

    def _issue(self, n: int, f: str, raw: object, why: str) -> None:
        self.issues.append(Issue(n, f, shown(raw), f"{_LABELS.get(f, f)}“{shown(raw)}”{why}"))
        self.notes.append(f"导入时未能识别的{_LABELS.get(f, f)}：{shown(raw)}")

    def _date(self, n: int, cells: dict[str, object], f: str) -> dt.date | None:
        raw = cells.get(f)
        try:
            return read_date(raw)
        except NotADate:
            self._issue(n, f, raw, "不是可识别的日期，请改为 2025-03-05 这样的日期")
            return None

    def _text(self, cells: dict[str, object], f: str) -> str:
        v = cells.get(f)
        return "" if v is None else str(v).strip()

    def _guess(self, n: int, cells: dict[str, object], f: str, guess: words.Guess,
               what: str) -> str | None:
        if guess.key is None and cells.get(f) is not None:
            several = len(guess.candidates) > 1
            self._issue(n, f, cells[f], f"对应多种{what}，请指定一种" if several
                        else f"无法对应到{what}，请指定")
        return guess.key

    def application(self, n: int, row: list[object]) -> None:
        cells = self._cells(n, row)
        if cells is None:
            return
        received, answered = self._date(n, cells, "received"), self._date(n, cells, "answered")
        type_field = "applicant_type"
        if self.settings.applicant == BY_PRINCIPAL and cells.get("principal_type") is not None:
            type_field = "principal_type"
        kind = self._guess(n, cells, type_field,
                           self._classified(words.applicant_type, cells.get(type_field)),
                           "表三的申请人类别")
        raw_outcome = cells.get("outcome")
        pending = raw_outcome is not None and answered is None and \
            any(w in words.fold(raw_outcome) for w in words.PENDING_WORDS)
        outcome = None if pending else self._guess(
            n, cells, "outcome", self._classified(words.outcome, raw_outcome, self.settings),
            "表三的办理结果")
        span = (self._date(n, cells, "consult_from"), self._date(n, cells, "consult_to"))
        consult = (span,) if any(span) else ()
        self.out.append(Application(
            id=self._text(cells, "id"), received=received, applicant_type=kind,
            applicant=self._text(cells, "applicant"), request=self._text(cells, "request"),
            answered=answered, outcome=outcome, article=self._text(cells, "article"),
            extended=self._date(n, cells, "extended"),
            correction_requested=self._date(n, cells, "correction_requested"),
            corrected=self._date(n, cells, "corrected"), consultation=consult,
            note="；".join([self._text(cells, "note")] * bool(cells.get("note")) + self.notes)))
        self.numbers.append(n)

    def case(self, n: int, row: list[object]) -> None:
        cells = self._cells(n, row)
        if cells is None:
            return
        filed, decided = self._date(n, cells, "filed"), self._date(n, cells, "decided")
        kind = words.case_kind(cells.get("kind"))
        if kind is None:
            self._issue(n, "kind", cells.get("kind"), "无法判断是行政复议还是行政诉讼，请指定")
        after = words.after_review(cells.get("kind"), cells.get("after_review")) \
            if kind == "litigation" else None
        if kind == "litigation" and after is None:
            self._issue(n, "after_review", cells.get("after_review") or cells.get("kind"),
                        f"无法判断是否属于“{schema.REVIEW_BLOCKS[2].label}”，请指定")
        decision = self._text(cells, "decision")
        result_raw = cells.get("result")
        guess = words.case_result(result_raw if result_raw is not None else decision, self.settings)
        result = None
        if decided is not None or result_raw is not None:
            result = self._guess(n, cells, "result" if result_raw is not None else "decision",
                                 guess, "表四的结果（维持、纠正、其他）")
        application = self._text(cells, "application") or None
        self.out.append(Case(
            id=self._text(cells, "id"), kind=kind, after_review=after,
            counted=words.counted(cells.get("role")), filed=filed, decided=decided,
            decision=decision, result=result, application=application,
            note="；".join([self._text(cells, "note")] * bool(cells.get("note")) + self.notes)))
        self.numbers.append(n)


def _try_date(raw: object) -> bool:
    try:
        return read_date(raw) is not None
    except NotADate:
        return False
