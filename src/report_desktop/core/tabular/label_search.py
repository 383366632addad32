"""A table as a grid of cells, searched by label: shared by the Excel and Word importers.

A ``Grid`` is one worksheet or one group of Word tables: ``cells[(row, col)]`` holds what
the top-left cell of each (possibly merged) area holds; the positions a merge covers are
simply absent.  Labels are found by their folded ``labels.key``, never by address.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .labels import candidates, key

Pos = tuple[int, int]
MAX_LABEL_CHARS = 120   # longer text is prose, not a label


@dataclass
class Grid:
    name: str
    cells: dict[Pos, object]
    index: dict[str, list[Pos]] = field(default_factory=dict)
    taken: dict[Pos, str] = field(default_factory=dict)   # positions read into a cell id

    def __post_init__(self) -> None:
        for pos in sorted(self.cells):
            v = self.cells[pos]
            if isinstance(v, str) and 0 < len(v) <= MAX_LABEL_CHARS:
                self.index.setdefault(key(v), []).append(pos)

    def get(self, row: int, col: int) -> object:
        return self.cells.get((row, col))

    def find(self, k: str) -> list[Pos]:
        return self.index.get(k, [])

    def right_of(self, row: int, col: int, limit: int = 8) -> object:
        """The first non-blank value to the right of (row, col) on the same row."""
        for c in range(col + 1, col + 1 + limit):
            v = self.cells.get((row, c))
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return v
        return None


@dataclass(frozen=True)
class Hit:
    grid: Grid
    row: int
    col: int
    variant: str | None   # the variant text used instead of the official label


def find_label(grids: list[Grid], label: str,
               where: Callable[[Grid, int, int], bool] | None = None) -> list[Hit]:
    """Every place ``label`` (or one of its variants) stands; official spelling first.

    ``where(grid, row, col)`` restricts the search.  Variants are only looked for when the
    official label is nowhere to be found.
    """
    for k, variant in candidates(label):
        hits = [Hit(g, r, c, variant) for g in grids for r, c in g.find(k)
                if where is None or where(g, r, c)]
        if hits:
            return hits
    return []


def find_key(grids: list[Grid], k: str) -> list[Hit]:
    return [Hit(g, r, c, None) for g in grids for r, c in g.find(k)]
