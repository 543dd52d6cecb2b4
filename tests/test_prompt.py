"""The questionnaire's logic through a scripted terminal (the real terminal is in test_terminal)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import MINIMAL
from kravgen.library import load_library
from kravgen.prompt import Terminal, run_questionnaire


class Script:
    """Feeds typed lines to the questionnaire and records everything it prints."""

    def __init__(self, *typed: str) -> None:
        self.typed: Iterator[str] = iter(typed)
        self.shown: list[str] = []

    def terminal(self) -> Terminal:
        def ask(prompt: str) -> str:
            self.shown.append(prompt)
            return next(self.typed)

        return Terminal(say=self.shown.append, ask=ask)

    @property
    def text(self) -> str:
        return "\n".join(self.shown)


def test_a_complete_session_with_defaults_and_numbered_choices() -> None:
    library = load_library([MINIMAL])
    script = Script("1", "Umeå kommun", "", "")
    resolution = run_questionnaire(library, "sv", script.terminal(), {})
    assert resolution.answers.values == {
        "procurement_kind": "it-system",
        "buyer_name": "Umeå kommun",
        "export_days": 30,
    }
    assert "Fråga 1 av 3" in script.text
    assert "  1) It-system" in script.text
    assert "Välj 1–2 [1]: " in script.text
    assert "[30]: " in script.text
    assert "Urval: 2 krav (Ska-krav 2)" in script.text


def test_only_questions_whose_condition_holds_are_asked() -> None:
    library = load_library([MINIMAL])
    script = Script("2", "Region Norr", "")
    resolution = run_questionnaire(library, "sv", script.terminal(), {})
    assert "export_days" not in resolution.answers.values
    assert "Inom hur många dagar" not in script.text
    assert "Fråga 2 av 2" in script.text


def test_help_and_a_bad_value_reasked() -> None:
    library = load_library([MINIMAL])
    script = Script("?", "7", "it-system", "X", "noll", "0", "12", "")
    resolution = run_questionnaire(library, "en", script.terminal(), {})
    assert resolution.answers.get("export_days") == 12
    assert "Pick what best describes the procurement." in script.text
    assert script.text.count("Invalid answer.") == 3
    assert "Invalid answer. Choose a number from 1 to 2." in script.text
    assert "Invalid answer. Give a whole number from 1 to 365." in script.text


def test_changing_an_answer_at_the_review_asks_what_becomes_relevant() -> None:
    library = load_library([MINIMAL])
    # Answer as a feasibility study, then change the first answer to an IT system at review:
    # the export question becomes relevant and is asked.
    script = Script("2", "Region Norr", "1", "1", "45", "")
    resolution = run_questionnaire(library, "sv", script.terminal(), {})
    assert resolution.answers.values == {
        "procurement_kind": "it-system",
        "buyer_name": "Region Norr",
        "export_days": 45,
    }
    assert script.text.count("== Granska svaren ==") == 2


def test_preset_answers_are_not_asked_again() -> None:
    library = load_library([MINIMAL])
    script = Script("")
    preset = {"procurement_kind": "feasibility-study", "buyer_name": "X"}
    resolution = run_questionnaire(library, "sv", script.terminal(), preset, skip=frozenset(preset))
    assert resolution.answers.values == preset
    assert "Fråga" not in script.text


def test_ctrl_c_propagates() -> None:
    library = load_library([MINIMAL])

    def interrupt(prompt: str) -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_questionnaire(library, "sv", Terminal(say=lambda _: None, ask=interrupt), {})


def test_a_date_question_offers_today_and_explains_the_form() -> None:
    from datetime import date

    from kravgen.model import Question, QuestionType
    from kravgen.prompt import ask_question, default_for

    question = Question(
        id="date",
        section="s",
        type=QuestionType.DATE,
        text={"sv": "Vilket datum?"},
        help={},
        options=(),
        default=None,
        required=False,
        when=None,
        minimum=None,
        maximum=None,
        unit={},
        origin=None,  # type: ignore[arg-type]
    )
    assert default_for(question) == date.today().isoformat()
    script = Script("1/12", "")
    assert ask_question(question, "sv", script.terminal(), "") == date.today().isoformat()
    assert f"ÅÅÅÅ-MM-DD [{date.today().isoformat()}]: " in script.text
    assert "Ogiltigt svar. Ange ett datum på formen ÅÅÅÅ-MM-DD." in script.text
