"""Every command of the window is declared once, where it is handled (qutebrowser's pattern):
``@command`` on the handling method registers its menu text, shortcut, tip, place in a menu
and on the tool bar, and when it is enabled.  menus.py builds the menus and the tool bar
from this registry, the workspace binds each command to the part of the window that owns
its method (``bind``), and window_keys.py reads which keys are the window's.

Adding a command is the decorated method, nothing else: its module must be one the
workspace imports, and its class one of the workspace's parts (a test checks both).
"""
from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

Handler = TypeVar("Handler", bound=Callable)


class Needs(enum.Flag):
    """When a command is enabled (all of these must hold; none: always)."""
    NOTHING = 0
    REPORT = enum.auto()        # a report is open
    NOT_WRITING = enum.auto()   # no export is being written (exports wait for each other)
    NOT_READING = enum.auto()   # no import is being read (one at a time)
    UNDO_STEP = enum.auto()     # the report's history has an edit to undo (the undo group says)
    REDO_STEP = enum.auto()     # … to redo


HISTORY = Needs.UNDO_STEP | Needs.REDO_STEP   # enabled and labelled by the undo group


@dataclass(frozen=True)
class Tool:
    """A place on the tool bar: groups are separated, ``levels`` (report levels, official
    LEVELS keys) limit the button to those reports; the menu item stays for all."""
    label: str
    group: int
    order: int
    levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Command:
    key: str
    text: str                  # the menu item, with its &-mnemonic
    menu: tuple[str, int, int]  # (frame.MENU_TITLES key, group, order): groups are separated
    owner: str                 # module.Class of the handling method
    method: str
    keys: tuple[str, ...] = ()  # QKeySequence.StandardKey names or key strings
    tip: str = ""
    tool: Tool | None = None
    needs: Needs = Needs.NOTHING
    typed_first: bool = False  # commit what is being typed in a grid first (修改: not at all)
    field_key: bool = False    # a text field keeps the key for itself (window_keys.py)


COMMANDS: dict[str, Command] = {}


def command(key: str, text: str, menu: tuple[str, int, int], *, keys: tuple[str, ...] = (),
            tip: str = "", tool: Tool | None = None, needs: Needs = Needs.NOTHING,
            typed_first: bool = False, field_key: bool = False) -> Callable[[Handler], Handler]:
    """Register the decorated method as the window command ``key`` (orders leave gaps of
    10, so a new item goes between two without renumbering)."""
    def register(method: Handler) -> Handler:
        owner, _, name = method.__qualname__.rpartition(".")
        spec = Command(key, text, menu, f"{method.__module__}.{owner}", name, keys, tip, tool,
                       needs, typed_first, field_key)
        old = COMMANDS.get(key)
        if old is not None and (old.owner, old.method) != (spec.owner, spec.method):
            raise ValueError(f"command {key!r} declared twice: {old.owner}.{old.method} "
                             f"and {spec.owner}.{spec.method}")
        COMMANDS[key] = spec
        return method
    return register


def _laid_out(places: list[tuple[int, int, Command]]) -> list[Command | None]:
    """Commands by (group, order), None (a separator) between groups."""
    out: list[Command | None] = []
    group = None
    for g, _order, spec in sorted(places, key=lambda p: p[:2]):
        if group is not None and g != group:
            out.append(None)
        group = g
        out.append(spec)
    return out


def menu_items(menu: str) -> list[Command | None]:
    return _laid_out([(c.menu[1], c.menu[2], c) for c in COMMANDS.values() if c.menu[0] == menu])


def toolbar_items() -> list[Command | None]:
    return _laid_out([(c.tool.group, c.tool.order, c) for c in COMMANDS.values() if c.tool])


def owner_of(part: object) -> str:
    cls = type(part)
    return f"{cls.__module__}.{cls.__qualname__}"


def bind(parts: Iterable[object], commit_typing: Callable[[], bool]) -> dict[str, Callable[[], None]]:
    """key → what triggering the command runs: its method on the part that owns it, looked
    up when triggered.  ``commit_typing()``: commit open grid editors, False to hold back."""
    owners = {owner_of(p): p for p in parts}
    homeless = sorted(f"{c.key} ({c.owner})" for c in COMMANDS.values() if c.owner not in owners)
    if homeless:
        raise LookupError(f"commands whose class is not a part of the window: {homeless}")

    def runner(spec: Command) -> Callable[[], None]:
        part = owners[spec.owner]

        def run() -> None:
            if not spec.typed_first or commit_typing():
                getattr(part, spec.method)()
        return run
    return {key: runner(spec) for key, spec in COMMANDS.items()}


def enabled(spec: Command, have: Needs) -> bool | None:
    """Whether ``spec`` is enabled when ``have`` holds; None: not ours to say (always
    enabled, or the undo group decides)."""
    if not spec.needs or spec.needs & HISTORY:
        return None
    return spec.needs in have
