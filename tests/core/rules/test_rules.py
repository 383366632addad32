"""Every rule held by the seed report and broken on purpose."""
import datetime as dt
from decimal import Decimal

import pytest

from report_desktop.core import schema
from report_desktop.core.rules import validate
from report_desktop.core.values import Bad

A = schema.application_cell
R = schema.review_cell


def rules_of(findings):
    return {f.rule for f in findings}


def only(findings, rule):
    found = [f for f in findings if f.rule == rule]
    assert found, f"{rule} not reported; got {[(f.rule, f.message) for f in findings]}"
    return found


def test_seed_report_has_no_error_and_only_punctuation_warnings(seed):
    # The published text really has half-width punctuation and one stray space (P1/P2).
    findings = validate(seed)
    assert not [f for f in findings if f.severity == "error"]
    assert rules_of(findings) == {"P1", "P2"}


def not_proofreading(findings):
    return [f for f in findings if not f.rule.startswith("P")]


def test_seed_against_itself_as_last_year_breaks_only_cross_year_rules(seed):
    """Last year's report identical to this one: 现行有效 is last year's although this year
    made 2 (S14, which S1 leaves to it), the tables are last year's (S13) and the prose is a
    copy (S10); 上年结转 2 = last year's 结转 2 (H6 holds)."""
    prev = seed.copy()
    prev.year = 2023
    assert rules_of(not_proofreading(validate(seed, prev))) == {"S10", "S13", "S14"}


# --- H1: 表二 values ------------------------------------------------------------

@pytest.mark.parametrize("cell, value", [
    ("active.rules.made", None), ("active.normative_docs.in_force", Bad("/", "x")),
    ("active.fees_10k_yuan", None), ("active.licensing", Bad("abc", "只能填写数字")),
])
def test_h1_blank_or_bad_active_cell(seed, cell, value):
    seed.cells[cell] = value
    f = only(validate(seed), "H1")
    assert f[0].cells == (cell,) and f[0].severity == "error"


# --- H2: row totals -------------------------------------------------------------

def test_h2_row_total_differs_from_its_parts(seed):
    seed.cells[A("new", "total")] = 14
    found = only(validate(seed), "H2")
    assert found[0].cells[0] == A("new", "total")
    assert A("new", "natural_person") in found[0].cells


def test_h2_total_row_grand_total(seed):
    seed.cells[A("total", "total")] = 99
    assert A("total", "total") in only(validate(seed), "H2")[0].cells


# --- H3: the printed 勾稽 rule ---------------------------------------------------

def test_h3_column_out_of_balance(seed):
    seed.set(A("carry_forward", "natural_person"), 3)   # 13 + 2 != 13 + 3
    f = only(validate(seed), "H3")
    assert {A("new", "natural_person"), A("carry_forward", "natural_person")} <= set(f[0].cells)
    assert "自然人" in f[0].message


# --- H4: （七）总计 ---------------------------------------------------------------

def test_h4_total_row_differs_from_results(seed):
    seed.cells[A("total", "natural_person")] = 12
    f = only(validate(seed), "H4")
    assert f[0].cells[0] == A("total", "natural_person")
    assert A("unavailable_1", "natural_person") in f[0].cells


# --- H5: 表三/表四 values --------------------------------------------------------

@pytest.mark.parametrize("cell", [A("withheld_3", "research"), R("direct", "pending")])
def test_h5_blank_cell(seed, cell):
    seed.cells[cell] = None
    assert only(validate(seed), "H5")[0].cells == (cell,)


def test_h5_negative_from_a_file(seed, tmp_path):
    import json
    from report_desktop.core import jsonio
    data = jsonio.to_dict(seed)
    data["applications"]["granted"][1] = -1
    p = tmp_path / "r.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    f = only(validate(jsonio.read(p)), "H5")
    assert f[0].cells == (A("granted", "commercial"),) and "负数" in f[0].message


# --- H6: 上年结转 = last year's 结转下年度 ---------------------------------------

def test_h6_carried_over_differs_from_last_year(seed):
    prev = seed.copy()
    prev.year = 2023
    prev.set(A("carry_forward", "natural_person"), 2)
    assert "H6" not in rules_of(validate(seed, prev))
    prev.set(A("carry_forward", "natural_person"), 5)
    f = only(validate(seed, prev), "H6")
    assert f[0].cells == (A("carried_over", "natural_person"),)
    assert "2023" in f[0].message


# --- H7: 表四 totals -------------------------------------------------------------

def test_h7_review_total_wrong(seed):
    # A district report printed 复议总计 0 with parts adding up to 11.
    seed.cells[R("review", "upheld")] = 11
    f = only(validate(seed), "H7")
    assert f[0].cells[0] == R("review", "total")


# --- H8: layout complete ---------------------------------------------------------

def test_h8_empty_section(seed):
    seed.texts["problems"] = "  "
    assert only(validate(seed), "H8")[0].cells == ("text.problems",)


def test_h8_deviation_from_import(seed):
    seed.deviations.append("表三缺少“（六）其他处理 2.…”行")
    assert "（六）其他处理" in only(validate(seed), "H8")[0].message


def test_h8_wrong_heading_in_text(seed):
    seed.texts["other"] = "七、其他需要报告的事项\n无。"
    assert only(validate(seed), "H8")


# --- soft rules ------------------------------------------------------------------

def test_s1_in_force_does_not_follow(seed):
    prev = seed.copy()
    prev.year = 2023
    prev.cells["active.normative_docs.in_force"] = 57   # 57 + 2 - 0 = 59 holds
    assert "S1" not in rules_of(validate(seed, prev))
    prev.cells["active.normative_docs.in_force"] = 50
    f = only(validate(seed, prev), "S1")
    assert f[0].severity == "warning" and "59" in f[0].message


def test_s2_fee_confused_with_information_fee(seed):
    seed.set("active.fees_10k_yuan", Decimal("350"))
    seed.texts["other"] = "本年度收取信息处理费350元。"
    f = only(validate(seed), "S2")
    assert "active.fees_10k_yuan" in f[0].cells


def test_s4_unpaid_fee_refusals_need_a_fee_sentence(seed):
    seed.set(A("other_2", "natural_person"), 1)
    seed.set(A("unavailable_1", "natural_person"), 11)
    seed.texts["other"] = "本年度报告电子版在门户网站公开。"
    assert "H3" not in rules_of(validate(seed))
    assert only(validate(seed), "S4")
    seed.texts["other"] = "本年度发出收费通知1件，申请人逾期未缴费。"
    assert "S4" not in rules_of(validate(seed))


def test_s4_amount_collected_and_none_collected(seed):
    seed.texts["other"] = "本年度实际收取信息处理费200元。本年度未收取信息处理费。"
    assert only(validate(seed), "S4")


def test_s5_no_applications_but_results(seed):
    for row in schema.APPLICATION_ROW_KEYS:
        for col in schema.APPLICATION_COLUMNS[:-1]:
            if A(row, col.key) not in schema.TOTAL_IDS:
                seed.set(A(row, col.key), 0)
    seed.texts["overview"] = "本年度未收到政府信息公开申请。"
    assert not_proofreading(validate(seed)) == []
    seed.cells[A("granted", "natural_person")] = 1   # a stray number
    assert "S5" in rules_of(validate(seed))
    seed.cells[A("granted", "natural_person")] = 0
    seed.texts["overview"] = "全年主动公开政府信息120条。"
    assert only(validate(seed), "S5")[0].cells == ("text.overview",)


def test_s8_statistics_period_of_another_year(seed):
    seed.texts["preamble"] = seed.texts["preamble"].replace("2024年1月1日", "2023年1月1日")
    assert only(validate(seed), "S8")


def test_s9_report_date_after_deadline(seed):
    seed.report_date = dt.date(2025, 2, 3)
    seed.level = "department"
    assert only(validate(seed), "S9")[0].cells == ("meta.report_date",)
    seed.level = "government"     # the 本级政府 summary is due 3月31日
    assert "S9" not in rules_of(validate(seed))
    seed.report_date = dt.date(2025, 12, 31)     # late, but inside the following year
    seed.level = "township"
    assert only(validate(seed), "S9")
    assert "H9" not in rules_of(validate(seed))
    seed.report_date = dt.date(2025, 1, 31)      # the last day in time: silent
    assert "S9" not in rules_of(validate(seed))


# --- H9: the report is dated, in the year after the statistics year -----------------

def test_h9_missing_date_is_an_error(seed):
    seed.report_date = None
    f = only(validate(seed), "H9")
    assert f[0].severity == "error" and f[0].cells == ("meta.report_date",)
    assert f[0].message.startswith("填写报告日期") and "2025" in f[0].message


def test_h9_date_outside_the_following_year(seed):
    for wrong in (dt.date(2024, 12, 1), dt.date(2026, 1, 2), dt.date(2000, 1, 1)):
        seed.report_date = wrong
        f = only(validate(seed), "H9")
        assert f[0].message.startswith("把报告日期改在2025年内"), wrong
        assert "S9" not in rules_of(validate(seed))
    for right in (dt.date(2025, 1, 1), dt.date(2025, 1, 22)):
        seed.report_date = right
        assert "H9" not in rules_of(validate(seed))


def test_document_messages_lead_with_the_fix_and_fit_one_line(seed):
    seed.texts["problems"] = ""
    seed.texts["other"] = "七、其他需要报告的事项\n无。"
    seed.deviations.append("表三缺少“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”行")
    seed.unit = ""
    seed.texts["preamble"] = seed.texts["preamble"].replace("2024年1月1日", "2023年1月1日")
    found = [f for f in validate(seed) if f.rule in ("H8", "H9", "S8", "S9")]
    seed.report_date = None
    found += [f for f in validate(seed) if f.rule == "H9"]
    seed.report_date, seed.level = dt.date(2025, 3, 1), "department"
    found += [f for f in validate(seed) if f.rule == "S9"]
    assert {f.rule for f in found} == {"H8", "H9", "S8", "S9"}
    for f in found:
        assert len(f.message) <= 60, f.message
        assert f.message.startswith(("填写", "把", "删去", "按", "统计期限写明")), f.message


def test_s10_text_copied_from_last_year(seed):
    prev = seed.copy()
    prev.year = 2023
    prev.cells = {k: v for k, v in seed.cells.items()}
    prev.set(A("carry_forward", "natural_person"), 2)
    assert "S10" in rules_of(validate(seed, prev))
    prev.texts = {k: "去年的内容完全不同，讲的是别的工作。" * 5 for k in prev.texts}
    assert "S10" not in rules_of(validate(seed, prev))


def test_findings_are_errors_first_and_follow_interchange_shape(seed):
    seed.cells[A("new", "total")] = 14
    seed.report_date = dt.date(2025, 3, 1)
    found = validate(seed)
    assert [f.severity for f in found] == sorted((f.severity for f in found), key=["error", "warning"].index)
    d = found[0].to_dict()
    assert set(d) == {"rule", "severity", "message", "cells", "detail"}   # detail: the full cell name
    assert all(c in schema.CELLS or c.startswith(("text.", "meta.")) for f in found for c in f.cells)
