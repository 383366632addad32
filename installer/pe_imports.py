"""Which DLLs a Windows PE file (.exe, .dll, .pyd) imports — read on any OS.

The build uses it to keep exactly the Qt DLLs that the kept Python modules and plugins
need (and to prove that nothing needed is missing); the installer test uses it to show
that the bundle asks Windows only for system DLLs.  Only the two import tables are read
(normal and delay-load); no third-party parser is needed.
"""
from __future__ import annotations

import struct
from pathlib import Path

_IMPORT_DIR, _DELAY_IMPORT_DIR = 1, 13


class NotPE(ValueError):
    pass


def _sections(data: bytes, pe: int, n_sections: int, opt_size: int) -> list[tuple[int, int, int]]:
    first = pe + 24 + opt_size
    out = []
    for i in range(n_sections):
        off = first + 40 * i
        vsize, vaddr, raw_size, raw_ptr = struct.unpack_from("<IIII", data, off + 8)
        out.append((vaddr, max(vsize, raw_size), raw_ptr))
    return out


def _reader(data: bytes, sections):
    def offset(rva: int) -> int:
        for vaddr, size, raw in sections:
            if vaddr <= rva < vaddr + size:
                return rva - vaddr + raw
        raise NotPE(f"RVA {rva:#x} outside every section")

    def cstring(rva: int) -> str:
        start = offset(rva)
        end = data.index(b"\0", start)
        return data[start:end].decode("ascii", "replace")

    return offset, cstring


def _parse(path: str | Path) -> list[tuple[str, list[str]]]:
    """[(dll name, [imported function names or '#ordinal'])], normal then delay-load imports."""
    data = Path(path).read_bytes()
    if data[:2] != b"MZ":
        raise NotPE(f"{path}: no MZ header")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise NotPE(f"{path}: no PE signature")
    n_sections, = struct.unpack_from("<H", data, pe + 6)
    opt_size, = struct.unpack_from("<H", data, pe + 20)
    opt = pe + 24
    magic, = struct.unpack_from("<H", data, opt)
    pe64 = magic == 0x20B
    dirs = opt + (112 if pe64 else 96)                  # PE32+ / PE32
    n_dirs, = struct.unpack_from("<I", data, dirs - 4)
    offset, cstring = _reader(data, _sections(data, pe, n_sections, opt_size))
    thunk_size, thunk_fmt, ordinal_flag = (8, "<Q", 1 << 63) if pe64 else (4, "<I", 1 << 31)
    out: list[tuple[str, list[str]]] = []

    def directory(index: int) -> int:
        if index >= n_dirs:
            return 0
        rva, _size = struct.unpack_from("<II", data, dirs + 8 * index)
        return rva

    def functions(table_rva: int) -> list[str]:
        names = []
        if not table_rva:
            return names
        pos = offset(table_rva)
        while True:
            entry, = struct.unpack_from(thunk_fmt, data, pos)
            if not entry:
                return names
            names.append(f"#{entry & 0xFFFF}" if entry & ordinal_flag else cstring(entry + 2))
            pos += thunk_size

    rva = directory(_IMPORT_DIR)
    if rva:
        pos = offset(rva)
        while True:                          # IMAGE_IMPORT_DESCRIPTOR, 20 bytes
            lookup, _, _, name_rva, iat = struct.unpack_from("<IIIII", data, pos)
            if not name_rva:
                break
            out.append((cstring(name_rva), functions(lookup or iat)))
            pos += 20
    rva = directory(_DELAY_IMPORT_DIR)
    if rva:
        pos = offset(rva)
        while True:                          # IMAGE_DELAYLOAD_DESCRIPTOR, 32 bytes
            _attrs, name_rva, _mod, _iat, int_rva = struct.unpack_from("<IIIII", data, pos)
            if not name_rva:
                break
            out.append((cstring(name_rva), functions(int_rva)))
            pos += 32
    return out


def imports(path: str | Path) -> list[str]:
    """The DLL names a PE file imports (normal and delay-load), in file order, as written."""
    return [dll for dll, _ in _parse(path)]


def imported_functions(path: str | Path, dll: str) -> list[str]:
    """The functions a PE file imports from one DLL (case-insensitive name)."""
    return [f for name, funcs in _parse(path) if name.lower() == dll.lower() for f in funcs]


def machine(path: str | Path) -> str:
    """'amd64', 'i386' or the hex machine code of a PE file."""
    data = Path(path).read_bytes()[:4096]
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    code, = struct.unpack_from("<H", data, pe + 4)
    return {0x8664: "amd64", 0x14C: "i386", 0xAA64: "arm64"}.get(code, hex(code))


# DLLs every supported Windows (10/11 x64) provides.  Anything else a bundled file imports
# must be in the bundle.  Lower-case.
SYSTEM_DLLS = frozenset("""
advapi32.dll authz.dll bcrypt.dll cabinet.dll cfgmgr32.dll comctl32.dll comdlg32.dll
crypt32.dll d2d1.dll d3d11.dll d3d12.dll d3d9.dll d3dcompiler_47.dll dbghelp.dll dcomp.dll
dnsapi.dll dwmapi.dll dwrite.dll dxgi.dll gdi32.dll gdiplus.dll icu.dll icuin.dll icuuc.dll
imm32.dll iphlpapi.dll kernel32.dll mpr.dll mscms.dll msi.dll msimg32.dll msvcrt.dll ncrypt.dll
netapi32.dll normaliz.dll ntdll.dll ole32.dll oleacc.dll oleaut32.dll opengl32.dll powrprof.dll
propsys.dll psapi.dll rpcrt4.dll secur32.dll setupapi.dll shcore.dll shell32.dll shlwapi.dll
uiautomationcore.dll user32.dll userenv.dll usp10.dll uxtheme.dll version.dll winhttp.dll
wininet.dll winmm.dll winspool.drv wldap32.dll ws2_32.dll wtsapi32.dll
""".split())


def is_system(name: str) -> bool:
    low = name.lower()
    return low in SYSTEM_DLLS or low.startswith(("api-ms-win-", "ext-ms-"))
