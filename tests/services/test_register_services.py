"""services.registers: what the 台账 window and the tally verb share."""
from __future__ import annotations


from report_desktop.core.register import APPLICATION
from report_desktop.core.register.importing import open_file
from report_desktop.core.store import Store
from report_desktop.services import registers

from tests.registers import workbook


def _book(path, head, *rows):
    return workbook(path, head, rows)


def test_a_mapping_is_remembered_in_the_store_per_header_layout(tmp_path):
    head = ["编号", "收到日期", "类别", "结果A", "办理结果", "答复日期"]
    first = _book(tmp_path / "a.xlsx", head, ["1", "2025-01-02", "公民", "予以公开", "重复申请", "2025-01-05"])
    with Store(tmp_path / "s.sqlite3", auto_backup=False) as store:
        opened = open_file(first)
        assert registers.remembered_mapping(store, opened.layout) is None
        opened.layout.columns["outcome"] = 3
        registers.remember_mapping(store, opened.layout)
        again = open_file(_book(tmp_path / "b.xlsx", head, ["2", "2025-02-02", "企业", "不掌握", "重复申请", "2025-02-05"]))
        mapping = registers.remembered_mapping(store, again.layout)
        assert mapping["outcome"] == "结果A"
        got = registers.read_register(tmp_path / "b.xlsx", APPLICATION, mapping)
        assert got.rows[0].outcome == "unavailable_1"
        other = open_file(_book(tmp_path / "c.xlsx", ["编号", "收到日期", "办理结果"], ["3", "2025-03-01", "予以公开"]))
        assert registers.remembered_mapping(store, other.layout) is None


def test_filling_an_open_report_from_its_register_is_one_set_of_changes(tmp_path):
    path = _book(tmp_path / "a.xlsx", ["编号", "收到日期", "类别", "办理结果", "答复日期"],
                 ["1", "2025-01-02", "公民", "予以公开", "2025-01-05"],
                 ["2", "2025-01-03", "公民", "不掌握", "2025-01-06"])
    counted = registers.count("某局", 2025, registers.read_register(path))
    report = counted.report
    assert report.cells["applications.total.total"] == 2
    report.set("applications.granted.natural_person", 7)           # typed by hand
    changes = registers.fill(report, counted.tally)
    assert changes == {"applications.granted.natural_person": (7, 1)}
    assert report.cells["applications.total.natural_person"] == 2
    assert registers.fill(report, counted.tally) == {}
