"""kravgen's help, in Swedish and English, and the rule that picks the language of the locale.

`kravgen --help`, every command's help and the one-line summaries in the command list come
from HELP, one table with the same keys in each language; `kravgen.wording` re-exports it with
the other tables. It is a module beside the `wording` package rather than inside it because
importing anything in that package loads `kravgen.model`, which made `kravgen --help` about
95 ms slower and `kravgen --version` about 65 ms (bench/bench_startup.py, on a loaded
two-core machine). This module imports only the standard library.

The locale rule lives here for the same reason: the CLI needs it before anything else loads.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

# Keys are the app ("app"), a command ("new") or a command's option or argument ("new.output");
# "usage", "options", "arguments", "commands" and "help" are the words kravgen puts into the
# frame typer draws around them. Square brackets are rich markup in typer's help: avoid them.
HELP: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "usage": "Användning: ",
        "options": "Alternativ",
        "arguments": "Argument",
        "commands": "Kommandon",
        "help": "Visa den här hjälpen och avsluta.",
        "app": "Gör en Word-bilaga med krav på data till förfrågningsunderlaget i en svensk "
        "upphandling, utifrån ett kravbibliotek.\n\n"
        "Börja med 'kravgen new'. Avslutningskoder: 0 klart, 1 validate hittade fel, 2 fel i "
        "kommandoraden, 3 felaktig indata eller en fil som inte skrevs, 4 internt fel, "
        "130 avbrutet.",
        "version": "Visa versionen.",
        "debug": "Visa felutskriften (traceback) vid interna fel.",
        "library": "Mapp med ett kravbibliotek; upprepa för att lägga till lager (det första "
        "är grunden). Standard: det medföljande biblioteket, som också kan anges som "
        "'@bundled'.",
        "format": "Utskriftens format.",
        "new": "Besvara frågorna och skriv bilagan, PM:et till beställaren och svarsfilen.",
        "new.answers": "Svarsfil (YAML) att återanvända; dess språk gäller om inte --lang anges.",
        "new.output": "Bilagan som ska skrivas; filändelsen (.docx, .pdf, .md, .xlsx, .csv) "
        "avgör formatet.",
        "new.set": "Kan upprepas; går före svaren i --answers.",
        "new.template": "Mapp med mallen (reference.docx, texter).",
        "new.lang": "Språk för frågorna, bilagan och PM:et. Standard: svarsfilens språk, "
        "annars sv.",
        "new.format": "docx; pdf (PDF/A, kräver LibreOffice); md för granskning; xlsx (en "
        "arbetsbok där leverantören svarar) eller csv. Standard: enligt filändelsen i "
        "--output.",
        "new.no_input": "Ställ aldrig några frågor.",
        "new.upgrade": "Ställ bara de frågor som är nya eller har ändrats.",
        "new.save_answers": "Skriv också svarsfilen hit.",
        "new.force": "Skriv över filer som redan finns.",
        "new.keep_defaults": "Behåll standardvärdena (tidsfrister, gränser, avdrag) utan att "
        "fråga; granskningen listar dem så att de kan ändras. Frågor som avgör vilka krav som "
        "gäller ställs ändå.",
        "validate": "Kontrollera ett kravbibliotek; avslutar med kod 1 om det finns fel (eller "
        "varningar, med --strict).",
        "validate.paths": "Mappar med kravbibliotek, som kontrolleras som lager. Standard: det "
        "medföljande biblioteket.",
        "validate.format": "Hur anmärkningarna skrivs ut.",
        "validate.strict": "Även varningar räknas som fel.",
        "validate.quiet": "Ingen sammanfattande rad.",
        "list": "Visa kraven i kravbiblioteket.",
        "list.lang": "Språk för rubrikerna.",
        "questions": "Visa frågeformuläret (JSON för andra gränssnitt).",
        "questions.lang": "Språk för frågorna, svarsalternativen och hjälptexterna.",
        "explain": "Varje krav, valt eller inte, med de svar som avgjorde det.",
        "explain.answers": "Svarsfil (YAML).",
        "explain.set": "Kan upprepas.",
        "explain.lang": "Språk för förklaringen. Standard: svarsfilens språk, annars sv.",
        "coverage": "Vilka rekommendationer kravbiblioteket täcker, per typ av upphandling, och "
        "vilka principer kraven stöder.",
        "coverage.lang": "Språk för rubrikerna på rekommendationer och principer.",
        "coverage.principles": "Visa bara de nationella principer som kraven stöder.",
        "inspect": "Visa ursprungsuppgifterna som är inbäddade i en bilaga: versioner, "
        "kontrollsummor, kravens id.",
        "inspect.document": "En bilaga (.docx, .xlsx) eller ett PM som kravgen har skrivit.",
        "evaluate": "Utvärdera leverantörernas svar: kvalificerad eller inte, och vilka krav som "
        "inte uppfylls, saknar svar eller har ändrats.",
        "evaluate.annex": "Arbetsboken som kravgen skrev (--format xlsx), eller svarsfilen.",
        "evaluate.filled": "Leverantörernas ifyllda exemplar (.xlsx, .docx).",
        "evaluate.output": "Skriv också en arbetsbok med en matris (krav x leverantörer).",
        "evaluate.force": "Skriv över arbetsboken med matrisen.",
        "evaluate.lang": "Språk för rapporten. Standard: bilagans språk.",
        "schema": "Skriv ut JSON Schema för kravbibliotekets filer (draft-07).",
    },
    "en": {
        "usage": "Usage: ",
        "options": "Options",
        "arguments": "Arguments",
        "commands": "Commands",
        "help": "Show this message and exit.",
        "app": "Turn a library of requirements on data into a Word annex for a Swedish tender."
        "\n\n"
        "Start with 'kravgen new'. Exit codes: 0 ok, 1 validation findings, 2 usage,\n"
        "3 bad input or output refused, 4 internal error, 130 interrupted.",
        "version": "Show the version.",
        "debug": "Show tracebacks of internal errors.",
        "library": "Library folder; repeat to add layers (the first is the base). "
        "Default: the bundled library. '@bundled' names it explicitly.",
        "format": "Output format.",
        "new": "Answer the questions and write the annex, the buyer's memo and the answers file.",
        "new.answers": "Answers file (YAML) to replay; its language is used unless --lang is "
        "given.",
        "new.output": "The annex to write; its suffix (.docx, .pdf, .md, .xlsx, .csv) chooses "
        "the format.",
        "new.set": "Repeatable; wins over --answers.",
        "new.template": "Template folder (reference.docx, texts).",
        "new.lang": "Language of the questions, the annex and the memo. Default: the answers "
        "file's, else sv.",
        "new.format": "docx; pdf (PDF/A, needs LibreOffice); md for review; xlsx (a response "
        "workbook) or csv. Default: from the suffix of --output.",
        "new.no_input": "Never prompt.",
        "new.upgrade": "Ask only questions that are new or changed.",
        "new.save_answers": "Also write the answers file here.",
        "new.force": "Overwrite existing files.",
        "new.keep_defaults": "Keep the default values (periods, limits, deductions) without "
        "asking; the review lists them to change. Questions that decide which requirements "
        "apply are still asked.",
        "validate": "Check a library; exit 1 when there are errors (or warnings with --strict).",
        "validate.paths": "Library folders, validated as layers. Default: the bundled library.",
        "validate.format": "How to print the findings.",
        "validate.strict": "Warnings fail too.",
        "validate.quiet": "No summary line.",
        "list": "Show the clauses of the library.",
        "list.lang": "Language of the titles.",
        "questions": "Show the questionnaire (JSON for other front ends).",
        "questions.lang": "Language of the questions, options and help texts.",
        "explain": "Every clause, selected or not, with the answers that decided it.",
        "explain.answers": "Answers file (YAML).",
        "explain.set": "Repeatable.",
        "explain.lang": "Language of the explanation. Default: the answers file's, else sv.",
        "coverage": "Which recommendations the library covers, per procurement kind, and the "
        "principles served.",
        "coverage.lang": "Language of the titles of recommendations and principles.",
        "coverage.principles": "Show only the national principles the clauses serve.",
        "inspect": "Show the provenance embedded in an annex: versions, digests, clause ids.",
        "inspect.document": "An annex (.docx, .xlsx) or memo written by kravgen.",
        "evaluate": "Check suppliers' answers: qualified or not, what failed, is missing or was "
        "edited.",
        "evaluate.annex": "The workbook kravgen wrote (--format xlsx), or the answers file.",
        "evaluate.filled": "The suppliers' copies (.xlsx, .docx).",
        "evaluate.output": "Also write a matrix workbook (requirements x suppliers).",
        "evaluate.force": "Overwrite the matrix workbook.",
        "evaluate.lang": "Language of the report. Default: the annex's language.",
        "schema": "Print the JSON Schema of library files (draft-07).",
    },
}


def locale_language(
    environ: Mapping[str, str] | None = None, system_locale: str | None = None
) -> str:
    """The language of the user's locale, as gettext picks it: the first variable set wins;
    with none set, as on Windows, the system's locale (`system_locale` stands in for it).

    A session (`kravgen new`) speaks its own language: --lang, else the answers file's, else
    Swedish. A message outside a session follows --lang where the command has it, then this.
    The help follows this alone: it is written before any option is read.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    if system_locale is None:
        # late: only where no variable is set, as on Windows, which names it 'Swedish_Sweden'
        import locale

        system_locale = locale.getlocale()[0]
    return "sv" if (system_locale or "").lower().startswith(("sv", "swedish")) else "en"
