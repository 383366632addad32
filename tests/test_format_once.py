"""The format is described once: its labels, headings, citations and severity words are
typed in the modules that define them (core/official.py, core/schema.py, the severity
words in core/rules/findings.py) and imported everywhere else.  A new literal that
retypes one of them elsewhere fails here; the few captions that quote a label on purpose
are listed below."""
from __future__ import annotations

import ast
from pathlib import Path

from report_desktop.core import schema
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
