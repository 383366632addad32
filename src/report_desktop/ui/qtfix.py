"""Work around a reference-count bug of PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 returns ``None`` (from every method returning void or a null pointer)
and ``True``/``False`` (from ``SignalInstance.emit`` and ``.disconnect``) without
taking a reference.  Each such call drops one reference to the singleton; after a few
thousand calls - minutes of normal editing - Python aborts with "Fatal Python error:
none_dealloc" (or bool_dealloc).  Python 3.12 made these singletons immortal, which
hides the bug there; ``immortalize`` does the same on 3.11 by giving them a reference
count that no number of lost references can bring to zero.
"""
from __future__ import annotations

import ctypes
import sys

_IMMORTAL = 1 << 60


def immortalize() -> bool:
    """Make None, True and False unkillable (CPython < 3.12 only); True if done."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt is the first field
        if refcount.value < _IMMORTAL:
            refcount.value += _IMMORTAL
    return True


def leaks_references() -> bool:
    """Whether the running PySide6 has the bug (for diagnostics and tests)."""
    from PySide6.QtWidgets import QLabel   # needs a QApplication
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(16):
        label.setText("")
    return sys.getrefcount(None) < before - 8
