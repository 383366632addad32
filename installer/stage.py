"""Lay out the folder the installer copies to the clerk's PC, trimmed to what the program needs.

    stage/python/            the embeddable CPython (its ._pth replaced by ours)
    stage/lib/               wheels unpacked (trimmed Qt) + report_desktop, byte-compiled
    stage/samples/           the sample report for --smoke
    stage/report-desktop.pyw the windowed launcher
    stage/report-desktop.ico

Qt is trimmed by rule (below) and then by evidence: a DLL inside PySide6/ or shiboken6/
stays only if a kept module, plugin or DLL imports it (read from the PE import tables),
and the stage is refused if any kept file imports a non-system DLL that is not in it.
"""
from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pe_imports

PYTHON_DIR, LIB_DIR = "python", "lib"

# Qt for Python modules always kept; any other PySide6.QtXxx that the program's source
# mentions is added (and must exist in the wheel).
BASE_QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtSvgWidgets", "QtPrintSupport")
# Plugins Qt loads at run time (not visible in import tables): folder -> file globs.
QT_PLUGINS = {
    "platforms": ["qwindows.dll"],
    "styles": ["*.dll"],
    "imageformats": ["qico.dll", "qsvg.dll", "qjpeg.dll", "qgif.dll"],
    "iconengines": ["qsvgicon.dll"],
}
QT_TRANSLATIONS = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")
# Never shipped, whatever a wheel contains (dev tools, headers, sources, type stubs ...).
DROP_GLOBS = ("*.pyi", "*.lib", "*.h", "*.pyx", "*.pxd", "*.pxi", "*.cmake", "py.typed",
              "*/__pycache__/*", "*.dist-info/RECORD", "*.exe")
DROP_TREES = ("PySide6/qml", "PySide6/include", "PySide6/lib", "PySide6/typesystems",
              "PySide6/glue", "PySide6/doc", "PySide6/metatypes", "PySide6/scripts",
              "PySide6/resources", "shiboken6/include", "shiboken6/lib", "lxml/includes")
# Wine-only stand-ins built by the installer test; must never reach a real PC.
FORBIDDEN = ("icuuc.dll", "mscms.dll")


class StageError(RuntimeError):
    pass


def qt_modules_used(src: Path) -> set[str]:
    dotted = re.compile(r"PySide6\.(Qt\w+)")
    listed = re.compile(r"^\s*from\s+PySide6\s+import\s+(?:\(([^)]*)\)|([^\n#]+))", re.M)
    found: set[str] = set()
    for py in src.rglob("*.py"):
        text = py.read_text(encoding="utf-8", errors="replace")
        found.update(dotted.findall(text))
        for m in listed.finditer(text):
            names = (m.group(1) or m.group(2)).replace("\\", " ").split(",")
            found.update(n.split()[0] for n in names if n.split() and n.split()[0].startswith("Qt"))
    return found


def _wanted_pyside_file(rel: PurePosixPath, modules: set[str]) -> bool:
    """Rule-based filter for files under PySide6/ (DLLs are decided later by imports)."""
    parts = rel.parts
    if len(parts) == 2:
        name = parts[1]
        if name.endswith(".pyd"):
            return name.split(".")[0] in modules
        return name.endswith((".py", ".dll"))
    if parts[1] == "plugins" and len(parts) == 4:
        return any(fnmatch.fnmatch(parts[3], g) for g in QT_PLUGINS.get(parts[2], ()))
    if parts[1] == "translations":
        return parts[-1] in QT_TRANSLATIONS
    return parts[1] == "support"


def _dropped(rel: PurePosixPath) -> bool:
    s = str(rel)
    if any(s == t or s.startswith(t + "/") for t in DROP_TREES):
        return True
    return any(fnmatch.fnmatch(s, g) or fnmatch.fnmatch(rel.name, g) for g in DROP_GLOBS)


def unpack_wheel(wheel: Path, lib: Path, modules: set[str]) -> None:
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            rel = PurePosixPath(info.filename)
            if rel.parts[0].endswith(".data"):          # name.data/purelib|platlib/...
                if len(rel.parts) < 3 or rel.parts[1] not in ("purelib", "platlib"):
                    continue
                rel = PurePosixPath(*rel.parts[2:])
            if ".." in rel.parts or rel.is_absolute():
                raise StageError(f"{wheel.name}: unsafe path {info.filename}")
            if _dropped(rel):
                continue
            if rel.parts[0] == "PySide6" and not _wanted_pyside_file(rel, modules):
                continue
            target = lib.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)


def _pe_files(root: Path):
    for p in root.rglob("*"):
        if p.suffix.lower() in (".dll", ".pyd", ".exe") and p.is_file():
            yield p


def prune_dlls(stage: Path) -> list[str]:
    """Drop DLLs in PySide6/ and shiboken6/ that nothing kept imports; return their names."""
    lib = stage / LIB_DIR
    prunable_dirs = [lib / "PySide6", lib / "shiboken6"]

    def prunable(p: Path) -> bool:
        return p.suffix.lower() == ".dll" and p.parent in prunable_dirs

    roots = [p for p in _pe_files(stage) if not prunable(p)]
    candidates = {p.name.lower(): [] for p in _pe_files(stage) if prunable(p)}
    for p in _pe_files(stage):
        if prunable(p):
            candidates[p.name.lower()].append(p)
    needed: set[str] = set()
    todo = list(roots)
    while todo:
        for name in pe_imports.imports(todo.pop()):
            low = name.lower()
            if low in candidates and low not in needed:
                needed.add(low)
                todo.extend(candidates[low])
    removed = []
    for low, paths in candidates.items():
        if low not in needed:
            for p in paths:
                p.unlink()
                removed.append(f"{p.parent.name}/{p.name}")
    return sorted(removed)


def check_imports(stage: Path) -> dict[str, list[str]]:
    """Every non-system DLL a staged PE file imports must be staged too. Returns the system DLLs used."""
    present = {p.name.lower() for p in _pe_files(stage)}
    missing, system = [], {}
    for p in _pe_files(stage):
        for name in pe_imports.imports(p):
            if name.lower() in present:
                continue
            if pe_imports.is_system(name):
                system.setdefault(name.lower(), []).append(p.name)
            else:
                missing.append(f"{p.relative_to(stage)} -> {name}")
        if pe_imports.machine(p) != "amd64":
            missing.append(f"{p.relative_to(stage)} is {pe_imports.machine(p)}, not amd64")
    if missing:
        raise StageError("staged files need DLLs that are not staged:\n  " + "\n  ".join(missing))
    return system


def copy_python(embed_dir: Path, stage: Path, py_tag: str) -> None:
    dst = stage / PYTHON_DIR
    shutil.copytree(embed_dir, dst)
    pth = dst / f"python{py_tag}._pth"
    if not pth.exists():
        raise StageError(f"embeddable Python has no {pth.name}")
    # Paths are relative to this file's folder.  'import site' keeps site's usual set-up;
    # in ._pth mode the user's site-packages and PYTHONPATH are ignored (isolated).
    pth.write_text(f"python{py_tag}.zip\n.\n..\\{LIB_DIR}\nimport site\n", encoding="utf-8")


def copy_program(src_pkg: Path, stage: Path) -> None:
    shutil.copytree(src_pkg, stage / LIB_DIR / src_pkg.name,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*.egg-info"))


def target_python(py_tag: str) -> str | None:
    """A Python of the bundled minor version to byte-compile with: the build's own,
    $REPORT_DESKTOP_BUILD_PYTHON, or python3.X on PATH (None if there is none)."""
    want = f"{py_tag[0]}.{py_tag[1:]}"
    for exe in (sys.executable, os.environ.get("REPORT_DESKTOP_BUILD_PYTHON"), shutil.which(f"python{want}")):
        if not exe:
            continue
        try:
            done = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and done.stdout.strip() == want:
            return exe
    return None


def byte_compile(stage: Path, py_tag: str) -> tuple[int, str | None]:
    """Compile lib/ with a Python of the target's minor version, if one is at hand.

    Unchecked-hash .pyc: valid whatever the file times after installation.  Returns the
    number of .py files and the compiler (0, None when skipped: the program then compiles
    on first start, which works because the install folder belongs to the user).
    """
    exe = target_python(py_tag)
    if exe is None:
        print(f"  ! no Python {py_tag[0]}.{py_tag[1:]} here (set REPORT_DESKTOP_BUILD_PYTHON): "
              "no .pyc at build time", file=sys.stderr)
        return 0, None
    lib = stage / LIB_DIR
    done = subprocess.run([exe, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode",
                           "unchecked-hash", str(lib)], capture_output=True, text=True)
    if done.returncode:
        raise StageError(f"byte-compiling lib/ failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return sum(1 for _ in lib.rglob("*.py")), exe


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def forbidden_files(stage: Path) -> list[Path]:
    return [p for p in stage.rglob("*") if p.name.lower() in FORBIDDEN]


def build_stage(*, stage: Path, embed_dir: Path, wheels: list[Path], src_pkg: Path,
                launcher: Path, icon: Path, sample: Path, py_tag: str) -> dict:
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    modules = set(BASE_QT_MODULES) | qt_modules_used(src_pkg)
    copy_python(embed_dir, stage, py_tag)
    lib = stage / LIB_DIR
    lib.mkdir()
    for wheel in wheels:
        unpack_wheel(wheel, lib, modules)
    have = {p.name.split(".")[0] for p in (lib / "PySide6").glob("Qt*.pyd")}
    if modules - have:
        raise StageError(f"the program uses Qt modules the wheel lacks: {sorted(modules - have)}")
    removed = prune_dlls(stage)
    copy_program(src_pkg, stage)
    shutil.copy2(launcher, stage / "report-desktop.pyw")
    shutil.copy2(icon, stage / "report-desktop.ico")
    (stage / "samples").mkdir()
    shutil.copy2(sample, stage / "samples" / sample.name)
    system = check_imports(stage)
    if forbidden_files(stage):
        raise StageError(f"Wine-only stub DLLs in the stage: {forbidden_files(stage)}")
    compiled, compiler = byte_compile(stage, py_tag)
    return {"qt_modules": sorted(modules), "pruned_dlls": removed, "system_dlls": sorted(system),
            "compiled_py": compiled, "compiler": compiler, "size": dir_size(stage),
            "files": sum(1 for p in stage.rglob("*") if p.is_file())}


if __name__ == "__main__":   # pragma: no cover
    print("run installer/build.py", file=sys.stderr)
    sys.exit(2)
