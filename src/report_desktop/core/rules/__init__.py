"""Every consistency rule of docs/rules.md that the data can decide.

``validate(report, previous)`` returns findings, errors (hard rules H1–H9) first.  It is
pure; told what an edit changed, it re-runs only the rules that read it (engine.py), so
it can run after every keystroke (see benchmarks/).
"""
from __future__ import annotations

from .engine import Revalidator, validate
from .findings import ERROR, NOTE, RULE_TITLES, SEVERITY_WORDS, WARNING, Finding, Severity
from .reads import Changes

__all__ = ["validate", "Revalidator", "Changes", "Finding", "Severity", "ERROR", "WARNING", "NOTE",
           "SEVERITY_WORDS", "RULE_TITLES", "has_errors"]


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
