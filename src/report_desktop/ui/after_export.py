"""After a file is written: offer to open it or its folder; where the save dialog starts.

The question goes through the window's Prompts (tests script the answer); the file or folder
is opened by QDesktopServices, i.e. by the program Windows has for it (Word, Explorer).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

OPEN_FILE, OPEN_FOLDER, OTHER_FONTS = "file", "folder", "offer"   # answers of Prompts.exported
OTHER_FONTS_BUTTON = "改用其他字体…"


def first_folder() -> Path:
    """Where the first save dialog starts: the clerk's 桌面, else 文档, else the home folder."""
    for where in (QStandardPaths.StandardLocation.DesktopLocation,
                  QStandardPaths.StandardLocation.DocumentsLocation):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def offer_to_open(prompts, path: Path, note: str = "", draft: str | None = None,
                  fonts_note: str = "") -> str | None:
    """Tell the clerk the file is written; open it or its folder if asked.  The answer.

    ``fonts_note``: which fonts of the Word file this machine lacks; the box then also
    offers 改用其他字体… (answer OTHER_FONTS, handled by the caller)."""
    text = f"已导出“{path.name}”{note}。"
    if draft:
        text += f"\n这是草稿（{draft}），页眉有“草稿”字样。"
    if fonts_note:
        text += f"\n{fonts_note}"
    answer = prompts.exported("导出完成", text, f"保存位置：{path.parent}",
                              offer=OTHER_FONTS_BUTTON if fonts_note else None)
    if answer == OPEN_FILE:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif answer == OPEN_FOLDER:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
    return answer
