"""Every word a user sees from the CLI and the documents, in Swedish and English.

Library texts (clause texts, questions, area titles) stay in the library's YAML; this module
holds kravgen's own words: the documents' fixed labels (LABELS), the questionnaire (UI) and the
CLI's messages (CLI). Add a language by adding a key to each table; tests check they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from kravgen.model import ClauseType, Localized, PrincipleStatus

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
        "price": "Prisrad",
        "price_hint": "Ange priset i prisbilagan på raden:",
        "price_lines": "Rader i prisbilagan",
        "describe_templates": "Beskrivningsmallar",
        "trace": "Spårbarhet: källor, lagar och standarder",
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
        "kept_defaults": "Värden ni inte har angett själva",
        "coverage": "Täckning av rekommendationerna",
        "covered": "täckt",
        "gap": "lucka",
        "not-applicable": "ej tillämplig",
        "always": "Väljs alltid",
        "status": "Status",
        "yes": "Ja",
        "value": "Värde",
        "no": "Nej",
        "description_placeholder": "Klicka här och skriv beskrivningen.",
        "response_caption": "Leverantörens svar på {id}",
        "response_description": "Kryssa i Ja eller Nej och skriv beskrivningen i fältet där "
        "kravet begär en.",
        "price_line": "Prisrad",
        "price_what": "Det som ska prissättas",
        "price_caption": "Rader i prisbilagan: krav och det som ska prissättas",
        "describe_caption": "Beskrivningsmallar: det varje beskrivning ska innehålla",
        "trace_caption": "Spårbarhet: källa, lagar och standarder för varje krav",
        "facts_caption": "Uppgifter om upphandlingen",
        "laws": "Lagar och förordningar",
        "standards": "Standarder och specifikationer",
        "own_practice": "Beställarens eget krav",
        "summary": "Sammanfattning",
        "summary_total": "{total} krav valdes: {types}.",
        "summary_areas": "Per område: {areas}.",
        "summary_none": "Inget krav valdes.",
        "todo": "Att göra före annonsering",
        "todo_intro": "Gå igenom punkterna nedan innan förfrågningsunderlaget annonseras.",
        "award_values": "Tilldelningskriterier och deras värden",
        "award_total": "Summa: {total}",
        "own_annexes": "Bilagor som ni själva skriver och bifogar",
        "own_annex_line": "{annex} (krav {ids})",
        "absent_areas": "Områden utan krav",
        "absent_why": "Inget krav valdes eftersom ni svarade {answers}.",
        "absent_unknown": "Inget krav i området passar svaren.",
        "answered": "{value} på ”{question}”",
        "not_selected_because": "Inte valt eftersom ni svarade {answers}.",
        "not_answered": "Inte valt eftersom frågan ”{question}” inte besvarades.",
        "and": "och",
        "own_practice_note": "Krav vars källa anges som ”beställarens eget krav” i bilagan "
        "bygger på kravgens egen bedömning av god praxis vid upphandling av data, inte på Diggs "
        "rekommendationer.",
        "coverage_note": "”Ej tillämplig” betyder att era svar utesluter rekommendationen; "
        "”lucka” att den gäller er upphandling men att inget valt krav täcker den.",
        "checklist": "Checklista",
        "relied_on_by": "Krav som bygger på detta",
        "changed_by_organisation": "Ändrad av organisationen",
        "principles": "Nationella principer som de valda kraven stödjer",
        "principle": "Princip",
        "principle_origin": "Ursprung",
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
        "price": "Price line",
        "price_hint": "Give the price in the price annex on the line:",
        "price_lines": "Lines in the price annex",
        "describe_templates": "Description templates",
        "trace": "Traceability: sources, laws and standards",
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
        "kept_defaults": "Values you did not give yourselves",
        "coverage": "Coverage of the recommendations",
        "covered": "covered",
        "gap": "gap",
        "not-applicable": "not applicable",
        "always": "Always selected",
        "status": "Status",
        "yes": "Yes",
        "value": "Value",
        "no": "No",
        "description_placeholder": "Click here and type the description.",
        "response_caption": "The supplier's response to {id}",
        "response_description": "Tick Yes or No, and type the description in the field where "
        "the requirement asks for one.",
        "price_line": "Price line",
        "price_what": "What to price",
        "price_caption": "Lines in the price annex: requirement and what to price",
        "describe_caption": "Description templates: what each description must contain",
        "trace_caption": "Traceability: source, laws and standards of each requirement",
        "facts_caption": "Facts about the procurement",
        "laws": "Laws and regulations",
        "standards": "Standards and specifications",
        "own_practice": "The buyer's own requirement",
        "summary": "Summary",
        "summary_total": "{total} requirements were selected: {types}.",
        "summary_areas": "Per area: {areas}.",
        "summary_none": "No requirement was selected.",
        "todo": "To do before the notice is published",
        "todo_intro": "Go through the points below before the tender documents are advertised.",
        "award_values": "Award criteria and their values",
        "award_total": "Total: {total}",
        "own_annexes": "Annexes you write and attach yourselves",
        "own_annex_line": "{annex} (requirements {ids})",
        "absent_areas": "Areas without requirements",
        "absent_why": "No requirement was selected because you answered {answers}.",
        "absent_unknown": "No requirement of the area fits the answers.",
        "answered": "{value} to “{question}”",
        "not_selected_because": "Not selected because you answered {answers}.",
        "not_answered": "Not selected because “{question}” was not answered.",
        "and": "and",
        "own_practice_note": "Requirements whose source the annex gives as “the buyer's own "
        "requirement” rest on kravgen's own judgement of good practice in procuring data, not on "
        "Digg's recommendations.",
        "coverage_note": "“Not applicable” means that your answers rule the recommendation out; "
        "“gap” that it applies to your procurement but no selected requirement covers it.",
        "checklist": "Checklist",
        "relied_on_by": "Requirements that rely on it",
        "changed_by_organisation": "Changed by the organisation",
        "principles": "National principles the selected requirements serve",
        "principle": "Principle",
        "principle_origin": "Origin",
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
        "unasked": "warning: the answer to {question} ({text}) is not used, because the "
        "question is not asked given your answers: {reasons}",
    },
}

# Ctrl-C can come before the language is known, so the messages carry both. The second is for
# a Ctrl-C or SIGTERM that arrives after every output file is in place.
INTERRUPTED = "\nAvbrutet. Inget har skrivits. (Interrupted; nothing was written.)"
INTERRUPTED_AFTER_WRITING = (
    "\nAvbrutet efter att alla filer skrevs. (Interrupted; every file had been written.)"
)


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
