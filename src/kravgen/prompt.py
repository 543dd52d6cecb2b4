"""The interactive front end over questions.py: numbered, line-based prompts.

Line-based prompts work with screen readers and piped input, and are testable in a real
terminal. Ctrl-C propagates as KeyboardInterrupt; the CLI turns it into exit 130.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from rich.console import Console

from kravgen.errors import AnswersError
from kravgen.model import (
    AnswerValue,
    Library,
    Question,
    QuestionType,
    pick,
)
from kravgen.questions import Resolution, is_asked, parse_answer, resolve_answers
from kravgen.selection import select_clauses
from kravgen.wording import CLAUSE_TYPE_LABELS, UI, yes_no


@dataclass(slots=True)
class Terminal:
    """Where prompts go and answers come from; tests substitute their own functions."""

    say: Callable[[str], None]
    ask: Callable[[str], str]


def rich_terminal() -> Terminal:

    console = Console(highlight=False)
    return Terminal(
        say=lambda text: console.print(text, markup=False),
        ask=lambda text: console.input(text, markup=False),
    )


def shown_value(question: Question, value: AnswerValue | None, lang: str) -> str:
    ui = UI[lang]
    if value is None:
        return ui["none"]
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, tuple):
        return ", ".join(question.label_of(v, lang) for v in value) or ui["none"]
    if question.options:
        return question.label_of(str(value), lang)
    return str(value)


def _parse_typed(question: Question, typed: str) -> AnswerValue:
    """Numbers pick options; everything else goes through the common answer parser."""
    values = question.option_values()
    if question.type is QuestionType.CHOICE and typed.isdigit():
        index = int(typed)
        if 1 <= index <= len(values):
            return values[index - 1]
    if question.type is QuestionType.MULTI:
        if typed.strip() in ("0", "-"):
            return ()
        picked = []
        for part in typed.split(","):
            part = part.strip()
            if part.isdigit() and 1 <= int(part) <= len(values):
                picked.append(values[int(part) - 1])
            else:
                picked.append(part)
        return parse_answer(question, picked)
    return parse_answer(question, typed)


def wanted(question: Question, lang: str) -> str:
    """What a valid answer looks like, in the user's language."""
    ui = UI[lang]
    kind = question.type
    if kind is QuestionType.CHOICE:
        return ui["want_choice"].format(n=len(question.options))
    if kind is QuestionType.MULTI:
        return ui["want_multi"]
    if kind is QuestionType.YESNO:
        return ui["want_yesno"]
    if kind is QuestionType.NUMBER:
        if question.minimum is not None and question.maximum is not None:
            limits = ui["want_range"].format(low=question.minimum, high=question.maximum)
        else:
            limits = ""
        return ui["want_number"] + limits + "."
    if kind is QuestionType.DATE:
        return ui["want_date"]
    return ui["want_text"]


def default_for(question: Question) -> AnswerValue | None:
    """The value Enter picks: the library's default; a date question offers today."""
    if question.default is None and question.type is QuestionType.DATE:
        return date.today().isoformat()
    return question.default


def _prompt_line(question: Question, lang: str) -> str:
    ui = UI[lang]
    if question.type is QuestionType.CHOICE:
        hint = ui["choose"].format(n=len(question.options))
    elif question.type is QuestionType.MULTI:
        hint = ui["choose_multi"]
    elif question.type is QuestionType.YESNO:
        hint = ui["yesno"]
    elif question.unit:
        hint = pick(question.unit, lang)
    elif question.type is QuestionType.DATE:
        hint = ui["date_hint"]
    else:
        hint = ""
    default = default_for(question)
    if default is not None:
        if question.type is QuestionType.CHOICE:
            shown = str(question.option_values().index(str(default)) + 1)
        else:
            shown = shown_value(question, default, lang)
        hint = f"{hint} [{shown}]".strip()
    return f"{hint}: " if hint else "> "


def ask_question(
    question: Question, lang: str, term: Terminal, progress: str
) -> AnswerValue | None:
    """Ask until the answer is valid; `?` shows help. None only for optional questions."""
    ui = UI[lang]
    term.say("")
    term.say(progress)
    term.say(pick(question.text, lang))
    for number, option in enumerate(question.options, start=1):
        term.say(f"  {number}) {pick(option.label, lang)}")
    while True:
        typed = term.ask(_prompt_line(question, lang)).strip()
        if typed == "?":
            term.say(pick(question.help, lang) if question.help else ui["no_help"])
            continue
        if not typed:
            default = default_for(question)
            if default is not None:
                return default
            if not question.required:
                return None
            term.say(ui["required"])
            continue
        try:
            return _parse_typed(question, typed)
        except AnswersError:
            term.say(ui["invalid"].format(hint=wanted(question, lang)))


def _pending(
    library: Library, answers: Mapping[str, AnswerValue], done: set[str]
) -> list[Question]:
    """The questions still to ask, given the answers so far (defaults fill the gaps)."""
    projected = dict(resolve_answers(library, answers).answers.values)
    return [q for q in library.questions if is_asked(q, projected) and q.id not in done]


def ask_all(
    library: Library, lang: str, term: Terminal, answers: dict[str, AnswerValue], done: set[str]
) -> None:
    """Ask, in order, every question whose condition holds and that is not answered yet."""
    section = None
    count = 0
    while True:
        pending = _pending(library, answers, done)
        if not pending:
            return
        question = pending[0]
        count += 1
        if question.section != section:
            section = question.section
            title = next((s.title for s in library.sections if s.id == section), None)
            if title:
                term.say("")
                term.say(f"== {pick(title, lang)} ==")
        total = count + len(pending) - 1
        progress = UI[lang]["progress"].format(n=count, total=total)
        value = ask_question(question, lang, term, progress)
        done.add(question.id)
        if value is None:
            answers.pop(question.id, None)
        else:
            answers[question.id] = value


def _summary(library: Library, resolution: Resolution, lang: str) -> list[str]:

    selected = select_clauses(library, resolution.answers).selected
    types = Counter(d.clause.type for d in selected)
    type_text = ", ".join(f"{pick(CLAUSE_TYPE_LABELS[t], lang)} {n}" for t, n in types.items())
    lines = [UI[lang]["summary"].format(total=len(selected), types=type_text)]
    for area in library.areas:
        count = sum(1 for d in selected if d.clause.area == area.id)
        if count:
            lines.append(UI[lang]["per_area"].format(area=pick(area.title, lang), count=count))
    return lines


def review(
    library: Library, lang: str, term: Terminal, answers: dict[str, AnswerValue], done: set[str]
) -> Resolution:
    """Show every answer and the selection; let the user change answers until they accept."""
    ui = UI[lang]
    while True:
        resolution = resolve_answers(library, answers)
        shown = [q for q in library.questions if q.id in resolution.answers.values]
        term.say("")
        term.say(f"== {ui['review']} ==")
        for number, question in enumerate(shown, start=1):
            value = resolution.answers.get(question.id)
            term.say(
                f"{number:>3}. {pick(question.text, lang)} {shown_value(question, value, lang)}"
            )
        term.say("")
        for line in _summary(library, resolution, lang):
            term.say(line)
        typed = term.ask(f"{ui['change']}: ").strip()
        if not typed:
            return resolution
        if not typed.isdigit() or not 1 <= int(typed) <= len(shown):
            term.say(ui["not_number"].format(n=len(shown)))
            continue
        question = shown[int(typed) - 1]
        value = ask_question(question, lang, term, "")
        if value is None:
            answers.pop(question.id, None)
        else:
            answers[question.id] = value
        ask_all(library, lang, term, answers, done)


def run_questionnaire(
    library: Library,
    lang: str,
    term: Terminal,
    preset: Mapping[str, AnswerValue],
    *,
    skip: frozenset[str] = frozenset(),
) -> Resolution:
    """The whole interactive session: introduction, questions, review.

    `preset` answers (from --answers or --set) are kept; questions in `skip` are not asked.
    """
    term.say(UI[lang]["intro"])
    answers = dict(preset)
    done = set(skip)
    ask_all(library, lang, term, answers, done)
    return review(library, lang, term, answers, done)
