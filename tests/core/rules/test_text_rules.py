"""S3/S6: numbers quoted in 一、总体情况 against 表三 and 表四, in real phrasings.

The seed's table: 新收13, 上年结转2, 予以公开1, 无法提供12, 办结13, 结转2; no 复议/诉讼.
"""
import pytest

from report_desktop.core import schema
from report_desktop.core.rules import validate
from report_desktop.core.chinese import number as chinese_number
from report_desktop.core.rules.textual import quoted_numbers

R = schema.review_cell


def text_findings(report, text):
    report.texts["overview"] = text
    return [f for f in validate(report) if f.rule in ("S3", "S6")]


@pytest.mark.parametrize("text", [
    "2024年，共受理政府信息公开申请15件，办结13件，结转2025年2件，未被行政复议或诉讼。",
    "全年共收到政府信息公开申请13件，上年结转2件。",
    "本年度收到依申请公开15件，其中新收13件、上年结转2件；已办结13件，其中予以公开1件，无法提供12件；结转下年度继续办理2件。",
    "全年新收政府信息公开申请13件，答复13件，顺延至下年度办理2件。",
    "共收办政府信息公开申请十五件，办结十三件，结转两件。",
    "依申请公开方面，受理政府信息公开申请15件，均已按时答复，不予公开0件。",
    "本年受理投诉举报30件，受理政府信息公开申请15件。",
    "全年发布政府信息11360条，公开文件77件，依申请公开工作规范有序。",
])
def test_correct_phrasings_raise_nothing(seed, text):
    assert text_findings(seed, text) == []


@pytest.mark.parametrize("text, rule, cell", [
    ("共受理政府信息公开申请17件，办结13件。", "S3", "applications.new.total"),
    ("共受理政府信息公开申请15件，办结14件。", "S3", "applications.total.total"),
    ("共受理政府信息公开申请15件，结转下年度3件。", "S3", "applications.carry_forward.total"),
    ("其中予以公开2件，无法提供12件。", "S3", "applications.granted.total"),
    ("其中无法提供11件。", "S3", "applications.unavailable_1.total"),
    ("本年度上年结转申请3件。", "S3", "applications.carried_over.total"),
    ("本年被申请行政复议1件。", "S6", R("review", "total")),
    ("本年发生行政诉讼2起。", "S6", R("direct", "total")),
])
def test_wrong_numbers_are_warnings_naming_the_sentence(seed, text, rule, cell):
    found = text_findings(seed, text)
    assert len(found) == 1, found
    f = found[0]
    assert (f.rule, f.severity) == (rule, "warning")
    assert cell in f.cells and "text.overview" in f.cells
    # The mismatch first, one line; the sentence in the detail; the number underlined.
    assert f.message.startswith("正文写") and len(f.message) <= 60, f.message
    assert text.rstrip("。").split("，")[0][:6] in f.detail or text[:6] in f.detail
    a, b = f.range
    assert seed.texts["overview"][a:b][-1] in "件起" and seed.texts["overview"][a:b] in f.detail


def test_litigation_total_or_by_kind(seed):
    seed.cells[R("direct", "upheld")] = 1
    seed.cells[R("direct", "total")] = 1
    seed.cells[R("after_review", "pending")] = 2
    seed.cells[R("after_review", "total")] = 2
    assert text_findings(seed, "本年发生行政诉讼3件。") == []
    assert text_findings(seed, "本年未经复议直接提起行政诉讼1件。") == []
    assert len(text_findings(seed, "本年发生行政诉讼4件。")) == 1


def test_denial_of_review_while_table_has_cases(seed):
    seed.cells[R("review", "upheld")] = 1
    seed.cells[R("review", "total")] = 1
    found = text_findings(seed, "本年度未发生行政复议、行政诉讼案件。")
    assert [f.rule for f in found] == ["S6"]


def test_outcome_category_is_the_sum_of_its_rows(seed):
    seed.set("applications.unavailable_1.natural_person", 10)
    seed.set("applications.unavailable_3.natural_person", 2)
    assert text_findings(seed, "无法提供12件。") == []


def test_quoted_numbers_reads_years_and_chinese_numerals():
    got = list(quoted_numbers("结转2025年2件，办结两件"))
    assert [(k, v) for k, v, *_ in got] == [("carry_forward", 2), ("handled", 2)]
    assert chinese_number("一百零三") == 103 and chinese_number("十五") == 15


def test_seed_published_overview_passes(seed):
    assert text_findings(seed, seed.texts["overview"]) == []
