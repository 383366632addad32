"""Fonts and colours shared by every widget, kept in one place."""
from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel

from ..core.severity import Severity

# Families tried in order: what Windows ships, then common Linux CJK fonts.
UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
               "WenQuanYi Micro Hei", "SimSun"]
UI_POINT_SIZE = 10
EDITOR_POINT_SIZE = 13

ERROR_BG = QColor("#f6cdc9")
WARNING_BG = QColor("#fbe6ad")
TOTAL_BG = QColor("#e6e6e6")
HEADER_BG = QColor("#eef2f7")
# A cell not filled yet: faint diagonal hatching (0 is "did not happen", blank is "not yet").
BLANK_HATCH = QColor("#c9d3df")
PARTIAL_FG = QColor("#8a8a8a")      # a total shown as the sum of the parts filled so far
ERROR_FG = QColor("#b3261e")
WARNING_FG = QColor("#8a5a00")
OK_FG = QColor("#2e7d32")
MUTED_FG = QColor("#666666")
NOTE_FG = QColor("#1d3f66")
# Calm panel behind a summary of results (the 汇总 dialog).
SUMMARY_STYLE = "background: #f6f8fb; border: 1px solid #d3dbe6; padding: 6px 10px;"
ERROR_TEXT_STYLE = f"color: {ERROR_FG.name()};"
MUTED_TEXT_STYLE = f"color: {MUTED_FG.name()};"
# Spell-checker style underlines of findings in the text editors.
ERROR_UNDERLINE = QColor("#d32f2f")
WARNING_UNDERLINE = QColor("#e39b00")
# A faint tint under very short marked spans (a lone "," is hard to see underlined).
WARNING_TINT = QColor("#fdf1cf")
ERROR_TINT = QColor("#fbe2df")

# Style sheets are set on the few widgets that need them, not on the application:
# an application-wide sheet makes Qt re-polish every widget and slows the start.
TABLE_STYLE = ("QTableView { gridline-color: #7f7f7f; selection-background-color: #cfe3f7;"
               " selection-color: black; } QTableView QLineEdit { border: none; padding: 0 4px; }")
BANNER_STYLE: dict[str, str] = {     # by core.severity.Severity
    Severity.ERROR: "background: #fbe2df; border: 1px solid #e6a39c; padding: 4px 8px; color: #7d1a14;",
    Severity.WARNING: "background: #fdf1cf; border: 1px solid #e4c36a; padding: 4px 8px; color: #5c4300;",
    Severity.NOTE: "background: #e8f1fb; border: 1px solid #a9c7ea; padding: 4px 8px; color: #1d3f66;",
}
HINT_FG = QColor("#555555")
# The report's tabs carry their state in the label: narrow padding keeps eight on 1024 px.
TAB_STYLE = ("QTabBar::tab { padding: 5px 5px; margin-right: 1px; background: #eef0f3;"
             " border: 1px solid #c8ccd2; border-bottom: none; }"
             " QTabBar::tab:selected { background: #ffffff; border-top: 2px solid #2f6db5; }"
             " QTabBar::tab:hover:!selected { background: #e2e8f0; }")


def severity_colour(errors: int, warnings: int) -> str:
    """The colour of a count of findings: red with errors, amber with warnings, else green."""
    return (ERROR_FG if errors else WARNING_FG if warnings else OK_FG).name()


def ui_font() -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSize(UI_POINT_SIZE)
    return font


def editor_font() -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSize(EDITOR_POINT_SIZE)
    return font


def heading_font() -> QFont:
    font = ui_font()
    font.setPointSize(UI_POINT_SIZE + 2)
    font.setBold(True)
    return font


def heading_label(text: str, parent=None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(heading_font())
    return label


def hint_label(text: str, parent=None) -> QLabel:
    from PySide6.QtGui import QPalette       # its enums are not needed for the first frame
    label = QLabel(text, parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, HINT_FG)
    label.setPalette(palette)
    return label
