"""The desktop window (PySide6).  A thin layer over ``report_desktop.core``: it adapts
core objects to Qt views and never computes rules or totals itself."""
from .qtfix import immortalize

immortalize()   # before any PySide6 call: see qtfix for the PySide6 6.12.0 bug
