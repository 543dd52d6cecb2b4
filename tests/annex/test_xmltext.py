from __future__ import annotations

from xml.etree import ElementTree

import pytest

from kravgen.annex.xmltext import attr, esc

HOSTILE = [
    "A&B \"quoted\" 'single' <tag> ]]>",
    "rad ett\nrad två\r\tflik",
    "nul\x00 bell\x07 fffe\ufffe ok åäö ☐",
    "&amp; already escaped",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_and_attribute_read_back_as_written(value: str) -> None:
    element = ElementTree.fromstring(f"<a b={attr(value)}>{esc(value)}</a>")
    kept = "".join(c for c in value if c not in "\x00\x07\ufffe")
    assert element.get("b") == kept
    assert (element.text or "") == kept.replace("\r", "\n")  # XML reads a bare CR in text as LF


def test_a_number_is_an_attribute_too() -> None:
    assert attr(7319) == '"7319"'
