"""The CLI's own messages in Swedish and English, and how the language is chosen.

A session (`kravgen new`) speaks its language: `--lang`, else the answers file's, else Swedish.
A message outside a session follows `--lang` where the command has it, then the locale
(LC_ALL, LC_MESSAGES, LANG, as gettext reads them), then English. Findings of `validate` are
for library maintainers and stay English.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("sv", "en")

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "sv": {
        "interrupted": "Avbrutet. Inget har skrivits.",
        "internal": "internt fel: {error}\n"
        "Det här är ett fel i kravgen. Kör igen med --debug och rapportera felutskriften.",
        "exists": "filen finns redan; kravgen skriver inte över den",
        "exists_hint": "välj ett annat --output eller lägg till --force",
        "is_dir": "sökvägen är en mapp, inte en fil",
        "no_folder": "mappen {folder} finns inte",
        "no_folder_hint": "skapa den först eller välj ett annat --output",
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
        "no_library_hint": "ett bibliotek är en mapp med .yaml-filer",
    },
    "en": {
        "interrupted": "Interrupted. Nothing was written.",
        "internal": "internal error: {error}\n"
        "This is a bug in kravgen. Run again with --debug and report the traceback.",
        "exists": "the file already exists; kravgen does not overwrite it",
        "exists_hint": "choose another --output or add --force",
        "is_dir": "the path is a folder, not a file",
        "no_folder": "the folder {folder} does not exist",
        "no_folder_hint": "create it first or choose another --output",
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
        "no_library_hint": "a library is a folder of .yaml files",
    },
}


def message(key: str, lang: str, **fields: object) -> str:
    """One message in `lang`, its fields filled in."""
    return MESSAGES[lang if lang in MESSAGES else "en"][key].format(**fields)


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale, as gettext picks it: the first variable set wins."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def message_language(explicit: str | None) -> str:
    """`--lang` when given, else the locale's language."""
    return explicit if explicit in LANGUAGES else locale_language()
