"""The QApplication: created once, with the program's names, icon, font, style and
Chinese for Qt's own words.  Its own module so that ui/single.py (the message box of a
second start) can make one without importing app.py, which imports single.py."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from . import theme

ICON = Path(__file__).resolve().parents[1] / "resources" / "report-desktop.png"

ORGANIZATION = "report-desktop"
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
