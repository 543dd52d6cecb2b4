"""Text and attribute values as XML 1.0 markup: the one escaping every part kravgen writes as
text goes through (document, memo, properties, content controls, the PDF macro).

The standard library's xml.sax.saxutils escapes the same way, but importing it imports
urllib.request, http.client and ssl, about 50 ms of every start for three replacements.
"""

from __future__ import annotations

import re

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def esc(text: str) -> str:
    """Text as XML character data, without the characters XML 1.0 cannot hold."""
    return (
        _INVALID_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )


def attr(value: str | int) -> str:
    """A value as a double-quoted XML attribute. Every attribute value that is not a constant
    goes through here (style ids from the template included), so none can break the markup:
    a style id such as `A&B` becomes `"A&amp;B"`. Line breaks and tabs become character
    references, because a parser would read them as spaces."""
    return (
        '"'
        + (
            esc(str(value))
            .replace('"', "&quot;")
            .replace("\n", "&#10;")
            .replace("\r", "&#13;")
            .replace("\t", "&#9;")
        )
        + '"'
    )
