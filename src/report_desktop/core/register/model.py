"""The registers behind 表三 and 表四: applications (依申请公开台账) and cases (复议诉讼台账).

Rows are immutable: an edit makes a new Register (``with_field``, ``inserted``,
``removed``), so the window's undo keeps the old and the new value and replays either.
Field names and meanings are those of interchange.md §Register.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from .. import schema
from .settings import CountingSettings

Date = dt.date | None

# The 表三 columns an applicant is counted in, and the 20 outcome rows (（一）…（六）3).
APPLICANT_TYPES: tuple[str, ...] = tuple(c.key for c in schema.APPLICATION_COLUMNS[:-1])
OUTCOMES: tuple[str, ...] = tuple(schema.RESULT_ROWS)
APPLICATION = "application"
CASE = "case"
REVIEW, LITIGATION = "review", "litigation"
CASE_KINDS = {REVIEW: "行政复议", LITIGATION: "行政诉讼"}
# 表四 results of a decided case; None is 尚未审结.
CASE_RESULTS: tuple[str, ...] = ("upheld", "corrected", "other")


@dataclass(frozen=True, slots=True)
class Application:
    id: str = ""                      # 登记编号
    received: Date = None             # 收到申请日期 (条例第三十一条)
    applicant_type: str | None = None  # one of APPLICANT_TYPES
    applicant: str = ""               # personal data
    request: str = ""                 # 申请内容 (may name people too)
    answered: Date = None             # 答复日期; None while not answered
    outcome: str | None = None        # one of OUTCOMES; None while not answered
    article: str = ""                 # 适用条款 as written
    extended: Date = None             # 延期告知日期
    correction_requested: Date = None  # 补正告知日期
    corrected: Date = None            # 补正收到日期
    consultation: tuple[tuple[Date, Date], ...] = ()   # 征求意见 [from, to] spans
    note: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    id: str = ""                      # 案号
    kind: str | None = REVIEW         # REVIEW or LITIGATION; None: not known yet (not counted)
    after_review: bool | None = None  # litigation: 复议后起诉 (True) or 直接起诉 (False)
    counted: bool = True              # False: this body is only the co-defendant 复议机关
    filed: Date = None                # 收案日期
    decided: Date = None              # 决定/判决日期
    decision: str = ""                # as written: 维持, 撤销, 驳回诉讼请求 …
    result: str | None = None         # one of CASE_RESULTS; None while pending
    application: str | None = None    # id of the linked application
    note: str = ""

    @property
    def block(self) -> str | None:
        """The 表四 block (review / direct / after_review), None when it cannot be told."""
        if self.kind == REVIEW:
            return "review"
        if self.kind == LITIGATION and self.after_review is not None:
            return "after_review" if self.after_review else "direct"
        return None


# What the clerk sees as column titles, in the register's order; * marks personal data.
APPLICATION_FIELDS: dict[str, str] = {
    "id": "登记编号", "received": "收到申请日期", "applicant_type": "申请人类别",
    "applicant": "申请人", "request": "申请内容", "answered": "答复日期",
    "outcome": "办理结果", "article": "适用条款", "extended": "延期告知日期",
    "correction_requested": "补正告知日期", "corrected": "补正收到日期",
    "consultation": "征求意见期间", "note": "备注",
}
CASE_FIELDS: dict[str, str] = {
    "id": "案号", "kind": "类型", "after_review": "是否经复议", "counted": "本机关是否计数",
    "filed": "收案日期", "decided": "决定/判决日期", "decision": "决定/判决内容",
    "result": "表四结果", "application": "关联申请", "note": "备注",
}
PERSONAL_FIELDS = frozenset({"applicant", "request"})
DATE_FIELDS = frozenset({"received", "answered", "extended", "correction_requested",
                         "corrected", "filed", "decided"})


@dataclass(frozen=True, slots=True)
class Register:
    applications: tuple[Application, ...] = ()
    cases: tuple[Case, ...] = ()
    # The counting choices (统计口径) the tally follows; kept in the store with the register
    # (the interchange JSON has no place for them: a register read from JSON has the defaults).
    settings: CountingSettings = CountingSettings()

    def rows(self, kind: str) -> tuple:
        return self.applications if kind == APPLICATION else self.cases

    def with_rows(self, kind: str, rows) -> "Register":
        return replace(self, **{"applications" if kind == APPLICATION else "cases": tuple(rows)})

    def with_field(self, kind: str, index: int, name: str, value) -> "Register":
        """The register with one field of one row changed (a value the undo can replay)."""
        rows = list(self.rows(kind))
        rows[index] = replace(rows[index], **{name: value})
        return self.with_rows(kind, rows)

    def with_row(self, kind: str, index: int, row) -> "Register":
        rows = list(self.rows(kind))
        rows[index] = row
        return self.with_rows(kind, rows)

    def inserted(self, kind: str, index: int, *new) -> "Register":
        rows = list(self.rows(kind))
        rows[index:index] = new
        return self.with_rows(kind, rows)

    def removed(self, kind: str, indexes) -> "Register":
        drop = set(indexes)
        return self.with_rows(kind, (r for i, r in enumerate(self.rows(kind)) if i not in drop))

    def index_of(self, kind: str, row_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows(kind)) if r.id == row_id), None)

    def without_personal_data(self) -> "Register":
        """Names and request texts blanked (for sending outside the office)."""
        blank = dict.fromkeys(PERSONAL_FIELDS, "")
        return replace(self, applications=tuple(replace(a, **blank) for a in self.applications))


def field_names(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields(Application if kind == APPLICATION else Case))


@dataclass(frozen=True)
class Problem:
    """Something in the register the clerk has to decide or fix; ``row`` is the index in
    the register, ``field`` the field to look at (None: the row as a whole)."""
    kind: str
    row: int
    field: str | None
    message: str


def problems(reg: Register) -> list[Problem]:
    """Entries the tally cannot trust whatever the year: duplicate ids, impossible dates."""
    out: list[Problem] = []
    for kind, rows in ((APPLICATION, reg.applications), (CASE, reg.cases)):
        seen: dict[str, int] = {}
        for i, r in enumerate(rows):
            if r.id and r.id in seen:
                out.append(Problem(kind, i, "id", f"编号“{r.id}”与第 {seen[r.id] + 1} 条重复"))
            seen.setdefault(r.id, i)
    ids = {a.id for a in reg.applications}
    for i, c in enumerate(reg.cases):
        if c.application and c.application not in ids:
            out.append(Problem(CASE, i, "application", f"关联申请“{c.application}”不在申请台账中"))
    return out

