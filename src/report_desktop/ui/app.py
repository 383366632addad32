"""Starting the window: ``run(db_path)`` is what ``report-desktop`` calls with no verb."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

# The Qt-free core first: PySide6 inspects the source of every module imported after it.
from ..core import rules as _rules, schema as _schema  # noqa: F401
from ..core import store as _store  # noqa: F401

from PySide6.QtWidgets import QApplication  # noqa: E402

from .. import APP_NAME, __version__  # noqa: E402
from . import theme  # noqa: E402

log = logging.getLogger(__name__)

ORGANIZATION = "report-desktop"
EXIT_OK, EXIT_NO_STORE = 0, 2


def application() -> QApplication:
    """The QApplication, created once with the program's names, font and style."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(ORGANIZATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setFont(theme.ui_font())
    return app


def run(db_path: str | Path | None = None) -> int:
    """Open the window on the store at ``db_path`` (default: the user data folder)."""
    app = application()
    from .logs import CrashHandler, setup_logging
    try:
        log_path = setup_logging()
    except OSError:
        log_path = None
    handler = CrashHandler(log_path)
    handler.install()

    from ..core.store import default_path
    from .dialogs.damaged import open_store
    requested = Path(db_path) if db_path else default_path()
    store = open_store(requested)
    if store is None:
        return EXIT_NO_STORE
    from .main_window import MainWindow
    window = MainWindow(store)
    handler.flush = window.flush
    window.show()
    if store.path != requested:
        window.status(f"原数据文件已损坏，现在使用的是“{store.path}”。", refusal=True)
    try:
        return app.exec()
    finally:
        sys.excepthook = sys.__excepthook__
        store.close()
