"""The one outline of the documents, walked by every writer: which sections the annex and the
memo have, in which order, with which headings. Also what the writers share below a heading:
the Markdown subset clause texts are written in (paragraphs, bullets, numbered items)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kravgen.model import RenderedAnnex, RenderedArea, RenderedClause, RenderedReference

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


LAW_KINDS = frozenset({"law", "regulation"})
OWN_PUBLISHER = "kravgen"  # a source of this publisher is the library's own judgement


def split_legal(
    refs: Sequence[RenderedReference],
) -> tuple[tuple[RenderedReference, ...], tuple[RenderedReference, ...]]:
    """Laws and regulations, then standards, specifications and the rest, for the trace."""
    laws = tuple(r for r in refs if r.kind in LAW_KINDS)
    return laws, tuple(r for r in refs if r.kind not in LAW_KINDS)


def reference_text(ref: RenderedReference, labels: Mapping[str, str]) -> tuple[str, str | None]:
    """A reference as the supplier reads it, with its URL: the library's own judgement is
    the buyer's own requirement (the memo says what it rests on)."""
    if ref.publisher == OWN_PUBLISHER:
        return labels["own_practice"], None
    return ref.title, ref.url


def cover_facts(annex: RenderedAnnex, *, memo: bool) -> list[tuple[str, str]]:
    """The facts under a cover's title, those with a value. The requirement library is named
    in the buyer's memo only: the supplier's annex does not mention the tool (its document
    properties still record the library, for tracing)."""
    labels = annex.labels
    library = f"{annex.library_name} {annex.library_version}".strip() if memo else ""
    facts = (
        (labels["reference_number"], annex.reference_number),
        (labels["buyer"], annex.buyer_name),
        (labels["contact"], annex.contact_person),
        (labels["date"], annex.date),
        (labels["library"], library),
    )
    return [(name, value) for name, value in facts if value]


# --- the outline ------------------------------------------------------------------------------


class Part(StrEnum):
    """What a section holds; each writer has one function per part."""

    TEXT = "text"  # fixed paragraphs: introduction, instructions
    DEFINITIONS = "definitions"
    AREA = "area"  # an area's intro and its clauses, as the supplier answers them
    PRICE_LINES = "price_lines"
    DESCRIBE = "describe_templates"
    TRACE = "trace"
    SUMMARY = "summary"  # the memo opens with what was selected, per type and area
    ABSENT_AREAS = "absent_areas"  # areas without a clause, and the answers that ruled them out
    TODO = "todo"  # the chapter "Att göra före annonsering" over the four parts below
    KEPT_DEFAULTS = "kept_defaults"  # values the buyer did not give explicitly
    AWARD_VALUES = "award_values"  # award criteria with their values, and the total
    OWN_ANNEXES = "own_annexes"  # annexes the buyer writes, which clauses refer to
    CHECKLIST = "checklist"  # the library's checklist items that apply (issue 11)
    REQUIREMENTS = "requirements"  # the memo's chapter heading over its areas
    MEMO_AREA = "memo_area"  # an area's clauses, as the buyer reads why they were chosen
    REJECTED = "not_selected"
    COVERAGE = "coverage"
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
    # No page break per area: a short area shares its page, and each clause keeps with its
    # response table instead.
    out += [Section(Part.AREA, f"{a.number} {a.heading}", area=a) for a in annex.areas]
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
    """The buyer's memo after its cover: the summary and the to-do list first, then why each
    clause was chosen, what was left out, and the coverage of the recommendations."""
    labels = annex.labels
    out = [Section(Part.SUMMARY, labels["summary"], paragraphs=annex.summary)]
    if annex.absent_areas:
        out.append(Section(Part.ABSENT_AREAS, labels["absent_areas"], level=2))
    awarded = tuple(c for c in annex.clauses if c.award_values)
    todo = [
        Section(part, labels[part.value], level=2, clauses=clauses)
        for part, present, clauses in (
            (Part.CHECKLIST, annex.checklist, ()),
            (Part.KEPT_DEFAULTS, annex.kept_defaults, ()),
            (Part.AWARD_VALUES, awarded, awarded),
            (Part.OWN_ANNEXES, annex.own_annexes, ()),
        )
        if present
    ]
    if todo:
        out.append(Section(Part.TODO, labels["todo"], paragraphs=(labels["todo_intro"],)))
        out += todo
    if annex.areas:
        own = any(r.publisher == OWN_PUBLISHER for c in annex.clauses for r in c.sources)
        note = (labels["own_practice_note"],) if own else ()
        out.append(Section(Part.REQUIREMENTS, labels["requirements"], paragraphs=note))
    out += [Section(Part.MEMO_AREA, area_heading(a), level=2, area=a) for a in annex.areas]
    if annex.rejected:
        out.append(Section(Part.REJECTED, labels[Part.REJECTED.value]))
    if annex.coverage:
        note = (labels["coverage_note"],)
        out.append(Section(Part.COVERAGE, labels[Part.COVERAGE.value], paragraphs=note))
    if annex.principles:
        out.append(Section(Part.PRINCIPLES, labels[Part.PRINCIPLES.value]))
    return tuple(out)
