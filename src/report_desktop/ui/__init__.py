"""The desktop window (PySide6).  A thin layer over ``report_desktop.core``: it adapts
core objects to Qt views and never computes rules or totals itself."""
