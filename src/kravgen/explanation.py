"""`kravgen explain` for people: each clause with its title, and why it is in or out, in words.

The JSON output of `explain` keeps its machine shape (`question = value`); this is the text.
"""

from __future__ import annotations

from kravgen.annex.render import explain_reasons
from kravgen.conditions import iter_matches
from kravgen.model import Decision, Library, Match, Not, QuestionType, pick
from kravgen.wording import EXPLAIN


def explain_text(library: Library, decisions: tuple[Decision, ...], lang: str) -> str:
    """The legend, then per clause: mark, id and title, and one line per deciding answer."""
    words = EXPLAIN[lang]
    lines = [words["legend"], ""]
    for decision in decisions:
        clause = decision.clause
        mark = "+" if decision.selected else "-"
        lines.append(f"{mark} {clause.id}  {pick(clause.title, lang)}")
        if not decision.reasons:
            lines.append(f"    {words['always']}")
        asked = explain_reasons(decision.reasons, library, lang)
        for reason, said in zip(decision.reasons, asked, strict=True):
            why = "" if decision.selected else _needed(library, decision, reason.question, lang)
            lines.append(f"    {said}" + (f" ({why})" if why else ""))
    return "\n".join(lines) + "\n"


def _needed(library: Library, decision: Decision, question_id: str, lang: str) -> str:
    """What the clause's condition asks of this question, in words; empty when it is not one
    plain test (a negated part is left to the answer alone rather than said wrongly)."""
    when = decision.clause.when
    if when is None or _has_not(when):
        return ""
    matches = [m for m in iter_matches(when) if m.question == question_id]
    return "; ".join(_describe(library, m, lang) for m in matches)


def _has_not(condition: object) -> bool:
    if isinstance(condition, Not):
        return True
    items = getattr(condition, "items", ())
    return any(_has_not(item) for item in items)


def _describe(library: Library, match: Match, lang: str) -> str:
    words = EXPLAIN[lang]
    question = library.question(match.question)

    def shown(value: str | int | bool) -> str:
        if isinstance(value, bool):
            return words["yes"] if value else words["no"]
        if question is not None and question.type in (QuestionType.CHOICE, QuestionType.MULTI):
            return question.label_of(str(value), lang)
        return str(value)

    values = words["or"].join(shown(v) for v in match.values)
    if match.op == "in":
        return words["needs_in"].format(values=values)
    if match.op == "not_in":
        return words["needs_not_in"].format(values=values)
    if match.op == "min":
        return words["needs_min"].format(value=values)
    if match.op == "max":
        return words["needs_max"].format(value=values)
    return words["needs_answered"]
