"""The words of the response workbook, the CSV and `kravgen evaluate`, in Swedish and English.

Part of the one wording catalogue (`kravgen.wording` re-exports these tables); kept in a module
of its own so that each stays short.
"""

from __future__ import annotations

from collections.abc import Mapping

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
        "supplier": "Leverantör",
        "how": "Svara på varje rad i bladet Krav: välj Ja eller Nej i kolumnen Svar, skriv en "
        "beskrivning där raden ber om en och ange namnet på en bifogad fil i kolumnen Bilaga. "
        "Ändra inte kravtexterna, id:n eller ordningen på raderna: sådana ändringar syns vid "
        "utvärderingen. Skriv leverantörens namn i den gula cellen ovan.",
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
        "supplier": "Supplier",
        "how": "Answer every row of the sheet Requirements: choose Yes or No in the column "
        "Answer, write a description where the row asks for one and give the name of an "
        "attached file in the column Attachment. Do not change the requirement texts, the ids "
        "or the order of the rows: such changes show when the tenders are evaluated. Write the "
        "supplier's name in the yellow cell above.",
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
        "encrypted_hint": "be leverantören om en kopia utan lösenord",
        "not_workbook": "filen är ingen Excel-arbetsbok (.xlsx)",
        "corrupt": "arbetsboken är skadad: {reason}",
        "bomb": "arbetsboken packas upp till mer än {limit} MB; den läses inte",
        "entries": "arbetsboken har fler än {limit} delar; den läses inte",
        "doctype": "arbetsboken innehåller en DOCTYPE-deklaration; den läses inte",
        "not_docx": "filen är inget Word-dokument (.docx)",
        "docx_no_provenance": "Word-dokumentet saknar kravgens dokumentegenskaper; det är inte "
        "skapat av kravgen eller har ändrats",
        "docx_other_annex": "Word-dokumentet hör till en annan bilaga ({what} skiljer sig)",
        "docx_encrypted": "Word-dokumentet är lösenordsskyddat eller krypterat",
        "docx_corrupt": "Word-dokumentet är skadat: {reason}",
        "docx_bomb": "Word-dokumentet packas upp till mer än {limit} MB; det läses inte",
        "docx_entries": "Word-dokumentet har fler än {limit} delar; det läses inte",
        "docx_doctype": "Word-dokumentet innehåller en DOCTYPE-deklaration; det läses inte",
        "docx_no_fields": "Word-dokumentet har inget av kravgens svarsfält kvar; programmet "
        "som sparade det har troligen tagit bort dem",
        "docx_no_fields_hint": "be leverantören fylla i bilagan i Microsoft Word eller svara i "
        "arbetsboken (LibreOffice 7.4 tar bort fältens taggar när det sparar)",
        "annex_is_docx": "Word-bilagan räcker inte att utvärdera mot: den anger inte "
        "kravens typ eller tilldelningskriteriernas mervärde",
        "annex_is_docx_hint": "ange arbetsboken (kravgen new --format xlsx) eller svarsfilen "
        "som bilagan gjordes från; leverantörernas Word-kopior läses som vanligt",
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
        "encrypted_hint": "ask the supplier for a copy without a password",
        "not_workbook": "the file is not an Excel workbook (.xlsx)",
        "corrupt": "the workbook is damaged: {reason}",
        "bomb": "the workbook unpacks to more than {limit} MB; it is not read",
        "entries": "the workbook has more than {limit} parts; it is not read",
        "doctype": "the workbook holds a DOCTYPE declaration; it is not read",
        "not_docx": "the file is not a Word document (.docx)",
        "docx_no_provenance": "the Word document lacks kravgen's document properties; kravgen "
        "did not write it, or it was changed",
        "docx_other_annex": "the Word document belongs to another annex (its {what} differs)",
        "docx_encrypted": "the Word document is password-protected or encrypted",
        "docx_corrupt": "the Word document is damaged: {reason}",
        "docx_bomb": "the Word document unpacks to more than {limit} MB; it is not read",
        "docx_entries": "the Word document has more than {limit} parts; it is not read",
        "docx_doctype": "the Word document holds a DOCTYPE declaration; it is not read",
        "docx_no_fields": "the Word document has none of kravgen's answer fields left; the "
        "program that saved it probably removed them",
        "docx_no_fields_hint": "ask the supplier to fill in the annex in Microsoft Word or to "
        "answer in the workbook (LibreOffice 7.4 drops the fields' tags when it saves)",
        "annex_is_docx": "the Word annex is not enough to evaluate against: it does not "
        "record the requirements' types or the award criteria's added value",
        "annex_is_docx_hint": "give the workbook (kravgen new --format xlsx) or the answers file "
        "the annex was made from; the suppliers' Word copies are read as usual",
    },
}
