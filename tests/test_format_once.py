"""The format is described once: its labels, headings, citations and severity words are
typed in the modules that define them (core/official.py, core/schema.py, the severities
and their words in core/severity.py) and imported everywhere else; so are the level keys, the
Word font keys, the layout's and grid's kinds, the file types, the export permission and the
year range.  A new literal that retypes one of them elsewhere fails here; the few captions
that quote a label on purpose are listed below."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from report_desktop.core import formats, layout, schema
from report_desktop.core.severity import SEVERITY_WORDS, Severity

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "report_desktop"
DEFINERS = {"core/official.py", "core/schema.py"}
SEVERITY_DEFINER = "core/severity.py"

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
    "core/severity.py": {str(s) for s in Severity},                     # error, warning, note
    # The layout's and grid's kinds; "value", "input" and "total" are also other things' words
    # (an Excel error, an argument's name, a schema key): a kind compared with a raw string
    # is found by kind_offenders instead.
    "core/layout.py": {str(k) for k in layout.Kind} - {"value", "input", "total"},
}
# The same word meaning something else: the register's 备注 field, the web page's corner
# note style, Qt's message type in the smoke log.
OTHER_MEANING = {"note": ("core/register/", "ui/register/", "core/html/table_html.py"),
                 "warning": ("smoke.py",)}
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
                    if module != home and value in keys and not module.startswith(
                            OTHER_MEANING.get(value, ())):
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
        'F = "网页 (*.html *.htm)"\nKIND = "header"\nTAG = ("warning", "看一下")\n'
        'ROLE = "item"\n', encoding="utf-8")
    (fake / "cli" / "p.py").write_text('HELP = "各单位的报告文件（.json、.xlsx 或 .docx）"\n',
                                       encoding="utf-8")
    assert rule_offenders(fake) == sorted([
        ("cli/p.py", "各单位的报告文件（.json、.xlsx 或 .docx）"), ("ui/x.py", "2000"),
        ("ui/x.py", "2100"), ("ui/x.py", "government"), ("ui/x.py", "gb"),
        ("ui/x.py", "网页 (*.html *.htm)"), ("ui/x.py", "header"), ("ui/x.py", "warning"),
        ("ui/x.py", "item")])


# --- A kind compared with a raw string, and the enums actually used ---

KIND_ATTRS = {"kind", "role", "severity"}     # a box's or slot's kind, a role, a finding's severity


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for e in node.elts for s in _strings(e)]
    return []


def kind_offenders(package: Path = PACKAGE) -> list[tuple[str, str]]:
    """``slot.kind == "total"``, ``f.severity in ("error", …)``: a kind retyped where it is
    tested (the enum's member is what to compare with)."""
    found = []
    for py in sorted(package.rglob("*.py")):
        module = py.relative_to(package).as_posix()
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            if any(isinstance(x, ast.Attribute) and x.attr in KIND_ATTRS for x in sides):
                found += [(module, text) for x in sides for text in _strings(x)]
    return sorted(set(found))


def test_no_kind_is_compared_with_a_raw_string():
    assert kind_offenders() == []


def test_the_kind_check_sees_a_raw_comparison(tmp_path):
    fake = tmp_path / "report_desktop"
    (fake / "ui").mkdir(parents=True)
    (fake / "ui" / "x.py").write_text(
        'a = slot.kind == "total"\nb = f.severity in ("error", WARNING)\nc = box.role != ITEM\n',
        encoding="utf-8")
    assert kind_offenders(fake) == [("ui/x.py", "error"), ("ui/x.py", "total")]


def test_every_box_slot_and_finding_carries_its_enum(seed):
    """The kinds in use are the enums' members, not strings that happen to be equal."""
    from report_desktop.core import table_slots as grid
    from report_desktop.core.rules import validate
    for table in map(layout.table, layout.TABLE_IDS):
        for box in table.boxes:
            assert type(box.kind) is layout.Kind and type(box.role) is layout.Kind
        for slot in grid.spec_for(table.id).slots.values():
            assert type(slot.kind) is layout.Kind
    broken = seed.copy()
    broken.texts["overview"] = ""
    found = validate(broken)
    assert found and all(type(f.severity) is Severity for f in found)
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks)                         # errors first: the enum's order


# --- The places a finding or an edit names: built and taken apart by core/places.py ---

PLACE_HOME = "core/places.py"
# (module, why it may still spell a place out)
PLACE_ALLOWED = {"ui/help/topics.py": "text.png, register.png: picture files"}


def place_offenders(package: Path = PACKAGE) -> list[tuple[str, str]]:
    """"text.overview", f"meta.{name}", "register." typed instead of Place.TEXT.at(…)."""
    import re
    spelled = re.compile(r"^(?:text|meta|register)\.[a-z_]*$")
    found = []
    for py in sorted(package.rglob("*.py")):
        module = py.relative_to(package).as_posix()
        if module == PLACE_HOME or module in PLACE_ALLOWED:
            continue
        tree = _parented(ast.parse(py.read_text(encoding="utf-8")))
        found += [(module, text) for text in _literals(tree) if spelled.match(text)]
    return sorted(set(found))


def test_no_place_is_spelled_out():
    assert place_offenders() == []


def test_the_place_check_sees_a_spelled_place(tmp_path):
    fake = tmp_path / "report_desktop"
    (fake / "core").mkdir(parents=True)
    (fake / "core" / "x.py").write_text(
        'A = ["meta.year"]\nB = f"text.{key}"\nC = t.startswith("register.")\n'
        'E = Place.TEXT.at("overview")\n', encoding="utf-8")
    assert place_offenders(fake) == [("core/x.py", "meta.year"), ("core/x.py", "register."),
                                     ("core/x.py", "text.")]


def test_places_round_trip():
    from report_desktop.core.places import Place
    for kind in Place:
        assert Place.of(kind.at("x", 3)) is kind and kind.key(kind.at("x", 3)) == "x.3"
    assert Place.of(schema.CELL_IDS[0]) is None and Place.TEXT.key(Place.META.at("unit")) is None


# --- The export permission: decided by services.exporting, asked by the window ---

def test_the_status_line_says_exportable_exactly_when_the_policy_allows(seed):
    """ui/progress's "可以导出" is the export policy's answer (publish_check), for a clean
    report, one with an error and one still carrying a draft marker."""
    from report_desktop.core.rollover import DRAFT_MARKER
    from report_desktop.core.rules import validate
    from report_desktop.services import exporting
    from report_desktop.ui.progress import left
    with_error = seed.copy()
    cid = next(c for c in schema.CELL_IDS if not schema.CELLS[c].is_total and c.startswith("applications."))
    with_error.cells[cid] = (with_error.cells[cid] or 0) + 7       # a row no longer adds up
    drafted = seed.copy()
    drafted.texts["overview"] = DRAFT_MARKER + "\n" + drafted.texts["overview"]
    verdicts = []
    for report in (seed, with_error, drafted):
        findings = validate(report)
        allowed = not exporting.publish_check(report, findings).blocked
        shown = left(report, findings).line()
        assert allowed == shown.startswith(("可以导出", "已完成，可以导出")), shown
        assert allowed == (not exporting.check(report, "报告.docx", findings=findings).blocked)
        verdicts.append(allowed)
    assert verdicts == [True, False, False]


# --- A format is one entry: formats.FORMATS ---

def _extensions_in(text: str) -> set[str]:
    import re
    return set(re.findall(r"\.[a-z]{2,5}\b", text))


def test_the_help_the_dialogs_and_the_dispatch_list_the_tables_kinds(seed, tmp_path):
    """The command line's help, the window's open/import/export filters, the export
    policy and what formats.read/write accept are all the table's extensions."""
    from report_desktop.cli.parser import build_parser
    from report_desktop.core.files import ReportFileError
    from report_desktop.ui import file_actions
    table = {e for f in formats.FORMATS.values() for e in f.extensions}
    readable = {e for f in formats.FORMATS.values() if f.reader for e in f.extensions}
    writable = {f.ext for f in formats.FORMATS.values() if f.writer}
    assert set(formats.READERS) == readable and set(formats.WRITERS) == writable
    sub = next(a for a in build_parser()._actions if a.dest == "verb").choices
    convert = sub["convert"].format_help()
    epilog = convert.split("文件类型（按扩展名）：")[1]
    assert _extensions_in(epilog) == table
    helps = {a.dest: a.help for a in sub["convert"]._actions}
    assert _extensions_in(helps["input"]) == readable and _extensions_in(helps["output"]) == writable
    merge = {a.dest: a.help for a in sub["merge"]._actions}
    assert _extensions_in(merge["inputs"]) == readable and _extensions_in(merge["output"]) == writable
    assert _extensions_in(formats.open_filter().split(";;")[0]) == set(formats.importable()) | {formats.OLD_EXCEL}
    assert _extensions_in(formats.save_filter(formats.save_choices(".docx"))) == table & (writable | {".htm"})
    assert file_actions.export_title(".docx") == "导出 Word 文档" and file_actions.export_title(".html") == "导出网页"
    published = {f.ext for f in formats.FORMATS.values() if f.published}
    assert {e for e in table if formats.is_published(f"x{e.upper()}")} == published
    # The dispatch: every writable kind is written and every readable one read back.
    for ext in sorted(writable):
        formats.write(seed, tmp_path / f"报告{ext}")
    for ext in sorted(readable):
        source = tmp_path / f"报告{ext}"
        if not source.exists():
            source.write_bytes((tmp_path / "报告.html").read_bytes())     # .htm: a saved page
        assert formats.read(source).cells == seed.cells, ext
    with pytest.raises(ReportFileError, match="不支持的文件类型"):
        formats.write(seed, tmp_path / "报告.pdf")
    (tmp_path / "报告.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(ReportFileError, match="不支持的文件类型"):
        formats.read(tmp_path / "报告.pdf")


def _toy_csv(report, path) -> None:
    """A toy writer (one cell a line) for the entry a test adds at run time."""
    Path(path).write_text("".join(f"{c},{v}\n" for c, v in report.cells.items()), encoding="utf-8")


TOY_CSV = formats.Format(".csv", "CSV 表格", "每格一行的数字（测试用）", writer=_toy_csv)


def test_a_format_added_at_run_time_is_in_the_help_and_convert(monkeypatch, seed_path, tmp_path,
                                                               capsys):
    """One entry (no other edit): the command line's help names it and ``convert`` writes it.
    (tests/ui/test_format_entry.py sees it in the window's export dialog.)"""
    from report_desktop.cli.commands import main
    from report_desktop.cli.parser import build_parser
    assert main(["convert", str(seed_path), str(tmp_path / "a.csv"), "--db", str(tmp_path / "d.sqlite3")]) == 2
    assert "不支持的文件类型" in capsys.readouterr().err
    monkeypatch.setitem(formats.FORMATS, ".csv", TOY_CSV)
    sub = next(a for a in build_parser()._actions if a.dest == "verb").choices
    convert = sub["convert"].format_help()
    assert ".csv" in convert and "每格一行的数字（测试用）" in convert
    assert ".csv" in {a.dest: a.help for a in sub["merge"]._actions}["output"]
    out = tmp_path / "报告.csv"
    assert main(["convert", str(seed_path), str(out), "--db", str(tmp_path / "d.sqlite3")]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(schema.CELL_IDS) and lines[0].startswith(schema.CELL_IDS[0] + ",")
    assert not formats.is_published(out) and ".csv" not in formats.READERS


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
