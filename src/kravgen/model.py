"""Frozen dataclasses shared by every stage of the pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from kravgen.errors import SourceLocation

Localized = Mapping[str, str]
AnswerValue = str | int | bool | tuple[str, ...]


def pick(text: Localized, lang: str, fallback: str = "sv") -> str:
    """The text in `lang`, else in the fallback language, else any text there is."""
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")


class QuestionType(StrEnum):
    CHOICE = "choice"
    MULTI = "multi"
    YESNO = "yesno"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"


class PrincipleStatus(StrEnum):  # where a principle's wording comes from
    FINAL = "final"  # Digg's decided wording
    DRAFT_2020 = "draft-2020"  # a heading of Digg's 2020 consultation draft, not decided
    GUIDANCE = "guidance"  # a line of Digg's published guidance, not one of the principles


class ClauseType(StrEnum):
    SKA = "ska-krav"
    AWARD = "tilldelningskriterium"
    CONTRACT = "kontraktsvillkor"
    QUALIFICATION = "kvalificeringskrav"


# Answers the annex's cover and fixed texts print: used even when no clause names them.
COVER_FIELDS = frozenset(
    {"buyer_name", "procurement_title", "reference_number", "contact_person", "date"}
)

# The yes/no question the supplier answers depends on what the clause is: a requirement is
# fulfilled, a contract condition accepted, an award criterion offered. Keys of wording.LABELS.
CONFIRM_LABEL_KEYS: Mapping[ClauseType, str] = MappingProxyType(
    {
        ClauseType.SKA: "fulfilled",
        ClauseType.QUALIFICATION: "fulfilled",
        ClauseType.CONTRACT: "accepted",
        ClauseType.AWARD: "offered",
    }
)


# --- conditions -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Match:
    """One test on one answer: op is in, not_in, min, max or answered."""

    question: str
    op: str
    values: tuple[str | int | bool, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


Condition = Match | AllOf | AnyOf | Not


# --- the library ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Located:
    """A record of a library file, with where each of its fields was written ("text.sv",
    "sources[0]", "options[1].label"); locations take no part in equality."""

    origin: SourceLocation  # the record's first line
    locations: Mapping[str, SourceLocation] = field(default_factory=dict, compare=False)

    def at(self, field_name: str) -> SourceLocation:
        """Where a field was written, else the closest field above it, else the origin."""
        found = self.locations.get(field_name)
        while found is None:
            cut = max(field_name.rfind("."), field_name.rfind("["))
            if cut <= 0:
                return self.origin
            field_name = field_name[:cut]
            found = self.locations.get(field_name)
        return found


@dataclass(frozen=True, slots=True)
class Manifest(Located):
    name: str
    version: str
    languages: tuple[str, ...]
    description: Localized
    license: str
    homepage: str | None


@dataclass(frozen=True, slots=True)
class Section(Located):
    id: str
    title: Localized


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: Localized


@dataclass(frozen=True, slots=True)
class Question(Located):
    id: str
    section: str
    type: QuestionType
    text: Localized
    help: Localized
    options: tuple[Option, ...]
    default: AnswerValue | None
    required: bool
    when: Condition | None
    minimum: int | None
    maximum: int | None
    unit: Localized

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def label_of(self, value: str, lang: str) -> str:
        for option in self.options:
            if option.value == value:
                return pick(option.label, lang)
        return value


@dataclass(frozen=True, slots=True)
class Area(Located):
    id: str
    title: Localized  # Digg's heading, addressed to the buyer: the memo and the trace appendix
    intro: Localized
    sources: tuple[str, ...]
    heading: Localized = field(default_factory=dict)  # the supplier's heading; else the title


@dataclass(frozen=True, slots=True)
class Reference(Located):
    id: str
    kind: str
    title: Localized
    url: str | None
    publisher: str | None
    applies_to: tuple[str, ...]
    unreadable: bool


@dataclass(frozen=True, slots=True)
class Principle(Located):  # a national principle for making information available
    id: str
    title: Localized
    status: PrincipleStatus
    source: str  # a reference id: where the wording was read


@dataclass(frozen=True, slots=True)
class ChecklistItem(Located):  # a step the buyer settles before the procurement is announced
    id: str
    text: Localized
    when: Condition | None
    clauses: tuple[str, ...]  # clause ids that rely on it
    clause_types: tuple[ClauseType, ...]  # every clause of these types relies on it too
    needs_clauses: bool  # listed only when a clause that relies on it is selected
    justification: str | None = None  # set when an organisation layer changed the item


@dataclass(frozen=True, slots=True)
class Definition(Located):
    id: str
    term: Localized
    text: Localized


@dataclass(frozen=True, slots=True)
class Response:
    confirm: bool
    describe: Localized | None
    price: Localized | None


@dataclass(frozen=True, slots=True)
class Clause(Located):
    id: str
    version: int
    type: ClauseType
    area: str
    title: Localized
    text: Localized
    evaluation: Localized | None
    verification: Localized | None
    response: Response
    motive: Localized
    guidance: Localized
    when: Condition | None
    sources: tuple[str, ...]
    legal_refs: tuple[str, ...]
    terms: tuple[str, ...]
    principles: tuple[str, ...]
    replaces: str | None
    review_by: str | None
    layer: str
    fixed: tuple[Mapping[str, Localized], ...] = ()  # {label, value}: a value the text states
    # Lines to add to a Jinja2 error's line number to point into the file, per "field.lang".
    text_line_offsets: Mapping[str, int] = field(default_factory=dict, compare=False)
    buyer_annex: Localized | None = None  # an annex the buyer writes that the text refers to


@dataclass(frozen=True, slots=True)
class Override(Located):
    id: str
    justification: str
    disable: bool
    layer: str


@dataclass(frozen=True, slots=True)
class Library:
    """One library, or several merged as layers (the first manifest names the result)."""

    manifest: Manifest
    layers: tuple[Manifest, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    areas: tuple[Area, ...]
    references: tuple[Reference, ...]
    definitions: tuple[Definition, ...]
    clauses: tuple[Clause, ...]
    overrides: tuple[Override, ...]
    digest: str
    principles: tuple[Principle, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        return self.manifest.languages

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def reference(self, reference_id: str) -> Reference | None:
        return next((r for r in self.references if r.id == reference_id), None)

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)


# --- answers, selection, rendering -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Answers:  # answers by question id; only questions that were asked (their condition held)
    values: Mapping[str, AnswerValue]

    def get(self, question_id: str) -> AnswerValue | None:
        return self.values.get(question_id)


@dataclass(frozen=True, slots=True)
class Reason:
    """One answer that decided a clause; None when the question was not answered."""

    question: str
    value: AnswerValue | None

    def __str__(self) -> str:
        """As `explain` prints it: `personal_data = sensitive`, `open_data = true`."""
        if self.value is None:
            return f"{self.question}: unanswered"
        if isinstance(self.value, tuple):
            shown = ", ".join(self.value) if self.value else "(none)"
        elif isinstance(self.value, bool):
            shown = "true" if self.value else "false"
        else:
            shown = str(self.value)
        return f"{self.question} = {shown}"


@dataclass(frozen=True, slots=True)
class Decision:  # a clause and whether it is selected, with the answers that decided it
    clause: Clause
    selected: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Selection:
    decisions: tuple[Decision, ...]

    @property
    def selected(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.selected)

    @property
    def rejected(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if not d.selected)


@dataclass(frozen=True, slots=True)
class RenderedReference:
    id: str
    kind: str
    title: str
    url: str | None
    unreadable: bool = False
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class RenderedClause:  # a selected clause, every text rendered in the annex language
    id: str
    version: int
    type: ClauseType
    type_label: str  # "Ska-krav", "Tilldelningskriterium", ...
    area: str
    title: str
    text: str
    evaluation: str | None
    verification: str | None
    confirm: bool
    describe: str | None  # the template of what the description must contain
    price: str | None  # the price-annex line
    sources: tuple[RenderedReference, ...]
    legal_refs: tuple[RenderedReference, ...]
    motive: str  # motive, guidance and reasons: the buyer's memo only, never the annex
    guidance: str
    reasons: tuple[str, ...]
    number: str = ""  # the running number in the annex, "3.4": area 3, its fourth clause
    award_values: tuple[str, ...] = ()  # an award criterion's values as text: "2 procent"
    award_value: str | None = None  # an award criterion's value: its number question's answer


@dataclass(frozen=True, slots=True)
class RenderedArea:
    id: str
    title: str  # the library's title (Digg's heading): memo and trace appendix
    intro: str
    clauses: tuple[RenderedClause, ...]
    heading: str = ""  # the supplier's heading in the annex
    number: int = 0  # 1..n in the annex, counting only areas with selected clauses


@dataclass(frozen=True, slots=True)
class RenderedTerm:
    term: str
    text: str


@dataclass(frozen=True, slots=True)
class RejectedClause:
    id: str
    title: str
    type_label: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeptDefault:  # an answer that still holds the library's default: worth a second look
    question: str
    text: str
    value: str


@dataclass(frozen=True, slots=True)
class CoverageRow:
    source: str
    title: str
    clauses: tuple[str, ...]
    status: str  # "covered", "gap", "not-applicable"


@dataclass(frozen=True, slots=True)
class PrincipleRow:  # a principle the selected clauses serve, for the memo
    title: str
    status_label: str  # where the wording comes from, in the memo's language
    clauses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RenderedChecklistItem:  # a checklist item that applies, for the memo's to-do list
    text: str
    clauses: tuple[str, ...]  # the selected clauses that rely on it
    justification: str | None  # the organisation's reason, when its layer changed the item


@dataclass(frozen=True, slots=True)
class RenderedAnnex:
    """Everything the writers need, as text in one language; they add no words but `labels`."""

    lang: str
    title: str  # the annex title
    procurement_title: str
    reference_number: str
    buyer_name: str
    contact_person: str
    date: str  # ISO date, from the answers or SOURCE_DATE_EPOCH
    library_name: str
    library_version: str
    introduction: tuple[str, ...]  # paragraphs from templates/<lang>/introduction.md.j2
    instructions: tuple[str, ...]  # paragraphs from templates/<lang>/instructions.md.j2
    definitions: tuple[RenderedTerm, ...]  # only the terms the selected clauses use
    areas: tuple[RenderedArea, ...]  # only areas with selected clauses, in library order
    labels: Mapping[str, str]  # fixed UI words in the annex language (see wording.LABELS)
    provenance: Mapping[str, str]  # custom document properties
    rejected: tuple[RejectedClause, ...]  # from here on: the buyer's memo
    kept_defaults: tuple[KeptDefault, ...]
    coverage: tuple[CoverageRow, ...]
    summary: tuple[str, ...] = ()  # lines: what was selected, per type and per area
    absent_areas: tuple[tuple[str, str], ...] = ()  # (area title, the answers that ruled it out)
    award_total: str = ""  # the sum of the award values, with its unit
    own_annexes: tuple[str, ...] = ()  # annexes the buyer writes, named by selected clauses
    principles: tuple[PrincipleRow, ...] = ()
    checklist: tuple[RenderedChecklistItem, ...] = ()  # the to-do list, at the memo's top

    @property
    def clauses(self) -> tuple[RenderedClause, ...]:
        return tuple(c for area in self.areas for c in area.clauses)
