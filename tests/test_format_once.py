"""The format is described once: its labels, headings, citations and severity words are
typed in the modules that define them (core/official.py, core/schema.py, the severity
words in core/rules/findings.py) and imported everywhere else; so are the level keys, the
Word font keys, the layout's cell kinds, the file types and the year range.  A new literal that
retypes one of them elsewhere fails here; the few captions that quote a label on purpose
are listed below."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from report_desktop.core import formats, schema
from report_desktop.core.rules import SEVERITY_WORDS

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "report_desktop"
DEFINERS = {"core/official.py", "core/schema.py"}
SEVERITY_DEFINER = "core/rules/findings.py"

# (module, phrase): captions that quote a label on purpose.
ALLOWED: set[tuple[str, str]] = {
    ("core/rules/findings.py", "现行有效件数"),        # RULE_TITLES: the rules' own names
    ("core/rules/findings.py", "行政事业性收费"),
    ("core/rules/findings.py", "（七）总计"),
    ("ui/dialogs/fee.py", "行政事业性收费"),          # 信息处理费 is not 行政事业性收费
    ("ui/dialogs/new_report.py", "现行有效件数"),      # what 从上一年创建 carries over
    ("ui/report_actions.py", "现行有效件数"),
}


def _protected() -> set[str]:
    phrases = {s.heading for s in schema.SECTIONS} | set(schema.TEXTS.values())
    phrases |= set(schema.OLD_HEADINGS) | {schema.FORMAT_DOCUMENT, schema.FORMAT_NAME,
                                           schema.REGULATION, schema.TRIAL_FORMAT_DOCUMENT}
    phrases |= {b.heading for b in schema.ACTIVE_BLOCKS}
    phrases |= {c for b in schema.ACTIVE_BLOCKS for c in b.columns}
    phrases |= {r.label for b in schema.ACTIVE_BLOCKS for r in b.rows}
    phrases |= {x for r in schema.APPLICATION_ROWS for x in (r.band, r.group, r.item) if x}
    phrases |= {c.label for c in schema.APPLICATION_COLUMNS} | {b.label for b in schema.REVIEW_BLOCKS}
    phrases |= {schema.APPLICATIONS_NOTE, schema.APPLICANT_HEADER, schema.ORG_HEADER}
    return {p for p in phrases if len(p) >= 5}


def _literals(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not (isinstance(getattr(node, "parent", None), ast.Expr)):   # docstrings aside
                yield node.value


def _parented(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node
    return tree


def offenders(package: Path = PACKAGE) -> list[tuple[str, str]]:
    protected = _protected()
    found = []
    for py in sorted(package.rglob("*.py")):
        module = py.relative_to(package).as_posix()
        if module in DEFINERS:
            continue
        tree = _parented(ast.parse(py.read_text(encoding="utf-8")))
        for text in _literals(tree):
            for phrase in protected:
                if phrase in text and (module, phrase) not in ALLOWED:
                    found.append((module, phrase))
            if module != SEVERITY_DEFINER and text in SEVERITY_WORDS.values():
                found.append((module, text))
    return sorted(set(found))


def test_no_label_is_retyped_outside_the_format_modules():
    assert offenders() == []


def test_the_check_sees_a_retyped_label(tmp_path):
    """The scan is not blind: a module that retypes a heading is found."""
    fake = tmp_path / "report_desktop"
    (fake / "ui").mkdir(parents=True)
    (fake / "ui" / "x.py").write_text('TITLE = "前言 三、收到和处理政府信息公开申请情况"\nTAG = "提醒"\n',
                                      encoding="utf-8")
    assert offenders(fake) == [("ui/x.py", "三、收到和处理政府信息公开申请情况"), ("ui/x.py", "提醒")]


# --- Values that are one of a few, and the year range: typed once, in their home module ---

# module → the raw strings only it may type (every other module imports the constant).
KEY_HOMES = {
    "core/official.py": {str(level) for level in schema.Level},        # department, township, …
    "core/formats.py": {str(f) for f in formats.WordFonts},             # gb, windows
    "core/layout.py": {"header", "label"},                              # the layout's cell kinds
}
YEAR_HOME = "core/report.py"
EXTENSIONS = tuple(formats.NAMES) + (formats.OLD_EXCEL,)


def _is_millis(node: ast.AST) -> bool:
    """``RETRY_MS = 2000``: a duration, not a year."""
    parent = getattr(node, "parent", None)
    return isinstance(parent, ast.Assign) and all(
        isinstance(t, ast.Name) and t.id.endswith("_MS") for t in parent.targets)


def rule_offenders(package: Path = PACKAGE) -> list[tuple[str, str]]:
    found = []
    for py in sorted(package.rglob("*.py")):
        module = py.relative_to(package).as_posix()
        tree = _parented(ast.parse(py.read_text(encoding="utf-8")))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant):
                continue
            value = node.value
            if isinstance(value, str) and not isinstance(getattr(node, "parent", None), ast.Expr):
                for home, keys in KEY_HOMES.items():
                    if module != home and value in keys:
                        found.append((module, value))
                # A file type typed by hand: a dialog filter, or a help text naming extensions.
                if module != "core/formats.py" and (any(f"*{e}" in value for e in EXTENSIONS) or (
                        module.startswith("cli/") and any(e in value for e in EXTENSIONS))):
                    found.append((module, value))
            elif type(value) is int and 1990 <= value <= 2300 and module != YEAR_HOME \
                    and not _is_millis(node):
                found.append((module, str(value)))          # a year bound typed again
    return sorted(set(found))


def test_each_rule_value_is_typed_once():
    assert rule_offenders() == []


def test_the_rule_check_sees_retyped_values(tmp_path):
    """Not blind: the year boxes' old 2100, a raw level key, the font key, a hand-written
    dialog filter and an extension list in the command line's help are all found."""
    fake = tmp_path / "report_desktop"
    (fake / "ui").mkdir(parents=True)
    (fake / "cli").mkdir()
    (fake / "ui" / "x.py").write_text(
        'box.setRange(2000, 2100)\nRETRY_MS = 2000\nLEVEL = "government"\nFONTS = "gb"\n'
        'F = "网页 (*.html *.htm)"\nKIND = "header"\n', encoding="utf-8")
    (fake / "cli" / "p.py").write_text('HELP = "各单位的报告文件（.json、.xlsx 或 .docx）"\n',
                                       encoding="utf-8")
    assert rule_offenders(fake) == sorted([
        ("cli/p.py", "各单位的报告文件（.json、.xlsx 或 .docx）"), ("ui/x.py", "2000"),
        ("ui/x.py", "2100"), ("ui/x.py", "government"), ("ui/x.py", "gb"),
        ("ui/x.py", "网页 (*.html *.htm)"), ("ui/x.py", "header")])


def test_the_help_and_the_file_dialogs_offer_every_file_type():
    """The command line's help and the window's open/save filters come from formats'
    table: each readable type (.html too) is offered, each writable one can be saved."""
    from report_desktop.cli.parser import build_parser
    from report_desktop.ui import file_actions
    sub = next(a for a in build_parser()._actions if a.dest == "verb").choices
    merge_help = {a.dest: a.help for a in sub["merge"]._actions}
    every = file_actions.IMPORT_FILTER.split(";;")[0]
    for ext in formats.READERS:
        assert ext in merge_help["inputs"] and f"*{ext}" in every
    for ext in formats.WRITERS:
        assert ext in merge_help["output"]
        assert f"*{ext}" in file_actions.FILTERS[ext] and file_actions.TITLES[ext].startswith("导出")


def test_the_register_files_are_listed_once(tmp_path):
    """The tally's help, the 导入台账 dialog filter, the import's refusal and which files
    the import reads all come from formats.REGISTER_READERS: each type is in every one."""
    from report_desktop.cli.parser import build_parser
    from report_desktop.core.files import ReportFileError
    from report_desktop.core.register.importing import read_sheets
    sub = next(a for a in build_parser()._actions if a.dest == "verb").choices
    tally_help = {a.dest: a.help for a in sub["tally"]._actions}
    every = formats.register_dialog_filter().split(";;")[0]
    assert set(formats.REGISTER_NAMES) == set(formats.REGISTER_READERS)
    with pytest.raises(ReportFileError) as refused:
        read_sheets(tmp_path / "台账.doc")
    for ext in formats.REGISTER_READERS:
        assert ext in tally_help["register"] and ext in tally_help["cases"]
        assert f"*{ext}" in every and ext in str(refused.value)
    (tmp_path / "台账.txt").write_text("编号,收到日期\nA1,2025-03-05\n", encoding="utf-8")
    assert read_sheets(tmp_path / "台账.txt")[0].rows[1] == ["A1", "2025-03-05"]
