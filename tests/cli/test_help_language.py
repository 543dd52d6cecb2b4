"""`kravgen --help` and each command's help speak the language of the user's locale.

Help is written before any option is read, so it follows the locale alone (LC_ALL, then
LC_MESSAGES, then LANG). These run kravgen in a subprocess, as a user starts it: the in-process
tests read their help in English (tests/conftest.py pins it).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from session_helpers import clean_env, run

from kravgen.cli import app
from kravgen.wording import HELP

SWEDISH = {"LANG": "sv_SE.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
LOCALES = {
    "sv": SWEDISH,
    "en": ENGLISH,
    "LC_ALL sv over LANG en": {**ENGLISH, "LC_ALL": "sv_SE.UTF-8"},
    "LC_ALL en over LANG sv": {**SWEDISH, "LC_ALL": "C.UTF-8"},
}
SPEAKS = {
    "sv": "sv",
    "en": "en",
    "LC_ALL sv over LANG en": "sv",
    "LC_ALL en over LANG sv": "en",
}

# What a reader of each help sees, in each language (whitespace collapsed, frames removed).
EXPECTED = {
    ("app", "sv"): [
        "Användning: kravgen [OPTIONS] COMMAND [ARGS]...",
        "Börja med 'kravgen new'. Avslutningskoder: 0 klart, 1 validate hittade fel,",
        "130 avbrutet.",
        "─ Alternativ ─",
        "─ Kommandon ─",
        "new Besvara frågorna och skriv bilagan, PM:et till beställaren och svarsfilen.",
        "--help Visa den här hjälpen och avsluta.",
    ],
    ("app", "en"): [
        "Usage: kravgen [OPTIONS] COMMAND [ARGS]...",
        "Start with 'kravgen new'. Exit codes: 0 ok, 1 validation findings, 2 usage,",
        "─ Options ─",
        "─ Commands ─",
        "new Answer the questions and write the annex, the buyer's memo and the answers file.",
        "--help Show this message and exit.",
    ],
    ("new", "sv"): [
        "Användning: kravgen new [OPTIONS]",
        "--output -o FILE Bilagan som ska skrivas; filändelsen (.docx, .pdf, .md, .xlsx, .csv) "
        "avgör formatet.",
        "--set -s ID=VALUE Kan upprepas; går före svaren i --answers.",
        "--lang <sv|en> Språk för frågorna, bilagan och PM:et.",
        "--format <docx|md|xlsx|csv|pdf> docx; pdf (PDF/A, kräver LibreOffice)",
        "--force Skriv över filer som redan finns.",
    ],
    ("new", "en"): [
        "Usage: kravgen new [OPTIONS]",
        "--set -s ID=VALUE Repeatable; wins over --answers.",
        "--lang <sv|en> Language of the questions, the annex and the memo.",
        "--force Overwrite existing files.",
    ],
    ("evaluate", "sv"): [
        "Användning: kravgen evaluate [OPTIONS] ANNEX FILLED...",
        "Utvärdera leverantörernas svar: kvalificerad eller inte,",
        "─ Argument ─",
        "filled... Leverantörernas ifyllda exemplar (.xlsx, .docx).",
        "--lang <sv|en> Språk för rapporten. Standard: bilagans språk.",
    ],
    ("evaluate", "en"): [
        "Usage: kravgen evaluate [OPTIONS] ANNEX FILLED...",
        "Check suppliers' answers: qualified or not,",
        "─ Arguments ─",
        "filled... The suppliers' copies (.xlsx, .docx).",
        "--lang <sv|en> Language of the report. Default: the annex's language.",
    ],
}
# Words of the other language that must not show.
ABSENT = {
    "sv": ["Usage:", "Show this message", "─ Options ─", "─ Commands ─", "─ Arguments ─"],
    "en": ["Användning", "Visa den här hjälpen", "Alternativ", "Kommandon", "─ Argument ─"],
}


def _read(text: str) -> str:
    """The help as a reader takes it in: frame characters gone, wrapped lines joined."""
    return " ".join(text.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


@pytest.mark.parametrize("locale", list(LOCALES))
@pytest.mark.parametrize("command", ["app", "new", "evaluate"])
def test_help_speaks_the_language_of_the_locale(tmp_path: Path, command: str, locale: str) -> None:
    args = [] if command == "app" else [command]
    done = run(tmp_path, *args, "--help", **LOCALES[locale])
    assert done.returncode == 0, done.stderr
    shown = _read(done.stdout)
    lang = SPEAKS[locale]
    missing = [line for line in EXPECTED[command, lang] if line not in shown]
    assert missing == [], done.stdout
    foreign = [word for word in ABSENT[lang] if word in shown]
    assert foreign == [], done.stdout


def test_swedish_help_loads_neither_the_model_nor_the_wording_package() -> None:
    """The help's words and the locale rule are read without `kravgen.model`, whose dataclasses
    would slow `kravgen --help` and `kravgen --version` down (bench/bench_startup.py)."""
    code = (
        "import sys\n"
        "from kravgen.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('kravgen.model', 'kravgen.wording') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=clean_env(**SWEDISH),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Användning" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _help_texts(command: Any) -> list[str]:
    """Every help text of a command and of its options and arguments, then its subcommands'."""
    texts = [command.help, *(param.help for param in command.params)]
    for sub in getattr(command, "commands", {}).values():
        texts += _help_texts(sub)
    return texts


def test_every_help_text_comes_from_the_catalogue() -> None:
    """No help text written straight into cli.py, where Swedish readers would get English."""
    written = set(HELP["en"].values())
    texts = _help_texts(typer.main.get_command(app))
    assert len(texts) > 40
    assert [text for text in texts if text not in written] == []
