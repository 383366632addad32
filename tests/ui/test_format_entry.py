"""A format is one entry (issue 19 item 3): the window's open, import, verify and export
dialogs read core.formats.FORMATS when they open, so an entry added at run time is offered
by the export dialog and written by the window, with no other edit (the command line's
side is in tests/test_format_once.py)."""
from __future__ import annotations

import re
from pathlib import Path

from report_desktop.core import formats, schema


def _offered(file_filter: str) -> set[str]:
    return set(re.findall(r"\*(\.[a-z]+)", file_filter))


def _recording_open(prompts) -> list[tuple[str, str]]:
    """The scripted twin's open_path, also noting each dialog's title and filter."""
    seen: list[tuple[str, str]] = []
    answer = prompts.open_path

    def open_path(title, file_filter, folder):
        seen.append((title, file_filter))
        return answer(title, file_filter, folder)
    prompts.open_path = open_path
    return seen


def _save_filters(prompts) -> list[tuple[str, str]]:
    return [(title, f) for kind, title, f, _ in prompts.shown if kind == "save_path"]


def test_the_dialogs_offer_exactly_the_tables_kinds(qtbot, window, prompts):
    opened = _recording_open(prompts)
    window.workspace.actions["import"].trigger()
    window.workspace.actions["verify"].trigger()
    assert [t for t, _ in opened] == ["导入报告", "核对已发布文件"]
    importable = {e for f in formats.FORMATS.values() if f.reader and f.importable for e in f.extensions}
    readable = {e for f in formats.FORMATS.values() if f.reader for e in f.extensions}
    assert _offered(opened[0][1].split(";;")[0]) == importable | {formats.OLD_EXCEL}
    assert _offered(opened[1][1].split(";;")[0]) == readable
    window.workspace.actions["export_json"].trigger()          # cancelled at the name
    window.workspace.actions["export_excel"].trigger()
    (json_title, json_filter), (excel_title, excel_filter) = _save_filters(prompts)
    assert (json_title, excel_title) == ("导出 JSON 数据文件", "导出 Excel 工作簿")
    assert json_filter.split(";;")[0] == "JSON 数据文件 (*.json)"      # its own kind first
    assert excel_filter.split(";;")[0] == "Excel 工作簿 (*.xlsx)"
    written = {f.ext for f in formats.FORMATS.values() if f.writer}
    assert _offered(json_filter) - {".htm"} == written == _offered(excel_filter) - {".htm"}


def _toy_csv(report, path) -> None:
    Path(path).write_text("".join(f"{c},{v}\n" for c, v in report.cells.items()), encoding="utf-8")


def test_a_format_added_at_run_time_is_offered_and_written(qtbot, window, prompts, monkeypatch,
                                                          tmp_path):
    monkeypatch.setitem(formats.FORMATS, ".csv",
                        formats.Format(".csv", "CSV 表格", "每格一行的数字（测试用）", writer=_toy_csv))
    prompts.paths.append(tmp_path / "报告.csv")
    with qtbot.waitSignal(window.workspace.files.finished, timeout=30000):
        window.workspace.actions["export_json"].trigger()
    (_title, file_filter), = _save_filters(prompts)
    assert "CSV 表格 (*.csv)" in file_filter.split(";;")
    lines = (tmp_path / "报告.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(schema.CELL_IDS)
    assert dict(line.split(",", 1) for line in lines)[schema.CELL_IDS[0]] == \
        str(window.session.report.cells[schema.CELL_IDS[0]])
    assert window.statusBar().currentMessage().startswith("已导出：报告.csv")


def test_the_import_commands_tip_names_every_kind_it_reads():
    from report_desktop.ui import file_actions  # noqa: F401  (declares the command)
    from report_desktop.ui.actions import COMMANDS
    tip = COMMANDS["import"].tip
    readable = [f for f in formats.FORMATS.values() if f.reader is not None and f.importable]
    assert readable and all(f"{f.name}（{f.ext}）" in tip for f in readable), tip
