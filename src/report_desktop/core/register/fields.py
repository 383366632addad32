"""One register field as the grid shows it and as the clerk types or pastes it: the
Qt table model's ``data`` (``shown``) and ``setData`` (``parse``) for a register row.

Typed words go through the same classification as an import (words.py, dates.py), so a
pasted column of 办理结果 or dates reads exactly as a file would; what cannot be read is
refused with a Chinese sentence (FieldError), never guessed."""
from __future__ import annotations

from dataclasses import replace

from .. import schema
from ..textcheck import shown as quoted
from . import words
from .dates import NotADate, read_date
from .model import CASE_KINDS, CASE_RESULTS, DATE_FIELDS, LITIGATION, REVIEW, Case
from .settings import CountingSettings

_TYPE_LABELS = {c.key: c.label for c in schema.APPLICATION_COLUMNS[:-1]}
_OUTCOME_LABELS = {r.key: (f"{r.group}{r.item}" if r.item else r.group.split("（区分")[0])
                   for r in schema.APPLICATION_ROWS[2:23]}
_RESULT_LABELS = {p.key: p.label for p in schema.REVIEW_PARTS if p.key in CASE_RESULTS}
_YES, _NO = ("是", "有", "y", "yes", "true", "1", "√"), ("否", "无", "n", "no", "false", "0", "×")


class FieldError(ValueError):
    """Typed text that cannot go into a register field; ``str()`` is a Chinese sentence."""


def shown(name: str, value) -> str:
    """The text a grid cell shows for a field value ('' for None)."""
    if value is None:
        return ""
    if name == "applicant_type":
        return _TYPE_LABELS.get(value, str(value))
    if name == "outcome":
        return _OUTCOME_LABELS.get(value, str(value))
    if name == "kind":
        return CASE_KINDS.get(value, "")
    if name == "result":
        return _RESULT_LABELS.get(value, "")
    if name in ("after_review", "counted"):
        return "是" if value else "否"
    if name == "consultation":
        return "；".join(f"{a or '?'}至{b or '?'}" for a, b in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _choice(guess: words.Guess, text: str, what: str):
    if guess.key is not None:
        return guess.key
    if len(guess.candidates) > 1:
        raise FieldError(f"“{quoted(text)}”可以对应多种{what}，请写明是哪一种。")
    raise FieldError(f"“{quoted(text)}”不是可识别的{what}。")


def parse(kind: str, name: str, text: str, settings: CountingSettings | None = None):
    """The value of field ``name`` of a ``kind`` row for what was typed ('' clears it)."""
    text = (text or "").strip()
    if name in DATE_FIELDS:
        try:
            return read_date(text)
        except NotADate:
            raise FieldError(f"“{quoted(text)}”不是可识别的日期，请写成 2025-03-05 这样的日期。") from None
    if not text:
        return {"counted": True, "consultation": ()}.get(name, "" if name in _TEXT else None)
    if name == "applicant_type":
        return _choice(words.applicant_type(text), text, "申请人类别")
    if name == "outcome":
        return _choice(words.outcome(text, settings), text, "办理结果")
    if name == "result":
        exact = {v: k for k, v in _RESULT_LABELS.items()}.get(text)
        return exact or _choice(words.case_result(text, settings), text, "表四结果")
    if name == "kind":
        found = words.case_kind(text)
        if found is None:
            raise FieldError(f"“{quoted(text)}”应为“{CASE_KINDS[REVIEW]}”或“{CASE_KINDS[LITIGATION]}”。")
        return found
    if name in ("after_review", "counted"):
        folded = words.fold(text).lower()
        if folded in _YES or folded in _NO:
            return folded in _YES
        raise FieldError(f"“{quoted(text)}”应为“是”或“否”。")
    if name == "consultation":
        raise FieldError("征求意见期间请在申请的详细信息中逐段填写开始和结束日期。")
    return text


_TEXT = {"id", "applicant", "request", "article", "note", "decision"}   # '' when cleared


def with_decision(case: Case, decision: str, settings: CountingSettings | None = None) -> Case:
    """The case with its decision as written and the 表四 result derived from it (None
    while undecided, or when the words fit no result or several: the tally lists it)."""
    result = words.case_result(decision, settings).key if case.decided else None
    return replace(case, decision=decision.strip(), result=result)


def outcome_label(key: str | None) -> str:
    return _OUTCOME_LABELS.get(key, "") if key else ""
