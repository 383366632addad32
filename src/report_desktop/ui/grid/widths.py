"""Column widths that fit, from the font in use (so they follow scaling and DPI).

Label columns are as wide as their longest label needs (a label beyond ``LABEL_MAX_EM``
wraps, as in the official table; a tall merged label such as 三、本年度办理结果 is three
characters wide, as printed); number columns hold 9 digits.  The table is packed: at a
wide window the numbers stay next to their labels instead of stretching away.  When the
grid is narrower than that, the widest label column gives way first (down to
``LABEL_MIN_EM``); past that the numbers scroll under the frozen labels.
"""
from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from ...core.table_slots import GridSpec
from ...core.values import MAX_DIGITS

LABEL_MAX_EM = 24
LABEL_MIN_EM = 9
TALL_LABEL_ROWS = 10      # a label merged over this many rows is printed three characters wide
PAD = 14                  # cell padding and grid line


def natural_widths(spec: GridSpec, fm: QFontMetrics, label_cols: int) -> list[int]:
    em = fm.horizontalAdvance("中")
    number = max(fm.horizontalAdvance("9" * MAX_DIGITS) + PAD, 3 * em + PAD)
    widths = [number] * spec.n_cols
    for c in range(label_cols):
        need = 2 * em
        for r in range(spec.n_rows):
            slot = spec.slot(r, c)
            if slot is None or slot.cols != 1 or not slot.text:
                continue
            if slot.rows >= TALL_LABEL_ROWS:
                need = max(need, 3 * em + PAD)
            else:
                need = max(need, min(fm.horizontalAdvance(slot.text), LABEL_MAX_EM * em) + PAD)
        widths[c] = need
    return widths


def fitted_widths(natural: list[int], label_cols: int, available: int, em: int) -> list[int]:
    """``natural`` squeezed toward ``available``: only the widest label column gives way."""
    widths = list(natural)
    excess = sum(widths) - available
    if excess <= 0 or label_cols == 0:
        return widths
    widest = max(range(label_cols), key=lambda c: widths[c])
    floor = min(widths[widest], LABEL_MIN_EM * em + PAD)      # never wider than it needs
    widths[widest] = max(floor, widths[widest] - excess)
    return widths
