"""The wording catalogue: every language says every word, and yes/no read alike everywhere."""

from __future__ import annotations

import pytest

from kravgen.wording import CLI, EVALUATION, LABELS, UI, WORKBOOK, yes_no


@pytest.mark.parametrize(
    "table",
    [LABELS, UI, CLI, WORKBOOK, EVALUATION],
    ids=["labels", "ui", "cli", "workbook", "evaluation"],
)
def test_every_language_has_every_word(table: object) -> None:
    assert isinstance(table, dict)
    keys = {lang: set(words) for lang, words in table.items()}
    assert set(keys) == {"sv", "en"}
    assert keys["sv"] == keys["en"]


def test_yes_no_is_swedish_in_swedish_and_english_otherwise() -> None:
    assert (yes_no(True, "sv"), yes_no(False, "sv")) == ("ja", "nej")
    assert (yes_no(True, "en"), yes_no(False, "en")) == ("yes", "no")
    assert yes_no(True, "de") == "yes"


def test_the_locale_language_follows_the_variables_then_the_system() -> None:
    from kravgen.wording import locale_language

    assert locale_language({"LANG": "sv_SE.UTF-8"}, "English_United States") == "sv"
    assert locale_language({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE"}, "Swedish_Sweden") == "en"
    # Windows sets no variable and names its locale in words.
    assert locale_language({}, "Swedish_Sweden") == "sv"
    assert locale_language({}, "sv_FI") == "sv"
    assert locale_language({}, "German_Germany") == "en"
    assert locale_language({}, "") == "en"


def test_the_help_says_every_text_in_every_language_with_the_same_placeholders() -> None:
    from string import Formatter

    from kravgen.wording import HELP

    def fields(text: str) -> list[str]:
        return sorted(name for _, name, _, _ in Formatter().parse(text) if name is not None)

    assert set(HELP) == {"sv", "en"}
    assert set(HELP["sv"]) == set(HELP["en"])
    differ = [key for key in HELP["sv"] if fields(HELP["sv"][key]) != fields(HELP["en"][key])]
    assert differ == []
    # typer reads help as rich markup, where "[word]" is a style tag and vanishes
    assert [key for lang in HELP for key, text in HELP[lang].items() if "[" in text] == []
