"""Run a real `kravgen new` session in a pseudo-terminal and print the README's transcript.

    python scripts/readme_session.py          # prints the shortened transcript
    python scripts/readme_session.py --full   # prints every line of the session

The answers are those of a hurried officer: the help of the first question, a cloud service,
Enter wherever a value is offered, "nej" to yes/no questions without one, and the texts below.
The shortened transcript keeps whole blocks of the real output and marks each cut with `…`,
so every number in it (question n of m, the review numbers, the selection) is one the tool
printed. Paste it into README.md, section "A session".
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import pexpect

TEXTS = {
    "upphandlande organisationen": "Stensjö kommun",
    "Vad heter upphandlingen": "Verksamhetssystem för socialtjänsten",
    "diarienummer": "SK-2026-14",
    "kontaktperson": "Anna Lindqvist, upphandlare",
}
DATE = "2026-12-01"
PROMPTS = {
    "choice_default": r"Välj 1–\d+ \[\d+\]: ",
    "choice": r"Välj 1–\d+: ",
    "default": r"\] ?: ",
    "yesno": r"j/n: ",
    "multi": r"Välj en eller flera[^\r\n]*: ",
    "date": r"ÅÅÅÅ-MM-DD(?: \[[^\]]*\])?: ",
    "text": r"\n> ",
    "review": r"skapa bilagan: ",
}


def run_session(workdir: Path) -> str:
    """The whole session as the terminal showed it, with Unix line ends."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "KRAVGEN_DEBUG")}
    env.update(COLUMNS="200", LINES="40", NO_COLOR="1", TERM="dumb", LANG="sv_SE.UTF-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kravgen", "new", "--output", "bilaga.docx"],
        cwd=str(workdir),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )
    transcript: list[str] = []
    child.logfile_read = _Collector(transcript)
    kinds = list(PROMPTS)
    helped = False
    choices = 0  # choices without a default answered so far
    while True:
        kind = kinds[child.expect(list(PROMPTS.values()))]
        if kind == "review":
            child.sendline("")
            break
        if not helped:
            child.sendline("?")
            helped = True
            continue
        child.sendline(_reply(kind, str(child.before), choices))
        if kind == "choice":
            choices += 1
    child.expect(pexpect.EOF)
    child.close()
    return "$ kravgen new --output bilaga.docx\n" + "".join(transcript).replace("\r\n", "\n")


class _Collector:
    """pexpect's logfile: keeps what the terminal showed, typed echoes included."""

    def __init__(self, out: list[str]) -> None:
        self.out = out

    def write(self, text: str) -> None:
        self.out.append(text)

    def flush(self) -> None:
        pass


def _reply(kind: str, before: str, choices: int) -> str:
    if kind == "choice":
        # The first choice without a default (where the solution runs): the supplier's cloud;
        # every later one takes the first option.
        return "2" if choices == 0 else "1"
    if kind == "yesno":
        return "n"
    if kind == "date":
        return DATE
    if kind == "text":
        for words, text in TEXTS.items():
            if words in before:
                return text
        return "–"
    return ""  # a default, a choice with a default, or none of a multi-choice


def shorten(full: str) -> str:
    """Whole blocks of the session: the start, the first two questions, the first question
    with a number and a default, the ends of the review, and the files written."""
    blocks = re.split(r"\n(?=\nFråga \d+ av \d+\n|\n== )", full)
    keep: list[str] = []
    start, questions = blocks[0], [b for b in blocks[1:] if "Fråga " in b or "== " in b]
    keep.append(start.split("\n")[0] + "\n" + start.split("\n")[1].split(". ")[0] + ". …")
    asked = [b for b in questions if re.search(r"Fråga \d+ av", b)]
    first, second = asked[0], asked[1]
    numbered = next(b for b in asked[2:] if re.search(r"\n[a-zåäö]+ \[\d+\]: \n?$", b))
    heading = next(b for b in questions if b.lstrip("\n").startswith("== Upphandlingen"))
    keep += [heading.rstrip("\n"), _short_help(first), second.rstrip("\n") + "\n…"]
    keep.append(numbered.rstrip("\n") + "\n…")
    review = full[full.index("== Granska svaren ==") :]
    lines = review.split("\n")
    numbered_lines = [i for i, line in enumerate(lines) if re.match(r"\s*\d+\. ", line)]
    summary = next(i for i, line in enumerate(lines) if line.startswith("Urval: "))
    tail = lines[summary + 1 :]
    areas_end = next(i for i, line in enumerate(tail) if not line.startswith("  "))
    keep.append(
        "\n".join(
            [
                lines[0],
                *lines[1:3],
                "  …",
                lines[numbered_lines[-1]],
                "",
                lines[summary],
                tail[0],
                "  …",
                *tail[areas_end:],
            ]
        ).rstrip("\n")
    )
    return "\n".join(keep) + "\n"


def _short_help(block: str) -> str:
    """The help shown after `?`, cut after its first sentence."""
    lines = block.rstrip("\n").split("\n")
    asked = next(i for i, line in enumerate(lines) if line.endswith(": ?"))
    again = next(i for i in range(asked + 1, len(lines)) if lines[i].startswith("Välj "))
    first_sentence = " ".join(lines[asked + 1 : again]).split(". ")[0] + ". …"
    return "\n".join([*lines[: asked + 1], first_sentence, *lines[again:]])


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        full = run_session(Path(folder))
    sys.stdout.write(full if "--full" in sys.argv else shorten(full))
    return 0


if __name__ == "__main__":
    sys.exit(main())
