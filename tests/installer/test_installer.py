"""The Windows installer, end to end under Wine: build, silent install, the installed program's
smoke mode with a screenshot, upgrade in place, silent uninstall that keeps the clerk's data.

Run with ``python -m pytest -m installer tests/installer`` (set-up and rules in conftest.py).
The tests share one prefix and run in file order: install, look, run, upgrade, uninstall.
Wine's exit codes are never trusted alone: files, shortcuts and registry are looked at.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import OUT, RESULTS, STUB_MARKER, pe_imports

import stage  # noqa: E402  (installer/, put on sys.path by conftest)

pytestmark = pytest.mark.installer

APP_NAME = "政务公开年报助手"
UNINST_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\report-desktop"
FORBIDDEN = ("icuuc.dll", "mscms.dll")
SETUP_TIMEOUT, SMOKE_TIMEOUT = 240, 180


def _version() -> str:
    from report_desktop import __version__
    return __version__


def _sample_title() -> str:
    from report_desktop.core import jsonio
    return jsonio.read(Path(__file__).parents[1] / "data" / "shuozhou-2024.json").title


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _reg_values(wine, key: str) -> dict[str, str] | None:
    """The key's values via `reg query` (does it exist) and `reg export` (exact Unicode text)."""
    rc, out = wine.run("reg", "query", key, timeout=60)
    if rc != 0 or "Unable to find" in out:
        return None
    export = wine.prefix / "drive_c" / "regexport.reg"
    export.unlink(missing_ok=True)
    wine.run("reg", "export", key, "C:\\regexport.reg", "/y", timeout=60)
    assert export.exists(), f"reg query found {key} but reg export wrote nothing"
    text = export.read_bytes().decode("utf-16").replace("\r\n", "\n")
    values = {}
    for name, value in re.findall(r'^"([^"]+)"=(.*)$', text, re.M):
        if value.startswith("dword:"):
            values[name] = int(value[6:], 16)
        else:
            values[name] = re.sub(r"\\(.)", r"\1", value[1:-1])     # "…" with \\ and \" escapes
    return values


# --- the build ----------------------------------------------------------------------------

def test_setup_exe_is_64bit_with_version_info(installer_exe):
    assert pe_imports.machine(installer_exe) == "amd64", "32-bit stubs install nothing under wine64"
    raw = installer_exe.read_bytes()
    for key, value in (("ProductName", APP_NAME), ("ProductVersion", _version()),
                       ("FileVersion", _version())):
        entry = f"{key}\0".encode("utf-16-le")
        at = raw.find(entry)
        assert at >= 0, f"no {key} in the version resource"
        assert value.encode("utf-16-le") in raw[at:at + 200], f"{key} is not {value}"
    assert installer_exe.stat().st_size <= 60e6


def test_stage_is_trimmed_and_has_no_wine_stubs(stage_dir):
    files = [p.relative_to(stage_dir).as_posix() for p in stage_dir.rglob("*") if p.is_file()]
    lower = [f.lower() for f in files]
    assert not [f for f in lower if f.rsplit("/", 1)[-1] in FORBIDDEN]
    for unwanted in ("/qml/", "opengl32sw.dll", "qt6quick", "qt6qml", "designer", "qt6help",
                     "webengine", "qt63d", "multimedia", "/include/", ".pyi"):
        assert not [f for f in lower if unwanted in f], unwanted
    assert not [f for f in lower if f.startswith("lib/") and f.endswith(".exe")], "tool .exe shipped"
    qm = sorted(f.rsplit("/", 1)[-1] for f in files if f.endswith(".qm"))
    assert qm == ["qt_zh_CN.qm", "qtbase_zh_CN.qm"]
    for needed in ("python/pythonw.exe", "python/python313.dll", "python/python313._pth",
                   "lib/PySide6/Qt6Widgets.dll", "lib/PySide6/plugins/platforms/qwindows.dll",
                   "lib/PySide6/QtSvg.pyd", "lib/report_desktop/smoke.py",
                   "lib/report_desktop/ui/main_window.py", "samples/shuozhou-2024.json",
                   "report-desktop.pyw", "report-desktop.ico"):
        assert needed in files, needed
    assert [f for f in files if f.startswith("lib/PySide6/plugins/styles/")], "no widget style plugin"
    assert "..\\lib" in (stage_dir / "python" / "python313._pth").read_text().splitlines()
    # Shipped as is (Windows has WMI); the program never calls what uses it (test_build_tools).
    assert "python/_wmi.pyd" in files
    if stage.target_python("313"):           # else the program compiles itself on first start
        assert list((stage_dir / "lib" / "report_desktop" / "__pycache__").glob("smoke.cpython-313.pyc"))
    RESULTS["staged"] = f"{len(files)} files, {_tree_size(stage_dir) / 1e6:.1f} MB"


# --- install ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def installed(wine, installer_exe):
    t = time.perf_counter()
    rc, out = wine.run(installer_exe, "/S", timeout=SETUP_TIMEOUT)
    wine.settle()
    RESULTS["silent install"] = f"{time.perf_counter() - t:.1f} s (exit {rc})"
    local = wine.user_dir / "AppData" / "Local"
    instdir = local / "Programs" / "report-desktop"
    assert (instdir / "python" / "pythonw.exe").exists(), f"nothing installed (exit {rc}):\n{out[-2000:]}"
    RESULTS["installed size"] = f"{_tree_size(instdir) / 1e6:.1f} MB"
    return {"instdir": instdir, "win_instdir": wine.windows(instdir),
            "store": local / "report-desktop" / "reports.sqlite3"}


def test_installed_files_and_shortcuts(installed, wine, stage_dir):
    instdir = installed["instdir"]
    staged = {p.relative_to(stage_dir) for p in stage_dir.rglob("*") if p.is_file()}
    present = {p.relative_to(instdir) for p in instdir.rglob("*") if p.is_file()}
    assert staged - present == set(), "staged files not installed"
    assert present - staged <= {Path("uninstall.exe")}
    assert not [p for p in instdir.rglob("*") if p.name.lower() in FORBIDDEN]
    marker = STUB_MARKER.encode()
    assert not [p for p in instdir.rglob("*.dll") if marker in p.read_bytes()], "a Wine stub was installed"
    # Every DLL the installed files import is installed or part of Windows 10/11.
    present_names = {p.name.lower() for p in instdir.rglob("*") if p.suffix.lower() in (".dll", ".pyd", ".exe")}
    for p in instdir.rglob("*"):
        if p.suffix.lower() in (".dll", ".pyd", ".exe"):
            for dll in pe_imports.imports(p):
                assert dll.lower() in present_names or pe_imports.is_system(dll), f"{p.name} needs {dll}"

    start_menu = wine.user_dir / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    for lnk in (start_menu / f"{APP_NAME}.lnk", wine.user_dir / "Desktop" / f"{APP_NAME}.lnk"):
        assert lnk.exists(), f"no shortcut {lnk}"
        data = lnk.read_bytes()
        assert data[:4] == b"L\0\0\0", f"{lnk} is not a shell link"
        assert "pythonw.exe".encode("utf-16-le") in data or b"pythonw.exe" in data, "shortcut would open a console"
        assert "report-desktop.pyw".encode("utf-16-le") in data
        assert "report-desktop.ico".encode("utf-16-le") in data
    # The desktop is the scratch HOME, never the real one (winemenubuilder is off, too).
    assert (wine.home / f"{APP_NAME}.lnk").exists()


def test_uninstall_key(installed, wine):
    values = _reg_values(wine, UNINST_KEY)
    assert values is not None, f"no {UNINST_KEY}"
    win = installed["win_instdir"]
    assert values["DisplayName"] == APP_NAME
    assert values["DisplayVersion"] == _version()
    assert values["Publisher"]
    assert values["InstallLocation"] == win
    assert values["DisplayIcon"] == win + "\\report-desktop.ico"
    assert values["UninstallString"] == f'"{win}\\uninstall.exe"'
    assert values["QuietUninstallString"] == f'"{win}\\uninstall.exe" /S'
    assert values["NoModify"] == 1 and values["NoRepair"] == 1
    size_kb = _tree_size(installed["instdir"]) / 1024
    assert 0.8 * size_kb <= values["EstimatedSize"] <= 1.2 * size_kb


# --- run ----------------------------------------------------------------------------------

def test_installed_program_smoke_and_screenshot(installed, wine):
    """The shortcut's command (pythonw + launcher) with --smoke: real window, store, Word export."""
    out_dir = wine.prefix / "drive_c" / "smoke"
    shutil.rmtree(out_dir, ignore_errors=True)
    log = out_dir / "smoke.log"
    win = installed["win_instdir"]
    env = {"REPORT_DESKTOP_SMOKE_OUT": "C:\\smoke", "REPORT_DESKTOP_SMOKE_MS": "5000"}
    t = time.perf_counter()
    proc = wine.start(f"{win}\\python\\pythonw.exe", f"{win}\\report-desktop.pyw", "--smoke",
                      "--db", wine.windows(installed["store"]), pty=True, env=env)
    deadline = time.monotonic() + SMOKE_TIMEOUT
    while not (log.exists() and "window shown" in log.read_text(encoding="utf-8", errors="replace")):
        if proc.poll() is not None:
            break
        if time.monotonic() > deadline:
            wine.kill(proc)
            pytest.fail("the installed program's window did not appear")
        time.sleep(0.2)
    shown_after = time.perf_counter() - t
    if proc.poll() is None:
        time.sleep(1.5)                       # let it paint
        shot = OUT / "wine-window.png"
        subprocess.run(["import", "-window", "root", str(shot)], env=wine.env, timeout=60, check=True)
        colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True,
                                 text=True, timeout=60).stdout
        RESULTS["screenshot"] = f"{shot} ({colours} colours)"
        assert int(colours or 0) > 50, "screenshot is blank"
    rc, _ = wine.wait(proc, SMOKE_TIMEOUT, "smoke run")
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else "(no smoke.log)"
    (OUT / "smoke.log").write_text(text, encoding="utf-8")
    if (out_dir / "window.png").exists():
        shutil.copy2(out_dir / "window.png", OUT / "smoke-window-grab.png")
    assert text.rstrip().endswith("SMOKE OK"), text[-3000:]
    assert rc == 0, f"smoke exit code {rc}"
    startup = re.search(r"startup_to_shown ([\d.]+) s", text)
    RESULTS["start-up under Wine"] = (f"{startup.group(1)} s program start to window shown "
                                      f"({shown_after:.1f} s from `wine pythonw` to the log line)")
    for needed in ("python: 3.13.", "qt: 6.11.3 (PySide6 6.11.3)", "python-docx: ", "openpyxl: ",
                   "platform: win32, Windows 10.0.", "qpa windows", "defusedxml: True",
                   "qt binding: no lost references",
                   "qt buttons: 确定/取消"):      # Qt's zh_CN catalogue was staged and loaded
        assert needed in text, needed

    docx_path = out_dir / "smoke-report.docx"
    assert docx_path.exists(), text[-2000:]
    import docx
    paragraphs = [p.text for p in docx.Document(str(docx_path)).paragraphs]
    assert any(_sample_title() in p.replace("\n", "") for p in paragraphs), paragraphs[:5]   # title may break after the unit
    assert installed["store"].exists(), "the store is not in the user data folder"


def _colours(png: Path, env: dict) -> int:
    done = subprocess.run(["identify", "-format", "%k", str(png)], capture_output=True, text=True,
                          timeout=60, env=env)
    return int(done.stdout or 0)


def _logged(data: Path, words: str) -> int:
    """How often the program's log (user data folder's Logs, any letter case) has ``words``."""
    logs = [d / "report-desktop.log" for d in data.glob("*") if d.name.lower() == "logs"]
    return sum(p.read_text(encoding="utf-8").count(words) for p in logs if p.exists())


def _starts_logged(data: Path) -> int:
    return _logged(data, " started ")


def test_start_menu_shortcut_opens_the_window(installed, wine):
    """What a clerk does: open the Start-menu shortcut; the real window comes up (then killed)."""
    start_menu = wine.user_dir / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    data = wine.user_dir / "AppData" / "Local" / "report-desktop"
    before = _starts_logged(data)
    ready_before = _logged(data, "window ready")
    shot = OUT / "wine-shortcut-window.png"
    # No terminal here, as when a clerk clicks: pythonw gets no standard streams, the launcher
    # copes.  `wine start` keeps our output pipe open as long as the program runs: not awaited.
    proc = wine.start("start", "/unix", start_menu / f"{APP_NAME}.lnk")
    try:
        deadline = time.monotonic() + SMOKE_TIMEOUT
        while _starts_logged(data) <= before:
            assert time.monotonic() < deadline, "the shortcut did not start the program"
            time.sleep(0.3)
        while _logged(data, "window ready") <= ready_before:   # the frame first, then the rest
            assert time.monotonic() < deadline, "the window never finished opening the store"
            time.sleep(0.3)
        while True:                               # the window follows the log line
            time.sleep(1)
            subprocess.run(["import", "-window", "root", str(shot)], env=wine.env, timeout=60, check=True)
            if _colours(shot, wine.env) > 50:
                break
            assert time.monotonic() < deadline, "no window on the screen"
        RESULTS["shortcut screenshot"] = str(shot)
    finally:
        wine.kill(proc)                           # ends this prefix's processes, the window included


def test_second_start_on_one_data_file_brings_the_first_window_forward(installed, wine):
    """Two starts on one --db (as two double-clicks): the second exits with 0 and the first
    window stays, told to come to the front (named pipe, file lock under Windows)."""
    data = wine.user_dir / "AppData" / "Local" / "report-desktop"
    db = wine.prefix / "drive_c" / "single" / "reports.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    win = installed["win_instdir"]
    program = (f"{win}\\python\\pythonw.exe", f"{win}\\report-desktop.pyw", "--db", wine.windows(db))
    ready_before = _logged(data, "window ready")
    knocked_before = _logged(data, "brought the window to the front")
    first = wine.start(*program)
    try:
        deadline = time.monotonic() + SMOKE_TIMEOUT
        while _logged(data, "window ready") <= ready_before:
            assert first.poll() is None, "the first window ended"
            assert time.monotonic() < deadline, "the first window never opened its data file"
            time.sleep(0.3)
        starts = _starts_logged(data)
        t = time.perf_counter()
        rc, out = wine.run(*program, timeout=SMOKE_TIMEOUT)
        second_s = time.perf_counter() - t
        while _logged(data, "brought the window to the front") <= knocked_before:
            assert time.monotonic() < deadline, f"the first window was never asked (second: exit {rc})"
            time.sleep(0.3)
        time.sleep(2)
        assert first.poll() is None, "the first window ended"
        assert rc == 0, f"second start: exit {rc}\n{out[-2000:]}"
        assert _starts_logged(data) == starts, "the second start opened a window of its own"
        assert _logged(data, "window ready") == ready_before + 1
        RESULTS["second start on one data file"] = f"exit 0 after {second_s:.1f} s; first window stays"
    finally:
        wine.kill(first)


def test_setup_and_uninstall_refuse_while_the_program_runs(installed, wine, installer_exe):
    """Files in use would leave a half-replaced program: both stop with exit code 2, nothing touched."""
    out_dir = wine.prefix / "drive_c" / "smoke-running"
    log = out_dir / "smoke.log"
    win = installed["win_instdir"]
    env = {"REPORT_DESKTOP_SMOKE_OUT": "C:\\smoke-running", "REPORT_DESKTOP_SMOKE_MS": "120000"}
    proc = wine.start(f"{win}\\python\\pythonw.exe", f"{win}\\report-desktop.pyw", "--smoke",
                      pty=True, env=env)
    try:
        deadline = time.monotonic() + SMOKE_TIMEOUT
        while not (log.exists() and "window shown" in log.read_text(encoding="utf-8", errors="replace")):
            assert time.monotonic() < deadline and proc.poll() is None, "program did not start"
            time.sleep(0.2)
        files_before = sorted(p for p in installed["instdir"].rglob("*") if p.is_file())
        rc_setup, _ = wine.run(installer_exe, "/S", timeout=SETUP_TIMEOUT)
        rc_uninst, _ = wine.run(f"{win}\\uninstall.exe", "/S", f"_?={win}", timeout=SETUP_TIMEOUT)
        files_after = sorted(p for p in installed["instdir"].rglob("*") if p.is_file())
    finally:
        wine.kill(proc)
    assert (rc_setup, rc_uninst) == (2, 2), "setup/uninstall should abort while the program runs"
    assert files_after == files_before, "files changed although the program was running"
    assert _reg_values(wine, UNINST_KEY) is not None


# --- upgrade and uninstall ----------------------------------------------------------------

def test_upgrade_in_place_keeps_data(installed, wine, installer_exe):
    instdir = installed["instdir"]
    stale = instdir / "lib" / "report_desktop" / "stale_module_from_old_version.py"
    stale.write_text("raise RuntimeError('old file survived the upgrade')\n")
    store_before = installed["store"].read_bytes()
    rc, out = wine.run(installer_exe, "/S", timeout=SETUP_TIMEOUT)
    wine.settle()
    assert not stale.exists(), "old program files survived the upgrade"
    assert (instdir / "lib" / "report_desktop" / "smoke.py").exists(), f"reinstall failed (exit {rc})"
    assert installed["store"].read_bytes() == store_before, "the upgrade touched the user's data"
    assert _reg_values(wine, UNINST_KEY)["InstallLocation"] == installed["win_instdir"]


def test_uninstall_removes_program_keeps_data(installed, wine):
    values = _reg_values(wine, UNINST_KEY)
    quiet = values["QuietUninstallString"]                 # run exactly what Windows would run
    exe, args = re.fullmatch(r'"([^"]+)"\s*(.*)', quiet).groups()
    t = time.perf_counter()
    wine.run(exe, *args.split(), timeout=SETUP_TIMEOUT)
    instdir = installed["instdir"]
    deadline = time.monotonic() + 120                       # the uninstaller reruns itself from %TEMP%
    while instdir.exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    wine.settle()
    RESULTS["silent uninstall"] = f"{time.perf_counter() - t:.1f} s"
    left = sorted(str(p.relative_to(instdir)) for p in instdir.rglob("*")) if instdir.exists() else []
    assert not instdir.exists(), f"left behind: {left[:20]}"
    start_menu = wine.user_dir / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert not (start_menu / f"{APP_NAME}.lnk").exists()
    assert not (wine.user_dir / "Desktop" / f"{APP_NAME}.lnk").exists()
    assert _reg_values(wine, UNINST_KEY) is None, "uninstall key left in HKCU"

    store = installed["store"]
    assert store.exists(), "uninstall deleted the user's data"
    from report_desktop.core.store import Store
    with Store(store, auto_backup=False) as s:
        assert [(r.unit, r.year) for r in s.list_reports()] == [("朔州市人民政府办公室", 2024)]
