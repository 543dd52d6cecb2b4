"""Every word a user sees from the CLI and the documents, in Swedish and English.

Library texts (clause texts, questions, area titles) stay in the library's YAML; this module
holds kravgen's own words: the documents' fixed labels (LABELS), the questionnaire (UI) and the
CLI's messages (CLI). Add a language by adding a key to each table; tests check they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kravgen.model import ClauseType, Localized

# What each type of clause is called in the documents and the questionnaire.
CLAUSE_TYPE_LABELS: Mapping[ClauseType, Localized] = MappingProxyType(
    {
        ClauseType.SKA: {"sv": "Ska-krav", "en": "Mandatory requirement"},
        ClauseType.AWARD: {"sv": "Tilldelningskriterium", "en": "Award criterion"},
        ClauseType.CONTRACT: {"sv": "Kontraktsvillkor", "en": "Contract condition"},
        ClauseType.QUALIFICATION: {"sv": "Kvalificeringskrav", "en": "Qualification requirement"},
    }
)

# The fixed words of the annex and the memo, in the document's language.
LABELS: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "annex_title": "Bilaga: Krav på data",
        "memo_title": "PM till beställaren: urval och vägledning",
        "reference_number": "Diarienummer",
        "buyer": "Upphandlande organisation",
        "contact": "Kontaktperson",
        "date": "Datum",
        "library": "Kravbibliotek",
        "contents": "Innehåll",
        "introduction": "Inledning",
        "instructions": "Instruktioner till leverantören",
        "definitions": "Definitioner",
        "requirements": "Krav",
        "requirement": "Krav",
        "type": "Typ",
        "verification": "Verifiering",
        "evaluation": "Utvärdering",
        "response": "Leverantörens svar",
        "fulfilled": "Uppfylls kravet?",
        "accepted": "Accepteras villkoret?",
        "offered": "Ingår det i anbudet?",
        "yes_no": "☐ Ja   ☐ Nej",
        "description": "Beskrivning",
        "description_hint": "Beskriv enligt mallen i avsnittet Beskrivningsmallar.",
        "price": "Pris",
        "price_hint": "Ange priset i prisbilagan på raden:",
        "price_lines": "Rader i prisbilagan",
        "describe_templates": "Beskrivningsmallar",
        "trace": "Spårbarhet: källor och rättsliga hänvisningar",
        "sources": "Källa",
        "legal_refs": "Rättsliga hänvisningar",
        "page": "Sida",
        "of": "av",
        "toc_placeholder": "Högerklicka och välj Uppdatera fält för att visa innehållet.",
        "clause": "Krav-id",
        "selected_why": "Därför valdes kravet",
        "motive": "Motiv",
        "guidance": "Vägledning",
        "not_selected": "Krav som inte valdes",
        "kept_defaults": "Standardvärden att kontrollera",
        "coverage": "Täckning av rekommendationerna",
        "covered": "täckt",
        "gap": "lucka",
        "not-applicable": "ej tillämplig",
        "always": "Väljs alltid",
        "status": "Status",
    },
    "en": {
        "annex_title": "Annex: Requirements on data",
        "memo_title": "Memo to the buyer: selection and guidance",
        "reference_number": "Reference number",
        "buyer": "Contracting authority",
        "contact": "Contact person",
        "date": "Date",
        "library": "Requirement library",
        "contents": "Contents",
        "introduction": "Introduction",
        "instructions": "Instructions to the supplier",
        "definitions": "Definitions",
        "requirements": "Requirements",
        "requirement": "Requirement",
        "type": "Type",
        "verification": "Verification",
        "evaluation": "Evaluation",
        "response": "Supplier's response",
        "fulfilled": "Is the requirement fulfilled?",
        "accepted": "Is the condition accepted?",
        "offered": "Is it part of the tender?",
        "yes_no": "☐ Yes   ☐ No",
        "description": "Description",
        "description_hint": "Describe as set out in the section Description templates.",
        "price": "Price",
        "price_hint": "Give the price in the price annex on the line:",
        "price_lines": "Lines in the price annex",
        "describe_templates": "Description templates",
        "trace": "Traceability: sources and legal references",
        "sources": "Source",
        "legal_refs": "Legal references",
        "page": "Page",
        "of": "of",
        "toc_placeholder": "Right-click and choose Update Field to show the table of contents.",
        "clause": "Requirement id",
        "selected_why": "Why it was selected",
        "motive": "Motive",
        "guidance": "Guidance",
        "not_selected": "Requirements not selected",
        "kept_defaults": "Default values to check",
        "coverage": "Coverage of the recommendations",
        "covered": "covered",
        "gap": "gap",
        "not-applicable": "not applicable",
        "always": "Always selected",
        "status": "Status",
    },
}

# The interactive questionnaire.
UI: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "intro": "kravgen tar fram en bilaga med krav på data till ert förfrågningsunderlag. "
        "Svara på frågorna nedan. Skriv ? för hjälp. Trycker du bara Enter väljs värdet inom "
        "hakparentes. Ctrl-C avbryter utan att något skrivs.",
        "progress": "Fråga {n} av {total}",
        "choose": "Välj 1–{n}",
        "choose_multi": "Välj en eller flera, t.ex. 1,3 (0 = inga)",
        "yesno": "j/n",
        "yes": "ja",
        "no": "nej",
        "none": "(inga)",
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
        "choose_multi": "Choose one or more, e.g. 1,3 (0 = none)",
        "yesno": "y/n",
        "yes": "yes",
        "no": "no",
        "none": "(none)",
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

# What `kravgen new` reports on stderr after writing.
CLI: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "annex": "Bilagan: ",
        "memo": "PM till beställaren: ",
        "answers": "Svarsfil: ",
        "again": "Skapa bilagan igen med: ",
        "next": "Nästa steg: läs PM:et, kontrollera standardvärdena och bifoga bilagan till "
        "förfrågningsunderlaget.",
    },
    "en": {
        "annex": "Annex: ",
        "memo": "Buyer's memo: ",
        "answers": "Answers file: ",
        "again": "Build it again with: ",
        "next": "Next: read the memo, check the default values, and attach the annex to the "
        "tender.",
    },
}

# The response workbook and the CSV (--format xlsx|csv). `kravgen evaluate` finds the sheets
# and columns of a supplier's copy by these names, in any language: the writer and the reader
# share this one table.
WORKBOOK: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "sheet_requirements": "Krav",
        "sheet_instructions": "Instruktioner",
        "sheet_prices": "Prisrader",
        "number": "Nr",
        "id": "Id",
        "area": "Område",
        "type": "Typ",
        "heading": "Rubrik",
        "text": "Kravtext",
        "verification": "Verifiering",
        "to_answer": "Att besvara",
        "answer": "Svar",
        "description": "Beskrivning",
        "attachment": "Bilaga",
        "price_line": "Prisrad",
        "price": "Pris (SEK, exkl. moms)",
        "yes": "Ja",
        "no": "Nej",
        "not_asked": "–",
        "supplier": "Anbudsgivare",
        "how": "Svara på varje rad i bladet Krav: välj Ja eller Nej i kolumnen Svar, skriv en "
        "beskrivning där raden ber om en och ange namnet på en bifogad fil i kolumnen Bilaga. "
        "Ändra inte kravtexterna, id:n eller ordningen på raderna: sådana ändringar syns vid "
        "utvärderingen. Skriv anbudsgivarens namn i den gula cellen ovan.",
        "answer_error": "Välj Ja eller Nej.",
    },
    "en": {
        "sheet_requirements": "Requirements",
        "sheet_instructions": "Instructions",
        "sheet_prices": "Price lines",
        "number": "No.",
        "id": "Id",
        "area": "Area",
        "type": "Type",
        "heading": "Heading",
        "text": "Requirement",
        "verification": "Verification",
        "to_answer": "To answer",
        "answer": "Answer",
        "description": "Description",
        "attachment": "Attachment",
        "price_line": "Price line",
        "price": "Price (SEK, excl. VAT)",
        "yes": "Yes",
        "no": "No",
        "not_asked": "–",
        "supplier": "Tenderer",
        "how": "Answer every row of the sheet Requirements: choose Yes or No in the column "
        "Answer, write a description where the row asks for one and give the name of an "
        "attached file in the column Attachment. Do not change the requirement texts, the ids "
        "or the order of the rows: such changes show when the tenders are evaluated. Write the "
        "tenderer's name in the yellow cell above.",
        "answer_error": "Choose Yes or No.",
    },
}

# `kravgen evaluate`: its report, its matrix workbook and why it refuses a file.
EVALUATION: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "qualified": "kvalificerad",
        "not_qualified": "inte kvalificerad",
        "failed": "ej uppfyllda krav",
        "not_accepted": "villkor som inte accepteras",
        "missing": "svar eller beskrivning saknas",
        "tampered": "ändrade rader",
        "added_value": "mervärde",
        "percent": "procent",
        "sheet_matrix": "Matris",
        "sheet_summary": "Sammanfattning",
        "file": "Fil",
        "cell_missing": "saknas",
        "cell_tampered": "ändrad",
        "output_is_input": "utvärderingen skulle skriva över en fil den läser",
        "output_hint": "välj en annan --output",
        "no_provenance": "arbetsboken saknar kravgens dolda blad; den är inte skapad av "
        "kravgen eller har ändrats",
        "no_sheet": "bladet {name} saknas",
        "no_column": "kolumnen {name} saknas i bladet {sheet}",
        "too_many_rows": "bladet {sheet} har fler än {limit} rader; det läses inte",
        "other_annex": "arbetsboken hör till en annan bilaga ({what} skiljer sig)",
        "other_annex_hint": "jämför med 'kravgen inspect'; utvärdera den mot sin egen bilaga",
        "unreadable": "filen går inte att läsa: {reason}",
        "too_big": "filen är större än {limit} MB",
        "encrypted": "arbetsboken är lösenordsskyddad eller krypterad",
        "encrypted_hint": "be anbudsgivaren om en kopia utan lösenord",
        "not_workbook": "filen är ingen Excel-arbetsbok (.xlsx)",
        "corrupt": "arbetsboken är skadad: {reason}",
        "bomb": "arbetsboken packas upp till mer än {limit} MB; den läses inte",
        "entries": "arbetsboken har fler än {limit} delar; den läses inte",
        "doctype": "arbetsboken innehåller en DOCTYPE-deklaration; den läses inte",
    },
    "en": {
        "qualified": "qualified",
        "not_qualified": "not qualified",
        "failed": "requirements not met",
        "not_accepted": "conditions not accepted",
        "missing": "answer or description missing",
        "tampered": "edited rows",
        "added_value": "added value",
        "percent": "per cent",
        "sheet_matrix": "Matrix",
        "sheet_summary": "Summary",
        "file": "File",
        "cell_missing": "missing",
        "cell_tampered": "edited",
        "output_is_input": "the evaluation would overwrite a file it reads",
        "output_hint": "choose another --output",
        "no_provenance": "the workbook lacks kravgen's hidden sheet; kravgen did not write it, "
        "or it was changed",
        "no_sheet": "the sheet {name} is missing",
        "no_column": "the column {name} is missing from the sheet {sheet}",
        "too_many_rows": "the sheet {sheet} has more than {limit} rows; it is not read",
        "other_annex": "the workbook belongs to another annex (its {what} differs)",
        "other_annex_hint": "compare with 'kravgen inspect'; evaluate it against its own annex",
        "unreadable": "the file cannot be read: {reason}",
        "too_big": "the file is larger than {limit} MB",
        "encrypted": "the workbook is password-protected or encrypted",
        "encrypted_hint": "ask the tenderer for a copy without a password",
        "not_workbook": "the file is not an Excel workbook (.xlsx)",
        "corrupt": "the workbook is damaged: {reason}",
        "bomb": "the workbook unpacks to more than {limit} MB; it is not read",
        "entries": "the workbook has more than {limit} parts; it is not read",
        "doctype": "the workbook holds a DOCTYPE declaration; it is not read",
    },
}


def in_language(table: Mapping[str, Mapping[str, str]], lang: str) -> Mapping[str, str]:
    """One language's words of a table; Swedish, the annex's first language, when unknown."""
    return table.get(lang) or table["sv"]


# Ctrl-C can come before the language is known, so the message carries both.
INTERRUPTED = "\nAvbrutet. Inget har skrivits. (Interrupted; nothing was written.)"


def yes_no(value: bool, lang: str) -> str:
    """A yes/no answer as the user reads it ("ja"/"nej" in Swedish); English otherwise."""
    words = UI.get(lang, UI["en"])
    return words["yes"] if value else words["no"]
