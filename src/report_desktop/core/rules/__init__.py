"""Every consistency rule of docs/rules.md that the data can decide.

``validate(report, previous)`` returns findings, errors (hard rules H1–H9) first.  It is
pure and fast enough to run after every keystroke (see benchmarks/).
"""
from __future__ import annotations

from typing import Callable

from ..report import Report
from . import arithmetic, crossyear, deadlines, document, proofread, register, slips, textual
from .findings import ERROR, NOTE, RULE_TITLES, SEVERITY_WORDS, WARNING, Finding

__all__ = ["validate", "Finding", "ERROR", "WARNING", "NOTE", "SEVERITY_WORDS", "RULE_TITLES",
           "has_errors"]

_SINGLE: tuple[Callable[[Report], list[Finding]], ...] = (
    arithmetic.check_values,        # H1, H5
    arithmetic.check_sums,          # H2, H4, H7
    arithmetic.check_balance,       # H3
    document.check_layout,      # H8
    document.check_dated,       # H9
    arithmetic.check_no_applications,  # S5
    textual.check_text_numbers,    # S3, S6
    textual.check_fees,         # S2, S4
    document.check_year,        # S8
    document.check_date,        # S9
    register.check_register,    # S11
    slips.check_township_rules,  # S12
    deadlines.check_local_deadline,  # S15
    deadlines.check_published,   # S16
    proofread.check,            # P1–P6
)
_CROSS_YEAR: tuple[Callable[[Report, Report], list[Finding]], ...] = (
    crossyear.check_carry_over,  # H6
    crossyear.check_in_force,    # S1
    crossyear.check_similarity,  # S10
    slips.check_same_tables,     # S12
    slips.check_stale_in_force,  # S13
)


def validate(report: Report, previous: Report | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for check in _SINGLE:
        findings.extend(check(report))
    if previous is not None:
        for cross in _CROSS_YEAR:
            findings.extend(cross(report, previous))
    order = {ERROR: 0, WARNING: 1}
    # Stable sort: H before P within a severity, findings of one rule in reading order.
    kinds = {"H": 0, "S": 1, "P": 2}
    findings.sort(key=lambda f: (order[f.severity], kinds[f.rule[0]], int(f.rule[1:])))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
