"""Every check, in the order validation runs it, with the rules it reports and what it reads.

The reads are what makes incremental validation safe: a check whose reads an edit did not
touch keeps its findings.  Declare a superset when unsure — too wide only costs time, too
narrow keeps a stale finding (tests/core/rules/test_incremental.py compares with a full validation).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from .. import schema
from ..report import Report
from ..calendar import Calendar
from . import answer_time, arithmetic, crossyear, deadlines, document, register, slips, textual
from .findings import Finding
from .reads import Reads, application_rows, reads, table

Single = Callable[[Report], list[Finding]]
Cross = Callable[[Report, Report], list[Finding]]
Dated = Callable[[Report, "Calendar | None"], list[Finding]]


@dataclass(frozen=True)
class Check:
    run: Union[Single, Cross, Dated]
    rules: tuple[str, ...]          # the rule ids its findings carry (each id in one check)
    reads: Reads


_A, _R = schema.application_cell, schema.review_cell
_ALL_CELLS = schema.CELL_IDS
_IN_FORCE_ROWS = tuple(c for row in schema.ACTIVE_BLOCKS[0].rows for c in row.cells)
_SUM_CELLS = tuple(dict.fromkeys(c for s in schema.SUMS for c in (s.total, *s.parts)))

SINGLE: tuple[Check, ...] = (
    Check(arithmetic.check_values, ("H1", "H5"), reads(_ALL_CELLS)),
    Check(arithmetic.check_sums, ("H2", "H4", "H7"), reads(_SUM_CELLS)),
    Check(arithmetic.check_balance, ("H3",),
          reads(application_rows("new", "carried_over", "total", "carry_forward"))),
    Check(document.check_layout, ("H8",), reads(texts=None, meta=("deviations", "unit"))),
    Check(document.check_dated, ("H9",), reads(meta=("year", "report_date"))),
    Check(arithmetic.check_no_applications, ("S5",),
          reads(table("applications"), texts=("overview",))),
    Check(textual.check_text_numbers, ("S3", "S6"),
          reads(table("applications", "review_litigation"), texts=("overview",))),
    Check(textual.check_fees, ("S2", "S4"),
          reads((_A("other_2", "total"), "active.fees_10k_yuan"), texts=("other",))),
    Check(document.check_year, ("S8",), reads(texts=("preamble", "overview"), meta=("year",))),
    Check(document.check_date, ("S9",), reads(meta=("report_date", "year", "level"))),
    Check(register.check_register, ("S11",), reads(_ALL_CELLS, meta=("register", "year"))),
    Check(slips.check_township_rules, ("S12",),
          reads(schema.ACTIVE_BLOCKS[0].rows[0].cells, meta=("level",))),
    Check(deadlines.check_local_deadline, ("S15",),
          reads(meta=("local_deadline", "year", "report_date"))),
    Check(deadlines.check_published, ("S16",),
          reads(meta=("published_date", "year", "report_date", "level", "local_deadline"))),
)
# run(report, calendar): the answer deadlines are counted in working days
DATED: tuple[Check, ...] = (
    Check(answer_time.check_answer_time, ("S17",),
          reads(texts=("problems",), meta=("register", "year", "calendar"))),
)
# P1–P6 run per text section (proofread.section_findings) and are kept per section.
PROOFREAD_RULES = ("P1", "P2", "P3", "P4", "P5", "P6")
PROOFREAD_META = frozenset({"year", "unit"})

# run(report, previous), only when there is last year's report
CROSS_YEAR: tuple[Check, ...] = (
    Check(crossyear.check_carry_over, ("H6",), reads(application_rows("carried_over"), previous=True)),
    Check(crossyear.check_in_force, ("S1",), reads(_IN_FORCE_ROWS, previous=True)),
    Check(crossyear.check_similarity, ("S10",), reads(texts=schema.PROSE_KEYS, previous=True)),
    Check(slips.check_same_tables, ("S13",), reads(_ALL_CELLS, previous=True)),
    Check(slips.check_stale_in_force, ("S14",), reads(_IN_FORCE_ROWS, previous=True)),
)
