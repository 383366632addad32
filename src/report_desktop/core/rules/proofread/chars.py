"""Character classes and protected spans shared by the proofreading rules.

A span is protected when half-width punctuation inside it is right: URLs, e-mail
addresses and document numbers such as 晋政办发(2023)12号 (P5 judges the format's own).
"""
from __future__ import annotations

import re

# Full-width punctuation of Chinese prose (CJK symbols, full-width forms, quotes, ……, ——).
_CN_PUNCT = set("，。、；：？！（）《》〈〉【】〔〕「」『』“”‘’…—·～")

_URL = r"(?:https?://|www\.)[A-Za-z0-9\-._~/?#=&%+:@]*[A-Za-z0-9/]"
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.(?:cn|com|net|org|gov|edu)\b(?:/[A-Za-z0-9\-._~/?#=&%+]*)?"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
_WEB = re.compile("|".join((_EMAIL, _URL, _DOMAIN)))
# Runs of printable ASCII: the only places a URL or an e-mail address can be.
_ASCII_RUN = re.compile(r"[!-~]{4,}")
# 〔2021〕30号 and the like; the issuer's name in front is found by walking back.
_DOC_TAIL = re.compile(r"[〔\[(（【［]\s*\d{4}\s*[〕\])）】］]\s*\d+\s*号")


def is_han(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
            or "\uf900" <= ch <= "\ufaff") and len(ch) == 1


def is_chinese(ch: str) -> bool:
    """A Han character or Chinese punctuation: what makes a neighbour 'Chinese'."""
    return ch in _CN_PUNCT or is_han(ch)


def protected_mask(text: str) -> bytearray:
    """1 at every offset inside a URL, e-mail address or document number."""
    mask = bytearray(len(text))
    if "." in text or "@" in text:
        for run in _ASCII_RUN.finditer(text):
            if "." in run.group() or "@" in run.group():
                for m in _WEB.finditer(text, run.start(), run.end()):
                    mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    if "号" in text:
        for m in _DOC_TAIL.finditer(text):
            start = m.start()
            while start > 0 and m.start() - start < 15 and is_han(text[start - 1]):
                start -= 1
            if start < m.start():                  # an issuer's name: 国办公开办函, 晋政办发 …
                mask[start:m.end()] = b"\x01" * (m.end() - start)
    return mask


def snippet(text: str, start: int, end: int, width: int = 12) -> str:
    """The text around [start, end) on its line, for a finding's detail."""
    a, b = max(0, start - width), min(len(text), end + width)
    part = text[a:b]
    cut = part.rfind("\n", 0, start - a) + 1
    stop = part.find("\n", end - a)
    stop = len(part) if stop < 0 else stop
    lead = "…" if a + cut > 0 and text[a + cut - 1] != "\n" else ""
    tail = "…" if a + stop < len(text) and text[a + stop] != "\n" else ""
    return lead + part[cut:stop] + tail


def show(s: str) -> str:
    """How a stretch of whitespace or punctuation is named in a message."""
    if s.strip() == "":
        return "空格"
    return f"“{s}”"
