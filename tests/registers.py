"""Registers for tests and benchmarks: any register (hypothesis), and the register behind
a known 表三/表四 (every application and case placed so that the tally gives it back)."""
from __future__ import annotations

import datetime as dt
import random

from hypothesis import strategies as st

from report_desktop.core import schema
from report_desktop.core.register import (APPLICANT_TYPES, CASE_RESULTS, OUTCOMES, Application,
                                          Case, Register)
from report_desktop.core.report import Report

YEAR = 2025
_dates = st.one_of(st.none(), st.dates(dt.date(YEAR - 2, 1, 1), dt.date(YEAR + 1, 12, 31)))


@st.composite
def applications(draw, i: int = 0):
    received = draw(_dates)
    answered = draw(st.one_of(st.none(), st.dates(received or dt.date(YEAR - 2, 1, 1),
                                                  dt.date(YEAR + 1, 12, 31)), _dates))
    return Application(
        id=f"A{i}", received=received,
        applicant_type=draw(st.sampled_from((None, *APPLICANT_TYPES))),
        applicant=draw(st.text(max_size=5)), answered=answered,
        outcome=draw(st.sampled_from((None, *OUTCOMES))) if answered else
        draw(st.sampled_from((None, None, "granted"))))


@st.composite
def cases(draw, i: int = 0):
    filed = draw(_dates)
    decided = draw(st.one_of(st.none(), st.dates(filed or dt.date(YEAR - 2, 1, 1),
                                                 dt.date(YEAR + 1, 12, 31)), _dates))
    kind = draw(st.sampled_from(("review", "litigation", None)))
    return Case(id=f"C{i}", kind=kind,
                after_review=draw(st.sampled_from((None, True, False))) if kind == "litigation" else None,
                counted=draw(st.booleans()), filed=filed, decided=decided,
                result=draw(st.sampled_from((None, *CASE_RESULTS))))


@st.composite
def registers(draw):
    n, m = draw(st.integers(0, 40)), draw(st.integers(0, 12))
    return Register(tuple(draw(applications(i)) for i in range(n)),
                    tuple(draw(cases(i)) for i in range(m)))


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def from_tables(report: Report, seed: int = 0) -> Register:
    """A register whose tally for ``report.year`` is exactly the report's 表三 and 表四.

    The report must balance (一 + 二 = 三（七）+ 四 per column, its totals right): per
    column, new and carried-over applications fill the outcome rows first and the
    carry-forward with what is left."""
    rng, year = random.Random(seed), report.year
    apps: list[Application] = []
    for col in APPLICANT_TYPES:
        n = lambda row: report.cells[schema.application_cell(row, col)]  # noqa: E731
        received = [_day(rng, year) for _ in range(n("new"))] + \
                   [_day(rng, year - 1) for _ in range(n("carried_over"))]
        rng.shuffle(received)
        slots = [o for o in OUTCOMES for _ in range(n(o))] + [None] * n("carry_forward")
        assert len(slots) == len(received), f"column {col} does not balance"
        for got, outcome in zip(received, slots):
            answered = None
            if outcome is not None:
                answered = max(got, dt.date(year, 1, 1)) + dt.timedelta(days=rng.randrange(20))
                answered = min(answered, dt.date(year, 12, 31))
            elif rng.random() < 0.5:
                answered = dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randrange(60))
            apps.append(Application(f"{year}-{len(apps) + 1:05d}", got, col,
                                    outcome=outcome if answered and answered.year == year else
                                    ("granted" if answered else None), answered=answered))
    rng.shuffle(apps)
    found: list[Case] = []
    for block in schema.REVIEW_BLOCKS:
        kind = "review" if block.key == "review" else "litigation"
        after = None if kind == "review" else block.key == "after_review"
        for part in schema.REVIEW_PARTS[:-1]:
            for _ in range(report.cells[schema.review_cell(block.key, part.key)]):
                filed = _day(rng, year)
                pending = part.key == "pending"
                decided = None if pending else max(filed, min(filed + dt.timedelta(days=60),
                                                              dt.date(year, 12, 31)))
                found.append(Case(f"案{len(found) + 1}", kind, after, True, filed, decided,
                                  result=None if pending else part.key))
    # a co-defendant case and last year's decided case: never counted
    found.append(Case("共同被告", "litigation", True, False, _day(rng, year)))
    found.append(Case("上年", "review", None, True, _day(rng, year - 1), _day(rng, year - 1),
                      result="upheld"))
    return Register(tuple(apps), tuple(found))


@st.composite
def balanced_reports(draw, year: int = YEAR, most: int = 6):
    """A report whose 表三 balances per column and whose totals are right (any 表四)."""
    rep = Report.blank("某县某局", year)
    for cid in schema.INPUT_IDS:
        rep.set(cid, 0)
    for col in APPLICANT_TYPES:
        outcomes = {o: draw(st.integers(0, most)) for o in OUTCOMES}
        forward = draw(st.integers(0, most))
        total = sum(outcomes.values()) + forward
        old = draw(st.integers(0, total))
        for row, v in {**outcomes, "carry_forward": forward, "carried_over": old,
                       "new": total - old}.items():
            rep.set(schema.application_cell(row, col), v)
    for cid in schema.REVIEW_IDS:
        if cid not in schema.TOTAL_IDS:
            rep.set(cid, draw(st.integers(0, most)))
    return rep


def workbook(path, head, rows):
    """A register as a clerk's .xlsx: one sheet, ``head`` then ``rows``; returns ``path``."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(head)
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path
