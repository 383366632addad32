"""Interchange JSON: exact round trips, clear refusals, bad values kept and flagged."""
import json

import pytest
from hypothesis import HealthCheck, given, settings

from report_desktop.core import jsonio
from report_desktop.core.files import ReportFileError
from report_desktop.core.rules import validate

from tests.strategies import reports


def test_seed_round_trip_is_exact(seed_path):
    original = json.loads(seed_path.read_text(encoding="utf-8"))
    assert jsonio.to_dict(jsonio.read(seed_path)) == original


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_valid_report_survives_json(report):
    again = jsonio.loads(jsonio.dumps(report))
    assert jsonio.to_dict(again) == jsonio.to_dict(report)


def _write(tmp_path, data, name="r.json"):
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.mark.parametrize("content, words", [
    ("{not json", "不是有效的 JSON"),
    ("[1, 2]", "JSON 对象"),
    ({"format": "gov-disclosure-annual-report/2019", "unit": "x", "year": 2024}, "格式标识"),
    ({"format": "gov-disclosure-annual-report/2021", "year": 2024}, "单位名称"),
    ({"format": "gov-disclosure-annual-report/2021", "unit": "x", "year": "明年"}, "统计年度"),
    ({"format": "gov-disclosure-annual-report/2021", "unit": "x", "year": 2024,
      "report_date": "2025/1/22"}, "报告日期"),
    ("[" * 100000 + "]" * 100000, "JSON"),
])
def test_broken_files_are_refused_in_chinese(tmp_path, content, words):
    with pytest.raises(ReportFileError) as exc:
        jsonio.read(_write(tmp_path, content))
    assert words in str(exc.value)


def test_binary_and_missing_files(tmp_path):
    p = tmp_path / "x.json"
    p.write_bytes(b"\x00\x01garbage\xff")
    with pytest.raises(ReportFileError, match="不是可识别的文本文件"):
        jsonio.read(p)
    with pytest.raises(ReportFileError, match="找不到"):
        jsonio.read(tmp_path / "missing.json")


def test_wrong_totals_are_kept_and_flagged_not_corrected(seed, tmp_path):
    data = jsonio.to_dict(seed)
    data["applications"]["new"][6] = 99
    rep = jsonio.read(_write(tmp_path, data))
    assert rep.cells["applications.new.total"] == 99
    assert any(f.rule == "H2" for f in validate(rep))
    assert jsonio.to_dict(rep)["applications"]["new"][6] == 99


def test_null_totals_are_computed_and_blanks_reported(seed, tmp_path):
    data = jsonio.to_dict(seed)
    data["applications"]["new"][6] = None
    data["applications"]["granted"][0] = None
    rep = jsonio.read(_write(tmp_path, data))
    assert rep.cells["applications.new.total"] == 13
    assert [f.cells for f in validate(rep) if f.rule == "H5"] == [("applications.granted.natural_person",)]


def test_2019_layout_is_a_deviation(seed, tmp_path):
    data = jsonio.to_dict(seed)
    for k in ("other_1", "other_2", "other_3"):
        del data["applications"][k]
    data["applications"]["other"] = [0] * 7
    rep = jsonio.read(_write(tmp_path, data))
    h8 = [f.message for f in validate(rep) if f.rule == "H8"]
    assert len(h8) == 4 and any("2019" in m for m in h8)


def test_full_width_and_string_numbers_are_normalised(seed, tmp_path):
    data = jsonio.to_dict(seed)
    data["active"]["normative_docs"] = ["２", "0", "5,9"]
    data["active"]["fees_10k_yuan"] = 7730.28
    rep = jsonio.read(_write(tmp_path, data))
    assert rep.cells["active.normative_docs.made"] == 2
    assert str(rep.cells["active.fees_10k_yuan"]) == "7730.28"
    assert [f.cells for f in validate(rep) if f.rule == "H1"] == [("active.normative_docs.in_force",)]
    assert jsonio.to_dict(rep)["active"]["normative_docs"][2] == "5,9"   # kept as found


def test_write_replaces_atomically_and_refuses_a_folder(seed, tmp_path):
    target = tmp_path / "out.json"
    jsonio.write(seed, target)
    assert jsonio.read(target).unit == seed.unit
    with pytest.raises(ReportFileError, match="文件夹"):
        jsonio.write(seed, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_text_with_del_reads_back_from_the_file_we_write(tmp_path, seed):
    """json writes DEL (U+007F) raw unless told; the text sniff takes a raw DEL for a binary
    file, so the writer escapes it (found by the command-line fuzz: convert → check)."""
    from report_desktop.core import formats
    rep = seed.copy()
    rep.texts["preamble"] = "甲\x7f乙"
    out = tmp_path / "out.json"
    formats.write(rep, out)
    assert b"\x7f" not in out.read_bytes()
    assert formats.read(out).texts["preamble"] == "甲\x7f乙"
