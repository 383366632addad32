"""Where two versions of a text differ: the one span an edit replaced (the editors use it
to touch only what changed, and to move the underlines of findings over an edit)."""
from __future__ import annotations


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in ``old``, end in ``new``): ``new`` is ``old`` with old[start:end_old]
    replaced by new[start:end_new], the common prefix and suffix left out."""
    start, limit = 0, min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, end_old, end_new
