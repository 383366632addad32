"""Entry point of ``report-desktop`` (and ``python -m report_desktop``): the window,
quickly, or a command-line verb.

The one module above both the window (ui/) and the command line (cli/): opening the
window is the common case, so it imports nothing of the core or of the command line
before the window's frame is on screen; every other use goes through cli/commands.py,
which hands back to ``_gui`` for ``--smoke`` and for the window with options.
"""
from __future__ import annotations

import sys


def _window_only(argv: list[str]) -> tuple[bool, str | None]:
    """(True, db path or None) when the arguments ask only for the window."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db="):
        return True, argv[0].removeprefix("--db=")
    return False, None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    window, db = _window_only(argv)
    if window:
        from .ui.app import run
        return run(db)
    from .cli.commands import main as run_command
    return run_command(argv, gui=_gui)


def _gui(db: str | None, smoke: bool) -> int:
    """The window (or its self-test) asked for with options the fast path does not take."""
    if smoke:
        from .smoke import run as run_smoke
        return run_smoke(db)
    from .ui.app import run
    return run(db)


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
