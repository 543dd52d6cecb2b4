"""Which source recommendations are covered: by the library per procurement kind
(`kravgen coverage`), and by one procurement's selection (the memo, through render). The rule
for a cell's status lives here once: coverage_status. Also which national principles the
library's clauses serve, per procurement kind (`kravgen coverage`, principles)."""

from __future__ import annotations

from dataclasses import dataclass

from kravgen.checks.answerspace import LibraryIndex, can_hold, library_index
from kravgen.model import AllOf, AnswerValue, Condition, Library, Match, Reference, pick

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
    for ref in recommendations(library):
        citing = [c for c in library.clauses if ref.id in c.sources]
        for kind in kinds:
            clauses = tuple(c.id for c in citing if _selectable_for(index, c.when, kind))
            status = coverage_status(ref, kind, clauses)
            cells.append(CoverageCell(ref.id, pick(ref.title, lang), kind, clauses, status))
    return cells


@dataclass(frozen=True, slots=True)
class PrincipleCell:
    principle: str
    title: str
    status: str  # where the wording comes from: final, draft-2020 or guidance
    procurement_kind: str
    clauses: tuple[str, ...]  # clauses selectable for the kind that serve the principle


def principle_coverage(library: Library, lang: str = "sv") -> list[PrincipleCell]:
    """Every principle against every procurement kind, with the clauses that serve it."""
    question = library.question(KIND_QUESTION)
    kinds = question.option_values() if question is not None else ("",)
    index = library_index(library)
    cells = []
    for principle in library.principles:
        serving = [c for c in library.clauses if principle.id in c.principles]
        for kind in kinds:
            clauses = tuple(c.id for c in serving if _selectable_for(index, c.when, kind))
            title = pick(principle.title, lang)
            cells.append(PrincipleCell(principle.id, title, principle.status, kind, clauses))
    return cells


def _selectable_for(index: LibraryIndex, when: Condition | None, kind: str) -> bool:
    kind_match = Match(KIND_QUESTION, "in", (kind,))
    if when is None:
        return True
    condition = AllOf((kind_match, when))
    return can_hold(index, condition) is not False


def recommendations(library: Library) -> list[Reference]:
    """The references coverage is measured against, in library order."""
    return [ref for ref in library.references if ref.kind == "recommendation"]


def coverage_status(ref: Reference, kind: AnswerValue | None, clauses: tuple[str, ...]) -> str:
    """covered (some clause cites it), gap (it applies to this kind of procurement and none
    does) or not-applicable."""
    if clauses:
        return "covered"
    applies = not ref.applies_to or (isinstance(kind, str) and kind in ref.applies_to)
    return "gap" if applies else "not-applicable"
