"""Starting the window: ``run(db_path)`` is what ``report-desktop`` calls with no verb.

Only what the first frame needs is imported here; see startup.py for the order of things.
"""
from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ..services.holder import Claim

from .. import APP_NAME, __version__
from . import theme
from .startup import EXIT_NO_STORE, Startup  # noqa: F401 - EXIT_NO_STORE is run()'s too

ICON = Path(__file__).resolve().parents[1] / "resources" / "report-desktop.png"

ORGANIZATION = "report-desktop"
EXIT_OK = 0
# Qt's own words (OK/Cancel, the editors' context menus, file dialogs) from the PySide6
# installation; the installer stages this file (installer/stage.py QT_TRANSLATIONS).
QT_CATALOG = "qtbase_zh_CN"


def install_chinese(app: QApplication) -> bool:
    """Chinese for Qt's own texts and for dates (calendar day names), whatever the system
    locale: the program speaks only Chinese.  True when Qt's catalogue was found."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    QLocale.setDefault(QLocale("zh_CN"))
    if app.property("qt_zh_loaded"):
        return True
    translator = QTranslator(app)       # parented: lives as long as the application
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QT_CATALOG, folder):
        return False                    # English buttons beat no start at all
    app.installTranslator(translator)
    from .qt_words import MissingWords
    app.installTranslator(MissingWords(app))     # searched first: what the catalogue lacks
    app.setProperty("qt_zh_loaded", True)
    return True


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
    install_chinese(app)
    if app.windowIcon().isNull():
        from PySide6.QtGui import QIcon
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def run(db_path: str | Path | None = None) -> int:
    """Open the window on the store at ``db_path`` (default: the user data folder)."""
    gc.disable()        # start-up makes many objects and frees few: no collections until ready
    from .earlyinit import check, refuse
    problem = check()                  # before any Qt object that lives: see earlyinit
    if problem:
        return refuse(problem)
    claim: Claim | None = None
    if db_path is None or str(db_path).strip():       # "" is refused by Startup, not held
        from .single import acquire
        got = acquire(db_path)         # one window per data file: see single.py
        if isinstance(got, int):
            gc.enable()
            return got
        claim = got
    app = application()
    from .logs import CrashHandler
    handler = CrashHandler(None)       # the log file is opened once the window is ready
    handler.opens_log = True
    handler.install()
    start = Startup(db_path, handler, door=claim is not None)
    start.window.ready.connect(_collect_later)
    start.show()
    try:
        code = app.exec()
        return start.exit_code if start.exit_code is not None else code
    finally:
        sys.excepthook = sys.__excepthook__
        start.close()                  # the store first, then the data file is let go
        if claim is not None:
            claim.release()
        gc.enable()


def _collect_later() -> None:
    """Once the window is ready: what start-up made stays (gc.freeze keeps later collections
    from scanning it again while the clerk types), and collection resumes."""
    gc.freeze()
    gc.enable()
