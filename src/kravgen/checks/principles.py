"""KG210 and the references of the principles registry and the checklist: every principle a
clause lists exists, every principle names a source in the registry, and every clause a
checklist item relies on exists (KG206, as for `replaces`)."""

from __future__ import annotations

from kravgen.checks.answerspace import LibraryIndex
from kravgen.checks.references import SOURCE_KINDS
from kravgen.errors import Finding, did_you_mean
from kravgen.model import Library


def check_principles(library: Library, index: LibraryIndex) -> list[Finding]:
    """KG210 for clauses, KG204/KG209 for principles' sources, KG206 for checklist clauses."""
    known = [p.id for p in library.principles]
    findings = []
    for clause in library.clauses:
        for i, principle in enumerate(clause.principles):
            if principle in known:
                continue
            findings.append(
                Finding(
                    "KG210",
                    f"clause {clause.id}: unknown principle {principle!r}",
                    clause.at(f"principles[{i}]"),
                    did_you_mean(principle, known) or "add it to 'principles'",
                )
            )
    for entry in library.principles:
        ref = index.references.get(entry.source)
        if ref is None:
            hint = did_you_mean(entry.source, index.references) or "add it to 'references'"
            message = f"principle {entry.id}: unknown reference {entry.source!r} in source"
            findings.append(Finding("KG204", message, entry.at("source"), hint))
        elif ref.kind not in SOURCE_KINDS:
            message = f"principle {entry.id}: source names {entry.source!r}, a {ref.kind}"
            hint = "a principle's source is a reference of kind recommendation or guidance"
            findings.append(Finding("KG209", message, entry.at("source"), hint))
    for item in library.checklist:
        for i, clause_id in enumerate(item.clauses):
            if clause_id not in index.clauses:
                findings.append(
                    Finding(
                        "KG206",
                        f"checklist item {item.id}: names unknown clause {clause_id!r}",
                        item.at(f"clauses[{i}]"),
                        did_you_mean(clause_id, index.clauses),
                    )
                )
    return findings
