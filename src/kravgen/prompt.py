"""The interactive front end over questions.py: numbered, line-based prompts.

Line-based prompts work with screen readers and piped input, and are testable in a real
terminal. Ctrl-C propagates as KeyboardInterrupt; the CLI turns it into exit 130.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from rich.console import Console

from kravgen.conditions import iter_matches
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


def _parse_typed(question: Question, typed: str, lang: str) -> AnswerValue:
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
        return parse_answer(question, picked, lang=lang)
    return parse_answer(question, typed, lang=lang)


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
        # With a default, Enter takes the default, so "none" needs its own answer: 0.
        hint = ui["choose_multi_default" if question.default is not None else "choose_multi"]
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
    question: Question,
    lang: str,
    term: Terminal,
    progress: str,
    accepted: set[str] | None = None,
) -> AnswerValue | None:
    """Ask until the answer is valid; `?` shows help. None only for optional questions.

    The ids of questions answered by taking the default with Enter are added to `accepted`.
    """
    ui = UI[lang]
    term.say("")
    if progress:
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
                if accepted is not None:
                    accepted.add(question.id)
                return default
            if question.type is QuestionType.MULTI:
                return ()  # empty means none, as the prompt says
            if not question.required:
                return None
            term.say(ui["required"])
            continue
        try:
            return _parse_typed(question, typed, lang)
        except AnswersError:
            term.say(_why_not(question, typed, lang))


def _why_not(question: Question, typed: str, lang: str) -> str:
    """What was wrong with a typed answer: a date in the right form that does not exist is
    called that, not sent back to the form it already has."""
    ui = UI[lang]
    if question.type is QuestionType.DATE and re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed):
        return ui["no_such_date"].format(date=typed)
    return ui["invalid"].format(hint=wanted(question, lang))


# The answers --keep-defaults may leave at their defaults: values written into the texts.
VALUE_TYPES = frozenset({QuestionType.NUMBER, QuestionType.TEXT, QuestionType.DATE})


@dataclass(slots=True)
class Session:
    """The state of one questionnaire: answers so far, and what was asked or given."""

    library: Library
    lang: str
    term: Terminal
    answers: dict[str, AnswerValue]
    preset: frozenset[str]  # given by --answers or --set: never asked, listed apart
    done: set[str] = field(default_factory=set)
    accepted: set[str] = field(default_factory=set)  # defaults taken with Enter
    keep_defaults: bool = False  # --keep-defaults: a value with a default is not asked

    def relevant(self) -> list[Question]:
        """The questions whose condition holds now, in library order (defaults fill gaps)."""
        values = resolve_answers(self.library, self.answers).answers.values
        return [q for q in self.library.questions if is_asked(q, values)]

    def numbered(self) -> list[Question]:
        """The questions of this session as they are numbered: relevant and not preset, nor
        kept at their default (until the review asks one)."""
        return [q for q in self.relevant() if q.id not in self.preset and not self.kept(q)]

    def kept(self, question: Question) -> bool:
        """Left at its default unasked, as --keep-defaults asks: a value (a period, a limit, a
        deduction, a format), never a question that decides which requirements apply."""
        return (
            self.keep_defaults
            and question.default is not None
            and question.type in VALUE_TYPES
            and question.id not in self.done
        )


def _possible_after(session: Session, current: Question) -> int:
    """How many questions after `current` may still be asked: each whose condition holds
    already, or depends on a question that may itself still be asked. So the total shown
    can only shrink as answers come in; it never grows (issue 14)."""
    resolved = resolve_answers(session.library, session.answers).answers.values
    # Only answers already given decide; a default projected for a question not yet asked
    # may still be answered otherwise, which is how the total used to grow.
    questions = session.library.questions
    settled = session.done | session.preset | {q.id for q in questions if session.kept(q)}
    values = {k: v for k, v in resolved.items() if k in settled}
    later = questions[questions.index(current) + 1 :]
    open_ids: set[str] = {current.id}  # its answer is not given yet
    for question in later:
        if question.id in settled:
            continue
        refs = {m.question for m in iter_matches(question.when)} if question.when else set()
        if refs & open_ids or is_asked(question, values):
            open_ids.add(question.id)
    return len(open_ids) - 1


def ask_all(session: Session) -> None:
    """Ask, in order, every question whose condition holds and that is not answered yet."""
    section = None
    while True:
        numbered = session.numbered()
        pending = [q for q in numbered if q.id not in session.done]
        if not pending:
            return
        question = pending[0]
        if question.section != section:
            section = question.section
            title = next((s.title for s in session.library.sections if s.id == section), None)
            if title:
                session.term.say("")
                session.term.say(f"== {pick(title, session.lang)} ==")
        n = numbered.index(question) + 1
        total = n + _possible_after(session, question)
        progress = UI[session.lang]["progress"].format(n=n, total=total)
        _record(session, question, progress)


def _record(session: Session, question: Question, progress: str) -> None:
    """Ask one question and keep its answer; an empty optional answer removes the old one."""
    session.accepted.discard(question.id)
    value = ask_question(question, session.lang, session.term, progress, session.accepted)
    session.done.add(question.id)
    if value is None:
        session.answers.pop(question.id, None)
    else:
        session.answers[question.id] = value


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


def _review_lines(session: Session, resolution: Resolution) -> tuple[list[str], list[Question]]:
    """The review: this session's questions with the numbers they were asked under (empty
    ones too, so they can still be answered), then the answers given beforehand."""
    ui = UI[session.lang]
    lang = session.lang
    relevant = session.relevant()
    asked = session.numbered()
    kept = [q for q in relevant if session.kept(q) and q.id not in session.preset]
    preset = [q for q in relevant if q.id in session.preset]
    order = asked + kept + preset
    group_starts = {len(asked) + 1: "kept", len(asked) + len(kept) + 1: "preset"}
    lines = ["", f"== {ui['review']} =="]
    for number, question in enumerate(order, start=1):
        if (group := group_starts.get(number)) is not None:
            lines.append(ui[group])
        value = resolution.answers.get(question.id)
        shown = ui["unanswered"] if value is None else shown_value(question, value, lang)
        lines.append(f"{number:>3}. {pick(question.text, lang)} {shown}")
    lines.append("")
    lines += _summary(session.library, resolution, lang)
    return lines, order


def review(session: Session) -> Resolution:
    """Show every answer and the selection; let the user change answers until they accept.

    A mistyped number is answered with one line and the prompt again, not a reprint that
    would push the message off a small screen.
    """
    ui = UI[session.lang]
    show = True
    while True:
        resolution = resolve_answers(session.library, session.answers)
        lines, order = _review_lines(session, resolution)
        if show:
            for line in lines:
                session.term.say(line)
        typed = session.term.ask(f"{ui['change']}: ").strip()
        if not typed:
            return resolution
        if not typed.isdigit() or not 1 <= int(typed) <= len(order):
            session.term.say(ui["not_number"].format(n=len(order)))
            show = False
            continue
        _record(session, order[int(typed) - 1], "")
        ask_all(session)
        show = True


def run_questionnaire(
    library: Library,
    lang: str,
    term: Terminal,
    preset: Mapping[str, AnswerValue],
    *,
    skip: frozenset[str] = frozenset(),
    keep: bool = False,
) -> Resolution:
    """The whole interactive session: introduction, questions, review.

    `preset` answers (from --answers or --set) are kept; questions in `skip` are not asked,
    nor, with `keep`, those with a default. Defaults taken with Enter or kept count as
    defaults: the memo lists them for checking.
    """
    term.say(UI[lang]["intro"])
    session = Session(
        library, lang, term, dict(preset), frozenset(skip), done=set(skip), keep_defaults=keep
    )
    ask_all(session)
    resolution = review(session)
    taken = {q for q in session.accepted if resolution.answers.get(q) == session.answers.get(q)}
    return replace(resolution, defaulted=resolution.defaulted | frozenset(taken))
