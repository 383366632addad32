"""The places a finding or an edit names besides a table cell (docs/interchange.md §Findings,
``cells``): a table cell is its schema cell id ("active.licensing"); a text section, a
report field and a register row carry their kind first ("text.overview", "meta.unit",
"register.application.3").  Built and taken apart here only.
"""
from __future__ import annotations

from enum import StrEnum


class Place(StrEnum):
    TEXT = "text"           # text.<section key> (schema.TEXTS)
    META = "meta"           # meta.<field>: unit, year, report_date, local_deadline, published_date
    REGISTER = "register"   # register.<kind>.<row>: a row of the 台账 (an edit's place)

    def at(self, *keys: object) -> str:
        """``Place.TEXT.at("overview")`` → "text.overview"."""
        return ".".join((self.value, *map(str, keys)))

    def key(self, place: str) -> str | None:
        """What follows the kind ("overview" of "text.overview"); None for another place."""
        head, dot, rest = place.partition(".")
        return rest if dot and head == self.value else None

    @classmethod
    def of(cls, place: str) -> Place | None:
        """The kind of ``place``; None for a table cell."""
        head = place.partition(".")[0]
        return cls(head) if head in cls._value2member_map_ else None
