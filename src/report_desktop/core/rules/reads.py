"""What a rule reads, and what an edit changed: the vocabulary of incremental validation.

A keystroke in 表三 changes a few cells; a keystroke in a text section changes one section.
Each rule declares the inputs it reads (``Reads``), an edit is described by what it
changed (``Changes``), and a rule is re-run only when the two meet (engine.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .. import schema

# The report's fields other than cells and texts that rules read.  ``deviations`` are the
# layout departures found on import (H8); ``register`` is the 台账 the tables came from (S11);
# ``calendar`` is not the report's but the working days answer deadlines are counted by (S17).
META_FIELDS = frozenset({"unit", "year", "report_date", "level", "local_deadline",
                         "published_date", "deviations", "register", "calendar"})
_CELLS = frozenset(schema.CELL_IDS)


@dataclass(frozen=True)
class Reads:
    """The inputs one rule reads.  ``texts=None`` means every text section."""
    cells: frozenset[str] = frozenset()
    texts: frozenset[str] | None = frozenset()
    meta: frozenset[str] = frozenset()
    previous: bool = False          # last year's report (the cross-year rules)

    def __post_init__(self) -> None:
        unknown = (self.meta - META_FIELDS) | (self.cells - _CELLS)
        if unknown:
            raise ValueError(f"a rule reads unknown inputs: {sorted(unknown)}")

    def touched_by(self, changed: "Changes") -> bool:
        if self.previous and changed.previous:
            return True
        if self.texts is None:
            if changed.texts:
                return True
        elif not self.texts.isdisjoint(changed.texts):
            return True
        return not (self.cells.isdisjoint(changed.cells) and self.meta.isdisjoint(changed.meta))


@dataclass(frozen=True)
class Changes:
    """What changed since the findings a validation starts from."""
    cells: frozenset[str] = frozenset()
    texts: frozenset[str] = frozenset()
    meta: frozenset[str] = frozenset()
    previous: bool = False          # last year's report replaced, added or removed

    def __bool__(self) -> bool:
        return bool(self.cells or self.texts or self.meta or self.previous)


def reads(cells: Iterable[str] = (), texts: Iterable[str] | None = (),
          meta: Iterable[str] = (), previous: bool = False) -> Reads:
    return Reads(frozenset(cells), None if texts is None else frozenset(texts),
                 frozenset(meta), previous)


def table(*table_ids: str) -> tuple[str, ...]:
    """Every cell of these tables (``active``, ``applications``, ``review_litigation``)."""
    return tuple(c for c in schema.CELL_IDS if schema.table_of(c) in table_ids)


def application_rows(*rows: str) -> tuple[str, ...]:
    """Every column of these 表三 rows."""
    return tuple(schema.application_cell(r, c.key) for r in rows for c in schema.APPLICATION_COLUMNS)
