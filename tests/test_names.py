"""One name, one thing: no two modules, packages or public classes of the program share a
name for different things.  A name may repeat only where the repeats are the same kind of
thing in parallel places (the reader of each file format, the Qt view of each tab, one
concern seen from each layer) — listed below with the reason, so a new clash fails here and
is either renamed or argued for."""
from __future__ import annotations

import ast
import collections
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "report_desktop"

# name → (every module or package of that name, why they may share it)
SAME_ROLE = {
    "reader": ({"core/docx/reader.py", "core/html/reader.py", "core/xlsx/reader.py"},
               "each file format's package has its reader, called alike by core/formats.py"),
    "writer": ({"core/docx/writer.py", "core/html/writer.py", "core/xlsx/writer.py"},
               "each file format's package has its writer, called alike by core/formats.py"),
    "view": ({"ui/grid/view.py", "ui/register/view.py", "ui/summary/view.py"},
             "Qt's model/view words: the view widget of each ui package"),
    "model": ({"ui/grid/model.py", "ui/register/model.py", "core/register/model.py"},
              "Qt's model/view words: the table model of each ui tab; core/register/model.py "
              "is the register data that ui/register/model.py adapts"),
    "delegate": ({"ui/grid/delegate.py", "ui/register/delegate.py"},
                 "Qt's item delegate of each table tab"),
    "page": ({"ui/grid/page.py", "ui/register/page.py"}, "the tab page of each table tab"),
    "summary": ({"core/summary/", "services/summary.py", "ui/summary/"},
                "the county summary, one room per layer (merge; policy; dialog)"),
    "calendar": ({"core/calendar/", "services/calendar.py"},
                 "the working-day calendar: its data and reading; its policy"),
    "register": ({"core/register/", "ui/register/", "core/rules/register.py"},
                 "the registers: model and tally; the 台账 tab; the rule (S11) that checks them"),
    "registers": ({"core/store/registers.py", "services/registers.py"},
                  "the registers in the store; the policies the window and the CLI share"),
    "tally": ({"core/register/tally.py", "cli/tally.py"},
              "counting a register; the command-line verb that runs it"),
    "answer_time": ({"core/register/answer_time.py", "core/rules/answer_time.py",
                     "ui/dialogs/answer_time.py"},
                    "答复期限: computed per case; the rule (S17) on it; the dialog listing it"),
    "recover": ({"core/store/recover.py", "ui/dialogs/recover.py"},
                "从备份中找回报告: the store's operation and its dialog (ui/dialogs/ names "
                "each dialog after its subject)"),
}

# public class name → (every module defining it, why)
SAME_CLASS: dict[str, tuple[set[str], str]] = {}


def _packages() -> set[Path]:
    """Folders of the program holding Python modules (resources/ is data, not code)."""
    return {p.parent for p in ROOT.rglob("*.py")} - {ROOT}


def _names() -> dict[str, set[str]]:
    found: dict[str, set[str]] = collections.defaultdict(set)
    for pkg in _packages():
        found[pkg.name].add(pkg.relative_to(ROOT).as_posix() + "/")
    for p in ROOT.rglob("*.py"):
        if p.stem not in ("__init__", "__main__"):
            found[p.stem].add(p.relative_to(ROOT).as_posix())
    return found


def _public_classes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = collections.defaultdict(set)
    for p in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                found[node.name].add(p.relative_to(ROOT).as_posix())
    return found


def _clashes(found: dict[str, set[str]], allowed: dict[str, tuple[set[str], str]]) -> list[str]:
    return [f"{name}: {sorted(where)}" for name, where in sorted(found.items())
            if len(where) > 1 and (name not in allowed or allowed[name][0] != where)]


def test_no_two_modules_or_packages_share_a_name_for_different_things():
    clashes = _clashes(_names(), SAME_ROLE)
    assert not clashes, ("rename one (a name that says what it is), or add it to SAME_ROLE "
                         "with the reason they are the same kind of thing:\n" + "\n".join(clashes))


def test_no_two_public_classes_share_a_name():
    clashes = _clashes(_public_classes(), SAME_CLASS)
    assert not clashes, "one class name, one class:\n" + "\n".join(clashes)


def test_every_allowed_repeat_still_exists():
    """A stale entry would let a later clash of that name through unexamined."""
    names = _names()
    assert {n: names.get(n) for n in SAME_ROLE} == {n: w for n, (w, _why) in SAME_ROLE.items()}
    assert all(why for _w, why in SAME_ROLE.values())


def test_the_check_sees_a_clash(tmp_path, monkeypatch):
    """The walk finds modules in sub-packages and packages by folder (ui/grid vs grid.py)."""
    (tmp_path / "core").mkdir()
    (tmp_path / "ui" / "grid").mkdir(parents=True)
    for f in ("core/grid.py", "core/__init__.py", "ui/grid/view.py", "ui/grid/__init__.py"):
        (tmp_path / f).write_text("class Grid:\n    pass\n", encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert _clashes(_names(), SAME_ROLE) == ["grid: ['core/grid.py', 'ui/grid/']"]
    assert _clashes(_public_classes(), {}) == [
        "Grid: ['core/__init__.py', 'core/grid.py', 'ui/grid/__init__.py', 'ui/grid/view.py']"]
