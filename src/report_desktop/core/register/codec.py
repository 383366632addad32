"""The register as the interchange JSON holds it (interchange.md §Register), both ways.

Reading is strict: a value that is not what the format says refuses the file with the
entry and field named, rather than dropping it (bad input loses nothing)."""
from __future__ import annotations

import datetime as dt

from ..files import ReportFileError
from ..textcheck import shown
from .model import (APPLICANT_TYPES, CASE_KINDS, CASE_RESULTS, OUTCOMES, Application, Case,
                    Register)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def application_to_dict(a: Application) -> dict:
    return {"id": a.id, "received": _iso(a.received), "applicant_type": a.applicant_type,
            "applicant": a.applicant, "request": a.request, "answered": _iso(a.answered),
            "outcome": a.outcome, "article": a.article, "extended": _iso(a.extended),
            "correction_requested": _iso(a.correction_requested), "corrected": _iso(a.corrected),
            "consultation": [[_iso(f), _iso(t)] for f, t in a.consultation], "note": a.note}


def case_to_dict(c: Case) -> dict:
    return {"id": c.id, "kind": c.kind, "after_review": c.after_review, "counted": c.counted,
            "filed": _iso(c.filed), "decided": _iso(c.decided), "decision": c.decision,
            "result": c.result, "application": c.application, "note": c.note}


def to_dict(reg: Register) -> dict:
    return {"applications": [application_to_dict(a) for a in reg.applications],
            "cases": [case_to_dict(c) for c in reg.cases]}


class _Entry:
    """Reads the fields of one entry, naming it in every message."""

    def __init__(self, raw: object, where: str):
        if not isinstance(raw, dict):
            raise ReportFileError(f"{where}应为一个 JSON 对象。")
        self.raw, self.where = raw, where

    def fail(self, name: str, why: str) -> ReportFileError:
        return ReportFileError(f"{self.where}的 {name}“{shown(self.raw.get(name))}”{why}。")

    def text(self, name: str) -> str:
        v = self.raw.get(name)
        if v is None:
            return ""
        if not isinstance(v, str):
            raise self.fail(name, "应为文字")
        return v

    def date(self, name: str, raw: object = ...) -> dt.date | None:
        v = self.raw.get(name) if raw is ... else raw
        if v in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(v) if isinstance(v, str) and len(v) == 10 else _bad()
        except ValueError:
            raise ReportFileError(f"{self.where}的 {name}“{shown(v)}”不是有效日期，"
                                  "应为 2025-03-05 这样的格式。") from None

    def choice(self, name: str, allowed, default=None):
        v = self.raw.get(name, default)
        if v is not None and (not isinstance(v, (str, bool)) or v not in allowed):
            raise self.fail(name, "不是可用的值（可用：" + "、".join(map(str, allowed)) + "）")
        return v


def _bad():
    raise ValueError


def _application(raw: object, n: int, source: str) -> Application:
    e = _Entry(raw, f"{source}台账（register.applications）第 {n} 条")
    spans = e.raw.get("consultation") or []
    if not isinstance(spans, list) or not all(isinstance(s, list) and len(s) == 2 for s in spans):
        raise e.fail("consultation", "应为 [开始日期, 结束日期] 的列表")
    return Application(
        id=e.text("id"), received=e.date("received"),
        applicant_type=e.choice("applicant_type", APPLICANT_TYPES),
        applicant=e.text("applicant"), request=e.text("request"), answered=e.date("answered"),
        outcome=e.choice("outcome", OUTCOMES), article=e.text("article"),
        extended=e.date("extended"), correction_requested=e.date("correction_requested"),
        corrected=e.date("corrected"),
        consultation=tuple((e.date("consultation", f), e.date("consultation", t)) for f, t in spans),
        note=e.text("note"))


def _case(raw: object, n: int, source: str) -> Case:
    e = _Entry(raw, f"{source}台账（register.cases）第 {n} 条")
    kind = e.choice("kind", tuple(CASE_KINDS))     # null: not known yet, listed by the tally
    after = e.choice("after_review", (True, False))
    counted = e.choice("counted", (True, False), True)
    application = e.raw.get("application")
    if application is not None and not isinstance(application, str):
        raise e.fail("application", "应为关联申请的登记编号或 null")
    return Case(id=e.text("id"), kind=kind, after_review=after if kind != "review" else None,
                counted=True if counted is None else counted, filed=e.date("filed"),
                decided=e.date("decided"), decision=e.text("decision"),
                result=e.choice("result", CASE_RESULTS), application=application or None,
                note=e.text("note"))


def from_dict(data: object, source: str = "文件") -> Register | None:
    """The register of a report JSON (``data["register"]``); None when absent or null."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ReportFileError(f"{source}的台账（register）应为 JSON 对象或 null。")
    out = {}
    for key, read in (("applications", _application), ("cases", _case)):
        rows = data.get(key) or []
        if not isinstance(rows, list):
            raise ReportFileError(f"{source}的台账 register.{key} 应为列表。")
        out[key] = tuple(read(r, n, source) for n, r in enumerate(rows, 1))
    return Register(**out)
