"""MHT/MHTML (a web page archive, "单个文件网页"): the page's HTML part, charset applied.

Word saves "单个文件网页" as MHT and many web systems' "导出Word" write one (often named
.doc); its first text/html part is the page.  Parsed with the standard library's email
package; only the first part's bytes are kept.
"""
from __future__ import annotations

import email
import email.policy
import re

_HEAD = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){1,40}", re.I)


def is_mht(data: bytes) -> bool:
    """MIME headers at the start, one of them a multipart or HTML Content-Type."""
    head = data[:8192].lstrip(b"\r\n\t ")
    m = _HEAD.match(head)
    if m is None:
        return False
    headers = m.group(0).lower()
    return b"content-type:" in headers and (b"multipart/" in headers or b"text/html" in headers) \
        and b"mime-version" in headers


def html_of(data: bytes) -> bytes | None:
    """The first text/html part's bytes, re-headed with its MIME charset as a <meta>."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            return None
        charset = part.get_content_charset()
        if charset and re.fullmatch(r"[A-Za-z0-9_\-:.]{1,40}", charset):
            # The MIME header names the charset; a page's own <meta> comes after this one.
            payload = f'<meta charset="{charset}">'.encode("ascii") + payload
        return payload
    return None
