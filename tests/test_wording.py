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
