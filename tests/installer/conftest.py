"""Set-up for the Windows-installer test: the build, a virtual display, a fresh Wine prefix.

The installer tests (marker ``installer``) run only when asked for — ``pytest -m installer``
or ``REPORT_DESKTOP_INSTALLER_TEST=1`` — because they build the installer and run Wine
(about two minutes).  Missing tools skip them on a developer's machine and fail them
when ``CI`` is set.  Tools: ``installer/ci-install-tools.sh``.

Wine is kept away from the real machine: HOME and WINEPREFIX are a scratch folder (Wine
links the prefix's Desktop/Documents to HOME), winemenubuilder and winedbg are disabled,
every Wine call has a timeout after which the prefix's processes are killed and the test
fails.  Wine's Windows version is set to Windows 10 (Wine 8 reports 6.1 by default).
Test-only stand-in DLLs make Wine 8.0 look like Windows 10 where Qt 6 needs it (icuuc.dll;
mscms.dll too if the staged Qt imports it — see docs/wine-testing.md §3–4); they are
compiled here with mingw-w64 into the prefix's system32 and never enter the installer.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
OUT = ROOT / "build" / "installer-test"           # screenshot, logs, results.json
TOOLS = ("makensis", "wine", "wineserver", "Xvfb", "script", "x86_64-w64-mingw32-gcc", "import")
STUB_MARKER = "REPORT-DESKTOP WINE TEST STUB - NEVER SHIP"
RESULTS: dict[str, object] = {}

sys.path.insert(0, str(INSTALLER))
import pe_imports  # noqa: E402


def _requested(config) -> bool:
    return ("installer" in (config.getoption("-m") or "")
            or os.environ.get("REPORT_DESKTOP_INSTALLER_TEST") == "1")


def pytest_collection_modifyitems(config, items):
    if _requested(config):
        return
    skip = pytest.mark.skip(reason="Windows installer test: run with `pytest -m installer`")
    for item in items:
        if item.get_closest_marker("installer") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    terminalreporter.section("Windows installer")
    for key, value in RESULTS.items():
        terminalreporter.write_line(f"{key}: {value}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(RESULTS, ensure_ascii=False, indent=1), encoding="utf-8")


def _missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


@pytest.fixture(scope="session")
def tools():
    missing = _missing_tools()
    if missing:
        message = f"tools missing: {', '.join(missing)} (installer/ci-install-tools.sh installs them)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def installer_exe(tools) -> Path:
    """Build the installer once (zlib unless REPORT_DESKTOP_TEST_COMPRESSION=lzma).

    REPORT_DESKTOP_TEST_SETUP=dist/….exe tests that file instead (the release artifact, say);
    it must come from the last build, whose stage (build/installer/stage) the tests also read.
    """
    given = os.environ.get("REPORT_DESKTOP_TEST_SETUP")
    if given:
        exe = Path(given).resolve()
        assert exe.is_file(), f"REPORT_DESKTOP_TEST_SETUP={given}: no such file"
        RESULTS["setup.exe"] = f"{exe} (given), {exe.stat().st_size / 1e6:.1f} MB"
        return exe
    dist = OUT / "dist"
    if dist.exists():
        shutil.rmtree(dist)
    compression = os.environ.get("REPORT_DESKTOP_TEST_COMPRESSION", "zlib")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, str(INSTALLER / "build.py"), "--compression", compression,
                           "--dist", str(dist)], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=900)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "build.log").write_text(done.stdout, encoding="utf-8")
    assert done.returncode == 0, f"installer/build.py failed:\n{done.stdout[-4000:]}"
    exes = list(dist.glob("report-desktop-*-win64-setup.exe"))
    assert len(exes) == 1, f"expected one setup.exe in {dist}: {exes}"
    RESULTS[f"build ({compression})"] = f"{time.perf_counter() - t:.1f} s"
    RESULTS["setup.exe"] = f"{exes[0].name}, {exes[0].stat().st_size / 1e6:.1f} MB"
    return exes[0]


@pytest.fixture(scope="session")
def stage_dir(installer_exe) -> Path:
    return ROOT / "build" / "installer" / "stage"


class Display:
    def __init__(self) -> None:
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                                      "-nolisten", "tcp"], pass_fds=[write_fd],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        number = b""
        deadline = time.monotonic() + 30
        with os.fdopen(read_fd, "rb") as pipe:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            self.stop()
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number.decode().strip()}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Wine:
    """One scratch Wine prefix; every call has a timeout; a hang kills the prefix's processes and fails."""

    def __init__(self, root: Path, display: str) -> None:
        self.root = root
        self.prefix = root / "prefix"
        self.home = root / "home"
        self.home.mkdir(parents=True)
        self.env = dict(os.environ, WINEPREFIX=str(self.prefix), HOME=str(self.home),
                        WINEARCH="win64", WINEDEBUG="-all", DISPLAY=display,
                        WINEDLLOVERRIDES="mscoree,mshtml=;winedbg.exe=d;winemenubuilder.exe=d;mscms=n,b")
        self.env.pop("QT_QPA_PLATFORM", None)            # the tests' conftest sets offscreen
        self.log = OUT / "wine.log"

    def _cmd(self, args, pty: bool) -> list[str]:
        cmd = ["wine", *map(str, args)]
        # Python under Wine needs a terminal for its standard streams (docs/wine-testing.md §2).
        return ["script", "-qec", shlex.join(cmd), "/dev/null"] if pty else cmd

    def start(self, *args, pty: bool = False, env: dict | None = None) -> subprocess.Popen:
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"\n$ wine {' '.join(map(str, args))}\n")
        return subprocess.Popen(self._cmd(args, pty), env={**self.env, **(env or {})},
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self, proc: subprocess.Popen, timeout: float, what: str) -> tuple[int, str]:
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(proc)
            pytest.fail(f"{what}: no end after {timeout:.0f} s (Wine hang?) — killed")
        text = out.decode("utf-8", "replace")
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(text + f"\n(exit {proc.returncode})\n")
        return proc.returncode, text

    def run(self, *args, timeout: float, pty: bool = False, env: dict | None = None) -> tuple[int, str]:
        return self.wait(self.start(*args, pty=pty, env=env), timeout, f"wine {args[0]}")

    def kill(self, proc: subprocess.Popen) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(10)
        self.stop_server()

    def stop_server(self) -> None:
        try:
            subprocess.run(["wineserver", "-k"], env=self.env, timeout=30,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass

    def settle(self, timeout: float = 30) -> None:
        """Wait until this prefix's wineserver has exited (so files and registry are written)."""
        try:
            subprocess.run(["wineserver", "-w"], env=self.env, timeout=timeout,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            self.stop_server()

    # paths -------------------------------------------------------------------------
    @property
    def user_dir(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir()
                 if p.is_dir() and p.name != "Public"]
        assert len(users) == 1, users
        return users[0]

    def linux(self, windows_path: str) -> Path:
        assert windows_path[:3].upper() == "C:\\", windows_path
        return self.prefix / "drive_c" / Path(*windows_path[3:].split("\\"))

    def windows(self, linux_path: Path) -> str:
        rel = Path(linux_path).relative_to(self.prefix / "drive_c")
        return "C:\\" + "\\".join(rel.parts)


def _stub_source(functions: list[str], special: dict[str, str]) -> str:
    lines = ["/* Wine-only test stand-in generated by tests/installer/conftest.py: never ship. */",
             f'__declspec(dllexport) const char report_desktop_stub_marker[] = "{STUB_MARKER}";']
    for name in functions:
        lines.append(special.get(name, f"__declspec(dllexport) void *{name}(void) {{ return 0; }}"))
    return "\n".join(lines) + "\n"


# Windows-10 DLLs Wine 8.0 lacks or leaves unimplemented, which the staged Qt may import, with
# the exports that must fail in a particular way (others: return 0).
STUBBED = {
    "icuuc.dll": {"ucnv_open": "__declspec(dllexport) void *ucnv_open(const char *n, int *err)"
                               " { if (err) *err = 4; return 0; }"},   # failure via UErrorCode, or Qt trusts the NULL
    "mscms.dll": {},     # qwindows.dll of Qt 6.12 (WcsCreateIccProfile); not imported by 6.11
}


def build_stubs(stage: Path, out: Path) -> list[Path]:
    """A stub for each STUBBED DLL that a staged file imports, exporting exactly what they import, all failing."""
    wanted: dict[str, set[str]] = {}
    for pe in stage.rglob("*"):
        if pe.suffix.lower() in (".dll", ".pyd", ".exe") and pe.is_file():
            for dll in pe_imports.imports(pe):
                if dll.lower() in STUBBED:
                    wanted.setdefault(dll.lower(), set()).update(pe_imports.imported_functions(pe, dll))
    assert "icuuc.dll" in wanted, "staged Qt imports nothing from icuuc.dll: stub not needed any more?"
    out.mkdir(parents=True, exist_ok=True)
    dlls = []
    for dll, functions in sorted(wanted.items()):
        src = out / dll.replace(".dll", ".c")
        src.write_text(_stub_source(sorted(functions), STUBBED[dll]), encoding="utf-8")
        subprocess.run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", str(out / dll), str(src)],
                       check=True, timeout=120)
        dlls.append(out / dll)
    return dlls


@pytest.fixture(scope="session")
def wine(installer_exe, stage_dir):
    """A fresh 64-bit prefix on its own Xvfb display, with the two stubs in system32."""
    display = Display()
    root = Path(tempfile.mkdtemp(prefix="report-desktop-wine-"))
    w = Wine(root, display.name)
    OUT.mkdir(parents=True, exist_ok=True)
    w.log.write_text("", encoding="utf-8")
    try:
        t = time.perf_counter()
        w.run("wineboot", "-i", timeout=300)
        w.settle(60)
        assert (w.prefix / "drive_c" / "windows" / "system32").is_dir(), "wineboot made no prefix"
        # Wine 8 reports Windows 7 (6.1) by default; the program supports Windows 10/11 only.
        w.run("reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/d", "win10", "/f", timeout=60)
        w.settle(60)
        rc, out = w.run("reg", "query", r"HKCU\Software\Wine", "/v", "Version", timeout=60)
        assert rc == 0 and "win10" in out, f"Wine's Windows version not set:\n{out}"
        RESULTS["wine prefix"] = f"{time.perf_counter() - t:.1f} s (Windows version: win10)"
        system32 = w.prefix / "drive_c" / "windows" / "system32"
        w.stubs = build_stubs(stage_dir, root / "stubs")
        for dll in w.stubs:
            shutil.copy2(dll, system32 / dll.name)
        yield w
    finally:
        w.stop_server()
        display.stop()
        shutil.rmtree(root, ignore_errors=True)
