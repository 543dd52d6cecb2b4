from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL
from kravgen.errors import AnswersError
from kravgen.library import load_library
from kravgen.model import Question, QuestionType
from kravgen.questions import (
    parse_answer,
    parse_set_options,
    read_answers_file,
    read_answers_leniently,
    resolve_answers,
)


def _question(kind: QuestionType, **extra: object) -> Question:
    fields: dict[str, object] = {
        "id": "q",
        "section": "s",
        "type": kind,
        "text": {"sv": "?"},
        "help": {},
        "options": (),
        "default": None,
        "required": True,
        "when": None,
        "minimum": None,
        "maximum": None,
        "unit": {},
        "origin": None,
    }
    fields.update(extra)
    return Question(**fields)  # type: ignore[arg-type]


def test_yes_no_accepts_swedish_and_english_words() -> None:
    q = _question(QuestionType.YESNO)
    assert [parse_answer(q, w, lang="en") for w in ("ja", "Nej", "yes", "n", True)] == [
        True,
        False,
        True,
        False,
        True,
    ]
    with pytest.raises(AnswersError, match="'kanske' is not a valid answer to q"):
        parse_answer(q, "kanske", lang="en")


def test_numbers_respect_limits_and_name_them() -> None:
    q = _question(QuestionType.NUMBER, minimum=1, maximum=365)
    assert parse_answer(q, "30", lang="en") == 30
    with pytest.raises(AnswersError) as info:
        parse_answer(q, "0", lang="en")
    assert info.value.hint == "q takes a whole number from 1 to 365"
    for bad in ("3.5", "tio", True, ""):
        with pytest.raises(AnswersError):
            parse_answer(q, bad, lang="en")


def test_dates_must_be_real_iso_dates() -> None:
    q = _question(QuestionType.DATE)
    assert parse_answer(q, "2026-11-29", lang="en") == "2026-11-29"
    for bad in ("2026-02-30", "29/11/2026", "2026-1-1", "igår"):
        with pytest.raises(AnswersError, match="not a valid answer"):
            parse_answer(q, bad, lang="en")


def test_text_answers_reject_control_characters() -> None:
    q = _question(QuestionType.TEXT)
    assert parse_answer(q, "  Region Västerbotten ", lang="en") == "Region Västerbotten"
    with pytest.raises(AnswersError):
        parse_answer(q, "bad\x01text", lang="en")


def test_precedence_set_over_file_over_default() -> None:
    library = load_library([MINIMAL])
    given = {"buyer_name": "Region Norr", "export_days": 10}
    given.update(parse_set_options(library, ["export_days=20"], "en"))
    resolution = resolve_answers(library, given)
    assert resolution.answers.values == {
        "procurement_kind": "it-system",
        "buyer_name": "Region Norr",
        "export_days": 20,
    }
    assert resolution.defaulted == {"procurement_kind"}
    assert resolution.missing == ()


def test_missing_required_answers_are_listed_and_unasked_questions_dropped() -> None:
    library = load_library([MINIMAL])
    resolution = resolve_answers(
        library, {"procurement_kind": "feasibility-study", "export_days": 5}
    )
    assert [q.id for q in resolution.missing] == ["buyer_name"]
    assert "export_days" not in resolution.answers.values
    assert resolution.ignored == ("export_days",)


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("export_days", "is not ID=VALUE"),
        ("nope=1", "unknown question 'nope'"),
        ("procurement_kind=skola", "'skola' is not a valid answer to procurement_kind"),
    ],
)
def test_bad_set_options(pair: str, message: str) -> None:
    library = load_library([MINIMAL])
    with pytest.raises(AnswersError, match=message):
        parse_set_options(library, [pair], "en")


def test_answers_file_errors_point_at_the_line(tmp_path: Path) -> None:
    library = load_library([MINIMAL])
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  procurement_kind: it-system\n  export_dayz: 3\n", "utf-8")
    with pytest.raises(AnswersError) as info:
        read_answers_file(path, library)
    assert str(info.value) == f"{path}:3:16: unknown question 'export_dayz'"
    assert info.value.hint == "did you mean 'export_days'?"


def test_answers_file_keeps_text_as_written(tmp_path: Path) -> None:
    library = load_library([MINIMAL])
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  buyer_name: 1.10\n", "utf-8")
    assert read_answers_file(path, library).answers["buyer_name"] == "1.10"


def test_lenient_reading_drops_answers_that_no_longer_fit(tmp_path: Path) -> None:
    library = load_library([MINIMAL])
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  procurement_kind: e-service\n  buyer_name: X\n", "utf-8")
    recorded, dropped = read_answers_leniently(path, library)
    assert recorded.answers == {"buyer_name": "X"}
    assert dropped == [
        ("procurement_kind", "'e-service' is not a valid answer to procurement_kind")
    ]
