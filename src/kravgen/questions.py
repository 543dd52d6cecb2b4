"""Stage 2: answers. Parse and check answer values, apply precedence, read and write answers files.

No terminal I/O here; `prompt.py` is the interactive front end over these functions.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kravgen.conditions import evaluate
from kravgen.errors import AnswersError, LibraryError, SourceLocation
from kravgen.library.yamlsource import ANSWERS_FILE, YamlDocument, read_yaml_file
from kravgen.model import (
    Answers,
    AnswerValue,
    Library,
    Question,
    QuestionType,
    Reason,
    Selection,
)
from kravgen.values import is_date, value_fits
from kravgen.wording import message

YES_WORDS = frozenset({"ja", "j", "yes", "y", "true", "1"})
NO_WORDS = frozenset({"nej", "n", "no", "false", "0"})
ANSWERS_FILE_KEYS = ("answers", "library", "kravgen_version", "selected", "lang")
MAX_TEXT_ANSWER = 2_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def allowed_values(question: Question, lang: str) -> str:
    """What a question accepts in an answers file or --set, for error messages."""
    if question.options:
        return ", ".join(question.option_values())
    if question.type is QuestionType.NUMBER:
        low, high = question.minimum, question.maximum
        return (
            message("takes_number", lang)
            + (message("takes_from", lang, low=low) if low is not None else "")
            + (message("takes_to", lang, high=high) if high is not None else "")
        )
    key = {
        QuestionType.YESNO: "takes_yesno",
        QuestionType.DATE: "takes_date",
        QuestionType.TEXT: "takes_text",
    }.get(question.type)
    return message(key, lang, limit=MAX_TEXT_ANSWER) if key else str(question.type)


# How much of a rejected value a message repeats: enough to recognise it.
_SHOWN_CHARS = 80


def _reject(
    question: Question, shown: object, where: SourceLocation | None, lang: str
) -> AnswersError:
    text = repr(shown)
    if len(text) > _SHOWN_CHARS:
        text = f"{text[:_SHOWN_CHARS]}... ({len(str(shown))})"
    return AnswersError(
        message("not_valid", lang, value=text, id=question.id),
        where,
        hint=message(
            "not_valid_hint", lang, id=question.id, allowed=allowed_values(question, lang)
        ),
    )


def parse_answer(
    question: Question, raw: Any, where: SourceLocation | None = None, *, lang: str
) -> AnswerValue:
    """Check one answer from a file (YAML value) or from text typed or passed with --set.

    Raises:
        AnswersError: the value does not fit the question.
    """
    kind = question.type
    if kind is QuestionType.YESNO:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise _reject(question, raw, where, lang)
    if kind is QuestionType.MULTI:
        items = raw if isinstance(raw, list | tuple) else str(raw).split(",")
        values = tuple(str(item).strip() for item in items if str(item).strip())
        for value in values:
            if not value_fits(question, value):
                raise _reject(question, value, where, lang)
        return tuple(dict.fromkeys(values))
    if kind is QuestionType.NUMBER:
        return _parse_number(question, raw, where, lang)
    text = raw if isinstance(raw, str) else str(raw)
    text = text.strip()
    if kind is QuestionType.CHOICE:
        if not value_fits(question, text):
            raise _reject(question, raw, where, lang)
        return text
    if kind is QuestionType.DATE:
        return _parse_date(question, text, where, lang)
    if not text or len(text) > MAX_TEXT_ANSWER or _CONTROL.search(text):
        raise _reject(question, raw, where, lang)
    if "{{" in text or "{%" in text:
        # Clause texts are filled in with answers and then checked for leftover markup; an
        # answer holding some would be blamed on the clause (issue 15, point 5).
        raise AnswersError(
            message("answer_markup", lang, id=question.id),
            where,
            hint=message("answer_markup_hint", lang),
        )
    return text


def _parse_date(question: Question, text: str, where: SourceLocation | None, lang: str) -> str:
    if not is_date(text):
        raise _reject(question, text, where, lang)
    return text


def _parse_number(question: Question, raw: Any, where: SourceLocation | None, lang: str) -> int:
    if isinstance(raw, bool):
        raise _reject(question, raw, where, lang)
    if isinstance(raw, int):
        number = raw
    else:
        text = str(raw).strip().replace(" ", "")
        if not re.fullmatch(r"[-+]?[0-9]{1,12}", text):
            raise _reject(question, raw, where, lang)
        number = int(text)
    if not value_fits(question, number):
        raise _reject(question, raw, where, lang)
    return number


def is_asked(question: Question, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether a question's condition holds for the answers given so far."""
    return evaluate(question.when, answers)[0]


@dataclass(frozen=True, slots=True)
class Resolution:
    """Answers after precedence, plus what is still missing and what came from defaults."""

    answers: Answers
    missing: tuple[Question, ...]
    defaulted: frozenset[str]
    ignored: tuple[str, ...] = ()  # given, but the question was not asked


def resolve_answers(
    library: Library,
    given: Mapping[str, AnswerValue],
    *,
    use_defaults: bool = True,
) -> Resolution:
    """Walk the questionnaire in order: given answer, else the default, else missing."""
    values: dict[str, AnswerValue] = {}
    missing: list[Question] = []
    defaulted: set[str] = set()
    for question in library.questions:
        if not is_asked(question, values):
            continue
        if question.id in given:
            values[question.id] = given[question.id]
        elif use_defaults and question.default is not None:
            values[question.id] = question.default
            defaulted.add(question.id)
        elif question.required:
            missing.append(question)
    ignored = tuple(k for k in given if k not in values)
    return Resolution(Answers(values), tuple(missing), frozenset(defaulted), ignored)


def unasked_reasons(
    library: Library, resolution: Resolution
) -> list[tuple[Question, tuple[Reason, ...]]]:
    """Each answer given for a question that was not asked, with the answers that kept its
    condition from holding, so that no given value is dropped without saying why."""
    out = []
    for question_id in resolution.ignored:
        question = library.question(question_id)
        if question is not None:
            out.append((question, evaluate(question.when, resolution.answers.values)[1]))
    return out


def check_given(
    library: Library, raw: Mapping[str, Any], where: Mapping[str, SourceLocation], lang: str
) -> dict[str, AnswerValue]:
    """Check raw answers against their questions.

    Raises:
        AnswersError: an unknown question id or a value that does not fit.
    """
    checked: dict[str, AnswerValue] = {}
    known = [q.id for q in library.questions]
    for question_id, value in raw.items():
        question = library.question(question_id)
        if question is None:
            close = difflib.get_close_matches(question_id, known, n=1)
            raise AnswersError(
                message("unknown_question", lang, id=repr(question_id)),
                where.get(question_id),
                hint=message("did_you_mean", lang, id=repr(close[0]))
                if close
                else message("see_questions", lang),
            )
        if value is None:
            continue
        checked[question_id] = parse_answer(question, value, where.get(question_id), lang=lang)
    return checked


def parse_set_options(library: Library, pairs: Sequence[str], lang: str) -> dict[str, AnswerValue]:
    """`--set ID=VALUE` options, checked like answers.

    Raises:
        AnswersError: a malformed pair, unknown id or bad value.
    """
    raw: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise AnswersError(
                message("set_form", lang, pair=repr(pair)), hint=message("set_form_hint", lang)
            )
        raw[key.strip()] = value
    return check_given(library, raw, {}, lang)


@dataclass(frozen=True, slots=True)
class AnswersFile:
    """What an answers file holds: the answers and the provenance of the run that wrote it."""

    answers: dict[str, AnswerValue]
    library_name: str | None = None
    library_version: str | None = None
    library_digest: str | None = None
    kravgen_version: str | None = None
    selected: dict[str, int] = field(default_factory=dict)
    lang: str | None = None


def read_answers_file(path: Path, library: Library, lang: str = "en") -> AnswersFile:
    """Read and check an answers file; errors point at its lines.

    Raises:
        AnswersError: unreadable, malformed, unknown question ids or bad values.
    """
    recorded, _ = _read_answers(path, library, lenient=False, lang=lang)
    return recorded


def read_answers_leniently(
    path: Path, library: Library, lang: str = "en"
) -> tuple[AnswersFile, list[tuple[str, str]]]:
    """Like read_answers_file, but answers that no longer fit are dropped and listed (--upgrade).

    Raises:
        AnswersError: the file itself is unreadable or malformed.
    """
    return _read_answers(path, library, lenient=True, lang=lang)


def _first_bytes(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(1024)


def _open_answers(path: Path, lang: str) -> YamlDocument:
    """The YAML document of an answers file; a missing or binary file is named as such.

    Raises:
        AnswersError: the file does not exist, is not text, or is not YAML.
    """
    where = SourceLocation(path)
    if not path.exists():
        raise AnswersError(message("no_file", lang), where)
    # Only a regular file is sniffed: a device such as /dev/zero meets the size cap instead.
    start = _first_bytes(path) if path.is_file() else b""
    if b"\0" in start or start.startswith(b"PK\x03\x04"):
        raise AnswersError(
            message("answers_not_yaml", lang), where, message("answers_not_yaml_hint", lang)
        )
    try:
        return read_yaml_file(path, ANSWERS_FILE)
    except LibraryError as exc:
        # The loader's hints speak of libraries; an answers file is not one.
        raise AnswersError(exc.message, exc.where) from exc


def _read_answers(
    path: Path, library: Library, *, lenient: bool, lang: str
) -> tuple[AnswersFile, list[tuple[str, str]]]:
    doc = _open_answers(path, lang)
    data = doc.value
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise AnswersError(
            message("answers_shape", lang),
            doc.where(()),
            hint="answers:\n  procurement_kind: it-system",
        )
    for key in data:
        if key not in ANSWERS_FILE_KEYS:
            raise AnswersError(
                message("unknown_key", lang, name=repr(key)),
                doc.where((key,), key=True),
                hint=message("unknown_key_hint", lang, keys=", ".join(ANSWERS_FILE_KEYS)),
            )
    raw = {
        k: _plain(doc.plain_text.get(("answers", k)), v, library.question(k))
        for k, v in data["answers"].items()
    }
    where = {k: doc.where(("answers", k)) for k in raw}
    dropped: list[tuple[str, str]] = []
    if lenient:
        answers: dict[str, AnswerValue] = {}
        for key, value in raw.items():
            try:
                answers.update(check_given(library, {key: value}, where, lang))
            except AnswersError as exc:
                dropped.append((key, exc.message))
    else:
        answers = check_given(library, raw, where, lang)
    lib = data["library"] if isinstance(data.get("library"), dict) else {}
    selected = data["selected"] if isinstance(data.get("selected"), dict) else {}
    recorded = AnswersFile(
        answers=answers,
        library_name=_str_or_none(lib.get("name")),
        library_version=_str_or_none(lib.get("version")),
        library_digest=_str_or_none(lib.get("digest")),
        kravgen_version=_str_or_none(data.get("kravgen_version")),
        selected={str(k): v for k, v in selected.items() if isinstance(v, int)},
        lang=_str_or_none(data.get("lang")),
    )
    return recorded, dropped


def _plain(original: str | None, value: Any, question: Question | None) -> Any:
    # A reference number like 2026 or a title like 1.10 is text: keep what the user wrote.
    if question is not None and question.type is QuestionType.TEXT and original is not None:
        return original
    return value


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def dump_answers_file(
    library: Library, answers: Answers, selection: Selection, lang: str, kravgen_version: str
) -> str:
    """The answers file text: deterministic, commented, replayable with --answers."""

    ordered = {q.id: answers.get(q.id) for q in library.questions if answers.get(q.id) is not None}
    data = {
        "kravgen_version": kravgen_version,
        "lang": lang,
        "library": {
            "name": library.manifest.name,
            "version": library.manifest.version,
            "digest": library.digest,
        },
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in ordered.items()},
        "selected": {d.clause.id: d.clause.version for d in selection.selected},
    }
    header = message("answers_header", lang)
    body = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return header + body


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """What changed for this procurement since the answers file was written."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    reworded: tuple[str, ...]
    new_questions: tuple[str, ...]
    old_library: str
    new_library: str

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.new_questions)


def library_changed(library: Library, recorded: AnswersFile) -> bool:
    """Whether an answers file was written against another library version or content."""
    if recorded.library_digest is not None:
        return recorded.library_digest != library.digest
    version = recorded.library_version
    return version is not None and version != library.manifest.version


def change_report(
    library: Library, recorded: AnswersFile, selection: Selection, resolution: Resolution
) -> ChangeReport:
    """Compare the selection recorded in an answers file with today's."""
    now = {d.clause.id: d.clause.version for d in selection.selected}
    before = recorded.selected
    given = set(recorded.answers)
    new_questions = tuple(
        q.id for q in library.questions if q.id in resolution.answers.values and q.id not in given
    ) + tuple(q.id for q in resolution.missing)
    return ChangeReport(
        added=tuple(cid for cid in now if cid not in before),
        removed=tuple(cid for cid in before if cid not in now),
        reworded=tuple(cid for cid, v in now.items() if cid in before and before[cid] != v),
        new_questions=tuple(dict.fromkeys(new_questions)),
        old_library=f"{recorded.library_name or '?'}@{recorded.library_version or '?'}",
        new_library=f"{library.manifest.name}@{library.manifest.version}",
    )


def missing_message(resolution: Resolution, lang: str = "en") -> AnswersError:
    """The error for answers that are missing where no one can be asked, in `lang`."""
    ids = ", ".join(q.id for q in resolution.missing)
    return AnswersError(message("missing", lang, ids=ids), hint=message("missing_hint", lang))


def merge_given(
    file_answers: Mapping[str, AnswerValue], set_answers: Mapping[str, AnswerValue]
) -> dict[str, AnswerValue]:
    """--set wins over the answers file."""
    return {**file_answers, **set_answers}
