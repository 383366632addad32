"""Reading a block copied in WPS or Excel off the clipboard, whatever its encoding."""
from __future__ import annotations

from ...core.paste import decode_clipboard


def clipboard_text(mime) -> str:
    """The clipboard's text whatever encoding WPS or Excel gave it: Qt's decoded text
    when it has one, else the raw text/plain bytes decoded by core.paste."""
    if mime is None:
        return ""
    text = mime.text() if mime.hasText() else ""
    if text.strip() and "\ufffd" not in text:
        return text
    for fmt in mime.formats():
        if fmt.startswith("text/plain") or "text" in fmt.lower() and "html" not in fmt.lower():
            raw = bytes(mime.data(fmt))
            if raw:
                charset = fmt.partition("charset=")[2].strip(" ;\"") or None
                return decode_clipboard(raw, charset)
    return text
