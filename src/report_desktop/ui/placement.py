"""Where the main window opens: its saved place fitted to the screen it opens on.

``fit`` is pure (rectangles in, a rectangle and "maximise?" out) so every screen can be
tested without one; ``WindowFrame`` applies it.  Rectangles are (x, y, width, height) of
the client area in device-independent pixels, as Qt's ``geometry()`` and a screen's
``availableGeometry()`` give them.

- A first start fills a small screen (maximised) and opens a large window, centred, on a
  large one.  Small is what 1366×768 leaves: 表二 needs the whole height there.
- A saved place is kept where it fits the screen it opens on now: never smaller than the
  layout needs (a 640×480 window squeezes 基本信息's rows together), never past the
  available area (title bar and status bar on screen), moved onto the screen when it was
  on one that is gone.  A saved window larger than this screen is opened maximised.
"""
from __future__ import annotations

from typing import NamedTuple

# The client area a usable window needs: 表二 whole beside the findings panel.
NEEDED = (1000, 720)
# A first start on a large screen: room for a table and a text side by side, no more.
PREFERRED = (1440, 900)
# Largest available area still called small: a first start there is maximised.
SMALL = (1366, 768)
# The window frame the platform adds around the client area (title bar above); the
# client area is kept this far inside the available area so that the frame fits too.
FRAME_TOP, FRAME_SIDE = 32, 8


class Rect(NamedTuple):
    x: int
    y: int
    w: int
    h: int


class Placement(NamedTuple):
    rect: Rect          # the normal (not maximised) client geometry
    maximised: bool


def _room(available: Rect) -> Rect:
    """The part of ``available`` a client area may use, its frame included."""
    return Rect(available.x + FRAME_SIDE, available.y + FRAME_TOP,
                max(1, available.w - 2 * FRAME_SIDE), max(1, available.h - FRAME_TOP - FRAME_SIDE))


def _centred(w: int, h: int, room: Rect) -> Rect:
    return Rect(room.x + (room.w - w) // 2, room.y + (room.h - h) // 2, w, h)


def is_small(available: Rect) -> bool:
    return available.w <= SMALL[0] or available.h <= SMALL[1]


def first_start(available: Rect) -> Placement:
    room = _room(available)
    w, h = min(PREFERRED[0], room.w), min(PREFERRED[1], room.h)
    return Placement(_centred(w, h, room), is_small(available))


def fit(saved: Rect | None, was_maximised: bool, available: Rect) -> Placement:
    """The place to open at on a screen whose available area is ``available``."""
    if saved is None or saved.w <= 0 or saved.h <= 0:
        return first_start(available)
    room = _room(available)
    need_w, need_h = min(NEEDED[0], room.w), min(NEEDED[1], room.h)
    too_big = saved.w > room.w or saved.h > room.h
    w = min(max(saved.w, need_w), room.w)
    h = min(max(saved.h, need_h), room.h)
    # Keep the saved position where the whole window still fits; else slide it back in.
    x = min(max(saved.x, room.x), room.x + room.w - w)
    y = min(max(saved.y, room.y), room.y + room.h - h)
    # Maximised as before, or because what was saved (or what the layout needs) does not
    # fit this screen: a maximised window is the largest that shows all of itself.
    maximised = was_maximised or too_big or need_w < NEEDED[0] or need_h < NEEDED[1]
    if maximised and not was_maximised:
        x, y, w, h = first_start(available).rect     # the place to return to from maximised
    return Placement(Rect(x, y, w, h), maximised)
