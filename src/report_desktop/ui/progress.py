"""What is left before export: each tab's state and one line in the status bar.

Whether the report may be exported as it is, is the export policy's answer
(services.exporting.publish_check), not decided again here.

Derived from the last validation's findings and the report's cells only (no assumption
about how a new report starts): a blank cell is an H1/H5 finding whose cell holds
nothing; a section with nothing written or filled in is 未填写.  The status-bar line
("还有 3 处错误、12 个空格未填") is a button: a click goes to the first error, else the
first blank cell, else the first warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPushButton

from ..core.places import Place
from ..core import schema
from ..core.rollover import has_draft_marker
from ..core.rules import ERROR, SEVERITY_WORDS, WARNING, Finding
from ..core.rules.blanks import is_blank, is_blank_total
from ..services.exporting import ExportCheck, publish_check
from . import theme
from .tabs import REGISTER_KEY, TAB_KEYS, TAB_LABELS

EMPTY, DONE, DRAFT = "未填写", "完成", "草稿"
BLANK = "未填"          # a blank cell: not an error, a cell still to fill
OK, NOT_STARTED = "ok", "empty"     # a tab's state besides the severities




def target_of(finding: Finding) -> str | None:
    """Where a click on the finding goes: the text it is about, else its first cell."""
    for c in finding.cells:
        if Place.of(c) == Place.TEXT:
            return c
    return finding.cells[0] if finding.cells else None


_PREAMBLE = Place.TEXT.at("preamble")     # shown on 基本信息


def tab_of(finding) -> str | None:
    target = target_of(finding)
    if target is None:
        return None
    if Place.of(target) == Place.META or target == _PREAMBLE:
        return "info"
    return Place.TEXT.key(target) or schema.table_of(target)


@dataclass(frozen=True)
class Left:
    errors: list        # errors other than blank cells, in the panel's order
    blanks: list        # H1/H5 findings about blank cells
    warnings: list      # in the panel's order
    drafts: list        # text keys still carrying the draft-marker line
    export: ExportCheck = ExportCheck()     # the export policy's answer for a published file

    def counts(self) -> str:
        """The one set of numbers the panel, the status bar and the tabs agree on."""
        return (f"{SEVERITY_WORDS[ERROR]} {len(self.errors)} · {BLANK} {len(self.blanks)}"
                f" · {SEVERITY_WORDS[WARNING]} {len(self.warnings)}")

    def line(self) -> str:
        parts = []
        if self.errors:
            parts.append(f"{len(self.errors)} 处{SEVERITY_WORDS[ERROR]}")
        if self.blanks:
            parts.append(f"{len(self.blanks)} 个空格未填")
        if self.drafts:
            parts.append(f"{len(self.drafts)} 行草稿提示未删")
        if parts:
            return "还有 " + "、".join(parts)
        if self.export.blocked:      # what the policy refuses that the counts do not show
            return self.export.headline()
        if self.warnings:
            return f"可以导出；{len(self.warnings)} 个{SEVERITY_WORDS[WARNING]}请核对"
        return "已完成，可以导出"

    def first(self):
        """The finding a click goes to, or ``text.<key>`` of a draft, or None."""
        for group in (self.errors, self.blanks):
            if group:
                return group[0]
        if self.drafts:
            return Place.TEXT.at(self.drafts[0])
        return self.warnings[0] if self.warnings else None


def left(report, findings) -> Left:
    findings = [f for f in findings if not is_blank_total(f, report)]
    blanks = [f for f in findings if is_blank(f, report)]
    blank_ids = {id(f) for f in blanks}
    errors = [f for f in findings if f.severity == ERROR and id(f) not in blank_ids]
    warnings = [f for f in findings if f.severity != ERROR]
    export = publish_check(report, findings)
    return Left(errors, blanks, warnings, list(export.drafts), export)


def _register_state(report, findings) -> tuple[str, str]:
    """The 台账 tab: how many entries, or how many the tally could not count."""
    reg = report.register
    if reg is None:
        return "", NOT_STARTED
    lost = [f for f in findings if f.rule == "S11" and not f.cells]
    if lost:
        return "台账中有记录未能归类，没有计入表三、表四", WARNING
    return f"台账：{len(reg.applications)} 件申请，{len(reg.cases)} 件案件", OK


def _empty(report, key: str) -> bool:
    if key == "info":
        return not report.unit.strip() and not report.texts.get("preamble", "").strip()
    if key in schema.TEXTS:
        return not report.texts.get(key, "").strip()
    return all(report.cells.get(c) is None for c in _inputs(key))


@lru_cache(maxsize=None)
def _inputs(table: str) -> tuple[str, ...]:
    """The cells of ``table`` the clerk types (asked for each tab on every keystroke)."""
    return tuple(c for c in schema.CELL_IDS if c.startswith(f"{table}.") and not schema.CELLS[c].is_total)


def tab_states(report, findings) -> dict[str, tuple[str, str]]:
    """tab key → (state words, a Severity, OK or NOT_STARTED)."""
    by_tab: dict[str, list] = {k: [] for k in TAB_KEYS}
    for f in findings:
        if is_blank_total(f, report):
            continue
        key = tab_of(f)
        if key in by_tab:
            by_tab[key].append(f)
    out = {}
    for key, mine in by_tab.items():
        if key == REGISTER_KEY:
            out[key] = _register_state(report, findings)
            continue
        blanks = sum(is_blank(f, report) for f in mine)
        errors = sum(f.severity == ERROR for f in mine) - blanks
        warnings = len(mine) - errors - blanks
        text_key = "preamble" if key == "info" else key
        if _empty(report, key):
            out[key] = (EMPTY, NOT_STARTED)
        elif errors:
            out[key] = (f"{SEVERITY_WORDS[ERROR]} {errors}", ERROR)
        elif blanks:
            out[key] = (f"{BLANK} {blanks}", ERROR)
        elif has_draft_marker(report.texts.get(text_key, "")):
            out[key] = (DRAFT, WARNING)
        elif warnings:
            out[key] = (f"{SEVERITY_WORDS[WARNING]} {warnings}", WARNING)
        else:
            out[key] = (DONE, OK)
    return out


_COLOURS = {ERROR: theme.ERROR_FG, WARNING: theme.WARNING_FG, OK: theme.OK_FG,
            NOT_STARTED: theme.MUTED_FG}


class Progress(QObject):
    """Keeps the tab labels and the status-bar button in step with the open report."""

    def __init__(self, tabs, status_bar, go_to_finding, go_to, parent=None):
        super().__init__(parent)
        self.tabs, self._go_to_finding, self._go_to = tabs, go_to_finding, go_to
        self.button = QPushButton(status_bar)
        self.button.setFlat(True)
        self.button.setStyleSheet("QPushButton { border: none; padding: 0 6px;"
                                  " text-decoration: underline; }")
        self.button.setToolTip("单击转到下一处要改的地方（先错误，再空格，再草稿提示行）")
        self.button.clicked.connect(self.go_first)
        self.button.hide()
        status_bar.addPermanentWidget(self.button)
        self.state: Left | None = None

    def update(self, session) -> None:
        if session is None:
            self.state = None
            self.button.hide()
            for i, label in enumerate(TAB_LABELS):
                self.tabs.setTabText(i, label)
                self.tabs.tabBar().setTabTextColor(i, theme.MUTED_FG)
            return
        report, findings = session.report, session.findings
        self.state = left(report, findings)
        self.button.setText(self.state.line())
        colour = theme.ERROR_FG if (self.state.errors or self.state.blanks) else (
            theme.WARNING_FG if self.state.export.blocked or self.state.warnings else theme.OK_FG)
        palette = self.button.palette()       # the colour by palette: a style sheet set
        if palette.color(QPalette.ColorRole.ButtonText) != colour:   # again re-polishes
            palette.setColor(QPalette.ColorRole.ButtonText, colour)
            self.button.setPalette(palette)
        self.button.show()
        states = tab_states(report, findings)
        bar = self.tabs.tabBar()
        for i, (key, label) in enumerate(zip(TAB_KEYS, TAB_LABELS)):
            words, severity = states[key]
            text = label if key == REGISTER_KEY else f"{label} {words}"
            if key == REGISTER_KEY:      # no room for words at 1024 px: the colour and a tip
                bar.setTabToolTip(i, words)
            if self.tabs.tabText(i) != text:   # each one lays the tab bar out
                self.tabs.setTabText(i, text)
            colour = _COLOURS.get(severity, theme.MUTED_FG)
            if bar.tabTextColor(i) != colour:
                bar.setTabTextColor(i, colour)

    def go_first(self) -> None:
        target = self.state.first() if self.state else None
        if isinstance(target, str):
            self._go_to(target)
        elif target is not None:
            self._go_to_finding(target)
