"""The summary's reader keeps each file with what came of it: ``Loaded.read`` maps every path
read, in order, to its report or to the reason it could not be read, and the service's
``read_files`` takes that mapping as it is (it once paired them again by position)."""
from __future__ import annotations

import threading

from report_desktop.core import jsonio, summary
from report_desktop.core.report import Report
from report_desktop.services import summary as gather


def _files(seed, tmp_path):
    paths = []
    for name in ("甲镇", "乙镇", "丙镇"):
        rep = seed.copy()
        rep.unit = f"{name}人民政府"
        paths.append(tmp_path / f"{name}.json")
        jsonio.write(rep, paths[-1])
    broken = tmp_path / "坏.json"
    broken.write_text("{", encoding="utf-8")
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    return [broken, paths[0], empty, paths[1], paths[2]]


def test_each_path_is_paired_with_its_report_or_its_reason(seed, tmp_path):
    files = _files(seed, tmp_path)
    loaded = summary.load_reports(files)
    assert list(loaded.read) == files
    units = {p.name: (r.unit if isinstance(r, Report) else None) for p, r in loaded.read.items()}
    assert units == {"坏.json": None, "甲镇.json": "甲镇人民政府", "空.xlsx": None,
                     "乙镇.json": "乙镇人民政府", "丙镇.json": "丙镇人民政府"}
    assert "JSON" in loaded.read[files[0]] and "空.xlsx" in loaded.read[files[2]]
    assert loaded.sources == ["甲镇.json", "乙镇.json", "丙镇.json"]
    assert [r.unit for r in loaded.reports] == ["甲镇人民政府", "乙镇人民政府", "丙镇人民政府"]
    assert [name for name, _why in loaded.failures] == ["坏.json", "空.xlsx"]


def test_the_service_keeps_the_pairs_and_stamps_each_file(seed, tmp_path):
    files = _files(seed, tmp_path)
    seen = []
    entries, cancelled = gather.read_files(files, lambda d, t, text: seen.append((d, t)),
                                           threading.Event())
    assert not cancelled and list(entries) == files
    for path, (stamp, got) in entries.items():
        assert stamp == gather.stamp(path)
        assert isinstance(got, Report) == path.name.endswith("镇.json"), path
        if isinstance(got, Report):
            assert path.stem in got.unit
    assert seen == [(i, 5) for i in range(1, 6)]


def test_a_cancelled_read_keeps_the_files_read_so_far(seed, tmp_path):
    files = _files(seed, tmp_path)
    stop = threading.Event()
    entries, cancelled = gather.read_files(files, lambda d, *_: d == 2 and stop.set(), stop)
    assert cancelled and list(entries) == files[:2]
    assert isinstance(entries[files[0]][1], str) and isinstance(entries[files[1]][1], Report)
