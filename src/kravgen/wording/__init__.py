"""Every word a user sees from the CLI and the documents, in Swedish and English.

Library texts (clause texts, questions, area titles) stay in the library's YAML; this module
holds kravgen's own words: the documents' fixed labels (LABELS), the questionnaire (UI) and the
CLI's messages (CLI). The help (HELP) and the locale rule live in `kravgen.wording_help`,
where `kravgen --help` reaches them without loading the model; they are re-exported here.
Add a language by adding a key to each table; tests check they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kravgen.model import ClauseType, Localized, PrincipleStatus
from kravgen.wording.documents import LABELS as LABELS
from kravgen.wording.spreadsheets import EVALUATION as EVALUATION
from kravgen.wording.spreadsheets import WORKBOOK as WORKBOOK
from kravgen.wording_help import HELP as HELP
from kravgen.wording_help import locale_language as locale_language

# What each type of clause is called in the documents and the questionnaire.
CLAUSE_TYPE_LABELS: Mapping[ClauseType, Localized] = MappingProxyType(
    {
        ClauseType.SKA: {"sv": "Ska-krav", "en": "Mandatory requirement"},
        ClauseType.AWARD: {"sv": "Tilldelningskriterium", "en": "Award criterion"},
        ClauseType.CONTRACT: {"sv": "Kontraktsvillkor", "en": "Contract condition"},
        ClauseType.QUALIFICATION: {"sv": "Kvalificeringskrav", "en": "Qualification requirement"},
    }
)

# Where a principle's wording comes from, printed beside it so that a heading of Digg's 2020
# consultation draft is never read as a decided principle.
PRINCIPLE_STATUS_LABELS: Mapping[PrincipleStatus, Localized] = MappingProxyType(
    {
        PrincipleStatus.FINAL: {
            "sv": "Diggs beslutade princip",
            "en": "Digg's decided principle",
        },
        PrincipleStatus.DRAFT_2020: {
            "sv": "Rubrik i Diggs remissutkast 2020, inte beslutad lydelse",
            "en": "Heading of Digg's 2020 consultation draft, not decided wording",
        },
        PrincipleStatus.GUIDANCE: {
            "sv": "Ur Diggs vägledning, inte en av principerna",
            "en": "From Digg's guidance, not one of the principles",
        },
    }
)

# The interactive questionnaire.
UI: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "intro": "kravgen tar fram en bilaga med krav på data till ert förfrågningsunderlag. "
        "Svara på frågorna nedan. Skriv ? för hjälp. Trycker du bara Enter väljs värdet inom "
        "hakparentes. Ctrl-C avbryter utan att något skrivs.",
        "progress": "Fråga {n} av {total}",
        "choose": "Välj 1–{n}",
        "choose_multi": "Välj en eller flera, t.ex. 1,3 (tomt = inga)",
        "choose_multi_default": "Välj en eller flera, t.ex. 1,3 (0 = inga)",
        "yesno": "j/n",
        "yes": "ja",
        "no": "nej",
        "none": "(inga)",
        "unanswered": "(inget svar)",
        "preset": "Givna i förväg (svarsfil eller --set):",
        "kept": "Standardvärden som behölls utan fråga (--keep-defaults):",
        "no_such_date": "Datumet {date} finns inte i kalendern.",
        "required": "Frågan måste besvaras.",
        "invalid": "Ogiltigt svar. {hint}",
        "no_help": "Det finns ingen hjälptext till den här frågan.",
        "review": "Granska svaren",
        "summary": "Urval: {total} krav ({types})",
        "per_area": "  {area}: {count}",
        "change": "Skriv numret på ett svar du vill ändra, eller tryck Enter för att skapa bilagan",
        "not_number": "Skriv ett nummer mellan 1 och {n}, eller tryck Enter.",
        "want_choice": "Välj ett nummer från 1 till {n}.",
        "want_multi": "Välj nummer åtskilda med kommatecken, t.ex. 1,3, eller 0 för inga.",
        "want_yesno": "Svara j (ja) eller n (nej).",
        "want_number": "Ange ett heltal",
        "want_range": " från {low} till {high}",
        "want_date": "Ange ett datum på formen ÅÅÅÅ-MM-DD.",
        "want_text": "Skriv en text på högst 2000 tecken, utan styrtecken.",
        "date_hint": "ÅÅÅÅ-MM-DD",
    },
    "en": {
        "intro": "kravgen produces an annex of requirements on data for your tender documents. "
        "Answer the questions below. Type ? for help. Pressing Enter alone picks the value in "
        "brackets. Ctrl-C stops without writing anything.",
        "progress": "Question {n} of {total}",
        "choose": "Choose 1–{n}",
        "choose_multi": "Choose one or more, e.g. 1,3 (empty = none)",
        "choose_multi_default": "Choose one or more, e.g. 1,3 (0 = none)",
        "yesno": "y/n",
        "yes": "yes",
        "no": "no",
        "none": "(none)",
        "unanswered": "(no answer)",
        "preset": "Given beforehand (answers file or --set):",
        "kept": "Defaults kept without asking (--keep-defaults):",
        "no_such_date": "The date {date} does not exist in the calendar.",
        "required": "This question must be answered.",
        "invalid": "Invalid answer. {hint}",
        "no_help": "There is no help text for this question.",
        "review": "Review your answers",
        "summary": "Selection: {total} requirements ({types})",
        "per_area": "  {area}: {count}",
        "change": "Type the number of an answer to change it, or press Enter to build the annex",
        "not_number": "Type a number from 1 to {n}, or press Enter.",
        "want_choice": "Choose a number from 1 to {n}.",
        "want_multi": "Choose numbers separated by commas, e.g. 1,3, or 0 for none.",
        "want_yesno": "Answer y (yes) or n (no).",
        "want_number": "Give a whole number",
        "want_range": " from {low} to {high}",
        "want_date": "Give a date written YYYY-MM-DD.",
        "want_text": "Type a text of at most 2000 characters, without control characters.",
        "date_hint": "YYYY-MM-DD",
    },
}

# The CLI's own messages: what `kravgen new` reports after writing, and its errors.
CLI: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "annex": "Bilagan: ",
        "memo": "PM till beställaren: ",
        "answers": "Svarsfil: ",
        "again": "Skapa bilagan igen med: ",
        "next": "Nästa steg: läs PM:et, kontrollera standardvärdena och bifoga bilagan till "
        "förfrågningsunderlaget.",
        "interrupted": "Avbrutet. Inget har skrivits.",
        "interrupted_written": "Avbrutet efter att alla filer skrevs.",
        "internal": "internt fel: {error}\n"
        "Det här är ett fel i kravgen. Kör igen med --debug och rapportera felutskriften.",
        "exists": "filen finns redan; kravgen skriver inte över den",
        "exists_hint": "välj ett annat --output eller lägg till --force",
        "is_dir": "sökvägen är en mapp, inte en fil",
        "no_folder": "mappen {folder} finns inte",
        "no_folder_hint": "skapa den först eller välj ett annat --output",
        "no_name": "{path} är inget filnamn",
        "no_name_hint": "ange ett filnamn, t.ex. --output kravbilaga.docx",
        "cannot_use": "kan inte använda sökvägen: {reason}",
        "is_dir_hint": "ange ett filnamn i mappen, t.ex. --output mapp/kravbilaga.docx",
        "not_regular": "sökvägen finns och är ingen vanlig fil (utan en enhet, en pipe eller "
        "en socket)",
        "not_regular_hint": "kravgen skriver bara vanliga filer; välj ett annat --output",
        "same_file": "{first} och {second} är samma fil",
        "same_file_hint": "bilagan, PM:et och svarsfilen behöver tre olika namn",
        "too_long": "filnamnet är för långt ({size} byte; högst {limit})",
        "too_long_hint": "välj ett kortare --output",
        "cannot_keep_old": "kan inte spara undan den gamla filen för att återställa den om "
        "något går fel: {reason}",
        "appeared": "filen dök upp medan kravgen arbetade; kravgen skriver inte över den",
        "appeared_hint": "en annan körning kanske skriver samma filer; välj ett annat --output",
        "takes_yesno": "true eller false (ja/nej)",
        "takes_number": "ett heltal",
        "takes_from": " från {low}",
        "takes_to": " till {high}",
        "takes_date": "ett datum på formen ÅÅÅÅ-MM-DD",
        "takes_text": "en text på högst {limit} tecken",
        "not_valid": "{value} är inget giltigt svar på {id}",
        "not_valid_hint": "{id} besvaras med {allowed}",
        "answer_markup": "svaret på {id} innehåller mallkod ('{{{{' eller '{{%')",
        "answer_markup_hint": "skriv texten utan '{{{{' och '{{%'",
        "unknown_question": "okänd fråga {id}",
        "did_you_mean": "menade du {id}?",
        "see_questions": "se 'kravgen questions'",
        "set_form": "--set {pair} är inte på formen ID=VÄRDE",
        "set_form_hint": "t.ex. --set export_days=30",
        "answers_shape": "en svarsfil är en mappning med nyckeln 'answers:', som i sin tur mappar "
        "fråge-id till svar",
        "unknown_key": "okänd nyckel {name}",
        "unknown_key_hint": "tillåtna nycklar: {keys}",
        "no_soffice": "PDF kräver LibreOffice, som varken finns i PATH ('soffice') eller där "
        "installationsprogrammet lägger det; inget har skrivits",
        "no_soffice_hint": "installera LibreOffice (www.libreoffice.org) och typsnitten som "
        "bilagan använder; på Debian "
        "eller Ubuntu: apt-get install libreoffice-writer-nogui fonts-crosextra-carlito "
        "fonts-liberation2",
        "no_pdf": "LibreOffice skrev ingen PDF; inget har skrivits ({detail})",
        "no_pdf_hint": "kontrollera att .docx-filen går att öppna i LibreOffice Writer",
        "no_message": "inget meddelande",
        "pdf_timeout": "LibreOffice blev inte klart med PDF:en inom {seconds} sekunder; inget har "
        "skrivits",
        "pdf_timeout_hint": "försök igen, eller skriv docx och konvertera den själv",
        "cannot_write": "kan inte skriva: {reason}",
        "no_file": "filen finns inte",
        "cannot_read": "kan inte läsa filen: {reason}",
        "not_docx": "filen är inte ett Word-dokument (.docx)",
        "not_docx_hint": "ange en .docx-fil som kravgen har skrivit",
        "no_provenance": "filen saknar kravgens dokumentegenskaper, så kravgen har inte "
        "skrivit den",
        "answers_not_yaml": "filen är inte en svarsfil: den är binär, inte YAML-text",
        "answers_not_yaml_hint": "ange svarsfilen (.yaml) som kravgen skrev, "
        "t.ex. bilaga-svar.yaml",
        "format_suffix": "--format {fmt} passar inte filnamnet {name}",
        "format_suffix_hint": "låt filändelsen välja formatet, eller ge filen ändelsen {suffix}",
        "unknown_suffix": "kravgen kan inte skriva {suffix}-filer",
        "unknown_suffix_hint": "ge filen ändelsen {suffixes}",
        "unwritable_suffix": "kravgen kan inte skriva {suffix}-filer i den här versionen",
        "answers_header": "# kravgens svarsfil. Skapa bilagan igen med:\n"
        "#   kravgen new --answers DEN_HÄR_FILEN --output bilaga.docx\n"
        "# Ändra värdena under 'answers'; övriga nycklar beskriver körningen som skrev filen.\n",
        "no_library": "biblioteket finns inte",
        "missing": "svar saknas för: {ids}",
        "missing_hint": "ge dem i en svarsfil (--answers FIL) eller med --set ID=VÄRDE, eller kör "
        "'kravgen new' i en terminal för att få frågorna",
        "changed": "varning: svaren skrevs för {old}; biblioteket är nu {new}. "
        "För den här upphandlingen:",
        "nothing_changed": "inget krav har tillkommit, tagits bort eller formulerats om",
        "added": "krav som tillkommit",
        "removed": "krav som tagits bort",
        "reworded": "krav med ny lydelse",
        "new_questions": "nya frågor",
        "upgrade": "kör 'kravgen new --answers FIL --upgrade' för att besvara dem",
        "asked_again": "{question}: {reason}; frågan ställs igen",
        "no_library_hint": "ett bibliotek är en mapp med .yaml-filer",
        "unasked": "varning: svaret på {question} ({text}) används inte, eftersom frågan inte "
        "ställs med era svar: {reasons}",
    },
    "en": {
        "annex": "Annex: ",
        "memo": "Buyer's memo: ",
        "answers": "Answers file: ",
        "again": "Build it again with: ",
        "next": "Next: read the memo, check the default values, and attach the annex to the "
        "tender.",
        "interrupted": "Interrupted. Nothing was written.",
        "interrupted_written": "Interrupted after every file had been written.",
        "internal": "internal error: {error}\n"
        "This is a bug in kravgen. Run again with --debug and report the traceback.",
        "exists": "the file already exists; kravgen does not overwrite it",
        "exists_hint": "choose another --output or add --force",
        "is_dir": "the path is a folder, not a file",
        "no_folder": "the folder {folder} does not exist",
        "no_folder_hint": "create it first or choose another --output",
        "no_name": "{path} names no file",
        "no_name_hint": "give a file name such as --output kravbilaga.docx",
        "cannot_use": "cannot use the path: {reason}",
        "is_dir_hint": "give a file name inside it, such as --output folder/kravbilaga.docx",
        "not_regular": "the path exists and is not a regular file (a device, pipe or socket)",
        "not_regular_hint": "kravgen writes regular files only; choose another --output",
        "same_file": "{first} and {second} are the same file",
        "same_file_hint": "the annex, the memo and the answers file need three different names",
        "too_long": "the file name is too long ({size} bytes; at most {limit})",
        "too_long_hint": "choose a shorter --output",
        "cannot_keep_old": "cannot keep the old file to restore it on failure: {reason}",
        "appeared": "the file appeared while kravgen was working; kravgen does not overwrite it",
        "appeared_hint": "another run may be writing the same files; choose another --output",
        "takes_yesno": "true or false (ja/nej, yes/no)",
        "takes_number": "a whole number",
        "takes_from": " from {low}",
        "takes_to": " to {high}",
        "takes_date": "a date written YYYY-MM-DD",
        "takes_text": "text of at most {limit} characters",
        "not_valid": "{value} is not a valid answer to {id}",
        "not_valid_hint": "{id} takes {allowed}",
        "answer_markup": "the answer to {id} holds template markup ('{{{{' or '{{%')",
        "answer_markup_hint": "write the text without '{{{{' and '{{%'",
        "unknown_question": "unknown question {id}",
        "did_you_mean": "did you mean {id}?",
        "see_questions": "see 'kravgen questions'",
        "set_form": "--set {pair} is not ID=VALUE",
        "set_form_hint": "e.g. --set export_days=30",
        "answers_shape": "an answers file is a mapping with an 'answers:' mapping of question id "
        "to value",
        "unknown_key": "unknown key {name}",
        "unknown_key_hint": "allowed keys: {keys}",
        "no_soffice": "PDF output needs LibreOffice, which is neither on PATH ('soffice') nor "
        "where its installer puts it; nothing was written",
        "no_soffice_hint": "install LibreOffice (www.libreoffice.org) and the fonts the annex "
        "uses; on Debian or Ubuntu: "
        "apt-get install libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2",
        "no_pdf": "LibreOffice wrote no PDF; nothing was written ({detail})",
        "no_pdf_hint": "check that the .docx opens in LibreOffice Writer",
        "no_message": "no message",
        "pdf_timeout": "LibreOffice did not finish the PDF within {seconds} seconds; nothing was "
        "written",
        "pdf_timeout_hint": "try again, or write docx and convert it yourself",
        "cannot_write": "cannot write: {reason}",
        "no_file": "the file does not exist",
        "cannot_read": "cannot read the file: {reason}",
        "not_docx": "the file is not a Word document (.docx)",
        "not_docx_hint": "give a .docx file written by kravgen",
        "no_provenance": "the file has no document properties from kravgen, so kravgen did not "
        "write it",
        "answers_not_yaml": "this is not an answers file: it is binary, not YAML text",
        "answers_not_yaml_hint": "give the answers file (.yaml) kravgen wrote, "
        "e.g. bid-answers.yaml",
        "format_suffix": "--format {fmt} does not fit the file name {name}",
        "format_suffix_hint": "let the suffix choose the format, or name the file with {suffix}",
        "unknown_suffix": "kravgen cannot write {suffix} files",
        "unknown_suffix_hint": "name the file with {suffixes}",
        "unwritable_suffix": "kravgen cannot write {suffix} files in this version",
        "answers_header": "# kravgen answers file. Replay with:\n"
        "#   kravgen new --answers THIS_FILE --output bid.docx\n"
        "# Edit the values under 'answers'; the other keys record the run that wrote it.\n",
        "no_library": "the library does not exist",
        "missing": "answers missing for: {ids}",
        "missing_hint": "give them in an answers file (--answers FILE) or with --set ID=VALUE, or "
        "run 'kravgen new' in a terminal to be asked",
        "changed": "warning: the answers were written for {old}; the library is now {new}. "
        "For this procurement:",
        "nothing_changed": "no clause was added, removed or reworded",
        "added": "clauses added",
        "removed": "clauses removed",
        "reworded": "clauses reworded",
        "new_questions": "new questions",
        "upgrade": "run 'kravgen new --answers FILE --upgrade' to answer them",
        "asked_again": "{question}: {reason}; it will be asked again",
        "no_library_hint": "a library is a folder of .yaml files",
        "unasked": "warning: the answer to {question} ({text}) is not used, because the "
        "question is not asked given your answers: {reasons}",
    },
}


def in_language(table: Mapping[str, Mapping[str, str]], lang: str) -> Mapping[str, str]:
    """One language's words of a table; Swedish, the annex's first language, when unknown."""
    return table.get(lang) or table["sv"]


# Ctrl-C can come before the language is known, so the messages carry both. The second is for
# a Ctrl-C or SIGTERM that arrives after every output file is in place.
INTERRUPTED = "\nAvbrutet. Inget har skrivits. (Interrupted; nothing was written.)"
INTERRUPTED_AFTER_WRITING = (
    "\nAvbrutet efter att alla filer skrevs. (Interrupted; every file had been written.)"
)

# `kravgen explain` as text: the legend and what a clause's condition needed.
EXPLAIN: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "legend": "+ kravet är med i bilagan, - kravet är bortvalt; under varje krav står "
        "frågan och ert svar.",
        "always": "alltid med (kravet har inget villkor)",
        "needs_in": "kravet gäller bara vid: {values}",
        "needs_not_in": "kravet gäller inte vid: {values}",
        "needs_min": "kravet gäller från {value}",
        "needs_max": "kravet gäller upp till {value}",
        "needs_answered": "kravet gäller bara om frågan besvaras",
        "or": " eller ",
        "yes": "ja",
        "no": "nej",
        "unanswered": "obesvarad",
    },
    "en": {
        "legend": "+ the clause is in the annex, - the clause is left out; below each clause "
        "are the question and your answer.",
        "always": "always included (the clause has no condition)",
        "needs_in": "the clause applies only for: {values}",
        "needs_not_in": "the clause does not apply for: {values}",
        "needs_min": "the clause applies from {value}",
        "needs_max": "the clause applies up to {value}",
        "needs_answered": "the clause applies only if the question is answered",
        "or": " or ",
        "yes": "yes",
        "no": "no",
        "unanswered": "not answered",
    },
}


LANGUAGES = ("sv", "en")


def message(key: str, lang: str, **fields: object) -> str:
    """One of the CLI's messages in `lang` (English for a language kravgen lacks)."""
    return CLI[lang if lang in CLI else "en"][key].format(**fields)


def message_language(explicit: str | None) -> str:
    """--lang when given, else the locale's language."""
    return explicit if explicit in LANGUAGES else locale_language()


def yes_no(value: bool, lang: str) -> str:
    """A yes/no answer as the user reads it ("ja"/"nej" in Swedish); English otherwise."""
    words = UI.get(lang, UI["en"])
    return words["yes"] if value else words["no"]


def group_digits(value: int, lang: str) -> str:
    """A number as the documents print it: from five digits on, thousands apart by a no-break
    space in Swedish ("10 000"), by a comma in English ("10,000"); "2026" and "1024" stay whole,
    as Swedish typography allows and validate's KG508 expects."""
    if abs(value) < 10_000:
        return str(value)
    grouped = f"{value:,}"
    return grouped.replace(",", "\u00a0") if lang == "sv" else grouped
