"""Slips of issue 21: S12 规章 in a township, S13 tables copied from last year, S14
现行有效件数 not updated, S10 one figure for one copy, P3's other forms of a year."""
import pytest

from report_desktop.core import rollover, schema
from report_desktop.core.rules import validate
from report_desktop.core.rules.crossyear import similarity
from report_desktop.core.rules.proofread import text_slips

A = schema.application_cell


def found(findings, rule):
    return [f for f in findings if f.rule == rule]


def last_year(seed):
    """A plausible 2023 report of the same unit: other numbers, its own prose, and the
    现行有效 that this year's 制发/废止 lead on from."""
    prev = seed.copy()
    prev.year = seed.year - 1
    for key in ("rules", "normative_docs"):
        made, repealed, now = (seed.cells[f"active.{key}.{p}"] for p in schema.ACTIVE_PARTS)
        prev.cells[f"active.{key}.in_force"] = now - made + repealed
    prev.cells["active.licensing"] += 7
    prev.cells[A("new", "natural_person")] += 1
    prev.recompute_totals()
    prev.cells[A("carry_forward", "natural_person")] = seed.cells[A("carried_over", "natural_person")]
    for key in schema.PROSE_KEYS:
        prev.texts[key] = "上年的工作另有写法，与本年报告的文字全然不同，" * 3
    return prev


def test_clean_sample_with_a_plausible_last_year_is_silent(seed):
    findings = validate(seed, last_year(seed))
    assert not [f for f in findings if f.rule in ("S1", "S10", "S12", "S13", "S14")]


# --- S12 ---------------------------------------------------------------------------

def test_s11_township_with_rules(seed):
    seed.level = schema.Level.TOWNSHIP
    seed.cells["active.rules.made"], seed.cells["active.rules.repealed"] = 2, 1
    seed.cells["active.rules.in_force"] = 15
    [f] = found(validate(seed), "S12")
    assert f.message.startswith("表二“规章”一行填0") and "制发2、废止1、现行有效15" in f.message
    assert f.cells == schema.ACTIVE_BLOCKS[0].rows[0].cells and f.severity == "warning"


@pytest.mark.parametrize("level", [schema.Level.DEPARTMENT, schema.Level.GOVERNMENT, None])
def test_s11_silent_for_others(seed, level):
    seed.level = level
    seed.cells["active.rules.made"] = 2
    assert not found(validate(seed), "S12")


def test_s11_silent_for_a_township_with_zeros(seed):
    seed.level = schema.Level.TOWNSHIP
    assert [seed.cells[c] for c in schema.ACTIVE_BLOCKS[0].rows[0].cells] == [0, 0, 0]
    assert not found(validate(seed), "S12")


# --- S13 ---------------------------------------------------------------------------

def test_s12_all_three_tables_as_last_year(seed):
    prev = last_year(seed)
    for cid in schema.INPUT_IDS:
        prev.cells[cid] = seed.cells[cid]
    [f] = found(validate(seed, prev), "S13")
    assert f.message == "按本年实际核对表二至表四：数字与2023年报告完全相同"


def test_s12_table_three_alone(seed):
    prev = last_year(seed)
    for cid in schema.APPLICATION_IDS:
        prev.cells[cid] = seed.cells[cid]
    [f] = found(validate(seed, prev), "S13")
    assert "表三" in f.message and set(f.cells) <= set(schema.APPLICATION_IDS)


def test_s12_silent_when_table_three_is_zero_both_years(seed):
    prev = last_year(seed)
    for rep in (seed, prev):
        for cid in schema.APPLICATION_IDS:
            rep.cells[cid] = 0
    assert not found(validate(seed, prev), "S13")


# --- S14 ---------------------------------------------------------------------------

def test_s13_in_force_carried_over_unchanged(seed):
    prev = last_year(seed)
    prev.cells["active.normative_docs.in_force"] = seed.cells["active.normative_docs.in_force"]
    findings = validate(seed, prev)
    [f] = found(findings, "S14")
    assert f.message.startswith("更新表二“行政规范性文件”现行有效件数")
    assert not found(findings, "S1")                   # one finding for one slip


def test_s13_after_next_year_from_previous(seed):
    """从上一年创建 carries 现行有效; the clerk fills this year's 制发 and forgets it."""
    rep = rollover.from_previous(seed)
    rep.set("active.normative_docs.made", 4)
    rep.set("active.normative_docs.repealed", 0)
    assert found(validate(rep, seed), "S14")
    rep.set("active.normative_docs.in_force", seed.cells["active.normative_docs.in_force"] + 4)
    assert not found(validate(rep, seed), "S14") and not found(validate(rep, seed), "S1")


def test_s13_silent_when_made_equals_repealed(seed):
    prev = last_year(seed)
    seed.cells["active.normative_docs.made"] = seed.cells["active.normative_docs.repealed"] = 3
    prev.cells["active.normative_docs.in_force"] = seed.cells["active.normative_docs.in_force"]
    assert not found(validate(seed, prev), "S14")


# --- S10 ---------------------------------------------------------------------------

def test_s10_one_figure_for_a_carried_text_in_every_section(seed):
    """Carried over unchanged (从上一年创建): the draft marker is not part of the copy, so a
    short section and a long one say the same (it said 90 % for 六 and 98 % for 一)."""
    rep = rollover.from_previous(seed)
    figures = {f.message.split("重复约")[1].split("，")[0]
               for f in validate(rep, seed) if f.rule == "S10"}
    assert figures == {"100%"}
    for key in schema.PROSE_KEYS:
        assert similarity(rep.texts[key], seed.texts[key]) == 1.0


def test_s10_years_moved_on_are_still_a_copy(seed):
    old = seed.texts["problems"]
    assert similarity(old.replace("2024", "2025").replace("2023", "2024"), old) == 1.0


def test_s10_names_the_repeated_paragraphs(seed):
    rep = seed.copy()
    rep.year = seed.year + 1
    fresh = "本年新增了政务公开专区建设，完善了依申请公开办理流程，开展了三次业务培训，效果明显。"
    paragraphs = seed.texts["overview"].split("\n")
    rep.texts["overview"] = "\n".join([fresh] + paragraphs)
    [f] = [f for f in validate(rep, seed) if f.rule == "S10" and f.cells == ("text.overview",)]
    repeated = ",".join(str(n) for n in range(2, len([p for p in paragraphs if p.strip()]) + 2))
    assert f.detail.startswith("第" + repeated.replace(",", "、") + "段与上年重复")


def test_s10_silent_on_new_prose(seed):
    assert not found(validate(seed, last_year(seed)), "S10")


# --- P3 ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, year_text", [
    ("将政务公开工作纳入2024年度绩效考核。", "2024年"),
    ("截至2024年底，现行有效文件15件。", "2024年"),
    ("截止到2024年末，共有文件15件。", "2024年"),
    ("全年依申请公开2024年内共办理3件。", "2024年"),
    ("全局高度重视。２０２４年，公开信息96条。", "２０２４年"),
    ("二〇二四年，全局依申请公开工作规范有序。", "二〇二四年"),
    ("本年度（二零二四年）共受理申请3件。", "二零二四年"),
    ("本报告为井坪镇２０２３年政府信息公开工作年度报告。", "２０２３年"),
])
def test_p3_other_forms_of_a_year(text, year_text):
    spans = [text[s.start:s.end] for s in text_slips(text, 2025) if s.rule == "P3"]
    assert spans == [year_text]


@pytest.mark.parametrize("text", [
    "与2024年相比，主动公开增加12件。",
    "较2024年度增长5%。",
    "比上年增加3件。",
    "与2024年底相比增加3件。",
    "2024年底遗留的问题已全部整改。",
    "在2024年度全市政务公开考核中获评优秀。",
    "对照2024年度报告提出的问题逐项整改。",
    "上年度（2024年度）考核为优秀。",
    "与二〇二四年相比，申请量下降。",
    "纳入2025年度绩效考核。",
])
def test_p3_comparisons_and_past_events_stay_silent(text):
    assert not [s for s in text_slips(text, 2025) if s.rule == "P3"]
