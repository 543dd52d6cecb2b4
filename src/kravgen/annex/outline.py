"""What the documents are made of, shared by every writer: the Markdown subset clause texts
and fixed texts are written in (paragraphs, bullets, numbered items), and area headings."""

from __future__ import annotations

import re

from kravgen.model import RenderedArea

_NUMBERED_AREA = re.compile(r"[0-9][0-9A-Za-z.]*")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_CHUNK = re.compile(r"\n[ \t]*\n")

Block = tuple[str, list[str]]  # ("p" | "ul" | "ol", lines or items)


def blocks(text: str) -> list[Block]:
    """Paragraphs and lists: blank lines separate paragraphs, lines starting with "- " are
    bullets and "1. " numbered items; other lines join their paragraph or list item."""
    out: list[Block] = []
    for chunk in _CHUNK.split(text.strip()):
        fresh = True
        for line in chunk.splitlines():
            if not line.strip():
                continue
            bullet, number = _BULLET.match(line), _NUMBER.match(line)
            item = bullet or number
            if item is not None:
                kind = "ul" if bullet else "ol"
                if out and out[-1][0] == kind:
                    out[-1][1].append(item.group(1).strip())
                else:
                    out.append((kind, [item.group(1).strip()]))
            elif out and not fresh and (out[-1][0] == "p" or line[:1].isspace()):
                out[-1][1][-1] += " " + line.strip()
            else:
                out.append(("p", [line.strip()]))
            fresh = False
    return out


def area_heading(area: RenderedArea) -> str:
    """ "1 Title" when the area id is a number the title does not already start with."""
    if _NUMBERED_AREA.fullmatch(area.id) and not area.title.startswith(area.id):
        return f"{area.id} {area.title}"
    return area.title
