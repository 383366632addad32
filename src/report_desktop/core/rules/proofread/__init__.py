"""Proofreading rules P1–P6 (docs/rules.md): what a 政务公开办 reviewer sends back.

Each rule module finds ``Slip``s in one text; this package turns them into findings that
name the text section and the exact character range, so the editor can underline them.
"""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from ...places import Place
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
    slips = list(_unit_free_slips(text, year))
    slips += unit_name.check(text, unit)
    slips.sort(key=_PLACE)            # stable: slips of one place and rule keep their order
    return slips


_PLACE = itemgetter(1, 2, 0)          # start, end, rule


@lru_cache(maxsize=64)
def _unit_free_slips(text: str, year: int) -> tuple[Slip, ...]:
    """P1–P5, which do not depend on the unit: a county's reports often share their
    boilerplate, and a changed unit name re-runs only P6."""
    slips = punctuation.punctuation_slips(text)
    slips += years.check(text, year)
    slips += numbering.check(text)
    slips += wording.check(text)
    slips.sort(key=_PLACE)
    return tuple(slips)


def check(rep: Report) -> list[Finding]:
    """P1–P6 over every text section of the report."""
    out: list[Finding] = []
    for key, text in rep.texts.items():
        out.extend(section_findings(key, text or "", rep.year, rep.unit))
    return out


@lru_cache(maxsize=32)
def section_findings(key: str, text: str, year: int, unit: str) -> tuple[Finding, ...]:
    """One section's findings, in the order of ``text_slips``.  Cached: while the clerk
    types in one section, the others are not proofread again at every pause (findings
    are immutable)."""
    if not text:
        return ()
    own = unit_name.check(text, unit)
    if not own:
        return _unit_free_findings(key, text, year)
    cells = (Place.TEXT.at(key),)
    mine = [warning(s.rule, s.message, cells, (s.start, s.end), snippet(text, s.start, s.end))
            for s in own]
    return tuple(sorted((*_unit_free_findings(key, text, year), *mine), key=_finding_place))


def _finding_place(f: Finding) -> tuple[int, int, str]:
    assert f.range is not None       # every proofreading finding has its range
    return f.range[0], f.range[1], f.rule


@lru_cache(maxsize=64)
def _unit_free_findings(key: str, text: str, year: int) -> tuple[Finding, ...]:
    cells = (Place.TEXT.at(key),)
    return tuple(warning(s.rule, s.message, cells, (s.start, s.end), snippet(text, s.start, s.end))
                 for s in _unit_free_slips(text, year))
