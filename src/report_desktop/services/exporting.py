"""What may be exported, and how: the one export policy of the window and the command line.

A Word file is what a leader signs, a web page what the website publishes: they are written only when
the report has no errors and no text still carries the draft marker of a report started
from last year's; the clerk (仍然导出) or a script (``--allow-errors``) may override.
Excel and JSON files are working files (sent to the county, re-imported): always written.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..core import formats, schema
from ..core.files import ReportFileError, Source
from ..core.final import Stamp
from ..core.report import Report
from ..core.rollover import DRAFT_MARKER, has_draft_marker
from ..core.rules import Finding, Severity, validate
from ..core.rules.blanks import is_blank, is_blank_total

LISTED = 12                         # problems named in a message; the rest are counted


@dataclass(frozen=True)
class ExportCheck:
    """What stands between a report and a publishable file."""
    errors: tuple[Finding, ...] = ()
    drafts: tuple[str, ...] = ()     # text keys whose text still carries the draft marker
    blanks: int = 0                  # errors that are cells still to fill (core/rules/blanks.py)
    blank_totals: int = 0            # … blank totals, which fill themselves: not counted

    @property
    def blocked(self) -> bool:
        return bool(self.errors or self.drafts)

    def _open(self, wrong: str) -> list[str]:
        """"还有 1 个错误{wrong}、158 个空格未填": counted as the window counts them."""
        mistakes = len(self.errors) - self.blanks - self.blank_totals
        if not mistakes and not self.blanks:
            mistakes = len(self.errors)
        parts = [f"{mistakes} 个错误{wrong}"] if mistakes else []
        if self.blanks:
            parts.append(f"{self.blanks} 个空格未填")
        return ["还有 " + "、".join(parts)] if parts else []

    def headline(self) -> str:
        parts = self._open("")
        if self.drafts:
            parts.append(f"{len(self.drafts)} 部分正文仍是从上年复制的草稿")
        return "报告" + "，".join(parts) if parts else ""

    def draft_note(self) -> str | None:
        """The line under a draft's title (core.docx.draft): what is still open."""
        if not self.blocked:
            return None
        parts = self._open("未改正")
        if self.drafts:
            parts.append(f"{len(self.drafts)} 部分正文仍是上年内容")
        return "，".join(parts) + "，不能印发"

    def lines(self, codes: bool = True) -> list[str]:
        """``codes``: each error's rule code first, as the command line shows it (the
        window names no rule codes)."""
        lines = [f"[{f.rule}] {f.message}" if codes else f.message for f in self.errors]
        lines += [f"“{schema.TEXTS[k]}”仍带有修改提示行“{DRAFT_MARKER}”，还没有按本年实际修改。"
                  for k in self.drafts]
        return listed(lines)


def listed(lines: list[str]) -> list[str]:
    """The first LISTED lines of a message, and how many more there are."""
    return lines[:LISTED] + ([f"……另有 {len(lines) - LISTED} 项"] if len(lines) > LISTED else [])


class ExportRefused(ReportFileError):
    """A publishable file refused by the policy; ``check`` says why."""

    def __init__(self, check: ExportCheck, path: Path):
        lines = "\n".join(f"  {line}" for line in check.lines())
        super().__init__(f"{check.headline()}，未导出“{Path(path).name}”（避免发布有误的报告）：\n"
                         f"{lines}\n改正后再导出；如确需导出草稿，请加 --allow-errors。")
        self.check = check


def is_published(path: str | Path) -> bool:
    """A Word file or web page: the policy checks it (core.formats says which kinds)."""
    return formats.is_published(path)


def publish_check(report: Report, findings: list[Finding] | None = None,
                  previous: Report | None = None) -> ExportCheck:
    """Why ``report`` may not be published (signed, put on the website) as it is: the one
    answer the export, the 定稿 and the window's "可以导出" line all ask for.

    ``findings``: the report's current findings when the caller has them (the window)."""
    if findings is None:
        findings = validate(report, previous)
    errors = tuple(f for f in findings if f.severity == Severity.ERROR)
    return ExportCheck(errors,
                       tuple(k for k in schema.TEXTS if has_draft_marker(report.texts.get(k, ""))),
                       sum(is_blank(f, report) for f in errors),
                       sum(is_blank_total(f, report) for f in errors))


def check(report: Report, path: str | Path, previous: Report | None = None,
          findings: list[Finding] | None = None) -> ExportCheck:
    """Why ``report`` may not be written to ``path`` as it is (an empty check: it may)."""
    if not is_published(path):
        return ExportCheck()
    return publish_check(report, findings, previous)


def export(report: Report, path: str | Path, *, allow_errors: bool = False,
           fonts: str = formats.DEFAULT_WORD_FONTS, previous: Report | None = None,
           findings: list[Finding] | None = None,
           sources: Iterable[Source] = (), stamp: Stamp | None = None) -> ExportCheck:
    """Write ``report`` to ``path`` (format by extension) unless the policy refuses it
    (ExportRefused); ``allow_errors`` overrides, and the file is then visibly a draft
    (“草稿” in the header, the open problems under the title, marker lines highlighted).
    ``sources``: the files the report came from (inputs, the data file), never written over.
    ``stamp``: the 定稿 the report is (services.finals), for a Word file or web page; a
    draft never carries one.  Returns what was overridden."""
    found = check(report, path, previous, findings)
    if found.blocked and not allow_errors:
        raise ExportRefused(found, Path(path))
    formats.write(report, Path(path), fonts, draft=found.draft_note(), sources=sources,
                  stamp=None if found.blocked else stamp)
    return found


def missing_fonts(path: str | Path, fonts: str = formats.DEFAULT_WORD_FONTS) -> list[str]:
    """The fonts of the Word font set ``fonts`` this machine lacks; empty for other files
    and when the machine cannot be asked."""
    if not formats.takes_fonts(path):
        return []
    from ..core.docx import font_sets, fontcheck   # python-docx: only once a Word file is written
    return fontcheck.missing(font_sets.font_set(fonts)) or []


def fonts_note(missing: list[str], fonts: str = formats.DEFAULT_WORD_FONTS,
               command_line: bool = False) -> str:
    """One line for the clerk about the fonts ``missing`` here ("" when none are)."""
    if not missing:
        return ""
    names = "、".join(missing)
    if fonts == formats.WordFonts.GB:
        how = "（加 --fonts windows）" if command_line else ""
        return (f"请在本机和打印、审签用的电脑上安装{names}，或改用 Windows 自带字体导出{how}："
                "本机没有这些公文字体，Word/WPS 会用其他字体代替，版式可能走样。")
    return (f"本机没有{names}，在本机打开时 Word/WPS 会用其他字体代替；"
            "Windows 电脑都带有这些字体，在那里显示正常。")
