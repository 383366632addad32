"""The shared table layout: every cell once, the grid covered exactly, official merges."""
import pytest

from report_desktop.core import layout, schema


@pytest.mark.parametrize("table_id", layout.TABLE_IDS)
def test_boxes_tile_the_grid_and_hold_every_cell_once(table_id):
    t = layout.table(table_id)
    cover = {}
    for b in t.boxes:
        for r in range(b.row, b.row + b.rows):
            for c in range(b.col, b.col + b.cols):
                assert (r, c) not in cover, f"overlap at {(r, c)}"
                cover[r, c] = b
    assert set(cover) == {(r, c) for r in range(t.n_rows) for c in range(t.n_cols)}
    ids = [b.cell_id for b in t.boxes if b.kind == layout.VALUE]
    assert sorted(ids) == sorted(c for c in schema.CELL_IDS if schema.table_of(c) == table_id)


def _box(table_id, text):
    return next(b for b in layout.table(table_id).boxes if b.text == text)


def test_applications_merges_follow_the_official_table():
    assert (_box("applications", schema.APPLICATIONS_NOTE).rows,
            _box("applications", schema.APPLICATIONS_NOTE).cols) == (3, 3)
    assert _box("applications", "申请人情况").cols == 7
    assert _box("applications", "法人或其他组织").cols == 5
    assert _box("applications", "自然人").rows == 2
    assert _box("applications", "三、本年度办理结果").rows == 22
    assert _box("applications", "（三）不予公开").rows == 8
    assert _box("applications", "（六）其他处理").rows == 3
    assert _box("applications", "一、本年新收政府信息公开申请数量").cols == 3
    assert _box("applications", "（七）总计").cols == 2
    assert layout.table("applications").position("applications.carry_forward.total") == (27, 9)


def test_review_and_active_headers():
    assert _box("review_litigation", "行政诉讼").cols == 10
    assert _box("review_litigation", "复议后起诉").cols == 5
    assert _box("active", "本年收费金额（单位：万元）").cols == 3
    assert layout.table("review_litigation").header_rows == 3
