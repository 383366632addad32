"""Incremental validation (core/rules/engine.py) gives exactly what a full validation gives.

Random sequences of edits on the sample report — cells typed, blanked or unreadable, text
typed or deleted with words the rules look for, unit, year, dates, level, deadline,
register and last year's report changed — and after each edit the findings of an
incremental run, told what changed, equal those of a full run: same findings, same order.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_desktop.core import jsonio, schema
from report_desktop.core.report import Report
from report_desktop.core.rules import Changes, Revalidator, validate
from report_desktop.core.rules.catalogue import CROSS_YEAR, SINGLE
from report_desktop.core.rules.reads import Reads, reads
from report_desktop.core.values import Bad

from tests.registers import from_tables
from tests.conftest import DATA

SAMPLE = DATA / "shuozhou-2024.json"
_SEED = jsonio.read(SAMPLE)
_REGISTER = from_tables(_SEED)

# Words the rules react to, so that random typing makes and clears findings.
_WORDS = ["2023年", "2024年", "2023年度", "二〇二三年", "本年度（2023年）", "截至2023年底",
          "共受理政府信息公开申请", "本年新收", "上年结转", "办结", "结转下年度", "予以公开",
          "不予公开", "行政复议", "行政诉讼", "未发生行政复议", "3件", "15件", "0件", "十二件",
          "收费", "信息处理费", "收取费用120元", "未收取", "12.5万元", "，", "。", ",", ".", " ",
          "；", "\n", "（一）", "1、", "一是", "自2024年1月1日起至2024年12月31日止",
          "统计期限", "朔州市人民政府办公厅", "朔州市人民政府办公室", "凤凰镇人民政府",
          "http://www.example.gov.cn", "一、总体情况", "！！", "草稿", "字"]


@st.composite
def cell_edits(draw):
    cid = draw(st.sampled_from(schema.INPUT_IDS))
    if schema.CELLS[cid].kind == schema.AMOUNT:
        value = draw(st.sampled_from([None, Decimal("0"), Decimal("12.5"), Decimal("12.50"),
                                      Decimal("0.0001"), Bad("1,2", "不是数字")]))
    else:
        value = draw(st.one_of(st.integers(0, 40), st.sampled_from([None, Bad("五x", "不是数字")])))
    return ("cell", cid, value)


@st.composite
def text_edits(draw):
    key = draw(st.sampled_from(list(schema.TEXTS)))
    text = _SEED.texts[key]
    where = draw(st.integers(0, len(text)))
    if draw(st.booleans()):
        return ("insert", key, where, "".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4))))
    return ("delete", key, where, draw(st.integers(1, 30)))


_META = st.one_of(
    st.tuples(st.just("unit"), st.sampled_from(["朔州市人民政府办公厅", "凤凰镇人民政府", "", "平鲁区井坪镇人民政府"])),
    st.tuples(st.just("year"), st.sampled_from([2023, 2024, 2025])),
    st.tuples(st.just("report_date"), st.sampled_from([None, dt.date(2025, 1, 20), dt.date(2025, 2, 20),
                                                       dt.date(2025, 4, 1), dt.date(2024, 12, 1)])),
    st.tuples(st.just("level"), st.sampled_from([None, *schema.LEVELS])),
    st.tuples(st.just("local_deadline"), st.sampled_from(["", "1月15日", "元月第三周星期五", "不知道"])),
    st.tuples(st.just("published_date"), st.sampled_from([None, dt.date(2025, 1, 10), dt.date(2025, 2, 5)])),
    st.tuples(st.just("deviations"), st.sampled_from([[], ["表三缺少“其他”列"]])),
    st.tuples(st.just("register"), st.sampled_from([None, _REGISTER])),
)
_edits = st.one_of(cell_edits(), text_edits(), _META.map(lambda m: ("meta", *m)),
                   st.sampled_from([("previous", "none"), ("previous", "same"),
                                    ("previous", "changed")]))


def _last_year(rep: Report, changed: bool) -> Report:
    prev = rep.copy()
    prev.year = rep.year - 1
    if changed:      # some tables and texts moved on, so that H6, S1, S10, S13, S14 vary
        prev.set(schema.application_cell("carry_forward", "natural_person"), 3)
        prev.set(schema.ACTIVE_BLOCKS[0].rows[1].cells[2], 7)
        prev.texts["problems"] = prev.texts["problems"][:40]
    return prev


def _apply(rep: Report, prev: Report | None, edit) -> tuple[Report | None, Changes]:
    """Make the edit; return last year's report and what changed, as the window knows it."""
    kind = edit[0]
    if kind == "cell":
        return prev, Changes(cells=frozenset(rep.set(edit[1], edit[2])))
    if kind in ("insert", "delete"):
        key, where = edit[1], edit[2]
        text = rep.texts[key]
        where = min(where, len(text))
        rep.texts[key] = (text[:where] + edit[3] + text[where:] if kind == "insert"
                          else text[:where] + text[where + edit[3]:])
        return prev, Changes(texts=frozenset({key}))
    if kind == "meta":
        setattr(rep, edit[1], edit[2])
        return prev, Changes(meta=frozenset({edit[1]}))
    new = None if edit[1] == "none" else _last_year(rep, edit[1] == "changed")
    return new, Changes(previous=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_edits, min_size=1, max_size=30))
def test_incremental_findings_equal_full_findings(edits):
    rep = _SEED.copy()
    prev: Report | None = None
    findings = validate(rep, prev)
    window = Revalidator()
    assert window(rep, prev) == findings
    for edit in edits:
        prev, changed = _apply(rep, prev, edit)
        full = validate(rep, prev)
        assert validate(rep, prev, changed=changed, before=findings) == full, edit
        assert window(rep, prev) == full, edit
        findings = full


def test_an_edit_reruns_only_the_rules_that_read_it():
    """A 表三 keystroke leaves the text rules alone and a text keystroke the table rules."""
    typed = _SEED.copy().set(schema.application_cell("granted", "research"), 99)  # and its totals
    cell = Changes(cells=frozenset(typed))
    text = Changes(texts=frozenset({"problems"}))
    rerun_cell = {c.run.__name__ for c in (*SINGLE, *CROSS_YEAR) if c.reads.touched_by(cell)}
    rerun_text = {c.run.__name__ for c in (*SINGLE, *CROSS_YEAR) if c.reads.touched_by(text)}
    assert "check_layout" not in rerun_cell and "check_similarity" not in rerun_cell
    assert "check_balance" in rerun_cell and "check_text_numbers" in rerun_cell
    assert rerun_text == {"check_layout", "check_similarity"}


def test_a_stale_finding_is_kept_when_the_caller_hides_a_change():
    """The contract cuts both ways: findings are kept on the caller's word, so an edit
    left out of ``changed`` leaves its finding stale (and a full run sees it)."""
    rep = _SEED.copy()
    before = validate(rep)
    rep.set(schema.application_cell("granted", "research"), None)
    told_nothing = validate(rep, changed=Changes(texts=frozenset({"other"})), before=before)
    assert told_nothing == before != validate(rep)


def test_findings_from_elsewhere_mean_a_full_run():
    rep = _SEED.copy()
    full = validate(rep)
    from report_desktop.core.rules.findings import warning
    alien = [warning("X1", "不是本程序的规则")]
    assert validate(rep, changed=Changes(texts=frozenset({"other"})), before=alien) == full


def test_reads_name_only_real_inputs():
    with pytest.raises(ValueError):
        reads(meta=("colour",))
    with pytest.raises(ValueError):
        Reads(cells=frozenset({"applications.nowhere.total"}))
