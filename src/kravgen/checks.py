"""Checks on a merged library: references, placeholders, languages, procurement law, reachability.

Every check returns findings as values; `validate` reports all of them in one run.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from datetime import date

from kravgen.conditions import COMBINATORS, iter_matches
from kravgen.errors import Finding, SourceLocation
from kravgen.model import (
    Clause,
    ClauseType,
    Condition,
    Library,
    Localized,
    Match,
    Question,
    QuestionType,
)
from kravgen.reachability import check_reachability, library_index

SOURCE_KINDS = ("recommendation", "guidance")
LEGAL_KINDS = ("law", "regulation", "specification")
VAGUE_WORDS = (
    "modern",
    "moderna",
    "modernt",
    "användarvänlig",
    "användarvänligt",
    "användarvänliga",
    "ca",
    "ca.",
    "cirka",
    "i möjligaste mån",
    "snabbt",
    "snabb",
    "enkelt",
    "enkel",
    "smidig",
    "smidigt",
    "vid behov",
    "lämplig",
    "lämpligt",
    "tillräcklig",
    "tillräckligt",
)
_VAGUE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in VAGUE_WORDS) + r")(?![\w.])", re.IGNORECASE
)
_EQUIVALENT = re.compile(r"(?<!\w)likvärdig(?:t|a)?(?!\w)", re.IGNORECASE)
_SKA = re.compile(r"(?<!\w)ska(?!\w)", re.IGNORECASE)
# A prohibition ("Leverantören får inte ...") is as binding as "ska inte".
_OBLIGATION = re.compile(r"(?<!\w)(?:ska|får\s+(?:inte|ej))(?!\w)", re.IGNORECASE)


def _error(code: str, message: str, where: SourceLocation, hint: str | None = None) -> Finding:
    return Finding(code, "error", message, where, hint)


def _warning(code: str, message: str, where: SourceLocation, hint: str | None = None) -> Finding:
    return Finding(code, "warning", message, where, hint)


def _did_you_mean(name: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else None


def check_library(
    library: Library, today: date | None = None, *, complete: bool = True
) -> list[Finding]:
    """Every semantic finding of a merged library.

    `complete=False` says some files or records could not be read: reachability warnings
    (KG601, KG602) would then talk about a library that is not the one on disk, so they wait.
    """
    from kravgen.placeholders import check_placeholders  # late: imports jinja2

    findings: list[Finding] = []
    findings += check_languages(library)
    findings += check_references(library)
    findings += check_questions(library)
    findings += check_conditions(library)
    findings += check_placeholders(library)
    findings += check_shown_markup(library)
    findings += check_wording(library)
    if complete:
        findings += check_reachability(library)
    findings += check_review_dates(library, today or date.today())
    return findings


# --- languages --------------------------------------------------------------------------------


def _localized_fields(clause: Clause) -> Iterator[tuple[str, Localized]]:
    for name in ("title", "text", "evaluation", "verification", "motive", "guidance"):
        value = getattr(clause, name)
        if value is not None:
            yield name, value
    if clause.response.describe is not None:
        yield "response.describe", clause.response.describe
    if clause.response.price is not None:
        yield "response.price", clause.response.price


def _texts(library: Library) -> Iterator[tuple[Localized, SourceLocation, str]]:
    """Every text a reader sees, with where it was written and what it is."""
    manifest = library.manifest
    yield manifest.description, manifest.origin, "library: description"
    for clause in library.clauses:
        for name, text in _localized_fields(clause):
            yield text, clause.at(name), f"clause {clause.id}: {name}"
    for question in library.questions:
        for name in ("text", "help", "unit"):
            if getattr(question, name):
                yield getattr(question, name), question.origin, f"question {question.id}: {name}"
        for option in question.options:
            yield option.label, question.origin, f"question {question.id}: option {option.value}"
    for area in library.areas:
        yield area.title, area.origin, f"area {area.id}: title"
        if area.intro:
            yield area.intro, area.origin, f"area {area.id}: intro"
    for section in library.sections:
        yield section.title, section.origin, f"section {section.id}: title"
    for ref in library.references:
        yield ref.title, ref.origin, f"reference {ref.id}: title"
    for term in library.definitions:
        yield term.term, term.origin, f"definition {term.id}: term"
        yield term.text, term.origin, f"definition {term.id}: text"


# Clause fields that are filled in by Jinja2; check_placeholders checks those.
_FILLED_IN = frozenset(
    {"text", "evaluation", "verification", "response.describe", "response.price"}
)
# How far below a record's first line to look for the '{{' a finding points at.
_MARKUP_SEARCH_LINES = 200


def check_shown_markup(library: Library) -> list[Finding]:
    """KG303: '{{' in a text that is shown as written (a title, a motive, an option label).

    `kravgen new` refuses any document that still holds '{{'; only the clause texts it fills
    in may hold placeholders, so in every other text the markup is reported here, where it
    was written (issue 15, point 8).
    """
    from kravgen.placeholders import SourceLines

    lines = SourceLines()
    findings = []
    for text, where, what in _texts(library):
        owner, _, field = what.rpartition(": ")
        if owner.startswith("clause ") and field in _FILLED_IN:
            continue
        for lang, value in text.items():
            if "{{" not in value:
                continue
            findings.append(
                _error(
                    "KG303",
                    f"{what}.{lang} holds '{{{{', which no document may keep",
                    lines.find(where, "{{", _MARKUP_SEARCH_LINES),
                    "placeholders are filled in only in a clause's text, evaluation, "
                    "verification and response texts; write the text without '{{'",
                )
            )
    return findings


def check_languages(library: Library) -> list[Finding]:
    """KG401: every declared language has a text in every field a reader sees."""
    declared = library.languages
    findings = []
    for text, where, what in _texts(library):
        absent = [lang for lang in declared if lang not in text]
        if not absent:
            continue
        extra = sorted(set(text) - set(declared))
        hint = f"the manifest declares {', '.join(declared)}"
        if extra:
            hint += f"; {', '.join(extra)} is not one of them (a typo?)"
        findings.append(_error("KG401", f"{what} lacks {', '.join(absent)}", where, hint))
    return findings


# --- references -------------------------------------------------------------------------------


def _item_at(clause: Clause, name: str, index: int) -> SourceLocation:
    """The location of one list item when the loader recorded it, else of the list."""
    return clause.locations.get(f"{name}[{index}]") or clause.at(name)


def check_references(library: Library) -> list[Finding]:
    """KG204, KG205, KG206, KG209: every id a clause, area or question names exists."""
    findings = []
    for clause in library.clauses:
        findings += _clause_references(library, clause)
    for area in library.areas:
        for ref_id in area.sources:
            findings += _reference(library, ref_id, "sources", area.origin, f"area {area.id}")
    sections = [s.id for s in library.sections]
    for question in library.questions:
        if question.section not in sections:
            findings.append(
                _error(
                    "KG205",
                    f"question {question.id}: unknown section {question.section!r}",
                    question.origin,
                    _did_you_mean(question.section, sections),
                )
            )
    return findings


def _clause_references(library: Library, clause: Clause) -> list[Finding]:
    index = library_index(library)
    owner = f"clause {clause.id}"
    findings = []
    if clause.area not in index.areas:
        findings.append(
            _error(
                "KG205",
                f"{owner}: unknown area {clause.area!r}",
                clause.at("area"),
                _did_you_mean(clause.area, index.areas),
            )
        )
    for name, ids in (("sources", clause.sources), ("legal_refs", clause.legal_refs)):
        for i, ref_id in enumerate(ids):
            findings += _reference(library, ref_id, name, _item_at(clause, name, i), owner)
    for i, term in enumerate(clause.terms):
        if term not in index.definitions:
            findings.append(
                _error(
                    "KG205",
                    f"{owner}: unknown definition {term!r} in terms",
                    _item_at(clause, "terms", i),
                    _did_you_mean(term, index.definitions),
                )
            )
    if clause.replaces == clause.id:
        findings.append(
            _error("KG206", f"{owner}: a clause cannot replace itself", clause.at("replaces"))
        )
    elif clause.replaces is not None and clause.replaces not in index.clauses:
        findings.append(
            _error(
                "KG206",
                f"{owner}: replaces unknown clause {clause.replaces!r}",
                clause.at("replaces"),
                _did_you_mean(clause.replaces, index.clauses),
            )
        )
    return findings


def _reference(
    library: Library, ref_id: str, field_name: str, where: SourceLocation, owner: str
) -> list[Finding]:
    refs = library_index(library).references
    ref = refs.get(ref_id)
    kinds = SOURCE_KINDS if field_name == "sources" else LEGAL_KINDS
    if ref is None:
        hint = _did_you_mean(ref_id, refs) or "add it to 'references'"
        message = f"{owner}: unknown reference {ref_id!r} in {field_name}"
        return [_error("KG204", message, where, hint)]
    if ref.kind not in kinds:
        return [
            _error(
                "KG209",
                f"{owner}: {field_name} lists {ref_id!r}, a {ref.kind}",
                where,
                f"{field_name} takes references of kind {', '.join(kinds[:-1])} or {kinds[-1]}",
            )
        ]
    return []


# --- questions and conditions -----------------------------------------------------------------


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _valid_answer(question: Question, value: object) -> bool:
    """Whether `value` is an answer the question can have (a multi takes each option alone)."""
    if question.type in (QuestionType.CHOICE, QuestionType.MULTI):
        return isinstance(value, str) and value in question.option_values()
    if question.type is QuestionType.YESNO:
        return isinstance(value, bool)
    if question.type is QuestionType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        low, high = question.minimum, question.maximum
        return (low is None or value >= low) and (high is None or value <= high)
    if question.type is QuestionType.DATE:
        return _is_date(value)
    return isinstance(value, str)


def _answer_hint(question: Question) -> str:
    if question.options:
        return f"{question.id} takes: {', '.join(question.option_values())}"
    if question.type is QuestionType.YESNO:
        return "write true or false (yes and no are text)"
    if question.type is QuestionType.NUMBER:
        low = "" if question.minimum is None else f" from {question.minimum}"
        high = "" if question.maximum is None else f" up to {question.maximum}"
        return f"{question.id} takes a whole number{low}{high}"
    if question.type is QuestionType.DATE:
        return f"{question.id} takes a date YYYY-MM-DD"
    return f"{question.id} takes text"


def _default_fits(q: Question) -> bool:
    if q.type is QuestionType.MULTI:
        return isinstance(q.default, tuple) and all(_valid_answer(q, v) for v in q.default)
    return _valid_answer(q, q.default)


def check_questions(library: Library) -> list[Finding]:
    """KG207 and KG201: options, defaults and limits fit each question's type."""
    findings = []
    for q in library.questions:
        findings += [
            _error(code, f"question {q.id}: {message}", q.origin, hint)
            for code, message, hint in _question_problems(q)
        ]
    return findings


def _question_problems(q: Question) -> Iterator[tuple[str, str, str | None]]:
    """(code, message, hint) for each problem of one question."""
    if q.id in COMBINATORS:
        yield "KG104", f"{q.id!r} is a word of conditions", "choose another id"
    has_options = q.type in (QuestionType.CHOICE, QuestionType.MULTI)
    if has_options and not q.options:
        yield "KG207", f"a {q.type} question needs options", None
    if not has_options and q.options:
        yield "KG207", f"a {q.type} question has no options", "remove 'options' or change 'type'"
    values = q.option_values()
    for value in sorted({v for v in values if values.count(v) > 1}):
        yield "KG201", f"option {value!r} appears twice", None
    limits_ok = True
    if q.type is not QuestionType.NUMBER and (q.minimum is not None or q.maximum is not None):
        yield "KG207", "min and max are for number questions", None
    elif q.minimum is not None and q.maximum is not None and q.minimum > q.maximum:
        limits_ok = False
        yield "KG207", f"min {q.minimum} is more than max {q.maximum}", None
    if limits_ok and q.default is not None and not _default_fits(q):
        shown = list(q.default) if isinstance(q.default, tuple) else q.default
        hint = _answer_hint(q)
        if q.type is QuestionType.MULTI:
            hint = "a multi question's default is a list; " + hint
        yield "KG207", f"default {shown!r} does not fit", hint


def _conditions(library: Library) -> Iterator[tuple[str, Condition, SourceLocation, int | None]]:
    """(owner, condition, where, index of the owning question or None for clauses)."""
    for index, question in enumerate(library.questions):
        if question.when is not None:
            yield f"question {question.id}", question.when, question.origin, index
    for clause in library.clauses:
        if clause.when is not None:
            yield f"clause {clause.id}", clause.when, clause.at("when"), None


def check_conditions(library: Library) -> list[Finding]:
    """KG202, KG203, KG208: conditions name asked-before questions and values they can take."""
    questions = library_index(library).questions
    order = {q: i for i, q in enumerate(questions)}
    findings = []
    for owner, condition, where, index in _conditions(library):
        for match in iter_matches(condition):
            question = questions.get(match.question)
            if question is None:
                findings.append(
                    _error(
                        "KG202",
                        f"{owner}: condition names unknown question {match.question!r}",
                        where,
                        _did_you_mean(match.question, questions),
                    )
                )
                continue
            if index is not None and order[match.question] >= index:
                findings.append(
                    _error(
                        "KG208",
                        f"{owner}: condition depends on {question.id!r}, "
                        "which is not asked before it",
                        where,
                        "move the question earlier in the questionnaire",
                    )
                )
            findings += check_match(owner, match, question, where)
    return findings


def check_match(
    owner: str, match: Match, question: Question, where: SourceLocation
) -> list[Finding]:
    if match.op == "answered":
        return []
    if match.op in ("min", "max"):
        if question.type is QuestionType.NUMBER:
            return []
        message = f"{owner}: '{match.op}' on {question.id}, a {question.type} question"
        return [_error("KG203", message, where, "min and max test number answers")]
    for value in match.values:
        # A number outside min..max is still a sensible threshold to test against.
        fits = _valid_answer(question, value) or (
            question.type is QuestionType.NUMBER
            and isinstance(value, int)
            and not isinstance(value, bool)
        )
        if not fits:
            message = f"{owner}: {question.id} can never be {value!r}"
            return [_error("KG203", message, where, _answer_hint(question))]
    return []


# --- wording and procurement law --------------------------------------------------------------


def check_wording(library: Library) -> list[Finding]:
    """KG501-KG507: what LOU and good practice ask of each type of clause (Swedish text)."""
    findings = []
    specifications = {r.id for r in library.references if r.kind == "specification"}
    for clause in library.clauses:
        findings += _clause_wording(clause)
        findings += _equivalents(clause, specifications)
        for name, value in _localized_fields(clause):
            match = _VAGUE.search(value.get("sv", ""))
            if match and name in ("text", "verification", "evaluation"):
                findings.append(
                    _warning(
                        "KG506",
                        f"{clause.id}: vague wording {match.group(0)!r} in {name}",
                        clause.at(f"{name}.sv"),
                        "say it measurably: a number, a unit, a named format",
                    )
                )
    return findings


def _equivalents(clause: Clause, specifications: set[str]) -> list[Finding]:
    """KG507: LOU lets a requirement name a standard or specification only if it accepts an
    equivalent, so a clause citing one must say "eller likvärdigt" ("or equivalent")."""
    cited = [r for r in clause.legal_refs if r in specifications]
    text = clause.text.get("sv")
    if not cited or text is None or _EQUIVALENT.search(text):
        return []
    return [
        _warning(
            "KG507",
            f"{clause.id}: cites the specification {cited[0]!r} but does not accept an equivalent",
            clause.at("text.sv"),
            "add 'eller likvärdigt' after the standard (en: 'or equivalent')",
        )
    ]


def _clause_wording(clause: Clause) -> list[Finding]:
    # The wording rules read the Swedish text; a library without Swedish is not checked.
    text = clause.text.get("sv")
    where = clause.at("text.sv")
    kind = clause.type
    findings = []
    obligation = kind in (ClauseType.SKA, ClauseType.QUALIFICATION)
    if text is not None and obligation and not _OBLIGATION.search(text):
        message = f"{clause.id}: a {kind} must be worded with 'ska'"
        findings.append(_error("KG501", message, where, "write 'Leverantören ska ...'"))
    if clause.verification is None:
        findings.append(
            _error(
                "KG502",
                f"{clause.id}: a {kind} needs 'verification'",
                clause.origin,
                "say what the supplier submits or shows, or how it is followed up",
            )
        )
    if kind is ClauseType.AWARD:
        if clause.evaluation is None:
            findings.append(
                _error(
                    "KG503",
                    f"{clause.id}: an award criterion needs 'evaluation'",
                    clause.origin,
                    "say what earns credit and how much (points or a price deduction)",
                )
            )
        if text is not None and _SKA.search(text):
            findings.append(
                _error(
                    "KG504",
                    f"{clause.id}: an award criterion must not be worded as a 'ska' requirement",
                    where,
                    "say what earns credit: 'Mervärde ges om ...'",
                )
            )
    elif clause.evaluation is not None:
        findings.append(
            _error(
                "KG505",
                f"{clause.id}: only award criteria are evaluated; this is a {kind}",
                clause.at("evaluation"),
                "remove 'evaluation' or make it a tilldelningskriterium",
            )
        )
    return findings


def check_review_dates(library: Library, today: date) -> list[Finding]:
    """KG603: a clause whose review date has passed."""
    findings = []
    for clause in library.clauses:
        if clause.review_by is None:
            continue
        if not _is_date(clause.review_by):
            findings.append(
                _error(
                    "KG104",
                    f"{clause.id}: review_by {clause.review_by!r} is not a date",
                    clause.at("review_by"),
                    "write a real date YYYY-MM-DD",
                )
            )
        elif date.fromisoformat(clause.review_by) < today:
            findings.append(
                _warning(
                    "KG603",
                    f"{clause.id}: review was due {clause.review_by}",
                    clause.at("review_by"),
                    "review the clause, then move review_by forward",
                )
            )
    return findings
