"""Editing one report without Qt: undoable changes as data, the edit → store → validate
cycle, and the save states (the window's ui/session.py adapts it to timers and signals)."""
from .changes import (META_TITLES, TEXT_MERGE_SECONDS, CellsChange, Change, MetaChange,
                      OpChanges, RegisterChange, TextChange, TotalsChange)
from .editor import Editor
from .saving import RETRY_MS, TEXT_VALIDATE_MS, TEXT_WRITE_MS, SaveState

__all__ = ["Editor", "SaveState", "OpChanges", "Change", "CellsChange", "TotalsChange",
           "TextChange", "MetaChange", "RegisterChange", "META_TITLES", "TEXT_MERGE_SECONDS",
           "TEXT_WRITE_MS", "TEXT_VALIDATE_MS", "RETRY_MS"]
