"""Queries over the space of answers, beneath every check: can a condition hold, can a
question lack an answer, which questions decide a condition. Pure; emits no findings. Whether
one value fits one question is kravgen.values, shared with the questionnaire.

The answer space is finite once answers no condition tells apart are grouped, so the analysis
enumerates it, with caps that keep `validate` fast on any library. Verdicts are cached in the
LibraryIndex the caller builds and passes; there is no module-level state.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kravgen.conditions import holds, iter_matches
from kravgen.model import (
    AnswerValue,
    Area,
    Clause,
    Condition,
    Definition,
    Library,
    Match,
    Question,
    QuestionType,
    Reference,
)

# Beyond these a condition is "unknown" and gets no warning.
MAX_COMBINATIONS = 20_000
MAX_TOTAL_COMBINATIONS = 400_000


# --- lookups ---------------------------------------------------------------------------------


@dataclass(slots=True)
class LibraryIndex:
    """Dictionaries over one library (Library's own lookups are linear scans)."""

    questions: dict[str, Question]
    clauses: dict[str, Clause]
    references: dict[str, Reference]
    areas: dict[str, Area]
    definitions: dict[str, Definition]
    # Verdicts by repr(condition): repr tells `true` from `1`, which == does not.
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    lacks: dict[tuple[str, str], bool] = field(default_factory=dict)


def library_index(library: Library) -> LibraryIndex:
    """Build the index once per library and pass it to every query (it caches verdicts)."""
    return LibraryIndex(
        questions={q.id: q for q in library.questions},
        clauses={c.id: c for c in library.clauses},
        references={r.id: r for r in library.references},
        areas={a.id: a for a in library.areas},
        definitions={d.id: d for d in library.definitions},
    )


# --- reachability -----------------------------------------------------------------------------

Answer = AnswerValue | None
# A text answer that no condition names; it cannot be written in a library (U+0000 is refused).
_OTHER = "\x00other"


@dataclass(frozen=True, slots=True)
class _Space:
    """The answers that matter to some conditions: the questions they depend on (in
    questionnaire order), each with one answer per class of answers no condition tells apart."""

    questions: tuple[Question, ...]
    domains: tuple[tuple[Answer, ...], ...]

    @property
    def size(self) -> int:
        return math.prod(len(domain) for domain in self.domains)

    def outcomes(self) -> Iterator[tuple[tuple[Answer, ...], dict[str, AnswerValue]]]:
        """Every combination of intended answers, with the answers it leads to. As in
        questions.resolve_answers, a question whose condition fails stays unanswered."""
        for combo in itertools.product(*self.domains):
            answers: dict[str, AnswerValue] = {}
            for question, value in zip(self.questions, combo, strict=True):
                if value is not None and (question.when is None or holds(question.when, answers)):
                    answers[question.id] = value
            yield combo, answers


def _space(
    index: LibraryIndex, conditions: Sequence[Condition], extra: Sequence[str] = ()
) -> _Space:
    """The answer space of some conditions and questions, closed over the questions' own
    conditions (a question's answer exists only if it is asked)."""
    matches: dict[str, list[Match]] = {}
    todo = list(extra)
    seen: set[str] = set()

    def scan(condition: Condition) -> None:
        for match in iter_matches(condition):
            matches.setdefault(match.question, []).append(match)
            todo.append(match.question)

    for condition in conditions:
        scan(condition)
    while todo:
        name = todo.pop()
        question = index.questions.get(name)
        if name in seen or question is None:
            continue  # an unknown question is KG202; it is never answered
        seen.add(name)
        if question.when is not None:
            scan(question.when)
    questions = tuple(q for q in index.questions.values() if q.id in seen)
    domains = tuple(_domain(q, matches.get(q.id, [])) for q in questions)
    return _Space(questions, domains)


def _domain(question: Question, matches: list[Match]) -> tuple[Answer, ...]:
    named = [v for m in matches if m.op in ("in", "not_in") for v in m.values]
    values: list[Answer]
    if question.type in (QuestionType.CHOICE, QuestionType.MULTI):
        options = question.option_values()
        # Options no condition names behave alike: one of them stands for all.
        kept = [o for o in options if o in named] + [o for o in options if o not in named][:1]
        if question.type is QuestionType.CHOICE:
            values = list(kept)
        elif len(kept) > 14:  # 2**15 subsets: more than MAX_COMBINATIONS on its own
            values = [tuple(kept[:i]) for i in range(len(kept) + 1)]
        else:
            subsets = itertools.product((False, True), repeat=len(kept))
            values = [tuple(o for o, on in zip(kept, bits, strict=True) if on) for bits in subsets]
    elif question.type is QuestionType.YESNO:
        values = [True, False]
    elif question.type is QuestionType.NUMBER:
        values = list(_number_points(question, matches))
    else:
        values = [v for v in dict.fromkeys(named) if isinstance(v, str)]
        values.append(_OTHER)
    if not question.required and question.default is None:
        values.append(None)  # asked, but the user may leave it unanswered
    return tuple(values) or (None,)


def _number_points(question: Question, matches: list[Match]) -> list[int]:
    """The numbers at which some test on the question changes its outcome, and one more."""
    low, high = question.minimum, question.maximum
    points = {low if low is not None else (high if high is not None else 0)}
    for match in matches:
        for value in match.values:
            if isinstance(value, int) and not isinstance(value, bool):
                points.update((value - 1, value, value + 1))
    inside = sorted(p for p in points if (low is None or p >= low) and (high is None or p <= high))
    return inside or sorted(points)[:1]  # min above max is KG207; do not add to it here


@dataclass(frozen=True, slots=True)
class Verdict:
    reachable: bool | None  # None: too many combinations to try
    deciders: frozenset[str]  # questions whose answer can change the outcome


@dataclass(slots=True)
class Budget:
    """How many more combinations this run may try in all (None: only the per-condition cap)."""

    left: int | None

    def take(self, size: int) -> bool:
        if size > MAX_COMBINATIONS or (self.left is not None and size > self.left):
            return False
        if self.left is not None:
            self.left -= size
        return True


def analyse(index: LibraryIndex, condition: Condition, budget: Budget) -> Verdict:
    """Whether some answers make the condition hold, and which answers can change it."""
    key = repr(condition)
    cached = index.verdicts.get(key)
    if cached is not None:
        return cached
    space = _space(index, [condition])
    if not budget.take(space.size):
        # Unknown is not cached: another caller may have a budget left for it.
        return Verdict(None, frozenset(q.id for q in space.questions))
    reachable = False
    deciders: set[str] = set()
    first: list[dict[tuple[Answer, ...], bool]] = [{} for _ in space.questions]
    for combo, answers in space.outcomes():
        result = holds(condition, answers)
        reachable = reachable or result
        for i, question in enumerate(space.questions):
            # Same answers to everything else, another answer to this one: a different outcome?
            if question.id not in deciders:
                rest = combo[:i] + combo[i + 1 :]
                if first[i].setdefault(rest, result) != result:
                    deciders.add(question.id)
    verdict = Verdict(reachable, frozenset(deciders))
    index.verdicts[key] = verdict
    return verdict


def can_hold(index: LibraryIndex, condition: Condition) -> bool | None:
    """Whether some consistent set of answers makes the condition true (None: too many to try)."""
    return analyse(index, condition, Budget(None)).reachable


def can_lack_answer(index: LibraryIndex, when: Condition | None, question: Question) -> bool:
    """Whether some answers select a clause with this condition and leave `question`
    unanswered (not asked, or optional and skipped). False when too many to try."""
    if question.when is None and (question.required or question.default is not None):
        return False
    key = (repr(when), question.id)
    if key not in index.lacks:
        space = _space(index, [when] if when is not None else [], [question.id])
        index.lacks[key] = Budget(None).take(space.size) and any(
            question.id not in answers and (when is None or holds(when, answers))
            for _, answers in space.outcomes()
        )
    return index.lacks[key]
