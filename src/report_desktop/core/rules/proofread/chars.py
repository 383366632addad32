"""Character classes and protected spans shared by the proofreading rules.

A span is protected when half-width punctuation inside it is right: URLs, e-mail
addresses and document numbers such as 晋政办发(2023)12号 (P5 judges the format's own).
"""
from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Full-width punctuation of Chinese prose (CJK symbols, full-width forms, quotes, ……, ——).
_CN_PUNCT = set("，。、；：？！（）《》〈〉【】〔〕「」『』“”‘’…—·～")

_URL = r"(?:https?://|www\.)[A-Za-z0-9\-._~/?#=&%+:@]*[A-Za-z0-9/]"
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.(?:cn|com|net|org|gov|edu)\b(?:/[A-Za-z0-9\-._~/?#=&%+]*)?"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
_DOC_NO = r"[\u4e00-\u9fff]{1,15}[〔\[(（【［]\s*\d{4}\s*[〕\])）】］]\s*\d+\s*号"
PROTECTED = re.compile("|".join((_EMAIL, _URL, _DOMAIN, _DOC_NO)))


def is_han(ch: str) -> bool:
    return bool(ch) and _HAN.match(ch) is not None


def is_cn_punct(ch: str) -> bool:
    return ch in _CN_PUNCT


def is_chinese(ch: str) -> bool:
    """A Han character or Chinese punctuation: what makes a neighbour 'Chinese'."""
    return is_han(ch) or ch in _CN_PUNCT


def protected_mask(text: str) -> bytearray:
    """1 at every offset inside a URL, e-mail address or document number."""
    mask = bytearray(len(text))
    for m in PROTECTED.finditer(text):
        mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def snippet(text: str, start: int, end: int, width: int = 12) -> str:
    """The text around [start, end) on its line, for a finding's detail."""
    a = max(text.rfind("\n", 0, start) + 1, start - width)
    b = text.find("\n", end)
    b = min(len(text) if b < 0 else b, end + width)
    return ("…" if a > 0 and text[a - 1] != "\n" else "") + text[a:b] + (
        "…" if b < len(text) and text[b] != "\n" else "")


def show(s: str) -> str:
    """How a stretch of whitespace or punctuation is named in a message."""
    if s.strip() == "":
        return "空格"
    return f"“{s}”"
