"""Draw the program icon (a red seal-like square with white "年报") and write it as a
multi-size Windows .ico into resources/ (the installer's) and a 256-px .png into
src/report_desktop/resources/ (the window's).

Run by hand when the design changes (the result is committed; the build only copies it):

    QT_QPA_PLATFORM=offscreen python installer/make_icon.py

Needs PySide6 (the dev environment) and a CJK font (fonts-noto-cjk on Debian).  Sizes
16-48 are stored as 32-bit BMP images (what every Windows shell and NSIS read), 256 as PNG.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QGuiApplication, QImage,  # noqa: E402
                           QLinearGradient, QPainter, QPen)

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
FONT_CANDIDATES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                   "Microsoft YaHei", "Droid Sans Fallback")


def _cjk_family() -> str:
    families = set(QFontDatabase.families())
    for name in FONT_CANDIDATES:
        if name in families:
            return name
    raise SystemExit("no CJK font found (install fonts-noto-cjk)")


def draw(size: int, family: str) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = max(1.0, size / 32)
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    grad = QLinearGradient(rect.topLeft(), rect.bottomRight())
    grad.setColorAt(0, QColor("#D7261E"))
    grad.setColorAt(1, QColor("#A3140F"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(grad)
    radius = size * 0.18
    p.drawRoundedRect(rect, radius, radius)
    if size >= 40:                      # inner gold frame, like a seal
        inset = size * 0.08
        pen = QPen(QColor("#F6D47A"))
        pen.setWidthF(max(1.0, size / 40))
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius * 0.6, radius * 0.6)
    text = "年报" if size >= 32 else "报"
    font = QFont(family)
    font.setWeight(QFont.Weight.Black)
    font.setPixelSize(int(size * (0.40 if len(text) == 2 else 0.72)))
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return img


def _png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data)


def _bmp_entry(img: QImage) -> bytes:
    """A 32-bit BGRA DIB as stored in .ico: header with doubled height, bottom-up pixels, AND mask."""
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, 2 * h, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(h - 1, -1, -1):
        row = bytearray()
        for x in range(w):
            argb = img.pixel(x, y)
            row += struct.pack("<I", argb)            # little-endian ARGB == B, G, R, A
        rows.append(bytes(row))
    mask_row = ((w + 31) // 32) * 4
    mask = b"\0" * (mask_row * h)                     # alpha channel decides transparency
    return header + b"".join(rows) + mask


def write_ico(images: list[QImage], path: Path) -> None:
    blobs = [_png_bytes(i) if i.width() >= 256 else _bmp_entry(i) for i in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for img, blob in zip(images, blobs):
        dim = img.width() if img.width() < 256 else 0
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(out + b"".join(blobs))


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)   # noqa: F841
    family = _cjk_family()
    images = [draw(s, family) for s in SIZES]
    out = ROOT / "resources"
    out.mkdir(exist_ok=True)
    write_ico(images, out / "report-desktop.ico")
    # The window's own icon ships inside the package (report_desktop/resources).
    images[-1].save(str(ROOT / "src" / "report_desktop" / "resources" / "report-desktop.png"), "PNG")
    print(f"wrote {out / 'report-desktop.ico'} ({', '.join(map(str, SIZES))} px, font {family})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
