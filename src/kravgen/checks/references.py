"""KG204, KG205, KG209 and KG401: references, areas and definitions exist and are of the right
kind; every text is given in every declared language."""

from __future__ import annotations

from collections.abc import Iterator

from kravgen.checks.answerspace import LibraryIndex
from kravgen.errors import Finding, SourceLocation, did_you_mean
from kravgen.model import Clause, Library, Localized, Located

SOURCE_KINDS = ("recommendation", "guidance")
LEGAL_KINDS = ("law", "regulation", "specification")


def localized_fields(clause: Clause) -> Iterator[tuple[str, Localized]]:
    for name in ("title", "text", "evaluation", "verification", "motive", "guidance"):
        value = getattr(clause, name)
        if value is not None:
            yield name, value
    if clause.response.describe is not None:
        yield "response.describe", clause.response.describe
    if clause.response.price is not None:
        yield "response.price", clause.response.price


def shown_texts(library: Library) -> Iterator[tuple[Localized, Located, str, str]]:
    """Every text a reader sees: (the text, the record holding it, its field as the record's
    locations name it, what it is)."""
    manifest = library.manifest
    yield manifest.description, manifest, "description", "library: description"
    for clause in library.clauses:
        for name, text in localized_fields(clause):
            yield text, clause, name, f"clause {clause.id}: {name}"
    for question in library.questions:
        for name in ("text", "help", "unit"):
            if getattr(question, name):
                yield getattr(question, name), question, name, f"question {question.id}: {name}"
        for i, option in enumerate(question.options):
            what = f"question {question.id}: option {option.value}"
            yield option.label, question, f"options[{i}].label", what
    for area in library.areas:
        yield area.title, area, "title", f"area {area.id}: title"
        if area.intro:
            yield area.intro, area, "intro", f"area {area.id}: intro"
    for section in library.sections:
        yield section.title, section, "title", f"section {section.id}: title"
    for ref in library.references:
        yield ref.title, ref, "title", f"reference {ref.id}: title"
    for term in library.definitions:
        yield term.term, term, "term", f"definition {term.id}: term"
        yield term.text, term, "text", f"definition {term.id}: text"
    for principle in library.principles:
        yield principle.title, principle, "title", f"principle {principle.id}: title"
    for item in library.checklist:
        yield item.text, item, "text", f"checklist item {item.id}: text"


def check_languages(library: Library) -> list[Finding]:
    """KG401: every declared language has a text in every field a reader sees."""
    declared = library.languages
    findings = []
    for text, record, name, what in shown_texts(library):
        absent = [lang for lang in declared if lang not in text]
        if not absent:
            continue
        extra = sorted(set(text) - set(declared))
        hint = f"the manifest declares {', '.join(declared)}"
        if extra:
            hint += f"; {', '.join(extra)} is not one of them (a typo?)"
        message = f"{what} lacks {', '.join(absent)}"
        findings.append(Finding("KG401", message, record.at(name), hint))
    return findings


def check_references(library: Library, index: LibraryIndex) -> list[Finding]:
    """KG204, KG205, KG206, KG209: every id a clause, area or question names exists."""
    findings = []
    for clause in library.clauses:
        findings += _clause_references(index, clause)
    for area in library.areas:
        for i, ref_id in enumerate(area.sources):
            where = area.at(f"sources[{i}]")
            findings += _reference(index, ref_id, "sources", where, f"area {area.id}")
    sections = [s.id for s in library.sections]
    for question in library.questions:
        if question.section not in sections:
            findings.append(
                Finding(
                    "KG205",
                    f"question {question.id}: unknown section {question.section!r}",
                    question.at("section"),
                    did_you_mean(question.section, sections),
                )
            )
    return findings


def _clause_references(index: LibraryIndex, clause: Clause) -> list[Finding]:
    owner = f"clause {clause.id}"
    findings = []
    if clause.area not in index.areas:
        findings.append(
            Finding(
                "KG205",
                f"{owner}: unknown area {clause.area!r}",
                clause.at("area"),
                did_you_mean(clause.area, index.areas),
            )
        )
    for name, ids in (("sources", clause.sources), ("legal_refs", clause.legal_refs)):
        for i, ref_id in enumerate(ids):
            findings += _reference(index, ref_id, name, clause.at(f"{name}[{i}]"), owner)
    for i, term in enumerate(clause.terms):
        if term not in index.definitions:
            findings.append(
                Finding(
                    "KG205",
                    f"{owner}: unknown definition {term!r} in terms",
                    clause.at(f"terms[{i}]"),
                    did_you_mean(term, index.definitions),
                )
            )
    if clause.replaces == clause.id:
        findings.append(
            Finding("KG206", f"{owner}: a clause cannot replace itself", clause.at("replaces"))
        )
    elif clause.replaces is not None and clause.replaces not in index.clauses:
        findings.append(
            Finding(
                "KG206",
                f"{owner}: replaces unknown clause {clause.replaces!r}",
                clause.at("replaces"),
                did_you_mean(clause.replaces, index.clauses),
            )
        )
    return findings


def _reference(
    index: LibraryIndex, ref_id: str, field_name: str, where: SourceLocation, owner: str
) -> list[Finding]:
    refs = index.references
    ref = refs.get(ref_id)
    kinds = SOURCE_KINDS if field_name == "sources" else LEGAL_KINDS
    if ref is None:
        hint = did_you_mean(ref_id, refs) or "add it to 'references'"
        message = f"{owner}: unknown reference {ref_id!r} in {field_name}"
        return [Finding("KG204", message, where, hint)]
    if ref.kind not in kinds:
        return [
            Finding(
                "KG209",
                f"{owner}: {field_name} lists {ref_id!r}, a {ref.kind}",
                where,
                f"{field_name} takes references of kind {', '.join(kinds[:-1])} or {kinds[-1]}",
            )
        ]
    return []
