"""The format as data matches docs/format.md and docs/interchange.md."""
from report_desktop.core import schema


def test_table_sizes_and_sums_hold():
    """25 rows in 表三, 15 cells in 表四, and every sum made of cells the format has."""
    assert len(schema.APPLICATION_ROWS) == 25
    assert len(schema.REVIEW_IDS) == 15
    assert len(schema.ACTIVE_IDS) == 10
    named = {c for s in schema.SUMS for c in (s.total, *s.parts)}
    assert named <= set(schema.CELLS)
    assert {s.total for s in schema.SUMS} == set(schema.TOTAL_IDS)


def test_six_headings_verbatim_in_order():
    assert [s.heading for s in schema.SECTIONS] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_applications_rows_and_keys_follow_interchange():
    keys = list(schema.APPLICATION_ROW_KEYS)
    assert keys == (["new", "carried_over", "granted", "partly_granted"]
                    + [f"withheld_{i}" for i in range(1, 9)]
                    + [f"unavailable_{i}" for i in range(1, 4)]
                    + [f"not_processed_{i}" for i in range(1, 6)]
                    + [f"other_{i}" for i in range(1, 4)] + ["total", "carry_forward"])
    assert [c.key for c in schema.APPLICATION_COLUMNS] == [
        "natural_person", "commercial", "research", "public_interest", "legal_service",
        "other_org", "total"]
    assert [c.label for c in schema.APPLICATION_COLUMNS] == [
        "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_applications_labels_verbatim():
    rows = {r.key: r for r in schema.APPLICATION_ROWS}
    assert rows["new"].band == "一、本年新收政府信息公开申请数量"
    assert rows["partly_granted"].group == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert rows["withheld_3"].item == "3.危及“三安全一稳定”"
    assert rows["other_2"].item == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert rows["carry_forward"].band == "四、结转下年度继续办理"
    assert sum(r.band == "三、本年度办理结果" for r in schema.APPLICATION_ROWS) == 22
    assert schema.APPLICATIONS_NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert all(r.hint for r in schema.APPLICATION_ROWS)


def test_active_blocks_and_review_cells():
    assert [b.heading for b in schema.ACTIVE_BLOCKS] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert schema.ACTIVE_BLOCKS[0].columns == ("本年制发件数", "本年废止件数", "现行有效件数")
    assert schema.ACTIVE_BLOCKS[3].columns == ("本年收费金额（单位：万元）",)
    assert schema.CELLS["active.fees_10k_yuan"].kind == schema.AMOUNT
    assert list(schema.REVIEW_IDS) == [
        f"review_litigation.{b}.{p}" for b in ("review", "direct", "after_review")
        for p in ("upheld", "corrected", "other", "pending", "total")]


def test_totals_are_exactly_the_total_row_column_and_review_totals():
    expected = ({f"applications.{r}.total" for r in schema.APPLICATION_ROW_KEYS}
                | {f"applications.total.{c.key}" for c in schema.APPLICATION_COLUMNS}
                | {f"review_litigation.{b}.total" for b in ("review", "direct", "after_review")})
    assert schema.TOTAL_IDS == expected
