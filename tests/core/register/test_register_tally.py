"""The tally of a register into 表三 and 表四 (issue 20 item 2) and the S11 rule."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from report_desktop.core import schema
from report_desktop.core.register import Application, Case, CountingSettings, Register, explanation, tally
from report_desktop.core.report import Report
from report_desktop.core.rules import validate
from report_desktop.core.rules.arithmetic import check_balance, check_sums, check_values
from tests.registers import balanced_reports, from_tables, registers

D = dt.date
A = schema.application_cell
R = schema.review_cell


def _report(reg: Register, year: int = 2025) -> Report:
    rep = Report.blank("某县某局", year)
    rep.register = reg
    for cid, v in tally(reg, year).changes_for(rep).items():
        rep.set(cid, v)
    return rep


def test_each_application_counts_by_receipt_and_answer_date():
    reg = Register((
        Application("new-done", D(2025, 3, 5), "natural_person", answered=D(2025, 3, 20), outcome="granted"),
        Application("new-open", D(2025, 12, 20), "commercial"),
        Application("old-done", D(2024, 12, 20), "commercial", answered=D(2025, 1, 6), outcome="other_3"),
        Application("old-next", D(2024, 12, 28), "research", answered=D(2026, 1, 5), outcome="granted"),
        Application("last-year", D(2024, 5, 1), "natural_person", answered=D(2024, 5, 9), outcome="granted"),
        Application("next-year", D(2026, 1, 2), "natural_person"),
    ))
    t = tally(reg, 2025)
    assert t.cells[A("new", "natural_person")] == 1 and t.cells[A("new", "commercial")] == 1
    assert t.cells[A("carried_over", "commercial")] == 1 and t.cells[A("carried_over", "research")] == 1
    assert t.cells[A("granted", "natural_person")] == 1 and t.cells[A("other_3", "commercial")] == 1
    assert t.cells[A("carry_forward", "commercial")] == 1 and t.cells[A("carry_forward", "research")] == 1
    assert t.cells[A("total", "total")] == 2 and t.cells[A("new", "total")] == 2
    # the drill-down: which rows a number (or a total) counts
    assert t.rows(A("carry_forward", "total")) == (1, 3)
    assert t.rows(A("total", "total")) == (0, 2)
    assert t.ids(reg, A("carried_over", "research")) == ["old-next"]
    assert t.ids(reg, A("total", "natural_person")) == ["new-done"]
    assert t.unclassified == ()


def test_entries_that_cannot_be_placed_are_listed_and_counted_nowhere():
    reg = Register((
        Application("no-date", None, "natural_person"),
        Application("no-type", D(2025, 2, 1), None),
        Application("no-outcome", D(2025, 2, 1), "natural_person", answered=D(2025, 2, 3)),
        Application("no-answer", D(2025, 2, 1), "natural_person", outcome="granted"),
        Application("backwards", D(2025, 2, 1), "natural_person", answered=D(2025, 1, 3), outcome="granted"),
    ))
    t = tally(reg, 2025)
    assert [u.id for u in t.unclassified] == ["no-date", "no-type", "no-outcome", "no-answer", "backwards"]
    assert "答复日期早于" in t.unclassified[-1].reason
    assert not any(t.cells.values())


def test_cases_by_block_result_and_the_co_defendant_rule():
    reg = Register(cases=(
        Case("r1", "review", None, True, D(2025, 2, 1), D(2025, 4, 1), "维持", "upheld"),
        Case("d1", "litigation", False, True, D(2025, 2, 1), D(2025, 9, 1), "撤销", "corrected"),
        Case("a1", "litigation", True, True, D(2025, 11, 1), D(2026, 2, 1), "驳回", "upheld"),
        Case("co", "litigation", True, False, D(2025, 3, 1)),          # 复议机关 as co-defendant
        Case("old", "review", None, True, D(2024, 11, 1), D(2025, 2, 1), "终止", "other"),
        Case("?", "litigation", None, True, D(2025, 3, 1)),
    ))
    t = tally(reg, 2025)
    assert t.cells[R("review", "upheld")] == 1 and t.cells[R("direct", "corrected")] == 1
    assert t.cells[R("after_review", "pending")] == 1 and t.cells[R("after_review", "total")] == 1
    assert t.cells[R("review", "other")] == 0        # filed last year: not counted by default
    assert [u.id for u in t.unclassified] == ["?"]
    again = tally(reg, 2025, CountingSettings(carried_cases=True))
    assert again.cells[R("review", "other")] == 1 and again.rows(R("review", "other")) == (4,)
    # the register's own settings are the default of the tally
    assert tally(replace(reg, settings=CountingSettings(carried_cases=True)), 2025).cells == again.cells


@settings(max_examples=150, deadline=None)
@given(registers(), st.integers(2024, 2026))
def test_any_register_tallies_into_tables_that_pass_every_arithmetic_rule(reg, year):
    rep = _report(reg, year)
    assert [f for f in check_values(rep) if f.rule == "H5"] == []
    assert check_sums(rep) == [] and check_balance(rep) == []
    found = {f.rule for f in validate(rep)}
    assert not found & {"H2", "H3", "H4", "H5", "H7"}
    # every application the tally counted sits in exactly one of 一/二 and one of 三/四
    t = tally(reg, year)
    ins = sorted(t.rows(A("new", "total")) + t.rows(A("carried_over", "total")))
    outs = sorted(t.rows(A("total", "total")) + t.rows(A("carry_forward", "total")))
    assert ins == outs and len(set(ins)) == len(ins)


@settings(max_examples=100, deadline=None)
@given(balanced_reports(), st.integers(0, 10 ** 6))
def test_a_register_made_from_known_tables_tallies_back_to_them_exactly(known, seed):
    reg = from_tables(known, seed)
    t = tally(reg, known.year)
    assert t.unclassified == ()
    assert {c: t.cells[c] for c in schema.APPLICATION_IDS + schema.REVIEW_IDS} == \
        {c: known.cells[c] for c in schema.APPLICATION_IDS + schema.REVIEW_IDS}


def test_s11_names_every_cell_that_differs_from_the_register():
    reg = Register((
        Application("2025-001", D(2025, 3, 5), "natural_person", answered=D(2025, 3, 9), outcome="granted"),
        Application("2025-002", D(2025, 3, 6), "natural_person", answered=D(2025, 3, 9), outcome="granted"),
    ))
    rep = _report(reg)
    assert [f for f in validate(rep) if f.rule == "S11"] == []
    rep.set(A("granted", "natural_person"), 5)
    rep.set(A("granted", "commercial"), 1)
    found = [f for f in validate(rep) if f.rule == "S11"]
    assert [f.cells for f in found] == [(A("granted", "natural_person"),), (A("granted", "commercial"),)]
    assert "填 5，台账中 2 件" in found[0].message and found[0].severity == "warning"
    assert "2025-001、2025-002" in found[0].detail
    assert "台账中 0 件" in found[1].message
    rep.register = None
    assert [f for f in validate(rep) if f.rule == "S11"] == []


def test_s11_lists_the_register_rows_it_could_not_count():
    rep = _report(Register((Application("x", D(2025, 3, 5), None),)))
    found = [f for f in validate(rep) if f.rule == "S11"]
    assert len(found) == 1 and "1 条记录未能归类" in found[0].message and "申请人类别" in found[0].message


def test_the_explanation_states_every_setting_and_marks_a_changed_one():
    lines = explanation(CountingSettings(), 2025)
    assert lines[0].startswith("2025年度") and sum("（默认）" in x for x in lines) == 4
    changed = explanation(CountingSettings(rejected="other"), 2025)
    assert any("驳回" in x and "其他结果" in x and "非默认" in x for x in changed)
