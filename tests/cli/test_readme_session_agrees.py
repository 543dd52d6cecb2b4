"""The README's session transcript (made by scripts/readme_session.py) agrees with itself."""

from __future__ import annotations

import re
import shlex

from conftest import REPO


def _transcript() -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("## A session") :]
    start = section.index("```text\n") + len("```text\n")
    return section[start : section.index("\n```", start)]


def test_the_totals_only_shrink_and_the_review_ends_within_them() -> None:
    text = _transcript()
    shown = [tuple(map(int, m)) for m in re.findall(r"^Fråga (\d+) av (\d+)$", text, re.M)]
    assert shown
    totals = [total for _, total in shown]
    assert totals == sorted(totals, reverse=True)
    assert all(n <= total for n, total in shown)
    last = max(int(n) for n in re.findall(r"^ *(\d+)\. ", text, re.M))
    assert shown[-1][0] <= last <= totals[-1]


def test_each_choice_offers_as_many_numbers_as_it_lists() -> None:
    for block in re.split(r"\n\n", _transcript()):
        options = re.findall(r"^  (\d+)\) ", block, re.M)
        ranges = re.findall(r"^Välj 1–(\d+)", block, re.M)
        for upper in ranges:
            assert int(upper) == len(options), block


def test_the_files_named_fit_the_command_and_the_rebuild_command() -> None:
    text = _transcript()
    command = shlex.split(text.splitlines()[0].removeprefix("$ "))
    annex = command[command.index("--output") + 1]
    stem = annex.rsplit(".", 1)[0]
    assert f"Bilagan: {annex}\n" in text
    assert f"PM till beställaren: {stem}-pm.docx\n" in text
    assert f"Svarsfil: {stem}-svar.yaml\n" in text
    rebuild = shlex.split(text.split("Skapa bilagan igen med: ", 1)[1].splitlines()[0])
    assert rebuild[rebuild.index("--answers") + 1] == f"{stem}-svar.yaml"
    assert rebuild[rebuild.index("--output") + 1] == annex
    assert text.rstrip().splitlines()[-1].startswith("Nästa steg:")
