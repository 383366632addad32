"""The places a finding or an edit names besides a table cell (docs/interchange.md §Findings,
``cells``): a table cell is its schema cell id ("active.licensing"); a text section, a
report field and a register row carry their kind first ("text.overview", "meta.unit",
"register.application.3").  Built and taken apart here only.
"""
from __future__ import annotations

from enum import StrEnum
from typing import cast


class Place(StrEnum):
    TEXT = "text"           # text.<section key> (schema.TEXTS)
    META = "meta"           # meta.<field>: unit, year, report_date, local_deadline, published_date
    REGISTER = "register"   # register.<kind>.<row>: a row of the 台账 (an edit's place)

    # These run for every finding on every keystroke (the panel, the tabs, the banners):
    # ``_value_`` and the member map are plain lookups, where ``.value`` and ``cls(…)`` go
    # through the enum machinery (≈1.5 ms a keystroke in 表三 with ~100 findings).
    def at(self, *keys: object) -> str:
        """``Place.TEXT.at("overview")`` → "text.overview"."""
        if len(keys) == 1:
            return f"{self._value_}.{keys[0]}"
        return ".".join((self._value_, *map(str, keys)))

    def key(self, place: str) -> str | None:
        """What follows the kind ("overview" of "text.overview"); None for another place."""
        head, dot, rest = place.partition(".")
        return rest if dot and head == self._value_ else None

    @classmethod
    def of(cls, place: str) -> Place | None:
        """The kind of ``place``; None for a table cell."""
        return cast("Place | None", cls._value2member_map_.get(place.partition(".")[0]))
