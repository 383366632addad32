"""Grid slots, paste planning, drafted sentences and the next year's report (all Qt-free)."""
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from report_desktop.core import schema
from report_desktop.core.report import Report
from report_desktop.core.rules import validate
from report_desktop.core import drafts, rollover
from report_desktop.core.paste import PasteRefused, copy_block, parse_block, plan_paste
from report_desktop.core.table_slots import spec_for

from tests.conftest import DATA

A = schema.application_cell


def test_specs_hold_every_cell_once():
    for table in ("active", "applications", "review_litigation"):
        spec = spec_for(table)
        ids = spec.cell_ids()
        assert set(ids) == {c for c in schema.CELL_IDS if schema.table_of(c) == table}
        assert len(ids) == len(set(ids))


def test_parse_block_variants():
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_block("1\t2\n3\t4") == [["1", "2"], ["3", "4"]]
    assert parse_block("5") == [["5"]]


def test_plan_paste_blanks_and_totals():
    spec = spec_for("applications")
    top, left = spec.position(A("new", "other_org"))
    plan = plan_paste(spec, top, left, [["", "9"]])
    assert plan.values == {A("new", "other_org"): None}     # a blank pasted stays blank
    assert "1 个空白单元格保持空白" in plan.summary()
    assert plan.blanks == 1 and plan.skipped_totals == 1
    with pytest.raises(PasteRefused):
        plan_paste(spec, *spec.position(A("new", "total")), [["1"]])


@given(st.lists(st.lists(st.integers(0, 999), min_size=1, max_size=7), min_size=1, max_size=25))
def test_copy_then_paste_round_trips(rows):
    spec = spec_for("applications")
    width = min(len(r) for r in rows)
    block = [[str(v) for v in r[:width]] for r in rows]
    top, left = spec.position(A("new", "natural_person"))
    plan = plan_paste(spec, top, left, block)
    cells = {c: 0 for c in spec.cell_ids()}
    cells.update(plan.values)
    positions = [(top + i, left + j) for i in range(len(block)) for j in range(width)]
    text = copy_block(spec, positions, lambda cid: str(cells[cid]))
    again = plan_paste(spec, top, left, parse_block(text))
    assert again.values == plan.values


def seeded():
    from report_desktop.core import jsonio
    return jsonio.read(DATA / "shuozhou-2024.json")


@given(st.dictionaries(st.sampled_from([r.key for r in schema.APPLICATION_ROWS
                                        if r.key != "total"]),
                       st.integers(0, 60), max_size=8))
def test_applications_sentence_always_passes_s3(values):
    rep = Report.blank("某局", 2024, "department")
    for row, n in values.items():
        rep.set(A(row, "natural_person"), n)
    rep.texts["overview"] = drafts.applications_sentence(rep)
    about_text = [f for f in validate(rep) if f.rule in ("S3", "S5") and "text.overview" in f.cells]
    assert not about_text


def test_fee_sentence():
    assert "未收取" in drafts.fee_sentence(0, Decimal(0), Decimal(0))
    text = drafts.fee_sentence(3, Decimal("300.00"), Decimal("120.50"))
    assert "3件" in text and "300元" in text and "120.50元" in text
    rep = seeded()
    rep.texts["other"] = text
    assert not [f for f in validate(rep) if f.rule == "S4"]


def test_outline_detects_half_width_headings():
    assert drafts.missing_outline("(一)主动公开情况。\n（三）政府信息管理") == [
        "（二）依申请公开", "（四）政府信息公开平台建设", "（五）监督保障"]


def test_rollover_from_seed():
    prev = seeded()
    rep = rollover.from_previous(prev)
    assert rep.year == prev.year + 1 and rep.unit == prev.unit
    assert rep.row("carried_over") == prev.row("carry_forward")
    assert rep.cells["active.normative_docs.in_force"] == 59
    assert rep.texts["problems"].startswith(rollover.DRAFT_MARKER)
    carried = {A("carried_over", c.key) for c in schema.APPLICATION_COLUMNS}
    carried |= {"active.rules.in_force", "active.normative_docs.in_force"}
    assert all(rep.cells[c] is None for c in schema.INPUT_IDS if c not in carried)
    assert all(rep.cells[c] is not None for c in carried)
    prev.cells[A("carry_forward", "research")] = None          # blank last year: blank now
    assert rollover.from_previous(prev).cells[A("carried_over", "research")] is None
    assert not [f for f in validate(rep, prev) if f.rule in ("H6", "S1")]


def test_a_draft_of_an_unfinished_draft_carries_one_marker_line():
    """从上一年创建 on a report whose texts still carry the marker (never finished): the
    new draft has the marker once per section, and the text below it unchanged."""
    prev = seeded()
    once = rollover.from_previous(prev)
    twice = rollover.from_previous(once)
    for key in rollover.CARRIED_TEXTS:
        if not prev.texts.get(key, "").strip():
            continue
        assert twice.texts[key].count(rollover.DRAFT_MARKER) == 1
        assert twice.texts[key] == once.texts[key]
    once.texts["other"] = f"无。\n{rollover.DRAFT_MARKER}\n补充说明。"   # a marker mid-text too
    assert rollover.from_previous(once).texts["other"] == f"{rollover.DRAFT_MARKER}\n无。\n补充说明。"


@given(st.text(max_size=30), st.text(max_size=30))
def test_changed_span_rebuilds_the_new_text(old, new):
    from report_desktop.core.text_diff import changed_span
    start, end_old, end_new = changed_span(old, new)
    assert old[:start] + new[start:end_new] + old[end_old:] == new
    assert 0 <= start <= end_old <= len(old) and start <= end_new <= len(new)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_clipboard_bytes_decode_whatever_the_encoding(encoding):
    from report_desktop.core.paste import decode_clipboard
    block = "１２\t3\r\n无\t4\r\n"
    raw = block.encode(encoding) + (b"\x00\x00" if encoding.startswith("utf-16") else b"\x00")
    assert decode_clipboard(raw) == block
    assert decode_clipboard(block.encode("gbk"), "gbk") == block
