"""Render .docx files with LibreOffice and read back where every word landed (pdftotext -bbox).

The Chinese 公文 fonts are stood in for by Noto CJK (tests/data/fontconfig/fonts.conf).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

FONTS_CONF = Path(__file__).parent / "data" / "fontconfig" / "fonts.conf"
MM = 72 / 25.4   # points per millimetre


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is required in CI")
        pytest.skip(f"{tool} not installed")
    return path


def to_pdf(docs: list[Path], workdir: Path) -> list[Path]:
    """Convert all ``docs`` in one LibreOffice run; the PDFs, in the same order."""
    out = workdir / "pdf"
    out.mkdir(exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    res = subprocess.run(
        [need("soffice"), f"-env:UserInstallation=file://{workdir}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, docs)],
        capture_output=True, text=True, timeout=600, env=env)
    pdfs = [out / (d.stem + ".pdf") for d in docs]
    missing = [p.name for p in pdfs if not p.exists()]
    assert res.returncode == 0 and not missing, (missing, res.stdout + res.stderr)
    return pdfs


@dataclass(frozen=True)
class Word:
    page: int          # 1-based
    x0: float          # points from the page's left edge
    y0: float          # points from the page's top edge
    x1: float
    y1: float
    text: str


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r'(.*?)</word>')


def words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its page and box."""
    xml = subprocess.run([need("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for page, chunk in enumerate(xml.split("<page ")[1:], start=1):
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            text = (m.group(5).replace("&lt;", "<").replace("&gt;", ">")
                    .replace("&quot;", '"').replace("&amp;", "&"))
            out.append(Word(page, x0, y0, x1, y1, text))
    return out


def lines(ws: list[Word], page: int, top: float = 0, bottom: float = 1e9) -> list[list[Word]]:
    """The words of ``page`` between ``top`` and ``bottom`` grouped into lines (same y)."""
    rows: dict[float, list[Word]] = {}
    for w in ws:
        if w.page == page and top <= w.y0 < bottom:
            key = next((k for k in rows if abs(k - w.y0) < 2), w.y0)
            rows.setdefault(key, []).append(w)
    return [sorted(rows[k], key=lambda w: w.x0) for k in sorted(rows)]


def column_pages(ws: list[Word], text: str, x_from: float, x_to: float) -> set[int]:
    """The pages over which ``text`` runs in a table column (words starting between
    ``x_from`` and ``x_to``, read top to bottom, page after page); empty if not found."""
    col = sorted((w for w in ws if x_from - 0.5 <= w.x0 < x_to), key=lambda w: (w.page, w.y0, w.x0))
    stream, owner = "", []
    for w in col:
        stream += w.text
        owner += [w.page] * len(w.text)
    at = stream.find(text)
    return set(owner[at:at + len(text)]) if at >= 0 else set()
