"""The one outline of the documents, walked by every writer: which sections the annex and the
memo have, in which order, with which headings. Also what the writers share below a heading:
the Markdown subset clause texts are written in (paragraphs, bullets, numbered items)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from kravgen.model import RenderedAnnex, RenderedArea, RenderedClause

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


# --- the outline ------------------------------------------------------------------------------


class Part(StrEnum):
    """What a section holds; each writer has one function per part."""

    TEXT = "text"  # fixed paragraphs: introduction, instructions
    DEFINITIONS = "definitions"
    AREA = "area"  # an area's intro and its clauses, as the supplier answers them
    PRICE_LINES = "price_lines"
    DESCRIBE = "describe_templates"
    TRACE = "trace"
    REQUIREMENTS = "requirements"  # the memo's chapter heading over its areas
    MEMO_AREA = "memo_area"  # an area's clauses, as the buyer reads why they were chosen
    REJECTED = "not_selected"
    KEPT_DEFAULTS = "kept_defaults"
    COVERAGE = "coverage"
    CHECKLIST = "checklist"  # the memo's to-do list of checklist items, at its top
    PRINCIPLES = "principles"  # the principles the selected clauses serve


@dataclass(frozen=True, slots=True)
class Section:
    """One heading of a document and what goes under it. Level 1 is a chapter."""

    part: Part
    heading: str
    level: int = 1
    new_page: bool = False
    paragraphs: tuple[str, ...] = ()
    area: RenderedArea | None = None
    clauses: tuple[RenderedClause, ...] = ()


def annex_outline(annex: RenderedAnnex) -> tuple[Section, ...]:
    """The supplier's annex after its cover and contents: which sections, in which order."""
    labels = annex.labels
    out = [
        Section(Part.TEXT, labels[key], paragraphs=paragraphs)
        for key, paragraphs in (
            ("introduction", annex.introduction),
            ("instructions", annex.instructions),
        )
        if paragraphs
    ]
    if annex.definitions:
        out.append(Section(Part.DEFINITIONS, labels["definitions"]))
    out += [Section(Part.AREA, area_heading(a), new_page=True, area=a) for a in annex.areas]
    priced = tuple(c for c in annex.clauses if c.price)
    if priced:
        out.append(Section(Part.PRICE_LINES, labels["price_lines"], clauses=priced))
    described = tuple(c for c in annex.clauses if c.describe)
    if described:
        out.append(Section(Part.DESCRIBE, labels["describe_templates"], clauses=described))
    if annex.clauses:
        out.append(Section(Part.TRACE, labels["trace"], new_page=True, clauses=annex.clauses))
    return tuple(out)


def memo_outline(annex: RenderedAnnex) -> tuple[Section, ...]:
    """The buyer's memo after its cover: which sections, in which order."""
    labels = annex.labels
    out = []
    if annex.checklist:
        out.append(Section(Part.CHECKLIST, labels["checklist"]))
    if annex.areas:
        out.append(Section(Part.REQUIREMENTS, labels["requirements"]))
    out += [Section(Part.MEMO_AREA, area_heading(a), level=2, area=a) for a in annex.areas]
    for part, present in (
        (Part.REJECTED, annex.rejected),
        (Part.KEPT_DEFAULTS, annex.kept_defaults),
        (Part.COVERAGE, annex.coverage),
        (Part.PRINCIPLES, annex.principles),
    ):
        if present:
            out.append(Section(part, labels[part.value]))
    return tuple(out)
