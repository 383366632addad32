"""Validation, whole or incremental.

``validate(report, previous)`` runs every check.  Given what changed since a list of
findings (``changed``) and that list (``before``), it re-runs only the checks that read a
changed input — the proofreading of one section, say, after a keystroke in it — and keeps
the other findings.  The result is the same list, in the same order, as a full run
(tests/core/rules/test_incremental.py): every rule id belongs to exactly one check, and findings are
ordered by rule with each check's own order kept, so findings can be regrouped by check.

``Revalidator`` is for a caller that does not track its edits (the window): it remembers
the inputs of its last run and works out ``Changes`` by comparing them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, cast

from ..report import Report
from . import proofread
from ..calendar import Calendar
from .catalogue import (CROSS_YEAR, DATED, PROOFREAD_META, PROOFREAD_RULES, SINGLE, Check, Cross,
                        Dated, Single)
from .findings import Finding, Severity
from .reads import Changes

_KINDS = {"H": 0, "S": 1, "P": 2}
_CHECK_OF: dict[str, Check] = {r: c for c in (*SINGLE, *DATED, *CROSS_YEAR) for r in c.rules}


def _rank(severity: Severity, rule: str) -> tuple[int, int, int]:
    # Stable sort: errors first, H before S before P, findings of one rule in reading order.
    return Severity(severity).rank, _KINDS[rule[0]], int(rule[1:])


_RANKS: dict[tuple[str, str], tuple[int, int, int]] = {}


def _sort_key(f: Finding) -> tuple[int, int, int]:
    key = _RANKS.get((f.severity, f.rule))
    if key is None:
        key = _RANKS[(f.severity, f.rule)] = _rank(f.severity, f.rule)
    return key


def _groups(findings: list[Finding]) -> dict[Hashable, list[Finding]] | None:
    """Findings by the check (or proofread section) that made them; None when one cannot
    be placed (a list from elsewhere): then everything is re-run."""
    out: dict[Hashable, list[Finding]] = {}
    for f in findings:
        key: Hashable
        if f.rule in PROOFREAD_RULES:
            if f.text_key is None:
                return None
            key = ("proofread", f.text_key)
        elif f.rule in _CHECK_OF:
            key = _CHECK_OF[f.rule]
        else:
            return None
        out.setdefault(key, []).append(f)
    return out


def validate(report: Report, previous: Report | None = None, calendar: Calendar | None = None,
             *, changed: Changes | None = None,
             before: list[Finding] | None = None) -> list[Finding]:
    """Findings, errors (hard rules H1–H9) first.  ``calendar``: the working days answer
    deadlines are counted by (S17; the shipped one when not given — the window and
    ``check`` pass the store's, with the clerk's own years).  With ``changed`` and
    ``before`` (the findings of the same report before those changes, against the same
    ``previous`` and calendar unless ``changed`` says so), only the checks that read a
    changed input run again."""
    kept = _groups(before) if changed is not None and before is not None else None
    findings: list[Finding] = []
    for check in SINGLE:
        if kept is None or check.reads.touched_by(cast(Changes, changed)):
            findings.extend(cast(Single, check.run)(report))
        else:
            findings.extend(kept.get(check, ()))
    for check in DATED:
        if kept is None or check.reads.touched_by(cast(Changes, changed)):
            findings.extend(cast(Dated, check.run)(report, calendar))
        else:
            findings.extend(kept.get(check, ()))
    proof_all = kept is None or not PROOFREAD_META.isdisjoint(cast(Changes, changed).meta)
    for key, text in report.texts.items():
        if kept is not None and not proof_all and key not in cast(Changes, changed).texts:
            findings.extend(kept.get(("proofread", key), ()))
        else:
            findings.extend(proofread.section_findings(key, text or "", report.year, report.unit))
    if previous is not None:
        for check in CROSS_YEAR:
            if kept is None or check.reads.touched_by(cast(Changes, changed)):
                findings.extend(cast(Cross, check.run)(report, previous))
            else:
                findings.extend(kept.get(check, ()))
    findings.sort(key=_sort_key)
    return findings


@dataclass(frozen=True)
class _Inputs:
    """What the rules read of a report, as of one validation (values are immutable)."""
    cells: dict[str, object]
    texts: dict[str, str]
    meta: dict[str, object]
    previous: Report | None

    @classmethod
    def of(cls, report: Report, previous: Report | None,
           calendar: Calendar | None = None) -> "_Inputs":
        meta = {"calendar": calendar, "unit": report.unit, "year": report.year, "report_date": report.report_date,
                "level": report.level, "local_deadline": report.local_deadline,
                "published_date": report.published_date, "deviations": tuple(report.deviations),
                "register": report.register}
        return cls(dict(report.cells), dict(report.texts), meta, previous)

    def changes_to(self, now: "_Inputs") -> Changes | None:
        """What differs in ``now``; None when the texts were added or removed."""
        if self.texts.keys() != now.texts.keys() or self.cells.keys() != now.cells.keys():
            return None
        old_cells, old_texts = self.cells, self.texts
        return Changes(
            frozenset(c for c, v in now.cells.items() if not _same(old_cells[c], v)),
            frozenset(k for k, t in now.texts.items() if old_texts[k] != t),
            frozenset(k for k, v in now.meta.items()
                      if k in _BY_IDENTITY and self.meta[k] is not v
                      or k not in _BY_IDENTITY and not _same(self.meta[k], v)),
            self.previous is not now.previous)


# Immutable objects replaced, never changed in place: compared by identity (cheap).
_BY_IDENTITY = frozenset({"register", "calendar"})


def _same(a: object, b: object) -> bool:
    """Equal and of the same type ("12.5" and "12.50" are different amounts)."""
    return a is b or (type(a) is type(b) and a == b and str(a) == str(b))


class Revalidator:
    """Validates one report again and again, re-running only what changed since its last
    run.  ``previous`` counts as unchanged while it is the same object (the window reloads
    last year's report as a new one whenever unit or year change)."""

    def __init__(self) -> None:
        self._inputs: _Inputs | None = None
        self._findings: list[Finding] = []

    def __call__(self, report: Report, previous: Report | None = None,
                 calendar: Calendar | None = None) -> list[Finding]:
        now = _Inputs.of(report, previous, calendar)
        changed = self._inputs.changes_to(now) if self._inputs is not None else None
        if changed is None:
            findings = validate(report, previous, calendar)
        elif not changed:
            findings = list(self._findings)
        else:
            findings = validate(report, previous, calendar, changed=changed,
                                before=self._findings)
        self._inputs, self._findings = now, findings
        return list(findings)
