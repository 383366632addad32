"""No import cycle among the modules of core/, services/, cli/ and ui/.

Every import counts, as import-linter counts them: those at the top of a module, inside a
function (where a cycle hides from a plain import-time check) and under TYPE_CHECKING (a
cycle in the types is one in the design).  ``from pkg import x`` imports the module
``pkg.x`` when there is one, else ``pkg`` itself.  A failure names the modules of each
cycle and where each of them imports the next; the way out is a better split (the shared
piece in the module that owns it, low-level modules never importing what uses them), not
an import moved into a function."""
from __future__ import annotations

import ast
from pathlib import Path

import report_desktop

SRC = Path(report_desktop.__file__).resolve().parents[1]     # the folder holding the package
PACKAGE = "report_desktop"
CHECKED = ("core", "services", "cli", "ui")

Edges = dict[str, dict[str, int]]     # module → the modules it imports → first line doing so


def _modules(src: Path, roots: tuple[str, ...]) -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is a package) for every module under the ``roots``."""
    found = {}
    for root in roots:
        for path in sorted((src / root.replace(".", "/")).rglob("*.py")):
            parts = list(path.relative_to(src).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imported(node: ast.Import | ast.ImportFrom, here: str, is_package: bool,
              known: set[str]) -> set[str]:
    """The known modules one import statement of module ``here`` imports."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in known}
    if node.level:
        base = here.split(".") if is_package else here.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        full = ".".join(base + ([node.module] if node.module else []))
    else:
        full = node.module or ""
    out = set()
    for alias in node.names:
        if f"{full}.{alias.name}" in known:
            out.add(f"{full}.{alias.name}")
        elif full in known:
            out.add(full)
    return out


def graph(src: Path = SRC, roots: tuple[str, ...] = tuple(f"{PACKAGE}.{r}" for r in CHECKED)
          ) -> Edges:
    modules = _modules(src, roots)
    known = set(modules)
    edges: Edges = {}
    for name, (path, is_package) in modules.items():
        out: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _imported(node, name, is_package, known) - {name}:
                    out[target] = min(out.get(target, node.lineno), node.lineno)
        edges[name] = out
    return edges


def cycles(edges: Edges) -> list[list[str]]:
    """Each group of modules that import each other (Tarjan's strongly connected
    components), as one cycle through the group: [a, b, …, a]."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            group.append(v)
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return [_cycle_through(group, edges) for group in sorted(groups)]


def _cycle_through(group: list[str], edges: Edges) -> list[str]:
    """A shortest path from the group's first module back to it, inside the group."""
    start = group[0]
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(edges[v]):
                if w not in group:
                    continue
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if w not in came:
                    came[w] = v
                    nxt.append(w)
        frontier = nxt
    raise AssertionError(f"{group} is no cycle")


def described(cycle: list[str], edges: Edges) -> str:
    """"core.a (line 12) → core.b (line 3) → core.a": the modules and their imports."""
    short = [m.removeprefix(PACKAGE + ".") for m in cycle]
    steps = [f"{short[i]} (line {edges[m][cycle[i + 1]]})" for i, m in enumerate(cycle[:-1])]
    return " → ".join(steps + [short[-1]])


def test_core_services_and_cli_import_without_a_cycle():
    edges = graph()
    assert {"report_desktop.core.store.errors", "report_desktop.services.exporting",
            "report_desktop.cli.parser", "report_desktop.core.docx.reader"} <= set(edges)
    found = cycles(edges)
    assert not found, "import cycles (split out the shared piece):\n" + "\n".join(
        described(c, edges) for c in found)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "report_desktop" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_a_cycle_hidden_in_a_function_or_under_type_checking_is_found(tmp_path):
    """The check can fail: the store's old cycle (backup → paths → errors → backup, the
    last import inside a function) and one made only of TYPE_CHECKING imports."""
    src = _package(tmp_path, {
        "core/__init__.py": "",
        "core/store/__init__.py": "from .backup import make_backup\n",
        "core/store/errors.py": "def damaged():\n    from . import backup\n",
        "core/store/backup.py": "from .paths import sqlite_uri\n",
        "core/store/paths.py": "from .errors import StoreBadPath\n",
        "core/formats.py": "from typing import TYPE_CHECKING\n"
                           "if TYPE_CHECKING:\n    from .register.sources import Sheet\n",
        "core/register/__init__.py": "",
        "core/register/sources.py": "from .. import formats\n",
        "services/__init__.py": "",
        "services/plain.py": "from ..core.store import errors\nimport report_desktop.core.formats\n",
    })
    edges = graph(src, ("report_desktop.core", "report_desktop.services"))
    assert edges["report_desktop.services.plain"] == {"report_desktop.core.store.errors": 1,
                                                      "report_desktop.core.formats": 2}
    found = cycles(edges)
    assert found == [["report_desktop.core.formats", "report_desktop.core.register.sources",
                      "report_desktop.core.formats"],
                     ["report_desktop.core.store.backup", "report_desktop.core.store.paths",
                      "report_desktop.core.store.errors", "report_desktop.core.store.backup"]]
    assert described(found[1], edges) == ("core.store.backup (line 1) → core.store.paths (line 1) "
                                          "→ core.store.errors (line 2) → core.store.backup")


def test_modules_that_import_one_way_are_no_cycle(tmp_path):
    src = _package(tmp_path, {
        "core/__init__.py": "from . import a\n",
        "core/a.py": "from .b import x\nfrom . import c\n",
        "core/b.py": "from .c import y\n",
        "core/c.py": "import os\n",
    })
    edges = graph(src, ("report_desktop.core",))
    assert edges["report_desktop.core.a"] == {"report_desktop.core.b": 1, "report_desktop.core.c": 2}
    assert cycles(edges) == []
