"""Proofreading rules P1–P6 (official-format.md §5): what a 政务公开办 reviewer sends back.

Each rule module finds ``Slip``s in one text; this package turns them into findings that
name the text section and the exact character range, so the editor can underline them.
"""
from __future__ import annotations

from ...report import Report
from ..findings import Finding, warning
from . import numbering, punctuation, unit_name, wording, years
from .chars import snippet
from .slip import Slip

__all__ = ["check", "text_slips", "Slip"]


def text_slips(text: str, year: int = 0, unit: str = "") -> list[Slip]:
    """Every P1–P6 slip in one text, in reading order."""
    if not text:
        return []
    slips = punctuation.punctuation_slips(text)
    slips += years.check(text, year)
    slips += numbering.check(text)
    slips += wording.check(text)
    slips += unit_name.check(text, unit)
    slips.sort(key=lambda s: (s.start, s.end, s.rule))
    return slips


def check(rep: Report) -> list[Finding]:
    """P1–P6 over every text section of the report."""
    out = []
    for key, text in rep.texts.items():
        for s in text_slips(text, rep.year, rep.unit):
            out.append(warning(s.rule, s.message, [f"text.{key}"], (s.start, s.end),
                               snippet(text, s.start, s.end)))
    return out
