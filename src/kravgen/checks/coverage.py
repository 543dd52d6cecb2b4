"""Which source recommendations the library covers, per procurement kind."""

from __future__ import annotations

from dataclasses import dataclass

from kravgen.checks.answerspace import LibraryIndex, can_hold, library_index
from kravgen.model import AllOf, Condition, Library, Match, pick

KIND_QUESTION = "procurement_kind"


@dataclass(frozen=True, slots=True)
class CoverageCell:
    source: str
    title: str
    procurement_kind: str
    clauses: tuple[str, ...]
    status: str  # covered | gap | not-applicable


def library_coverage(library: Library, lang: str = "sv") -> list[CoverageCell]:
    """Every recommendation against every procurement kind, with the clauses that cover it."""
    question = library.question(KIND_QUESTION)
    kinds = question.option_values() if question is not None else ("",)
    index = library_index(library)
    cells = []
    for ref in library.references:
        if ref.kind != "recommendation":
            continue
        citing = [c for c in library.clauses if ref.id in c.sources]
        for kind in kinds:
            clauses = tuple(c.id for c in citing if _selectable_for(index, c.when, kind))
            applies = not ref.applies_to or kind in ref.applies_to
            status = "covered" if clauses else ("gap" if applies else "not-applicable")
            cells.append(CoverageCell(ref.id, pick(ref.title, lang), kind, clauses, status))
    return cells


def _selectable_for(index: LibraryIndex, when: Condition | None, kind: str) -> bool:
    kind_match = Match(KIND_QUESTION, "in", (kind,))
    if when is None:
        return True
    condition = AllOf((kind_match, when))
    return can_hold(index, condition) is not False
